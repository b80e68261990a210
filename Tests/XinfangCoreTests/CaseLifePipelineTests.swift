import Foundation
import XCTest
import XinfangCore

/// The whole life of a case through the verbs in-process, each verb's output fed to the next:
/// file → assign --auto → reply (close) → reply (rate) → assign (return) → reply (close again).
final class CaseLifePipelineTests: XCTestCase {
    /// One in-process run of `xinfang`.
    struct Run {
        let stdout: String
        let stderr: String
        let status: Int32
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        var rejections: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    var directory: URL!
    var clock = Instant(seconds: 1_795_917_600)  // 2026-11-29T10:00:00+08:00
    let policyPath = GoldenCase.fixturesDirectory.appendingPathComponent("policy.json").path

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `xinfang ARGS` with `input` on stdin; the clock moves on an hour per run.
    func xinfang(_ arguments: [String], input: String) -> Run {
        let stdout = OutputSink(collectingAs: "<stdout>")
        let stderr = OutputSink(collectingAs: "<stderr>")
        let now = clock
        clock = Instant(seconds: clock.seconds + 3600)
        let environment = Environment(
            stdout: stdout, stderr: stderr, stdin: { MemorySource(Array(input.utf8)) },
            variables: ["XINFANG_POLICY": policyPath], currentDirectory: directory.path, now: { now })
        let status = CLI.run(arguments, environment: environment)
        return Run(stdout: stdout.text, stderr: stderr.text, status: status)
    }

    /// Each line of `lines` as an object, with `change` applied, as NDJSON again (what `jq -c` would do).
    func edit(_ lines: [String], _ change: (inout [String: Any]) -> Void) throws -> String {
        try lines.map { line -> String in
            var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            change(&object)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    func journalEvents() throws -> [[String: Any]] {
        let text = try String(contentsOf: directory.appendingPathComponent("xinfang.ndjson"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testWholeLifeOfCasesThroughThePipeline() throws {
        let letters = try String(contentsOf: GoldenCase.fixturesDirectory.appendingPathComponent("letters.ndjson"), encoding: .utf8)
        let letterCount = letters.split(separator: "\n").count

        // 1. file: every letter registered.
        let filed = xinfang(["file"], input: letters)
        XCTAssertEqual(filed.status, 0, filed.stderr)
        XCTAssertEqual(filed.lines.count, letterCount)

        // 2. assign --auto, fed file's output as it is: every case routed, none guessed.
        let assigned = xinfang(["assign", "--auto"], input: filed.stdout)
        XCTAssertEqual(assigned.status, 0, assigned.stderr)
        XCTAssertEqual(assigned.lines.count + assigned.rejections.count, letterCount)
        XCTAssertTrue(assigned.lines.allSatisfy { $0.contains(#""status":"assigned""#) && $0.contains(#""rule":"#) })
        XCTAssertTrue(assigned.lines[0].hasPrefix(#"{"case":"GD-2026-000001","status":"assigned","at":"2026-11-29T11:00:00+08:00","unit":"#),
                      assigned.lines[0])

        // 3. reply: the first three cases closed, fed assign's output with the text added.
        let firstThree = Array(assigned.lines.prefix(3))
        let closing = try edit(firstThree) { $0["text"] = "已办结"; $0["closes"] = true; $0.removeValue(forKey: "at") }
        let closed = xinfang(["reply"], input: closing)
        XCTAssertEqual(closed.status, 0, closed.stderr)
        XCTAssertEqual(closed.lines.count, 3)
        XCTAssertTrue(closed.lines.allSatisfy { $0.contains(#""status":"closed""#) })

        // 4. rate: case 1 unsatisfied (Chinese), case 2 satisfied; case 4 is open and refused.
        let verdicts = """
        {"case":"GD-2026-000001","satisfaction":"不满意","via":"callback"}
        {"case":"GD-2026-000002","satisfaction":"satisfied","via":"phone"}
        {"case":"GD-2026-000004","satisfaction":"满意"}

        """
        let rated = xinfang(["reply"], input: verdicts)
        XCTAssertEqual(rated.status, 1)
        XCTAssertEqual(rated.lines.count, 2)
        XCTAssertEqual(rated.rejections.count, 1)
        XCTAssertTrue(rated.rejections[0].hasPrefix("xinfang reply: <stdin>:3: case GD-2026-000004 is open, assigned to "), rated.stderr)
        XCTAssertTrue(rated.rejections[0].hasSuffix(": only a closed case can be rated"), rated.stderr)

        // 5. return: case 1 back to its unit for redo; an open case cannot be returned.
        let returning = """
        {"case":"GD-2026-000001","return":true,"reason":"回访不满意，重新办理"}
        {"case":"GD-2026-000005","return":true,"reason":"未办结"}

        """
        let returned = xinfang(["assign"], input: returning)
        XCTAssertEqual(returned.status, 1)
        XCTAssertEqual(returned.lines.count, 1)
        XCTAssertTrue(returned.lines[0].contains(#""status":"returned""#), returned.stdout)
        XCTAssertTrue(returned.rejections[0].contains("only a closed case can be returned for redo"), returned.stderr)

        // 6. reply again: the returned case is closed anew; closing the still-closed case 2 is refused.
        let again = xinfang(["reply"], input: """
        {"case":"GD-2026-000001","text":"已重新核查并补发","closes":true}
        {"case":"GD-2026-000002","text":"补充答复","closes":true}

        """)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.lines.count, 1)
        XCTAssertTrue(again.rejections[0].contains("case GD-2026-000002 is closed on 2026-11-29 by "), again.stderr)

        // The journal holds exactly these events, in this order.
        let events = try journalEvents()
        let cases = (1...letterCount).map { String(format: "GD-2026-%06d", $0) }
        let expected: [(String, String)] = cases.map { ("filed", $0) } + cases.map { ("assigned", $0) } + [
            ("replied", cases[0]), ("replied", cases[1]), ("replied", cases[2]),
            ("rated", cases[0]), ("rated", cases[1]),
            ("returned", cases[0]),
            ("replied", cases[0]),
        ]
        XCTAssertEqual(events.map { "\($0["event"]!) \($0["case"]!)" }, expected.map { "\($0.0) \($0.1)" })
        XCTAssertEqual(events.map { $0["seq"] as? Int }, (1...expected.count).map { $0 })
        let unitOfCase1 = events[letterCount]["unit"] as? String
        XCTAssertNotNil(unitOfCase1)
        XCTAssertEqual(events[expected.count - 2]["unit"] as? String, unitOfCase1, "returned to the unit that closed it")
        XCTAssertEqual(events[expected.count - 2]["reason"] as? String, "回访不满意，重新办理")
        XCTAssertEqual(events[expected.count - 1]["closes"] as? Bool, true)
        XCTAssertEqual(events[expected.count - 4]["satisfaction"] as? String, "unsatisfied")
    }

    /// Re-running the whole import and routing changes nothing: every case is a duplicate, then unchanged.
    func testRerunningTheImportPipelineIsHarmless() throws {
        let letters = try String(contentsOf: GoldenCase.fixturesDirectory.appendingPathComponent("letters.ndjson"), encoding: .utf8)
        let first = xinfang(["assign", "--auto"], input: xinfang(["file"], input: letters).stdout)
        XCTAssertEqual(first.status, 0, first.stderr)
        let eventsBefore = try journalEvents().count
        let second = xinfang(["assign", "--auto"], input: xinfang(["file"], input: letters).stdout)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.lines.count, first.lines.count)
        XCTAssertTrue(second.lines.allSatisfy { $0.contains(#""status":"unchanged""#) })
        XCTAssertEqual(try journalEvents().count, eventsBefore)
    }
}
