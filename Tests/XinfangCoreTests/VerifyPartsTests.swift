import XCTest
@testable import XinfangCore

/// `audit --verify` the fast way (on every core, falling back on any problem) against the reporting
/// pass alone: on clean journals and on journals damaged in every way, cut into chunks so small
/// that their edges land everywhere, the same findings in the same order and the same summary.
final class VerifyPartsTests: XCTestCase {
    private let policy = Policy()
    /// On 5 threads a test journal is cut into 40 chunks of two or three lines each.
    private let threads = [1, 2, 5]

    private struct Verdict: Equatable {
        var findings: [JournalVerifier.Finding] = []
        var summary: JournalVerifier.Summary?
    }

    /// A journal file of `bytes`, removed when the test ends.
    private func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-verify-parts-\(UUID().uuidString).ndjson").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// The reporting pass alone: the reference.
    private func reference(_ path: String) throws -> Verdict {
        var verdict = Verdict()
        let file = try JournalFile.openForReading(path: path)
        verdict.summary = try JournalVerifier(policy: policy).reportingPass(file: file) { verdict.findings.append($0) }
        return verdict
    }

    /// What `audit --verify` gives on `readers` threads, with chunks as small as one byte allows.
    private func verified(_ path: String, readers: Int) throws -> Verdict {
        var verdict = Verdict()
        verdict.summary = try JournalVerifier(policy: policy).verify(path: path, readers: readers, minimumPartBytes: 1) {
            verdict.findings.append($0)
        }
        return verdict
    }

    /// Whether the fast way answered, rather than leaving the journal to the reporting pass.
    private func answeredFast(_ path: String, readers: Int) throws -> Bool {
        let file = try JournalFile.openForReading(path: path)
        return try JournalVerifier(policy: policy).cleanSummary(file: file, readers: readers, minimumPartBytes: 1) != nil
    }

    /// Checks that every number of threads gives the reporting pass's verdict, the fast way only
    /// when the journal is clean; returns that verdict.
    @discardableResult
    private func assertSameAsReportingPass(_ bytes: [UInt8], clean: Bool, _ what: String = "",
                                           file: StaticString = #filePath, line: UInt = #line) throws -> Verdict {
        let path = try write(bytes)
        let expected = try reference(path)
        XCTAssertEqual(expected.findings.isEmpty, clean, "\(what): \(expected.findings)", file: file, line: line)
        for readers in threads {
            XCTAssertEqual(try verified(path, readers: readers), expected, "\(what), \(readers) threads", file: file, line: line)
            XCTAssertEqual(try answeredFast(path, readers: readers), clean, "\(what), \(readers) threads", file: file, line: line)
        }
        return expected
    }

    private func events(cases: Int = 30, seed: UInt64 = 41) -> [JournalEvent] {
        JournalSamples.acceptedEvents(cases: cases, seed: seed, policy: policy)
    }

    /// Indexes of every fourth line that starts a chunk when `lines` are read on 2 threads (16 chunks, a small journal's),
    /// the first line left out (the other thread counts cut elsewhere).
    private func chunkEdges(_ lines: [[UInt8]]) throws -> [Int] {
        let file = try JournalFile.openForReading(path: try write(lines.joined().map { $0 }))
        let chunks = JournalReplay.chunkCount(size: lines.joined().count, readers: 2)
        let starts = try JournalReplay.partRanges(file: file, parts: chunks, minimumPartBytes: 1).map(\.start)
        var offset = 0
        var edges: [Int] = []
        for (index, line) in lines.enumerated() {
            if index > 0, starts.contains(offset) { edges.append(index) }
            offset += line.count
        }
        XCTAssertGreaterThan(edges.count, 10)
        return edges.enumerated().filter { $0.offset % 4 == 1 }.map(\.element)
    }

    /// Lines of the given bodies (each without its `hash` member), chained as the writer chains them.
    private func chained(_ bodies: [[UInt8]]) -> [[UInt8]] {
        var previous = JournalEvent.genesisHash
        return bodies.map { body in
            previous = JournalHash.chain(previous: previous, body: body)
            return body + Array(#","hash":"\#(previous)"}"#.utf8) + [0x0A]
        }
    }

    private func body(_ line: [UInt8]) -> [UInt8] {
        Array(line.dropLast(JournalHash.suffixLength + 1))
    }

    func testACleanJournalIsAnsweredOnEveryCoreWithTheSummaryOfTheReportingPass() throws {
        let events = events(cases: 150, seed: 42)
        let verdict = try assertSameAsReportingPass(JournalSamples.canonicalLines(events).joined().map { $0 }, clean: true)
        XCTAssertEqual(verdict.summary, JournalVerifier.Summary(lines: events.count, lastSeq: events.count, cases: 150, problems: 0))
        try assertSameAsReportingPass([], clean: true, "empty")
    }

    /// Lines the fast decoder leaves to the reference path (white space, escapes), chained anew: still clean.
    func testLinesInOtherSpellingsAreCleanToo() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 43))
        let bodies = lines.enumerated().map { index, line in
            index % 3 == 0 ? Array("{ ".utf8) + body(line).dropFirst() : body(line)
        }
        try assertSameAsReportingPass(chained(bodies).joined().map { $0 }, clean: true)
    }

    /// A journal as Python's `json.dumps` writes it (`, "hash": "…"}`), chained over its own bytes:
    /// clean on every core, each part's first hash read through the white space; one line with
    /// more white space than a part start reads is left to the reporting pass and still clean.
    func testAJournalAsPythonWritesItIsCleanOnEveryCore() throws {
        let foreign = JournalSamples.pythonStyleJournal(JournalSamples.canonicalLines(events(seed: 50)).joined().map { $0 })
        let lines = foreign.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) + [0x0A] }
        try assertSameAsReportingPass(foreign, clean: true)
        let file = try JournalFile.openForReading(path: try write(foreign))
        var starts: [Int] = [0]
        for line in lines { starts.append(starts[starts.count - 1] + line.count) }
        for (index, hash) in try file.storedHashes(before: starts.dropLast().map { $0 }).enumerated().dropFirst() {
            XCTAssertEqual(hash, String(decoding: lines[index - 1].suffix(67).prefix(64), as: UTF8.self))
        }
        var spaced = lines
        let widened = String(decoding: lines[40], as: UTF8.self).replacingOccurrences(of: #", "hash": "#, with: ", " + String(repeating: " ", count: 300) + #""hash": "#)
        spaced[40] = Array(widened.utf8)
        try assertSameAsReportingPass(spaced.joined().map { $0 }, clean: true, "300 spaces in line 41's hash member")
        var edited = foreign
        edited[foreign.count / 2] = edited[foreign.count / 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try assertSameAsReportingPass(edited, clean: false, "a byte changed")
    }

    func testAnEditedByteAnywhereIsReportedAsByTheReportingPass() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 44))
        let edges = try chunkEdges(lines)
        // The first and last line of a chunk, and a line inside one.
        for index in Set(edges.flatMap { [$0 - 1, $0, $0 + 1] }.filter { $0 < lines.count }).sorted() {
            var inBody = lines, inHash = lines
            // A digit of `recorded`'s seconds: the line still reads, but no longer hashes to its hash.
            let recorded = try XCTUnwrap(firstRange(of: #""recorded":""#, in: lines[index])).upperBound + 18
            inBody[index][recorded] = inBody[index][recorded] == 0x30 ? 0x31 : 0x30
            // A digit of the stored hash: this line and the next break.
            let digit = lines[index].count - 4
            inHash[index][digit] = inHash[index][digit] == 0x30 ? 0x31 : 0x30
            try assertSameAsReportingPass(inBody.joined().map { $0 }, clean: false, "body of line \(index + 1)")
            try assertSameAsReportingPass(inHash.joined().map { $0 }, clean: false, "hash of line \(index + 1)")
        }
    }

    func testRemovedSwappedAndRepeatedLinesAreReportedAsByTheReportingPass() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 45))
        for index in try chunkEdges(lines).flatMap({ [$0 - 1, $0] }) where index + 1 < lines.count {
            var removed = lines, swapped = lines, repeated = lines
            removed.remove(at: index)
            swapped.swapAt(index, index + 1)
            repeated.insert(lines[index], at: index + 1)
            try assertSameAsReportingPass(removed.joined().map { $0 }, clean: false, "line \(index + 1) removed")
            try assertSameAsReportingPass(swapped.joined().map { $0 }, clean: false, "lines \(index + 1) and \(index + 2) swapped")
            try assertSameAsReportingPass(repeated.joined().map { $0 }, clean: false, "line \(index + 1) repeated")
        }
        let last = lines.count - 1
        try assertSameAsReportingPass((lines + [lines[last]]).joined().map { $0 }, clean: false, "last line repeated")
        try assertSameAsReportingPass(lines.dropLast().joined().map { $0 }, clean: true, "last line removed")
    }

    func testATornTailIsReportedAsByTheReportingPass() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 46))
        let whole = lines.joined().map { $0 }
        try assertSameAsReportingPass(Array(whole.dropLast()), clean: false, "last line break missing")
        try assertSameAsReportingPass(Array(whole.dropLast(lines[lines.count - 1].count / 2)), clean: false, "last line cut")
        try assertSameAsReportingPass(whole + Array(#"{"seq":"#.utf8), clean: false, "a line begun")
    }

    func testAMalformedLineIsReportedAsByTheReportingPass() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 47))
        for index in try chunkEdges(lines).flatMap({ [$0 - 1, $0] }) + [0, lines.count - 1] {
            var damaged = lines, hashless = lines
            damaged[index] = Array(#"{"seq":"oops"}"#.utf8) + [0x0A]
            hashless[index] = body(lines[index]) + Array("}\n".utf8)
            try assertSameAsReportingPass(damaged.joined().map { $0 }, clean: false, "line \(index + 1) not an event")
            try assertSameAsReportingPass(hashless.joined().map { $0 }, clean: false, "line \(index + 1) without a hash")
        }
    }

    /// Damage the chain does not show (every line hashes to its hash): only the `seq` or the lifecycle tells.
    func testSeqAndLifecycleProblemsInAnIntactChainAreReportedAsByTheReportingPass() throws {
        let events = events(seed: 48)
        let edges = try chunkEdges(JournalSamples.canonicalLines(events))
        let assigned = Set(events.filter { $0.kind == .assigned }.map(\.caseID))
        let filing = try XCTUnwrap(events.firstIndex { $0.kind == .filed && !assigned.contains($0.caseID) })
        let unassigned = events[filing]
        for index in edges {
            let at = events[index].at
            var gap = events
            gap.remove(at: index)
            try assertSameAsReportingPass(JournalSamples.canonicalLines(gap).joined().map { $0 }, clean: false, "seq \(index + 1) missing")
            var misfits = [
                JournalEvent(seq: 0, caseID: "XF-2099-000001", at: at, recorded: at, payload: .assigned(Assignment(unit: "市人社局"))),
                events[0],
            ]
            if index > filing {
                misfits.append(JournalEvent(seq: 0, caseID: unassigned.caseID, at: at, recorded: at,
                                            payload: .replied(Reply(unit: "市人社局", text: "已办", closes: true))))
            }
            for misfit in misfits {
                var inserted = events
                inserted.insert(misfit, at: index)
                for position in inserted.indices { inserted[position].seq = position + 1 }
                try assertSameAsReportingPass(JournalSamples.canonicalLines(inserted).joined().map { $0 }, clean: false,
                                              "\(misfit.kind) of \(misfit.caseID) at line \(index + 1)")
            }
        }
    }

    func testTheHashStoredBeforeEachChunkIsThePreviousLinesHash() throws {
        let lines = JournalSamples.canonicalLines(events(seed: 49))
        let file = try JournalFile.openForReading(path: try write(lines.joined().map { $0 }))
        var starts: [Int] = [0]
        for line in lines { starts.append(starts[starts.count - 1] + line.count) }
        let hashes = try file.storedHashes(before: starts.dropLast().map { $0 })
        XCTAssertEqual(hashes.first, JournalEvent.genesisHash)
        for (index, hash) in hashes.enumerated().dropFirst() {
            XCTAssertEqual(hash, lines[index - 1].withUnsafeBytes { JournalHash.split(UnsafeRawBufferPointer(rebasing: $0.dropLast()))?.hash })
        }
        // Bytes before an offset that are no hash: the genesis hash stands in.
        XCTAssertEqual(try file.storedHashes(before: [10, starts[1] + 20]), [JournalEvent.genesisHash, JournalEvent.genesisHash])
    }

    func testTheChainCheckComparesEveryDigit() {
        let previous = JournalEvent.genesisHash
        let body = Array(#"{"seq":1}"#.utf8)
        let hash = Array(JournalHash.chain(previous: previous, body: body).utf8)
        func chains(_ claimed: [UInt8]) -> Bool {
            Array(previous.utf8).withUnsafeBytes { p in
                body.withUnsafeBytes { b in claimed.withUnsafeBytes { JournalHash.chains(previous: p, body: b, to: $0) } }
            }
        }
        XCTAssertTrue(chains(hash))
        for index in hash.indices {
            var changed = hash
            changed[index] = changed[index] == 0x30 ? 0x31 : 0x30
            XCTAssertFalse(chains(changed), "digit \(index)")
        }
        XCTAssertFalse(chains(Array(hash.dropLast())))
    }

    private func firstRange(of text: String, in line: [UInt8]) -> Range<Int>? {
        let pattern = Array(text.utf8)
        guard line.count >= pattern.count else { return nil }
        return (0...(line.count - pattern.count)).first { line[$0..<($0 + pattern.count)].elementsEqual(pattern) }
            .map { $0..<($0 + pattern.count) }
    }
}
