/// The order of case numbers: by office, year and sequence when they parse (`XF-2026-999999` before
/// `XF-2026-1000000`), other identifiers after them in text order.
enum CaseOrder {
    /// Sorts `items` by `primary` ascending (all equal when nil), then by case number:
    /// `caseIDs[i]` and `primary[i]` belong to `items[i]`.
    ///
    /// Every item gets one key of five integers (the primary pair, the office's rank, the year, the
    /// sequence) and the keys are sorted, so no text is parsed or compared while sorting; the items
    /// are then moved into place, not copied (a province's `audit` sorts tens of thousands of rows).
    static func sort<T>(_ items: inout [T], caseIDs: [String], primary: [(Int, Int)]? = nil) {
        precondition(caseIDs.count == items.count && (primary?.count ?? items.count) == items.count)
        var keys = sortKeys(caseIDs, primary: primary)
        keys.sort()
        items.withUnsafeMutableBufferPointer { items in
            // Position i takes the item that was at keys[i].index: the permutation's cycles are
            // followed one by one, each item swapped once into its place (following the chain of
            // earlier swaps for every position instead read keys at random: most of the time).
            var placed = [Bool](repeating: false, count: keys.count)
            for start in keys.indices where !placed[start] {
                var position = start
                while true {
                    placed[position] = true
                    let source = keys[position].index
                    if source == start { break }
                    items.swapAt(position, source)
                    position = source
                }
            }
        }
    }

    /// Each item's key, in the items' order.
    private static func sortKeys(_ ids: [String], primary: [(Int, Int)]?) -> [SortKey] {
        let numbers = ids.map { CaseNumber(parsing: $0) }
        // Offices are few, and rows of one office usually come together: a list, not a hash table.
        var offices: [String] = []
        var officeSlots = [Int](repeating: -1, count: numbers.count)
        var last: (office: String, slot: Int)?
        for (index, number) in numbers.enumerated() {
            guard let office = number?.office else { continue }
            if let last, last.office == office {
                officeSlots[index] = last.slot
                continue
            }
            let slot = offices.firstIndex(of: office) ?? offices.count
            if slot == offices.count { offices.append(office) }
            officeSlots[index] = slot
            last = (office, slot)
        }
        var rankOfSlot = [Int](repeating: 0, count: offices.count)
        for (rank, slot) in offices.indices.sorted(by: { offices[$0] < offices[$1] }).enumerated() { rankOfSlot[slot] = rank }
        var textRank: [Int: Int] = [:]
        for (rank, index) in ids.indices.filter({ numbers[$0] == nil }).sorted(by: { ids[$0] < ids[$1] }).enumerated() {
            textRank[index] = rank
        }
        return ids.indices.map { index in
            let (first, second) = primary?[index] ?? (0, 0)
            guard let number = numbers[index] else {
                return SortKey(first: first, second: second, office: Int.max, year: 0, sequence: textRank[index] ?? 0, index: index)
            }
            return SortKey(first: first, second: second, office: rankOfSlot[officeSlots[index]],
                           year: number.year, sequence: number.sequence, index: index)
        }
    }

    /// An item's place: its primary pair, then its case number's office rank, year and sequence (or text rank).
    private struct SortKey: Comparable {
        let first: Int, second: Int, office: Int, year: Int, sequence: Int
        let index: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.first, a.second, a.office, a.year, a.sequence) < (b.first, b.second, b.office, b.year, b.sequence)
        }

        static func == (a: SortKey, b: SortKey) -> Bool {
            (a.first, a.second, a.office, a.year, a.sequence) == (b.first, b.second, b.office, b.year, b.sequence)
        }
    }
}
