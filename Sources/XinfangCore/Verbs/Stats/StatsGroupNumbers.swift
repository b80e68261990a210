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
    /// Open addressing over the groups' codes: slot → group number + 1 (0: empty); a power of two,
    /// at most half full. (A `[Codes: Int]` would hash with Swift's `Hasher`, which costs more
    /// than counting the case.)
    private var slots = [Int32](repeating: 0, count: 64)
    /// Each group's codes, by group number.
    private var codesOfGroups: [Codes] = []
    /// Each group's key values in `--by` order, by group number.
    private(set) var values: [[String?]] = []

    init(keys: [StatsKey]) {
        precondition(keys.count <= 8, "at most one of each of the six keys")
        self.keys = keys
        texts = keys.map { _ in TextCodes() }
    }

    /// A combination of codes, one 32-bit lane per key in `--by` order, packed into four words.
    private struct Codes: Equatable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// Sets lane `lane` (each lane is set once, from zero).
        mutating func set(_ lane: Int, _ code: Int32) {
            let bits = UInt64(UInt32(bitPattern: code)) << (32 * UInt64(lane & 1))
            switch lane >> 1 {
            case 0: words.0 |= bits
            case 1: words.1 |= bits
            case 2: words.2 |= bits
            default: words.3 |= bits
            }
        }

        /// The lanes mixed with a multiply each.
        var hash: UInt64 {
            var mixed = (words.0 ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
            mixed = (mixed ^ words.1 ^ (mixed >> 29)) &* 0xC4CE_B9FE_1A85_EC53
            mixed = (mixed ^ words.2 ^ (mixed >> 29)) &* 0xFF51_AFD7_ED55_8CCD
            mixed = (mixed ^ words.3 ^ (mixed >> 29)) &* 0xC4CE_B9FE_1A85_EC53
            return mixed ^ (mixed >> 32)
        }

        static func == (a: Codes, b: Codes) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
        }
    }

    /// The number of the group of the case `record`, read where it lies (its names are not
    /// copied); its calendar keys are taken from `receivedDay`.
    mutating func number(of record: UnsafePointer<CaseRecord>, receivedDay: LocalDate) -> Int {
        var codes = Codes()
        for (index, key) in keys.enumerated() {
            switch key {
            case .unit: codes.set(index, texts[index].code(of: record.pointee.unit))
            case .category: codes.set(index, texts[index].code(of: record.pointee.category))
            case .region: codes.set(index, texts[index].code(of: record.pointee.region))
            case .channel: codes.set(index, Int32(Channel.allCases.firstIndex(of: record.pointee.channel) ?? 0))
            case .month: codes.set(index, Int32(truncatingIfNeeded: receivedDay.year * 12 + receivedDay.month))
            case .year: codes.set(index, Int32(truncatingIfNeeded: receivedDay.year))
            }
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: codes.hash) & mask
        while slots[slot] != 0 {
            let group = Int(slots[slot]) - 1
            if codesOfGroups[group] == codes { return group }
            slot = (slot + 1) & mask
        }
        return add(codes, at: slot, record.pointee.figures(names: .all), receivedDay: receivedDay)
    }

    /// A new group, numbered next, in the empty `slot`. (Apart from ``number(of:receivedDay:)``,
    /// so that its loop stays small.)
    @inline(never)
    private mutating func add(_ codes: Codes, at slot: Int, _ figures: CaseFigures, receivedDay: LocalDate) -> Int {
        codesOfGroups.append(codes)
        slots[slot] = Int32(codesOfGroups.count)
        values.append(keys.map { $0.value(of: figures, receivedDay: receivedDay) })
        if codesOfGroups.count * 2 > slots.count {
            var bigger = [Int32](repeating: 0, count: slots.count * 2)
            let mask = bigger.count - 1
            for (group, stored) in codesOfGroups.enumerated() {
                var slot = Int(truncatingIfNeeded: stored.hash) & mask
                while bigger[slot] != 0 { slot = (slot + 1) & mask }
                bigger[slot] = Int32(group + 1)
            }
            slots = bigger
        }
        return values.count - 1
    }
}
