import XCTest
import XinfangCore

/// `xinfang audit --verify`: each kind of damage found, with its line number, in a journal damaged for it.
final class AuditVerifyTests: XCTestCase {
    /// Ten clean lines: three cases, every kind of event.
    static func base() -> JournalBuilder {
        let journal = JournalBuilder()
        journal.file("XF-2026-000001", "2026-03-02T09:00:00")                      // 1
        journal.assign("XF-2026-000001", "2026-03-03T09:00:00", to: "市人社局")   // 2
        journal.file("XF-2026-000002", "2026-03-04T09:00:00")                      // 3
        journal.close("XF-2026-000001", "2026-03-20T09:00:00", unit: "市人社局")    // 4
        journal.assign("XF-2026-000002", "2026-03-21T09:00:00", to: "市住建局")   // 5
        journal.rate("XF-2026-000001", "2026-03-25T09:00:00", .satisfied)          // 6
        journal.file("XF-2026-000003", "2026-03-26T09:00:00")                      // 7
        journal.extend("XF-2026-000002", "2026-04-01T09:00:00", unit: "市住建局", days: 30)   // 8
        journal.assign("XF-2026-000003", "2026-04-02T09:00:00", to: "市公安局")   // 9
        journal.close("XF-2026-000002", "2026-04-03T09:00:00", unit: "市住建局")    // 10
        return journal
    }

    /// The base journal's lines, each with its `\n`.
    static func lines() -> [String] {
        base().text.split(separator: "\n").map { String($0) + "\n" }
    }

    func verify(_ text: String) throws -> RunResult {
        try runXinfang(["audit", "--verify"], journal: Array(text.utf8))
    }

    /// The `problem` and `line` of each stdout line, as `"chain@3"`.
    func problems(_ run: RunResult) -> [String] {
        run.lines.map { line in
            let problem = line.components(separatedBy: #""problem":""#).last?.prefix { $0 != "\"" } ?? ""
            let number = line.dropFirst(8).prefix { $0.isNumber }
            return "\(problem)@\(number)"
        }
    }

    func testACleanJournal() throws {
        let run = try verify(Self.base().text)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: clean: 10 lines, 3 cases, last seq 10\n")
    }

    func testAnEmptyJournalIsClean() throws {
        let run = try verify("")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: clean: 0 lines, 0 cases, last seq 0\n")
    }

    func testAMissingJournal() throws {
        let run = try runXinfang(["audit", "--verify"], journal: nil)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson does not exist (give --journal PATH or set XINFANG_JOURNAL)\n")
    }

    func testAChangedByteBreaksTheChainAtThatLine() throws {
        var lines = Self.lines()
        lines[2] = lines[2].replacingOccurrences(of: "反映问题", with: "反应问题")
        let run = try verify(lines.joined())
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stdout, #"{"line":3,"problem":"chain","case":"XF-2026-000002","message":"hash chain broken: the line does not hash to its \"hash\" from the line before (changed, removed or reordered lines)"}"# + "\n")
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: 1 problem in 10 lines, 3 cases, last seq 10\n")
    }

    func testADeletedLine() throws {
        var lines = Self.lines()
        lines.remove(at: 4)   // the assignment of case 2: its extension and reply now break the lifecycle
        let run = try verify(lines.joined())
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(problems(run), ["chain@5", "sequence@5", "lifecycle@7", "lifecycle@9"])
        XCTAssertEqual(run.lines[1], #"{"line":5,"problem":"sequence","case":"XF-2026-000001","message":"seq 6 where 5 was expected (lines missing)"}"#)
        XCTAssertEqual(run.lines[2], #"{"line":7,"problem":"lifecycle","case":"XF-2026-000002","message":"case XF-2026-000002 is filed 2026-03-04, not yet assigned: only an open case can be extended"}"#)
    }

    func testTwoSwappedLines() throws {
        var lines = Self.lines()
        lines.swapAt(5, 6)
        let run = try verify(lines.joined())
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(problems(run), ["chain@6", "sequence@6", "chain@7", "sequence@7", "chain@8"])
        XCTAssertEqual(run.lines[3], #"{"line":7,"problem":"sequence","case":"XF-2026-000001","message":"seq 6 where 8 was expected (lines repeated or reordered)"}"#)
    }

    func testARepeatedLine() throws {
        let lines = Self.lines()
        let run = try verify((lines + [lines[3]]).joined())
        XCTAssertEqual(run.status, 3)
        // The copy breaks the chain, repeats seq 4, and replies to a case already closed.
        XCTAssertEqual(problems(run), ["chain@11", "sequence@11", "lifecycle@11"])
    }

    func testAJournalCutInTheMiddleOfItsLastLine() throws {
        let text = Self.base().text
        let cut = String(decoding: Array(text.utf8).dropLast(40), as: UTF8.self)
        let run = try verify(cut)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stdout, #"{"line":10,"problem":"torn","case":null,"message":"torn last line (\#(Self.lines()[9].utf8.count - 40) bytes without a line break): a write cut off before it was acknowledged"}"# + "\n")
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: 1 problem in 10 lines, 3 cases, last seq 9\n")
    }

    func testALineCutInTheMiddleOfTheFile() throws {
        var lines = Self.lines()
        lines[3] = String(lines[3].prefix(60)) + "\n"   // the closing reply of case 1, cut: its verdict then has no closing to rate
        let run = try verify(lines.joined())
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(problems(run), ["malformed@4", "chain@5", "lifecycle@6"])
        XCTAssertTrue(run.lines[0].hasPrefix(#"{"line":4,"problem":"malformed","case":null,"message":"#), run.lines[0])
    }

    func testALineThatIsNotJSON() throws {
        var lines = Self.lines()
        lines.insert("hello\n", at: 10)
        let run = try verify(lines.joined())
        XCTAssertEqual(problems(run), ["malformed@11"])
    }

    func testAnEventForACaseNeverFiled() throws {
        let journal = Self.base()
        journal.assign("XF-2026-000099", "2026-04-05T09:00:00", to: "市人社局")
        let run = try verify(journal.text)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stdout, #"{"line":11,"problem":"unknown_case","case":"XF-2026-000099","message":"case XF-2026-000099 does not exist (it was never filed)"}"# + "\n")
    }

    func testEventsThatBreakTheLifecycle() throws {
        let journal = Self.base()
        journal.rate("XF-2026-000003", "2026-04-05T09:00:00", .satisfied)                     // 11: open, not closed
        journal.close("XF-2026-000001", "2026-04-05T09:00:00", unit: "市人社局")              // 12: already closed
        journal.assign("XF-2026-000003", "2026-04-01T09:00:00", to: "市住建局")              // 13: earlier than its latest event
        journal.file("XF-2026-000001", "2026-04-06T09:00:00")                                 // 14: filed twice
        let run = try verify(journal.text)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.lines, [
            #"{"line":11,"problem":"lifecycle","case":"XF-2026-000003","message":"case XF-2026-000003 is open, assigned to 市公安局 on 2026-04-02: only a closed case can be rated"}"#,
            #"{"line":12,"problem":"lifecycle","case":"XF-2026-000001","message":"case XF-2026-000001 is closed on 2026-03-20 by 市人社局: a closed case takes no more replies; return it for redo first"}"#,
            #"{"line":13,"problem":"lifecycle","case":"XF-2026-000003","message":"case XF-2026-000003 is open, assigned to 市公安局 on 2026-04-02: \"at\" 2026-04-01T09:00:00+08:00 is earlier than its latest event (assigned 2026-04-02T09:00:00+08:00)"}"#,
            #"{"line":14,"problem":"lifecycle","case":"XF-2026-000001","message":"case XF-2026-000001 was already filed"}"#,
        ])
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: 4 problems in 14 lines, 3 cases, last seq 14\n")
    }

    func testTableFormat() throws {
        let journal = Self.base()
        journal.assign("XF-2026-000099", "2026-04-05T09:00:00", to: "市人社局")
        let run = try runXinfang(["audit", "--verify", "--format", "table"], journal: journal.bytes)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stdout, """
        line  problem       case            message
        ----  ------------  --------------  -------------------------------------------------------
          11  unknown_case  XF-2026-000099  case XF-2026-000099 does not exist (it was never filed)

        """)
    }
}
