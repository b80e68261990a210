import Foundation
import XCTest
import XinfangCore

/// Issue 7, "nothing lost, nothing forged": eight processes mixing `file`, `assign` and `reply` on
/// one journal at the same time. Afterwards every acknowledged event is in the journal exactly once,
/// case numbers are unique, a submission raced by two writers is filed once, and the journal
/// verifies clean (sequence, hash chain, lifecycle).
final class MixedWritersTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    static func caseNumber(_ sequence: Int) -> String { String(format: "XF-2026-%06d", sequence) }

    /// One writer of the concurrent phase: its verb, its input lines, and what it printed.
    final class Writer {
        let arguments: [String]
        let lines: [String]
        let process = Process()
        let output: URL
        let errors: URL

        init(_ arguments: [String], lines: [String], output: URL, errors: URL) {
            self.arguments = arguments
            self.lines = lines
            self.output = output
            self.errors = errors
        }

        /// Starts the process and feeds its stdin in small chunks spread over about `spread` seconds,
        /// so that every writer commits many small batches, interleaved with the others' under the
        /// journal lock, for the whole of the concurrent phase.
        func start(seed: UInt64, spread: Double) throws {
            process.executableURL = URL(fileURLWithPath: XinfangBinary.path)
            process.arguments = arguments
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            let input = Pipe()
            process.standardInput = input
            try process.run()
            let lines = self.lines
            let pause = spread * 1_000_000 / Double(max(1, lines.count / 3))  // chunks of 3 lines on average
            Thread.detachNewThread {
                var generator = SplitMix64(seed: seed)
                var index = 0
                while index < lines.count {
                    let chunk = 1 + Int(generator.next() % 5)
                    let text = lines[index..<min(index + chunk, lines.count)].map { $0 + "\n" }.joined()
                    input.fileHandleForWriting.write(Data(text.utf8))
                    index += chunk
                    usleep(UInt32(pause / 2 + Double(generator.next() % 1000) / 1000 * pause))
                }
                try? input.fileHandleForWriting.close()
            }
        }

        /// Waits for the end and returns the acknowledged lines as (case, status) pairs.
        func finish() throws -> (status: Int32, stderr: String, acknowledged: [(caseID: String, status: String)]) {
            process.waitUntilExit()
            let printed = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            let acknowledged = try printed.map { line -> (caseID: String, status: String) in
                let object = try JSONParser.parseObjectLine(String(line))
                return (try object.requiredString("case"), try object.requiredString("status"))
            }
            return (process.terminationStatus, try String(contentsOf: errors, encoding: .utf8), acknowledged)
        }
    }

    func letters(_ count: Int, prefix: String) -> [String] {
        String(decoding: TestLetters.ndjson(count: count, prefix: prefix), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    func testEightWritersMixingFileAssignAndReplyLoseAndDoubleNothing() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        let started = Date()

        // Before: 240 cases filed; cases 151–230 assigned (the repliers close them concurrently).
        let base = letters(240, prefix: "BASE")
        let filed = try XinfangBinary.run(["file", "--journal", journal], stdin: Data(base.map { $0 + "\n" }.joined().utf8))
        XCTAssertEqual(filed.status, 0, filed.stderr)
        let preassigned = (151...230).map { #"{"case":"\#(Self.caseNumber($0))","unit":"市人社局"}"# }
        let assigned = try XinfangBinary.run(["assign", "--journal", journal], stdin: Data(preassigned.map { $0 + "\n" }.joined().utf8))
        XCTAssertEqual(assigned.status, 0, assigned.stderr)
        let eventsBefore = 240 + 80

        // The concurrent phase: 3 × file, 3 × assign, 2 × reply.
        let shared = letters(20, prefix: "SHARED")        // sent by two filers at once: filed once
        let refiled = Array(base.prefix(10))              // filed before: duplicates
        var writers: [Writer] = []
        func writer(_ arguments: [String], _ lines: [String]) {
            let index = writers.count
            writers.append(Writer(arguments + ["--journal", journal], lines: lines,
                                  output: directory.appendingPathComponent("out\(index).ndjson"),
                                  errors: directory.appendingPathComponent("err\(index)")))
        }
        writer(["file"], letters(150, prefix: "F0") + shared)
        writer(["file"], shared + letters(150, prefix: "F1"))
        writer(["file"], letters(150, prefix: "F2") + refiled)
        for slice in 0..<3 {
            writer(["assign"], (1...50).map { #"{"case":"\#(Self.caseNumber(slice * 50 + $0))","unit":"区信访单位\#(slice)"}"# })
        }
        for slice in 0..<2 {
            writer(["reply"], (1...40).map { #"{"case":"\#(Self.caseNumber(151 + slice * 40 + $0 - 1))","text":"已办结","closes":true}"# })
        }
        for (index, writer) in writers.enumerated() { try writer.start(seed: UInt64(index + 1), spread: 1.0) }
        var acknowledged: [(caseID: String, status: String, writer: Int)] = []
        var printed: [[(caseID: String, status: String)]] = []
        for (index, writer) in writers.enumerated() {
            let result = try writer.finish()
            printed.append(result.acknowledged)
            XCTAssertEqual(result.status, 0, "writer \(index) \(writer.arguments[0]): \(result.stderr)")
            XCTAssertEqual(result.stderr, "", "writer \(index)")
            XCTAssertEqual(result.acknowledged.count, writer.lines.count, "writer \(index): one line out per line in")
            acknowledged += result.acknowledged.map { ($0.caseID, $0.status, index) }
        }

        // What the journal holds, event by event.
        var occurrences: [String: Int] = [:]
        var filedCases: [String] = []
        var total = 0
        var turns: [String] = []  // which writer wrote each event of the concurrent phase, run-length collapsed
        let file = try JournalFile.openForReading(path: journal)
        _ = try JournalScanner(timeZone: .shanghai, verifyChain: true).scan(file.source(from: 0), from: .start) { (item: JournalScanner.Item) throws(Never) in
            guard case .event(let event, _) = item else { return }
            total += 1
            occurrences[event.caseID + " " + event.kind.rawValue, default: 0] += 1
            var writer = ""
            switch event.payload {
            case .filed(let filing):
                filedCases.append(event.caseID)
                writer = String((filing.sourceID ?? "").prefix { $0 != "-" })
            case .assigned(let assignment): writer = assignment.unit
            case .replied: writer = (Int(event.caseID.suffix(6)) ?? 0) <= 190 ? "R0" : "R1"
            default: break
            }
            if total > eventsBefore, turns.last != writer { turns.append(writer) }
        }

        // Every acknowledged event is there exactly once.
        let kinds = ["filed": "filed", "assigned": "assigned", "closed": "replied"]
        var events = 0
        for ack in acknowledged where ack.status != "duplicate" {
            let kind = try XCTUnwrap(kinds[ack.status], "unexpected status \(ack.status) from writer \(ack.writer)")
            XCTAssertEqual(occurrences[ack.caseID + " " + kind], 1, "\(ack.caseID) \(kind), acknowledged by writer \(ack.writer)")
            events += 1
        }
        // Nothing else was written: the journal is what came before plus what was acknowledged.
        XCTAssertEqual(total, eventsBefore + events)
        XCTAssertEqual(events, 3 * 150 + 20 + 150 + 80)

        // Case numbers are unique; a letter raced by two filers got one case, which both printed.
        XCTAssertEqual(Set(filedCases).count, filedCases.count, "case numbers must be unique")
        XCTAssertEqual(filedCases.count, 240 + 450 + 20)
        for (index, (a, b)) in zip(printed[0].suffix(20), printed[1].prefix(20)).enumerated() {
            XCTAssertEqual(a.caseID, b.caseID, "SHARED-\(index) got two case numbers")
            XCTAssertEqual([a.status, b.status].sorted(), ["duplicate", "filed"], "SHARED-\(index)")
        }
        // The re-filed base letters are duplicates of their first cases.
        let refiledAcks = printed[2].suffix(10)
        XCTAssertEqual(refiledAcks.map(\.status), Array(repeating: "duplicate", count: 10))
        XCTAssertEqual(refiledAcks.map(\.caseID), (1...10).map(Self.caseNumber))

        // The writers really took turns: each committed several times, interleaved with the others.
        XCTAssertGreaterThanOrEqual(turns.count, 16, "the writers did not interleave: \(turns)")

        // The journal verifies clean: sequence, hash chain, lifecycle.
        let check = try JournalCheck(path: journal)
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.lastSeq, total)
        XCTAssertEqual(check.sourceIDs.count, check.filedCases.count, "each letter filed once")
        let seconds = Date().timeIntervalSince(started)
        print("mixed writers: 8 writers (3 file, 3 assign, 2 reply), \(acknowledged.count) acknowledged lines, "
              + "\(events) acknowledged events checked, \(total) events in the journal, \(turns.count) turns at the lock, clean, in \(String(format: "%.1f", seconds)) s")
    }
}
