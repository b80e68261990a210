/// A case number `<office>-<year>-<sequence>`, e.g. `XF-2026-000123`.
///
/// The sequence counts per office and year of receipt, has at least six
/// digits, and is never reused once acknowledged.
public struct CaseNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let office: String
    public let year: Int
    public let sequence: Int

    public init(office: String, year: Int, sequence: Int) {
        self.office = office
        self.year = year
        self.sequence = sequence
    }

    /// Reads `XF-2026-000123`; nil when `text` does not have that shape.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3,
              let sequence = Int(parts[parts.count - 1]), parts[parts.count - 1].count >= 6, sequence > 0,
              let year = Int(parts[parts.count - 2]), parts[parts.count - 2].count == 4
        else { return nil }
        let office = parts[0..<(parts.count - 2)].joined(separator: "-")
        guard !office.isEmpty else { return nil }
        self.init(office: office, year: year, sequence: sequence)
    }

    public var description: String {
        let digits = String(sequence)
        let padded = digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
        return "\(office)-\(year)-\(padded)"
    }

    public static func < (lhs: CaseNumber, rhs: CaseNumber) -> Bool {
        (lhs.office, lhs.year, lhs.sequence) < (rhs.office, rhs.year, rhs.sequence)
    }
}
