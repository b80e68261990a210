import Foundation
import XCTest
import XinfangCore

/// Builds a journal through the library's own event encoding (hash-chained lines), for tests of the reading verbs.
///
/// Events are written in the order they are added; each case's events must go forward in time,
/// as the lifecycle demands. Times are office-local (`2026-03-01T09:00:00`, or a plain date for 09:00).
final class JournalBuilder {
    let zone: OfficeTimeZone
    private(set) var bytes: [UInt8] = []
    private var hash = JournalEvent.genesisHash
    private var seq = 0

    init(zone: OfficeTimeZone = .shanghai) {
        self.zone = zone
        bytes.reserveCapacity(1 << 20)
    }

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

    func file(_ caseID: String, _ at: String, channel: Channel = .online, region: String = "广州市",
              category: String = "劳动社保", repeatOf: String? = nil) {
        add(caseID, at, .filed(Filing(channel: channel, summary: "反映问题 \(caseID)", region: region, category: category,
                                      petitioner: nil, repeatOf: repeatOf)))
    }

    func assign(_ caseID: String, _ at: String, to unit: String, from: String? = nil) {
        add(caseID, at, .assigned(Assignment(unit: unit, from: from)))
    }

    func giveBack(_ caseID: String, _ at: String, to unit: String) {
        add(caseID, at, .returned(Return(unit: unit, reason: "答复未解决实际问题")))
    }

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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(bytes).write(to: directory.appendingPathComponent("xinfang.ndjson"))
        return directory
    }
}

/// What one in-process run of `xinfang` printed and returned.
struct RunResult {
    var stdout: String
    var stderr: String
    var status: Int32

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
                now: Instant = Instant(seconds: 1_795_917_600)) -> RunResult {
    let stdout = OutputSink(collectingAs: "<stdout>")
    let stderr = OutputSink(collectingAs: "<stderr>")
    let environment = Environment(stdout: stdout, stderr: stderr, stdin: { MemorySource(stdin) },
                                  variables: [:], currentDirectory: directory.path, now: { now })
    let status = CLI.run(arguments, environment: environment)
    return RunResult(stdout: stdout.text, stderr: stderr.text, status: status)
}
