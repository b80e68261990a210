import Foundation
import XCTest
@testable import XinfangCore

/// Groups found and sorted by bytes agree with `String` keys: canonically equivalent values are one
/// group, and the order is ``StatsGroupKey``'s.
final class StatsGroupsTests: XCTestCase {
    /// Exactly the scalars of the documented ranges are surely in NFC, each alone and after another.
    func testTheQuickNFCCheckTakesExactlyItsRanges() {
        func surely(_ scalar: UInt32) -> Bool {
            scalar < 0x300 || (0x3000...0x3029).contains(scalar) || (0x4E00...0x9FFF).contains(scalar) || (0xFF01...0xFF5E).contains(scalar)
        }
        var taken = 0
        for value in UInt32(0)...0x10FFFF where value % 7 == 0 || value < 0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(Character(scalar))
            XCTAssertEqual(alone.isSurelyNFC, surely(value), String(value, radix: 16))
            XCTAssertEqual(("案" + alone + "a").isSurelyNFC, surely(value), String(value, radix: 16))
            if surely(value) { taken += 1 }
        }
        XCTAssertEqual(taken, 0x300 + 0x2A + 0x5200 + 0x5E)
        XCTAssertTrue("".isSurelyNFC)
        XCTAssertFalse("Cafe\u{301}".isSurelyNFC)
    }

    /// A text the quick check takes is its own NFC (Foundation's, as an outside opinion).
    func testTextsSurelyInNFCAreTheirOwnComposition() {
        var random = SeededRandom(seed: 7)
        let pieces = ["a", "K", "\u{212A}", "é", "e\u{301}", "市", "豈", "\u{F900}", "（", "、", "\u{302A}", "가", "\u{1100}\u{1161}",
                      "ｶ", "\u{FF9E}", ";", "\u{37E}", "Ω", "\u{2126}", " ", "ǅ", "\u{2FF}", "\u{300}"]
        var surely = 0
        for _ in 0..<5_000 {
            let text = (0..<random.below(7)).map { _ in random.pick(pieces) }.joined()
            guard text.isSurelyNFC else { continue }
            surely += 1
            XCTAssertEqual(Array(text.utf8), Array(text.precomposedStringWithCanonicalMapping.utf8), text)
        }
        XCTAssertGreaterThan(surely, 300)
    }

    /// Random key lists: the same groups, counts and first spellings as a dictionary keyed by
    /// `String`s, before and after the move to `String` keys; while every value is surely in NFC,
    /// the same order too. (With equivalent values spelled apart in different groups, the order of
    /// ``StatsGroupKey`` is not a strict weak order: `[KELVIN SIGN, a] < [K, b]` by the second
    /// values, but `[K, b] < [a, c] < [KELVIN SIGN, a]` by the first. Such groups come out in
    /// an order that depends on the input.)
    func testGroupsAgreeWithStringKeys() {
        let names: [String?] = [nil, "市人社局", "市住建局", "Caf\u{E9}", "Cafe\u{301}", "Cafe", "K", "\u{212A}", "豈", "\u{F900}",
                                "市人社局（东区）", "", "a", "ab", "b"]
        let plainNames = names.filter { $0?.isSurelyNFC ?? true }
        var random = SeededRandom(seed: 11)
        for round in 0..<60 {
            let width = 1 + round % 3
            // A third of the rounds stay with names surely in NFC, a third take any name after 60 steps, a third from the start.
            let plainFor = [120, 60, 0][round % 3]
            var groups = StatsGroups(withPrevious: round % 4 == 0)
            var reference: [StatsGroupKey: (values: [String?], counts: StatsCounts)] = [:]
            for step in 0..<120 {
                let pool = step < plainFor ? plainNames : names
                let values = (0..<width).map { _ in random.pick(pool) }
                var counts = StatsCounts()
                counts.filed = 1 + random.below(9)
                counts.closed = random.below(4)
                if round % 4 == 0 { counts.filedPrevYear = random.below(3) }
                groups.add(values, counts)
                let key = StatsGroupKey(values: values)
                var entry = reference[key] ?? (values, StatsReport.emptyCounts(round % 4 == 0))
                entry.counts.add(counts)
                reference[key] = entry
            }
            let bytes = { (values: [String?]) in values.map { $0.map { Array($0.utf8) } } }
            let sorted = groups.sortedGroups()
            XCTAssertEqual(sorted.count, reference.count, "round \(round)")
            XCTAssertEqual(Set(sorted), Set(groups.values.indices), "round \(round)")
            for group in sorted {
                let entry = reference[StatsGroupKey(values: groups.values[group])]
                XCTAssertEqual(bytes(groups.values[group]), entry.map { bytes($0.values) }, "round \(round)")
                XCTAssertEqual(groups.counts[group], entry?.counts, "round \(round)")
            }
            if plainFor == 120 {
                let expected = reference.sorted { $0.key < $1.key }.map { bytes($0.value.values) }
                XCTAssertEqual(sorted.map { bytes(groups.values[$0]) }, expected, "round \(round)")
            }
        }
    }

    /// A value that may not be in NFC joins the group of an equivalent value already counted by bytes.
    func testAnEquivalentSpellingAfterPlainGroupsJoinsItsGroup() {
        var groups = StatsGroups(withPrevious: false)
        var one = StatsCounts()
        one.filed = 1
        groups.add(["Caf\u{E9}", "市人社局"], one)
        groups.add(["Cafe", "市人社局"], one)
        groups.add(["Cafe\u{301}", "市人社局"], one)
        groups.add(["Cafe\u{301}", nil], one)
        // Compared as bytes: `String` equality would take either spelling.
        let spellings = groups.sortedGroups().map { groups.values[$0].map { $0.map { Array($0.utf8) } } }
        let expected: [[String?]] = [["Cafe", "市人社局"], ["Caf\u{E9}", "市人社局"], ["Cafe\u{301}", nil]]
        XCTAssertEqual(spellings, expected.map { $0.map { $0.map { Array($0.utf8) } } })
        XCTAssertEqual(groups.sortedGroups().map { groups.counts[$0].filed }, [1, 2, 1])
    }
}
