import Foundation
import XCTest
import XinfangCore

/// A petitioner's identity travels no further than it has to (issue 7, 信访工作条例 Art. 30):
/// `assign` and `reply` never print it — not on stdout, not in a refusal — unless `assign --handoff`
/// hands a case that is not confidential to its unit; the journal and the rejects file are the
/// owner's alone (0600).
final class PetitionerPrivacyTests: XCTestCase {
    struct Run {
        let stdout: String
        let stderr: String
        let status: Int32
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// A petitioner whose every detail is distinctive, so a leak of any of them (masked or not) is found.
    struct Person {
        let name: String
        let id: String
        let phone: String
        let address: String
        var json: String { #"{"name":"\#(name)","id_number":"\#(id)","phone":"\#(phone)","address":"\#(address)"}"# }
        /// Every way the person could show: as filed, and as `--redact` would mask them.
        var traces: [String] {
            [name, id, phone, address, Redaction.name(name), Redaction.idNumber(id), Redaction.phone(phone)]
        }
        /// As filed.
        var plain: [String] { [name, id, phone, address] }
    }

    // XF-2026-000001: an ordinary complaint; 000002: confidential by flag; 000003: an accusation (检举控告).
    let ordinary = Person(name: "司马相如", id: "44010619850312004X", phone: "13800138000", address: "广州市天河区体育西路1号")
    let flagged = Person(name: "诸葛孔明", id: "440304199001011233", phone: "13911112222", address: "深圳市福田区某路3号")
    let accuser = Person(name: "欧阳小明", id: "440602197806153313", phone: "020-8765 4321", address: "佛山市禅城区某村")

    var directory: URL!
    var clock = Instant(seconds: 1_795_917_600)  // 2026-11-29T10:00:00+08:00

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-privacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `xinfang ARGS` in-process with `input` on stdin; the clock moves on an hour per run.
    func xinfang(_ arguments: [String], input: String = "") -> Run {
        let stdout = OutputSink(collectingAs: "<stdout>")
        let stderr = OutputSink(collectingAs: "<stderr>")
        let now = clock
        clock = Instant(seconds: clock.seconds + 3600)
        let environment = Environment(
            stdout: stdout, stderr: stderr, stdin: { MemorySource(Array(input.utf8)) },
            variables: [:], currentDirectory: directory.path, now: { now })
        let status = CLI.run(arguments, environment: environment)
        return Run(stdout: stdout.text, stderr: stderr.text, status: status)
    }

    /// Files the three petitions and returns `file`'s output (which carries the petitioners).
    func fileThree() -> String {
        let letters = """
        {"channel":"letter","received":"2026-11-01","region":"广州市","category":"劳动社保","summary":"工地拖欠工资","petitioner":\(ordinary.json)}
        {"channel":"letter","received":"2026-11-01","region":"深圳市","category":"城乡建设","summary":"反映街道办违规审批","respondent":"某街道办","petitioner":\(flagged.json),"confidential":true}
        {"channel":"mailbox","received":"2026-11-01","region":"佛山市","category":"检举控告","summary":"举报某局长收受贿赂","respondent":"某局长","petitioner":\(accuser.json)}

        """
        let filed = xinfang(["file"], input: letters)
        XCTAssertEqual(filed.status, 0, filed.stderr)
        XCTAssertEqual(filed.lines.count, 3)
        return filed.stdout
    }

    func assertNothingOf(_ people: [Person], in run: Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for person in people {
            for trace in person.traces {
                XCTAssertFalse(run.stdout.contains(trace), "\(what): stdout shows \(trace)", file: file, line: line)
                XCTAssertFalse(run.stderr.contains(trace), "\(what): stderr shows \(trace)", file: file, line: line)
            }
        }
    }

    func testAssignAndReplyNeverPrintThePetitionerWithoutHandoff() {
        let filed = fileThree()
        let everyone = [ordinary, flagged, accuser]
        var runs: [(String, Run)] = []
        // file's own output (petitioners included) piped into assign: nothing of them comes out.
        runs.append(("assign dry run", xinfang(["assign", "--dry-run", "--auto"], input: filed)))
        let units = filed.replacingOccurrences(of: #""status":"filed""#, with: #""unit":"市信访局""#)
        runs.append(("assign", xinfang(["assign"], input: units)))
        runs.append(("assign unchanged", xinfang(["assign"], input: units)))
        runs.append(("assign --redact without --handoff", xinfang(["assign", "--redact"], input: units)))
        runs.append(("assign --auto on assigned cases", xinfang(["assign", "--auto"], input: filed)))
        let transfer = filed.replacingOccurrences(of: #""status":"filed""#, with: #""unit":"市人社局""#)
        runs.append(("assign transfer", xinfang(["assign"], input: transfer)))
        // Refusals: a line without a unit, a reply to a case never assigned.
        runs.append(("assign refused", xinfang(["assign"], input: filed)))
        // reply, fed lines that still carry the petitioner.
        let extend = filed.replacingOccurrences(of: #""status":"filed""#, with: #""extend_days":10,"text":"需会商""#)
        runs.append(("reply extend", xinfang(["reply"], input: extend)))
        let answer = filed.replacingOccurrences(of: #""status":"filed""#, with: #""text":"已答复""#)
        runs.append(("reply", xinfang(["reply"], input: answer)))
        let close = filed.replacingOccurrences(of: #""status":"filed""#, with: #""text":"已办结","closes":true"#)
        runs.append(("reply closes", xinfang(["reply"], input: close)))
        runs.append(("reply refused", xinfang(["reply"], input: close)))
        let rate = filed.replacingOccurrences(of: #""status":"filed""#, with: #""satisfaction":"不满意","via":"callback""#)
        runs.append(("reply rated", xinfang(["reply"], input: rate)))
        let redo = filed.replacingOccurrences(of: #""status":"filed""#, with: #""return":true,"reason":"回访不满意""#)
        runs.append(("assign return", xinfang(["assign"], input: redo)))
        runs.append(("assign return refused", xinfang(["assign"], input: redo)))

        let statuses = runs.map { "\($0.0): \($0.1.status)" }
        XCTAssertEqual(statuses, [
            "assign dry run: 1", "assign: 0", "assign unchanged: 0", "assign --redact without --handoff: 0",
            "assign --auto on assigned cases: 0", "assign transfer: 0", "assign refused: 1",
            "reply extend: 0", "reply: 0", "reply closes: 0", "reply refused: 1", "reply rated: 0",
            "assign return: 0", "assign return refused: 1",
        ])
        for (what, run) in runs {
            XCTAssertEqual(run.lines.count + run.stderr.split(separator: "\n").count, 3, "\(what): one line or one refusal per input line")
            assertNothingOf(everyone, in: run, what)
        }
    }

    /// The reading verbs: supervision lines, verification and every form of the figures print no
    /// petitioner; the callback sample prints name and phone (the clerk must call), masked with --redact.
    func testAuditAndStatsPrintNoPetitionerAndTheSampleMasksWithRedact() {
        let filed = fileThree()
        let everyone = [ordinary, flagged, accuser]
        let units = filed.replacingOccurrences(of: #""status":"filed""#, with: #""unit":"市信访局""#)
        XCTAssertEqual(xinfang(["assign"], input: units).status, 0)
        var runs: [(String, Run)] = [("audit", xinfang(["audit"])), ("audit table", xinfang(["audit", "--format", "table"])),
                                     ("audit --verify", xinfang(["audit", "--verify"]))]
        for by in ["unit", "region", "category", "channel,month"] {
            runs.append(("stats --by \(by)", xinfang(["stats", "--by", by])))
            runs.append(("stats --by \(by) --partial", xinfang(["stats", "--partial", "--by", by])))
        }
        for (what, run) in runs {
            XCTAssertEqual(run.status, 0, "\(what): \(run.stderr)")
            assertNothingOf(everyone, in: run, what)
        }
        let close = filed.replacingOccurrences(of: #""status":"filed""#, with: #""text":"已办结","closes":true"#)
        XCTAssertEqual(xinfang(["reply"], input: close).status, 0)
        let sample = xinfang(["audit", "--sample", "3", "--seed", "1"])
        XCTAssertTrue(sample.stdout.contains(ordinary.phone), "the callback clerk needs the phone number")
        let redacted = xinfang(["audit", "--sample", "3", "--seed", "1", "--redact"])
        XCTAssertEqual(redacted.lines.count, 3)
        for person in everyone {
            for trace in person.plain { XCTAssertFalse(redacted.stdout.contains(trace), "audit --sample --redact shows \(trace)") }
        }
        XCTAssertTrue(redacted.stdout.contains(Redaction.phone(ordinary.phone)), "masked, the phone keeps its last 4 digits")
    }

    func testHandoffShowsOnlyPetitionersThatMayTravel() throws {
        let filed = fileThree()
        let units = filed.replacingOccurrences(of: #""status":"filed""#, with: #""unit":"市信访局""#)
        let handoff = xinfang(["assign", "--handoff"], input: units)
        XCTAssertEqual(handoff.status, 0, handoff.stderr)
        XCTAssertEqual(handoff.lines.count, 3)
        // The ordinary complaint goes with its petitioner, as filed.
        for detail in ordinary.plain { XCTAssertTrue(handoff.lines[0].contains(detail), "the unit needs \(detail)") }
        XCTAssertFalse(handoff.lines[0].contains(#""confidential""#))
        // The confidential ones: no trace of the petitioner, and the line says why.
        for index in 1...2 {
            XCTAssertTrue(handoff.lines[index].hasSuffix(#","confidential":true}"#), handoff.lines[index])
            XCTAssertFalse(handoff.lines[index].contains(#""petitioner""#))
            XCTAssertFalse(handoff.lines[index].contains(#""anonymous""#))
        }
        assertNothingOf([flagged, accuser], in: handoff, "assign --handoff")

        // Again (unchanged lines reprint the hand-off), masked.
        let redacted = xinfang(["assign", "--handoff", "--redact"], input: units)
        XCTAssertEqual(redacted.status, 0, redacted.stderr)
        XCTAssertTrue(redacted.lines[0].contains(#""petitioner":{"name":"司***","id_number":"440106********004X","phone":"*******8000"}"#),
                      redacted.lines[0])
        for detail in ordinary.plain { XCTAssertFalse(redacted.stdout.contains(detail), "--redact shows \(detail)") }
        assertNothingOf([flagged, accuser], in: redacted, "assign --handoff --redact")

        // A transfer hands the case to a new unit: the same rules.
        let transfer = xinfang(["assign", "--handoff"], input: filed.replacingOccurrences(of: #""status":"filed""#, with: #""unit":"市人社局""#))
        XCTAssertEqual(transfer.status, 0, transfer.stderr)
        XCTAssertTrue(transfer.lines.allSatisfy { $0.contains(#""status":"transferred""#) })
        assertNothingOf([flagged, accuser], in: transfer, "assign --handoff (transfer)")
        XCTAssertTrue(transfer.lines[0].contains(ordinary.name))
    }

    func testJournalRejectsAndTornFilesAreCreatedForTheOwnerOnly() throws {
        // With no umask in the way, the mode comes from the code alone.
        let saved = umask(0)
        defer { umask(saved) }
        let rejects = directory.appendingPathComponent("rejects.ndjson").path
        let run = xinfang(["file", "--rejects", "rejects.ndjson"], input: """
        {"channel":"letter","region":"广州市","category":"劳动社保","summary":"欠薪","petitioner":\(ordinary.json)}
        {"channel":"letter","region":"广州市","category":"劳动社保","summary":"欠薪","petitioner":{"name":"王伟","id_number":"440106198503120041"}}

        """)
        XCTAssertEqual(run.status, 1, run.stderr)
        let journal = directory.appendingPathComponent("xinfang.ndjson").path
        XCTAssertEqual(try mode(of: journal), 0o600)
        XCTAssertEqual(try mode(of: rejects), 0o600)
        // The rejects file keeps the line as it came (to be fixed and fed back), so it is the owner's alone too.
        XCTAssertTrue(try String(contentsOfFile: rejects, encoding: .utf8).contains("440106198503120041"))

        // A torn last line (a petition half written when the power went) is set aside for the owner only.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":2,"event":"filed","case":"XF-2026-000002","petitioner":{"name":"\#(flagged.name)""#.utf8))
        try handle.close()
        let next = xinfang(["file"], input: #"{"channel":"letter","region":"广州市","category":"劳动社保","summary":"欠薪","anonymous":true}"# + "\n")
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try mode(of: journal + ".torn"), 0o600)
        XCTAssertTrue(try String(contentsOfFile: journal + ".torn", encoding: .utf8).contains(flagged.name))
    }

    func testAssignAndReplyRejectsFilesAreForTheOwnerOnly() throws {
        let saved = umask(0)
        defer { umask(saved) }
        let filed = fileThree()
        let assign = xinfang(["assign", "--rejects", "assign-rejects.ndjson"], input: filed)
        XCTAssertEqual(assign.status, 1)
        let reply = xinfang(["reply", "--rejects", "reply-rejects.ndjson"], input: filed)
        XCTAssertEqual(reply.status, 1)
        XCTAssertEqual(try mode(of: directory.appendingPathComponent("xinfang.ndjson").path), 0o600)
        XCTAssertEqual(try mode(of: directory.appendingPathComponent("assign-rejects.ndjson").path), 0o600)
        XCTAssertEqual(try mode(of: directory.appendingPathComponent("reply-rejects.ndjson").path), 0o600)
    }

    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try XCTUnwrap(attributes[.posixPermissions] as? Int)
    }
}
