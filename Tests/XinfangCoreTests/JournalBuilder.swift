import Foundation
import XCTest
import XinfangCore

/// Builds a journal through the library's own event encoding (hash-chained lines), for tests of the reading verbs.
///
/// Events are written in the order they are added; each case's events must go forward in time,
/// as the lifecycle demands. Times are office-local (`2026-03-01T09:00:00`, or a plain date for 09:00;
/// write `T00:00:00` where the start of the day is meant).
final class JournalBuilder {
    let zone: OfficeTimeZone
    private(set) var bytes: [UInt8] = []
    private var hash = JournalEvent.genesisHash
    private var seq = 0

    init(zone: OfficeTimeZone = .shanghai) {
        self.zone = zone
        bytes.reserveCapacity(1 << 20)
    }

    /// The journal's lines so far, each ending in `\n`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    func instant(_ text: String) -> Instant {
        let full = text.count == 10 ? text + "T09:00:00" : text
        switch zone.parseTimestamp(full) {
        case .success(let instant): return instant
        case .failure(let error):
            XCTFail("bad test time \(text): \(error)")
            return Instant(seconds: 0)
        }
    }

    func add(_ caseID: String, _ at: String, _ payload: JournalEvent.Payload) {
        add(caseID, instant(at), payload)
    }

    func add(_ caseID: String, _ at: Instant, _ payload: JournalEvent.Payload) {
        seq += 1
        let event = JournalEvent(seq: seq, caseID: caseID, at: at, recorded: at, payload: payload)
        let (line, next) = event.journalLine(previousHash: hash, timeZone: zone)
        bytes.append(contentsOf: line)
        hash = next
    }

    /// Files a case; its summary is `反映问题 CASE` unless given, and it is anonymous unless a petitioner is given.
    func file(_ caseID: String, _ at: String, channel: Channel = .online, summary: String? = nil, region: String = "广州市",
              category: String = "劳动社保", petitioner: Petitioner? = nil, repeatOf: String? = nil) {
        add(caseID, at, .filed(Filing(channel: channel, summary: summary ?? "反映问题 \(caseID)", region: region,
                                      category: category, petitioner: petitioner, repeatOf: repeatOf)))
    }

    func assign(_ caseID: String, _ at: String, to unit: String, from: String? = nil) {
        add(caseID, at, .assigned(Assignment(unit: unit, from: from)))
    }

    func giveBack(_ caseID: String, _ at: String, to unit: String) {
        add(caseID, at, .returned(Return(unit: unit, reason: "答复未解决实际问题")))
    }

    /// A closing reply.
    func close(_ caseID: String, _ at: String, unit: String) {
        add(caseID, at, .replied(Reply(unit: unit, text: "已办结", closes: true)))
    }

    func extend(_ caseID: String, _ at: String, unit: String, days: Int) {
        add(caseID, at, .extended(Extension(unit: unit, days: days)))
    }

    func rate(_ caseID: String, _ at: String, _ satisfaction: Satisfaction) {
        add(caseID, at, .rated(Verdict(satisfaction: satisfaction, via: .callback)))
    }

    /// Writes the journal into a fresh temporary directory and returns that directory (the journal is `xinfang.ndjson`).
    func write() throws -> URL {
        try writeJournal(bytes)
    }
}

/// Writes `journal` (unless nil) as `xinfang.ndjson` into a fresh temporary directory and returns that directory.
func writeJournal(_ journal: [UInt8]?) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    if let journal {
        try Data(journal).write(to: directory.appendingPathComponent("xinfang.ndjson"))
    }
    return directory
}

/// Files the sample letters in `directory`, routes them, replies to them and rates them (as the
/// demo does) and returns the journal's bytes.
func writeSampleJournal(in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
    let fixtures = GoldenCase.fixturesDirectory
    let policy = ["--policy", fixtures.appendingPathComponent("policy.json").path]
    for (verb, input) in [("file", "letters.ndjson"), ("assign", "handling/1-assign.ndjson"), ("reply", "handling/2-reply.ndjson")] {
        let extra = verb == "assign" ? ["--auto"] : []
        let result = runXinfang([verb] + extra + policy + [fixtures.appendingPathComponent(input).path], in: directory)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }
    return Array(try Data(contentsOf: directory.appendingPathComponent("xinfang.ndjson")))
}

/// What one in-process run of `xinfang` printed and returned.
struct RunResult {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The stdout lines.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Stdout's NDJSON lines as objects.
    func objects(file: StaticString = #filePath, line: UInt = #line) -> [[String: Any]] {
        stdout.split(separator: "\n").compactMap { text in
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            if object == nil { XCTFail("not a JSON object: \(text)", file: file, line: line) }
            return object
        }
    }
}

/// Runs `xinfang ARGS` in-process in `directory` with the clock at `now` (default 2026-11-29T10:00:00+08:00).
func runXinfang(_ arguments: [String], in directory: URL, stdin: [UInt8] = [],
                now: Instant = GoldenCaseTests.fixedNow) -> RunResult {
    let stdout = OutputSink(collectingAs: "<stdout>")
    let stderr = OutputSink(collectingAs: "<stderr>")
    let environment = Environment(stdout: stdout, stderr: stderr, stdin: { MemorySource(stdin) },
                                  variables: [:], currentDirectory: directory.path, now: { now })
    let status = CLI.run(arguments, environment: environment)
    return RunResult(stdout: stdout.text, stderr: stderr.text, status: status)
}

/// Runs `xinfang ARGS` in-process in a fresh temporary directory holding `journal` (unless nil) as `xinfang.ndjson`,
/// then removes the directory; its path prints as `$TMP`.
func runXinfang(_ arguments: [String], journal: [UInt8]?, now: Instant = GoldenCaseTests.fixedNow) throws -> RunResult {
    let directory = try writeJournal(journal)
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = runXinfang(arguments, in: directory, now: now)
    return RunResult(stdout: result.stdout.replacingOccurrences(of: directory.path, with: "$TMP"),
                     stderr: result.stderr.replacingOccurrences(of: directory.path, with: "$TMP"), status: result.status)
}
