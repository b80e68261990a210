import Foundation
import XCTest
import XinfangCore

/// Builds a hash-chained journal event by event with the library's own encoding, for tests of the reading verbs.
///
/// Times are written `2026-03-04` (start of the day) or `2026-03-04T09:15:00` (office time, Asia/Shanghai).
struct AuditJournal {
    let zone = OfficeTimeZone.shanghai
    private(set) var bytes: [UInt8] = []
    private(set) var seq = 0
    private var hash = JournalEvent.genesisHash

    /// The journal's lines so far, each ending in `\n`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    func instant(_ text: String) -> Instant {
        guard case .success(let instant) = zone.parseTimestamp(text) else {
            XCTFail("bad test time \(text)")
            return Instant(seconds: 0)
        }
        return instant
    }

    mutating func add(_ caseID: String, _ at: String, _ payload: JournalEvent.Payload) {
        seq += 1
        let when = instant(at)
        let (line, next) = JournalEvent(seq: seq, caseID: caseID, at: when, recorded: when, payload: payload)
            .journalLine(previousHash: hash, timeZone: zone)
        bytes += line
        hash = next
    }

    mutating func file(_ caseID: String, _ at: String, region: String = "广州市", category: String = "劳动社保",
                       petitioner: Petitioner? = Petitioner(name: "王伟", phone: "13800138000")) {
        add(caseID, at, .filed(Filing(channel: .letter, summary: "拖欠工资", region: region, category: category, petitioner: petitioner)))
    }

    mutating func assign(_ caseID: String, _ at: String, unit: String, from: String? = nil) {
        add(caseID, at, .assigned(Assignment(unit: unit, from: from)))
    }

    mutating func reply(_ caseID: String, _ at: String, unit: String, closes: Bool = true) {
        add(caseID, at, .replied(Reply(unit: unit, text: "已答复", closes: closes)))
    }

    mutating func extend(_ caseID: String, _ at: String, unit: String, days: Int) {
        add(caseID, at, .extended(Extension(unit: unit, days: days)))
    }

    mutating func giveBack(_ caseID: String, _ at: String, unit: String) {
        add(caseID, at, .returned(Return(unit: unit, reason: "答复不到位")))
    }

    mutating func rate(_ caseID: String, _ at: String, _ satisfaction: Satisfaction) {
        add(caseID, at, .rated(Verdict(satisfaction: satisfaction, via: .callback)))
    }
}

/// Runs `xinfang` in-process in a fresh temporary directory holding `journal` as `xinfang.ndjson`.
struct XinfangRun {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The stdout lines.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    static func run(_ arguments: [String], journal: [UInt8]?, now: Instant = GoldenCaseTests.fixedNow) throws -> XinfangRun {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("xinfang-audit-\(UUID().uuidString)")
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: directory) }
        if let journal {
            try Data(journal).write(to: directory.appendingPathComponent("xinfang.ndjson"))
        }
        let stdout = OutputSink(collectingAs: "<stdout>")
        let stderr = OutputSink(collectingAs: "<stderr>")
        let environment = Environment(stdout: stdout, stderr: stderr, stdin: { MemorySource([]) },
                                      variables: [:], currentDirectory: directory.path, now: { now })
        let status = CLI.run(arguments, environment: environment)
        return XinfangRun(stdout: stdout.text.replacingOccurrences(of: directory.path, with: "$TMP"),
                          stderr: stderr.text.replacingOccurrences(of: directory.path, with: "$TMP"), status: status)
    }
}
