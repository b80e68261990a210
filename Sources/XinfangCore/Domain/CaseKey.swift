/// A case number's office, year and sequence, read once from its bytes where an event is decoded,
/// so that the case index finds the case without reading the number's text again.
///
/// `XF-2026-000123` gives the office `XF-` (with its dash), the year 2026, six digits and the
/// sequence 123. A number has a key when it is an office code of 1 to 7 bytes and its dash, four
/// digits, a dash and six, seven or eight digits (`XF-2026-0000123`, as a tool that pads to
/// seven writes it, is seven digits and sequence 123: another number than `XF-2026-000123`).
/// Any other text has ``none``, and ``CaseIndex`` reads the text as before. The key is a
/// function of the text alone, and the text of the key (``text(office:tag:sequence:)``), so two
/// numbers have equal keys exactly when their texts are equal (an event's `caseKey` is always
/// `CaseKey(caseID)`).
struct CaseKey: Sendable, Equatable {
    /// The office code and its dash, as its bytes load from memory (little-endian), zero-padded.
    let office: UInt64
    /// Bit 63: there is a key; bits 56–59: the office's length with its dash; bits 48–51: how
    /// many digits the sequence has; bits 32–47: the year; bits 0–31: the sequence.
    private let packed: UInt64

    /// No key: the index reads the case number's text.
    static let none = CaseKey(office: 0, packed: 0)

    private init(office: UInt64, packed: UInt64) {
        self.office = office
        self.packed = packed
    }

    /// The key of the `count` bytes at `bytes`, or ``none``.
    init(_ bytes: UnsafePointer<UInt8>, count: Int) {
        self = Self.read(bytes, count: count)
    }

    /// ``init(_:count:)``: a few 8-byte loads, no loop (it runs for every event read).
    @inline(__always)
    private static func read(_ bytes: UnsafePointer<UInt8>, count: Int) -> CaseKey {
        let dash = UInt8(ascii: "-")
        let digits: Int
        if count >= 12, bytes[count - 7] == dash {
            digits = 6
        } else if count >= 13, bytes[count - 8] == dash {
            digits = 7
        } else if count >= 14, bytes[count - 9] == dash {
            digits = 8
        } else {
            return .none
        }
        // The office with its dash, then four digits of year, the dash found above and the sequence.
        let officeLength = count - 5 - digits
        guard officeLength >= 2, officeLength <= 8, bytes[officeLength - 1] == dash else { return .none }
        let raw = UnsafeRawPointer(bytes)
        // The sequence's digits are the last 8 bytes with the ones before them (two, one or none) made zeros.
        let lastEight = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        let padding: UInt64 = (1 << UInt64(8 * (8 - digits))) - 1
        let year = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: officeLength, as: UInt32.self)))
        guard let sequence = eightDigits(lastEight & ~padding | 0x3030_3030_3030_3030 & padding),
              let year = eightDigits(year << 32 | 0x3030_3030) else { return .none }
        let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let office = officeLength == 8 ? first : first & (1 << UInt64(8 * officeLength) - 1)
        return CaseKey(office: office, packed: 1 << 63 | UInt64(officeLength) << 56 | UInt64(digits) << 48 | year << 32 | sequence)
    }

    /// The value of eight ASCII digits as they load from memory (the first digit in the lowest
    /// byte), nil if one is not a digit: three multiplications instead of eight steps.
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64? {
        let values = word &- 0x3030_3030_3030_3030
        // A byte below "0" wraps to 0x80 or above; one above "9" reaches 0x80 once 0x76 is added.
        guard (values | (values &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        let pairs = (values &* 10 &+ (values >> 8)) & 0x00FF_00FF_00FF_00FF
        let quads = (pairs &* 100 &+ (pairs >> 16)) & 0x0000_FFFF_0000_FFFF
        return (quads &* 10_000 &+ (quads >> 32)) & 0xFFFF_FFFF
    }

    /// The key of `text`'s UTF-8 bytes, or ``none``.
    init(_ text: String) {
        var text = text
        self = text.withUTF8 { bytes in bytes.baseAddress.map { CaseKey($0, count: bytes.count) } ?? .none }
    }

    /// The one text whose key has this office (its bytes as ``office`` holds them), this ``tag``
    /// (the office's length, the sequence's digits and the year) and `sequence`.
    static func text(office: UInt64, tag: UInt64, sequence: Int) -> String {
        let officeLength = Int(tag >> 24 & 0xF), digits = Int(tag >> 16 & 0xF), year = Int(tag & 0xFFFF)
        precondition((2...8).contains(officeLength) && (6...8).contains(digits) && year <= 9999)
        return String(unsafeUninitializedCapacity: officeLength + 5 + digits) { out in
            for index in 0..<officeLength { out[index] = UInt8(truncatingIfNeeded: office >> UInt64(8 * index)) }
            var value = year
            for index in stride(from: officeLength + 3, through: officeLength, by: -1) {
                out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            out[officeLength + 4] = UInt8(ascii: "-")
            value = sequence
            for index in stride(from: officeLength + 4 + digits, to: officeLength + 4, by: -1) {
                out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return officeLength + 5 + digits
        }
    }

    /// Whether the number has a key (not ``none``).
    var exists: Bool { packed >> 63 != 0 }
    /// The office's length with its dash (0 for ``none``).
    var officeLength: Int { Int(packed >> 56 & 0xF) }
    /// How many digits the sequence is written with: 6, 7 or 8 (0 for ``none``).
    var digits: Int { Int(packed >> 48 & 0xF) }
    /// The office's length, the sequence's digits and the year, in one word: with ``office``,
    /// which of ``CaseIndex``'s dense tables the number belongs to.
    var tag: UInt64 { packed >> 32 & 0x0FFF_FFFF }
    var year: Int { Int(packed >> 32 & 0xFFFF) }
    var sequence: Int { Int(packed & 0xFFFF_FFFF) }
}
