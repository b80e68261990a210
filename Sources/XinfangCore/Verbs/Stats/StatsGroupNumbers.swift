import Foundation

/// Numbers the groups of `xinfang stats` as the cases are counted, without hashing names as `String`s.
///
/// Swift hashes a `String` by its Unicode canonical form, which for a Chinese unit name costs
/// more than counting the case. Here each key's values get small codes instead: units, regions
/// and categories by their raw UTF-8 bytes (``TextCodes``), channels, months and years by their
/// numbers; and each combination of codes gets a group number. Two spellings of one name that
/// are canonically equivalent but differ in bytes get two numbers here; the caller adds their
/// counts together under their `String` values, so groups are still told apart by `String` equality.
struct StatsGroupNumbers {
    private let keys: [StatsKey]
    private var texts: [TextCodes]
    private var numbers: [Codes: Int] = [:]
    /// Each group's key values in `--by` order, by group number.
    private(set) var values: [[String?]] = []

    init(keys: [StatsKey]) {
        precondition(keys.count <= 8, "at most one of each of the six keys")
        self.keys = keys
        texts = keys.map { _ in TextCodes() }
    }

    /// A combination of codes, hashed with one cheap mix rather than lane by lane.
    private struct Codes: Hashable {
        var lanes = SIMD8<Int32>(repeating: 0)

        func hash(into hasher: inout Hasher) {
            var mixed: UInt64 = 0
            for lane in 0..<8 { mixed = (mixed ^ UInt64(UInt32(bitPattern: lanes[lane]))) &* 0x9E37_79B9_7F4A_7C15 }
            hasher.combine(mixed)
        }
    }

    /// The number of the group of `record`, whose calendar keys are taken from `receivedDay`.
    mutating func number(of record: CaseRecord, receivedDay: LocalDate) -> Int {
        var codes = Codes()
        for (index, key) in keys.enumerated() {
            switch key {
            case .unit: codes.lanes[index] = texts[index].code(of: record.unit)
            case .category: codes.lanes[index] = texts[index].code(of: record.category)
            case .region: codes.lanes[index] = texts[index].code(of: record.region)
            case .channel: codes.lanes[index] = Int32(Channel.allCases.firstIndex(of: record.channel) ?? 0)
            case .month: codes.lanes[index] = Int32(truncatingIfNeeded: receivedDay.year * 12 + receivedDay.month)
            case .year: codes.lanes[index] = Int32(truncatingIfNeeded: receivedDay.year)
            }
        }
        if let number = numbers[codes] { return number }
        return add(codes, record, receivedDay: receivedDay)
    }

    /// A new group, numbered next. (Apart from ``number(of:receivedDay:)``, whose loop then reads the record in place.)
    @inline(never)
    private mutating func add(_ codes: Codes, _ record: CaseRecord, receivedDay: LocalDate) -> Int {
        numbers[codes] = values.count
        var groupValues: [String?] = []
        for key in keys { groupValues.append(key.value(of: record, receivedDay: receivedDay)) }
        values.append(groupValues)
        return values.count - 1
    }
}

/// Codes for the texts of one key, told apart by their UTF-8 bytes: the same bytes, the same code.
struct TextCodes {
    /// Open addressing: slot → code + 1 (0: empty); a power of two, at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Each code's bytes: `ends[code - 1] ..< ends[code]` of ``bytes``.
    private var bytes: [UInt8] = []
    private var ends: [Int] = [0]
    private var hashes: [UInt64] = []

    /// The code of `text`; -1 for nil.
    mutating func code(of text: String?) -> Int32 {
        guard let text else { return -1 }
        if let code = text.utf8.withContiguousStorageIfAvailable({ code(of: UnsafeRawBufferPointer($0)) }) { return code }
        return Array(text.utf8).withUnsafeBytes { code(of: $0) }
    }

    private mutating func code(of text: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let code = Int(slots[slot] - 1)
            if hashes[code] == hash, ends[code + 1] - ends[code] == text.count,
               bytes.withUnsafeBytes({ memcmp($0.baseAddress! + ends[code], text.baseAddress!, text.count) == 0 }) {
                return Int32(code)
            }
            slot = (slot + 1) & mask
        }
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = Int32(hashes.count)
        if hashes.count * 2 > slots.count { grow() }
        return Int32(hashes.count - 1)
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code + 1)
        }
        slots = bigger
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }
}
