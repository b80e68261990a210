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
    ///
    /// Works on the UTF-8 bytes: the office code is everything before `-YYYY-`, the
    /// sequence at least six digits.
    public init?(parsing text: String) {
        var copy = text
        guard let number = copy.withUTF8({ Self.parse($0) }) else { return nil }
        self = number
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CaseNumber? {
        let dash = UInt8(ascii: "-")
        guard let lastDash = bytes.lastIndex(of: dash), lastDash >= 6, bytes[lastDash - 5] == dash else { return nil }
        let digits = bytes.count - lastDash - 1
        guard digits >= 6 && digits <= 18 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let sequence = number((lastDash + 1)..<bytes.count), sequence > 0,
              let year = number((lastDash - 4)..<lastDash) else { return nil }
        let office = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<(lastDash - 5)]), as: UTF8.self)
        return CaseNumber(office: office, year: year, sequence: sequence)
    }

    public var description: String {
        // The usual number written digit by digit (a writer makes one per filing); anything else as text.
        guard (1000...9999).contains(year), (0..<1_000_000).contains(sequence) else {
            let digits = String(sequence)
            let padded = digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
            return "\(office)-\(year)-\(padded)"
        }
        var office = office
        return office.withUTF8 { code in
            String(unsafeUninitializedCapacity: code.count + 12) { out in
                _ = out.initialize(fromContentsOf: code)
                var index = code.count
                out[index] = UInt8(ascii: "-")
                var value = year * 1_000_000 + sequence
                for position in stride(from: index + 11, to: index, by: -1) where position != index + 5 {
                    out[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                out[index + 5] = UInt8(ascii: "-")
                index += 12
                return index
            }
        }
    }

    public static func < (lhs: CaseNumber, rhs: CaseNumber) -> Bool {
        (lhs.office, lhs.year, lhs.sequence) < (rhs.office, rhs.year, rhs.sequence)
    }
}
