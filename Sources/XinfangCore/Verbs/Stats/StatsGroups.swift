import Foundation

/// The counts of `xinfang stats`' groups, one per list of key values, told apart as `String`s
/// are: canonically equivalent values make one group, shown as first spelled.
///
/// Swift hashes and compares a `String` of Chinese text through its Unicode canonical form, which
/// for a journal of ten thousand units cost more than the grouping of every case. While every
/// value is surely in NFC (``Swift/String/isSurelyNFC``: all Chinese, Latin and full-width text),
/// two values are equal exactly when their bytes are, so groups are found and sorted by bytes.
/// The first value that may not be moves the groups to `String` keys (``StatsGroupKey``) for good.
struct StatsGroups {
    /// Whether `filed_prev_year` counts from 0 (a previous period is asked for), not nil.
    let withPrevious: Bool
    /// Each group's key values in `--by` order, by group number (in the order the groups came).
    private(set) var values: [[String?]] = []
    /// Each group's counts, by group number.
    private(set) var counts: [StatsCounts] = []
    /// Whether the groups are found by their bytes (each value so far surely in NFC).
    private var keyedByBytes = true
    /// While keyed by bytes: each group's ``sortKey(_:)``, coded in group order (code = group).
    private var sortKeys = TextCodes()
    /// Once a value may not be in NFC: every group by its `String` values.
    private var byString: [StatsGroupKey: Int] = [:]

    init(withPrevious: Bool) {
        self.withPrevious = withPrevious
    }

    var isEmpty: Bool { values.isEmpty }

    /// Adds `added` to the group of `keyValues`, made when there is none.
    mutating func add(_ keyValues: [String?], _ added: StatsCounts) {
        if keyedByBytes, !keyValues.allSatisfy({ $0?.isSurelyNFC ?? true }) {
            keyedByBytes = false
            for (group, known) in values.enumerated() { byString[StatsGroupKey(values: known)] = group }
            sortKeys = TextCodes()
        }
        let group: Int
        if keyedByBytes {
            group = Int(Self.sortKey(keyValues).withUnsafeBytes { sortKeys.code(ofBytes: $0) })
        } else {
            func read(_ number: inout Int) -> Int { number }
            group = read(&byString[StatsGroupKey(values: keyValues), default: values.count])  // one lookup, entered when new
        }
        if group == values.count {
            values.append(keyValues)
            counts.append(StatsReport.emptyCounts(withPrevious))
        }
        counts[group].add(added)
    }

    /// Adds every group of `other`, in its order.
    mutating func add(contentsOf other: StatsGroups) {
        for (keyValues, added) in zip(other.values, other.counts) { add(keyValues, added) }
    }

    /// The groups' numbers in the order of their values (``StatsGroupKey``'s): left to right, each
    /// in Unicode code point order, nil last.
    func sortedGroups() -> [Int] {
        guard keyedByBytes else {
            let keys = values.map(StatsGroupKey.init(values:))
            return values.indices.sorted { keys[$0] < keys[$1] }
        }
        // Values surely in NFC differ exactly when their bytes do, and UTF-8's byte order is code
        // point order: each group's values are one run of bytes (its sort key), sorted as bytes.
        return values.indices.sorted { left, right in
            sortKeys.withBytes(of: Int32(left)) { l in
                sortKeys.withBytes(of: Int32(right)) { r in
                    let common = min(l.count, r.count)
                    let compared = common == 0 ? 0 : memcmp(l.baseAddress!, r.baseAddress!, common)
                    return compared != 0 ? compared < 0 : l.count < r.count
                }
            }
        }
    }

    /// Key values as bytes whose order is ``StatsGroupKey``'s for values surely in NFC: each value's
    /// UTF-8 bytes plus one (UTF-8 has no byte above 0xF4) and then 0, so a value before another
    /// that starts with it; a nil value 0xFF, after every other. Lists of other bytes have other
    /// keys, so the key also finds the group.
    private static func sortKey(_ keyValues: [String?]) -> [UInt8] {
        var key: [UInt8] = []
        for value in keyValues {
            guard var value else {
                key.append(0xFF)
                continue
            }
            value.withUTF8 { utf8 in
                key.reserveCapacity(key.count + utf8.count + 1)
                for byte in utf8 { key.append(byte &+ 1) }
            }
            key.append(0)
        }
        return key
    }
}
