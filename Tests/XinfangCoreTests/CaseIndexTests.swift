import XCTest
@testable import XinfangCore

/// The case book's index agrees with `[String: Int]`, canonical equivalence included.
final class CaseIndexTests: XCTestCase {
    func testManyAsciiKeysAreFoundAfterGrowing() {
        var index = CaseIndex()
        for number in 0..<5_000 { index["XF-2026-\(number)"] = number }
        for number in 0..<5_000 { XCTAssertEqual(index["XF-2026-\(number)"], number) }
        XCTAssertNil(index["XF-2026-5000"])
        XCTAssertNil(index["XF-2026-00"])
        index["XF-2026-7"] = 70
        XCTAssertEqual(index["XF-2026-7"], 70)
    }

    func testAKeyThatIsNotAsciiFindsTheAsciiKeyItEquals() {
        var index = CaseIndex()
        index["XF-2026-K"] = 1
        XCTAssertEqual("XF-2026-\u{212A}", "XF-2026-K")  // KELVIN SIGN is canonically "K"
        XCTAssertEqual(index["XF-2026-\u{212A}"], 1)
        XCTAssertNil(index["XF-2026-é"])
    }

    func testKeysThatAreNotAsciiMoveTheIndexToADictionaryWithoutLosingAnything() {
        var index = CaseIndex()
        for number in 0..<100 { index["C\(number)"] = number }
        index["café"] = 100
        XCTAssertEqual(index["cafe\u{301}"], 100)
        index["XF-\u{212A}"] = 101
        XCTAssertEqual(index["XF-K"], 101)
        for number in 0..<100 { XCTAssertEqual(index["C\(number)"], number) }
        index["C5"] = nil
        XCTAssertNil(index["C5"])
    }

    func testCaseBookFindsCasesByEquivalentNumbers() throws {
        var book = CaseBook(policy: Policy())
        let filing = Filing(channel: .letter, summary: "s", region: "r", category: "c", petitioner: nil)
        try book.apply(JournalEvent(seq: 1, caseID: "XF-2026-K", at: Instant(seconds: 0), recorded: Instant(seconds: 0), payload: .filed(filing)))
        XCTAssertEqual(book["XF-2026-\u{212A}"]?.id, "XF-2026-K")
        XCTAssertThrowsError(try book.apply(JournalEvent(seq: 2, caseID: "XF-2026-\u{212A}", at: Instant(seconds: 0),
                                                         recorded: Instant(seconds: 0), payload: .filed(filing))))
    }

    /// Canonical case numbers go to the dense per-year tables; every other spelling stays a different key.
    func testCanonicalCaseNumbersAgreeWithStringEquality() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        func put(_ key: String, _ value: Int) {
            index[key] = value
            reference[key] = value
        }
        for sequence in 1...3000 { put(CaseNumber(office: "GD", year: 2025 + sequence % 2, sequence: sequence).description, sequence) }
        put("GD-2026-0000123", 9001)       // seven digits with a leading zero: not the same case as GD-2026-000123
        put("GD-2026-1234567", 9002)       // seven digits: canonical
        put("XF-2026-000001", 9003)        // another office
        put("GD-2026-00001", 9004)         // five digits: not a case number at all
        put("GD-2026-99999999", 9005)      // beyond the dense tables
        let probes = Array(reference.keys) + ["GD-2026-000000", "GD-2027-000002", "GD-2026-3001", "GD-2026-003001",
                                              "gd-2026-000001", "GD-2026-00000123", "XF-2026-000002", "GD-2026-000001 "]
        for key in probes { XCTAssertEqual(index[key], reference[key], key) }
        // A key that is not ASCII moves everything, dense entries included, into a dictionary.
        put("GD-2026-案", 9006)
        for key in probes + ["GD-2026-案"] { XCTAssertEqual(index[key], reference[key], key) }
    }

    func testNumbersGivenOutInOrderAgreeWithStringEqualityAsTheirRunHoldsAndEnds() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        func put(_ year: Int, _ sequence: Int, _ value: Int) {
            let key = CaseNumber(office: "GD", year: year, sequence: sequence).description
            index[key] = value
            reference[key] = value
        }
        func check(_ label: String) {
            var probes = Array(reference.keys)
            for year in 2025...2028 {
                for sequence in [0, 1, 2, 99, 100, 101, 150, 2099, 2100, 2101, 2102, 2103, 499, 500, 501, 502] {
                    probes.append(CaseNumber(office: "GD", year: year, sequence: sequence).description)
                }
            }
            for key in probes { XCTAssertEqual(index[key], reference[key], "\(label): \(key)") }
        }
        // Numbers one after the other, each year's values one after the other: two runs that hold.
        for sequence in 100...2100 { put(2026, sequence, sequence - 100) }
        for sequence in 1...500 { put(2027, sequence, 2001 + sequence) }
        check("two runs")
        put(2027, 501, 99_999)  // a value out of step
        check("value out of step")
        put(2026, 2102, 5_000)  // a number skipped
        check("a gap")
        put(2028, 7, 6_000)
        put(2028, 6, 6_001)  // a step back
        check("a step back")
        put(2026, 150, 7)  // a number set again
        check("set again")
        // Runs joined end to end make one run; with a gap, the table answers.
        var first = CaseIndex(), later = CaseIndex(), apart = CaseIndex()
        for sequence in 1...10 { first["XF-2026-\(String(format: "%06d", sequence))"] = sequence - 1 }
        for sequence in 11...20 { later["XF-2026-\(String(format: "%06d", sequence))"] = sequence - 11 }
        for sequence in 22...30 { apart["XF-2026-\(String(format: "%06d", sequence))"] = sequence - 22 }
        var joined = first
        XCTAssertEqual(joined.absorbDense(later, offset: 10), true)
        var gapped = first
        XCTAssertEqual(gapped.absorbDense(apart, offset: 10), true)
        for sequence in 0...32 {
            let key = "XF-2026-\(String(format: "%06d", sequence))"
            XCTAssertEqual(joined[key], (1...20).contains(sequence) ? sequence - 1 : nil, key)
            XCTAssertEqual(gapped[key], (1...10).contains(sequence) ? sequence - 1 : (22...30).contains(sequence) ? sequence - 12 : nil, key)
        }
    }

    func testDenseTablesAreJoinedSlotBySlotOrLeftToKeyByKey() {
        var first = CaseIndex(), later = CaseIndex()
        first["XF-2026-000001"] = 0
        first["XF-2026-000002"] = 1
        later["XF-2026-000003"] = 0
        later["XF-2027-000001"] = 1
        var joined = first
        XCTAssertEqual(joined.absorbDense(later, offset: 1 << 16), true)
        XCTAssertEqual(joined["XF-2026-000001"], 0)
        XCTAssertEqual(joined["XF-2026-000003"], 1 << 16)
        XCTAssertEqual(joined["XF-2027-000001"], (1 << 16) + 1)
        XCTAssertNil(joined["XF-2027-000002"])
        // A number in both: refused, nothing changed.
        var clash = CaseIndex()
        clash["XF-2026-000002"] = 5
        var unchanged = first
        XCTAssertEqual(unchanged.absorbDense(clash, offset: 1 << 16), false)
        XCTAssertEqual(unchanged["XF-2026-000002"], 1)
        // Another office's numbers get a table of their own.
        var otherOffice = CaseIndex()
        otherOffice["GD-2026-000009"] = 0
        var withOther = first
        XCTAssertEqual(withOther.absorbDense(otherOffice, offset: 1 << 16), true)
        XCTAssertEqual(withOther["GD-2026-000009"], 1 << 16)
        XCTAssertEqual(withOther["XF-2026-000002"], 1)
        XCTAssertNil(withOther["GD-2026-000001"])
        // Numbers that are hashed: left to the caller, key by key.
        var hashed = CaseIndex()
        hashed["XF-2026-000010"] = 0
        hashed["LEGACY-10"] = 1
        var untouched = first
        XCTAssertNil(untouched.absorbDense(hashed, offset: 1 << 16))
        XCTAssertNil(untouched["XF-2026-000010"])
    }
}

extension CaseIndexTests {
    /// `insertNew` adds a key only when no equal key is there, as a lookup and then a setting would.
    func testInsertNewAddsOnlyKeysNotThereAlready() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        func insert(_ key: String, _ value: Int) {
            let expected = reference[key] == nil
            if expected { reference[key] = value }
            XCTAssertEqual(index.insertNew(key, value: value), expected, key)
        }
        for sequence in 1...2_000 { insert(CaseNumber(office: "GD", year: 2026, sequence: sequence).description, sequence) }
        let keys = ["GD-2026-000007", "GD-2026-0000007", "GD-2026-1234567", "GD-2025-000007", "XF-2026-000007",
                    "GD-2026-00007", "legacy-7", "GD-2026-99999999", "GD-2026-000007", "legacy-7", "GD-2026-1234567",
                    "XF-2026-K", "XF-2026-\u{212A}", "GD-2026-案", "GD-2026-000008", "GD-2026-案", "GD-2026-009999"]
        for (offset, key) in keys.enumerated() { insert(key, 10_000 + offset) }
        for key in Array(reference.keys) + ["GD-2026-002001", "nothing"] { XCTAssertEqual(index[key], reference[key], key) }
    }
}

/// A journal that gathers several offices' numbers (a province's cities, each with its own code).
extension CaseIndexTests {
    private static let cityCodes = ["GZ", "SZ", "ZH", "ST", "FS", "SG", "ZJ", "ZQ", "JM", "MM", "HZ",
                                    "MZ", "SW", "HY", "YJ", "QY", "DG", "ZS", "CZ", "JY", "YF"]

    /// Cases filed in turn across 21 offices and two years: every office and year has its table,
    /// the key alone answers for each number, and every answer agrees with `[String: Int]`.
    func testSeveralOfficesEachHaveTablesThatAgreeWithStringEquality() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        var value = 0
        for sequence in 1...300 {
            for year in [2025, 2026] {
                for code in Self.cityCodes {
                    let text = CaseNumber(office: code, year: year, sequence: sequence).description
                    XCTAssertTrue(index.insertNew(text, caseKey: CaseKey(text), value: value), text)
                    reference[text] = value
                    value += 1
                }
            }
        }
        XCTAssertFalse(index.insertNew("SZ-2026-000150", value: -1))
        var probes = Array(reference.keys)
        for code in Self.cityCodes + ["XF", "gz"] {
            probes += ["\(code)-2026-000000", "\(code)-2026-000301", "\(code)-2027-000001", "\(code)-2026-0000001"]
        }
        for text in probes {
            XCTAssertEqual(index[text], reference[text], text)
            XCTAssertEqual(index[text, CaseKey(text)], reference[text], text)
            if let answer = index.value(of: CaseKey(text)) { XCTAssertEqual(answer, reference[text], text) }
        }
        for text in reference.keys { XCTAssertEqual(index.value(of: CaseKey(text)), .some(reference[text]), text) }
        XCTAssertEqual(index.value(of: CaseKey("GZ-2026-000301")), .some(nil))
    }

    /// Past ``CaseIndex/maxTables`` offices and years, numbers are hashed, found all the same; a
    /// later join that would make a table for a hashed office and year is left to the caller.
    func testOfficesBeyondTheTableLimitAreHashedAndStillFound() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        let codes = (0..<(CaseIndex.maxTables + 6)).map { "C\($0)" }
        for (position, code) in codes.enumerated() {
            for sequence in 1...3 {
                let text = CaseNumber(office: code, year: 2026, sequence: sequence).description
                XCTAssertTrue(index.insertNew(text, value: position * 3 + sequence), text)
                reference[text] = position * 3 + sequence
            }
        }
        for (position, code) in codes.enumerated() {
            for sequence in 0...4 {
                let text = CaseNumber(office: code, year: 2026, sequence: sequence).description
                XCTAssertEqual(index[text], reference[text], text)
                XCTAssertEqual(index[text, CaseKey(text)], reference[text], text)
                // The first offices' numbers are answered by their key, the others' by their text.
                if position < CaseIndex.maxTables {
                    XCTAssertEqual(index.value(of: CaseKey(text)), .some(reference[text]), text)
                } else {
                    XCTAssertTrue(index.value(of: CaseKey(text)) == nil, text)
                }
            }
        }
        XCTAssertFalse(index.insertNew("C69-2026-000002", value: -1))
        XCTAssertFalse(index.insertNew("C0-2026-000002", value: -1))
        var later = CaseIndex()
        later["C69-2026-000009"] = 0
        var joined = index
        XCTAssertNil(joined.absorbDense(later, offset: 1_000))
        var known = CaseIndex()
        known["C1-2026-000009"] = 0
        XCTAssertEqual(joined.absorbDense(known, offset: 1_000), true)
        XCTAssertEqual(joined["C1-2026-000009"], 1_000)
        XCTAssertEqual(joined["C69-2026-000002"], reference["C69-2026-000002"])
    }

    /// A key that is not ASCII moves every table's numbers into the dictionary under their exact
    /// spelling: offices of one to seven characters, a year before 1000, six, seven and eight digits.
    func testEveryOfficesNumbersMoveToTheDictionary() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        let texts = ["A-2026-000001", "GD-0999-000007", "XF-2026-999999", "XF-2026-1000000", "XF-2026-4194303",
                     "ABCDEFG-2031-000123", "SZ-2026-000001", "SZ-2027-000001", "XF-2026-4194304", "XF-2026-0000007",
                     "XF-2026-00000007", "XF-2026-000007"]
        for (value, text) in texts.enumerated() {
            index[text] = value
            reference[text] = value
        }
        index["案-2026-000001"] = 100
        reference["案-2026-000001"] = 100
        let probes = texts + ["GD-999-000007", "A-2026-000002", "XF-2026-0999999", "案-2026-000001", "SZ-2028-000001", "XF-2026-000000007"]
        for text in probes { XCTAssertEqual(index[text], reference[text], text) }
    }
}
