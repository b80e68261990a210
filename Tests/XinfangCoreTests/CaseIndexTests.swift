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
}
