import XCTest
@testable import XinfangCore

/// A writer's first reading of the journal in parts on several threads against the one pass: the
/// same state (book, filing index), the same position to chain on from, the same torn last line;
/// and anything the parts cannot answer exactly is left to the one pass.
final class WriterCatchUpTests: XCTestCase {
    private let policy = Policy()
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-catch-up-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func write(_ bytes: [UInt8]) throws -> String {
        let path = directory.appendingPathComponent("journal-\(UUID().uuidString).ndjson").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The sample events, then filings of new cases that repeat earlier ones (same `source_id`, or
    /// same channel, day, petitioner and summary), so that which case keeps a key is tested too.
    private func events(cases: Int, seed: UInt64) -> [JournalEvent] {
        var events = JournalSamples.acceptedEvents(cases: cases, seed: seed, policy: policy)
        let filings = events.filter { $0.kind == .filed }
        for (number, earlier) in stride(from: 3, to: filings.count, by: 11).map({ filings[$0] }).enumerated() {
            var again = earlier
            again.seq = events.count + 1
            again.caseID = "XF-2027-\(String(format: "%06d", number + 1))"
            events.append(again)
        }
        return events
    }

    private func journal(cases: Int, seed: UInt64) -> [UInt8] {
        Array(JournalSamples.canonicalLines(events(cases: cases, seed: seed)).joined())
    }

    /// What the writer's one pass gives: the state and the outcome, or the damage.
    private func onePass<State: JournalFold>(_ path: String, _ empty: State) throws -> (State, JournalScanner.Outcome, JournalProblem?) {
        let file = try JournalFile.openForReading(path: path)
        var state = empty
        let scanner = JournalScanner(timeZone: policy.timeZone, verifyChain: false, decodesFast: true, texts: empty.textsRead)
        let (outcome, damage) = try scanner.fold(file.source(from: 0), from: .start, into: &state)
        return (state, outcome, damage)
    }

    /// The parts' answer, with parts as small as one byte (so a test journal is cut as asked).
    private func inParts(_ path: String, readers: Int, book: CaseBook, indexesFilings: Bool) throws -> (JournalReplay.PartsOutcome, JournalScanner.Outcome)? {
        let file = try JournalFile.openForReading(path: path)
        let texts: EventTexts = indexesFilings ? .filings : book.textsRead
        return try JournalReplay.writerStart(file: file, readers: readers, book: book, texts: texts, indexesFilings: indexesFilings,
                                             minimumPartBytes: 1)
    }

    private func assertSameOutcome(_ parts: JournalScanner.Outcome, _ one: JournalScanner.Outcome,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parts.position, one.position, file: file, line: line)
        XCTAssertEqual(parts.tornTail.map { [$0.line, $0.offset, $0.length] }, one.tornTail.map { [$0.line, $0.offset, $0.length] },
                       file: file, line: line)
    }

    func testABookReadInPartsIsTheBookAndPositionOfOnePass() throws {
        let path = try write(journal(cases: 300, seed: 41))
        for retainTexts in [false, true] {
            let empty = CaseBook(policy: policy, retainTexts: retainTexts)
            let (book, outcome, damage) = try onePass(path, empty)
            XCTAssertNil(damage)
            XCTAssertGreaterThan(outcome.position.seq, 600)
            for readers in [2, 3, 5] {
                let (parts, partsOutcome) = try XCTUnwrap(try inParts(path, readers: readers, book: empty, indexesFilings: false))
                XCTAssertEqual(parts.book.cases.map(JournalDecoderTests.describe), book.cases.map(JournalDecoderTests.describe))
                XCTAssertNil(parts.index)
                assertSameOutcome(partsOutcome, outcome)
            }
        }
    }

    func testAFilingIndexReadInPartsAnswersAsTheOnePass() throws {
        let events = events(cases: 300, seed: 42)
        let path = try write(Array(JournalSamples.canonicalLines(events).joined()))
        let (state, outcome, damage) = try onePass(path, FilingState(policy: policy))
        XCTAssertNil(damage)
        // The questions `file` asks of the index, about every filing of the journal and new ones.
        var filings = events.compactMap { event -> (Filing, Instant)? in
            guard case .filed(let filing) = event.payload else { return nil }
            return (filing, event.at)
        }
        filings += filings.map { filing, at in
            var new = filing
            new.summary += "（再次）"
            new.sourceID = nil
            return (new, Instant(seconds: at.seconds + 86_400))
        }
        // The cases filed again at the end are numbered in 2027, in the last part only.
        let nextYear = Instant(seconds: 1_798_761_600 + 86_400 * 100)
        func answers(_ index: FilingIndex) -> [String] {
            filings.map { filing, at in
                "\(index.duplicate(of: filing, received: at) ?? "-") \(index.repeatOf(filing, received: at) ?? "-") "
                    + "\(index.nextCaseNumber(office: "XF", received: at)) \(index.nextCaseNumber(office: "GD", received: at))"
            } + ["\(index.nextCaseNumber(office: "XF", received: nextYear))"]
        }
        let expected = answers(state.index)
        XCTAssertGreaterThan(Set(expected).count, 100)
        XCTAssertEqual(expected.last, "XF-2027-\(String(format: "%06d", events.count { $0.caseID.hasPrefix("XF-2027-") } + 1))")
        // The repeated filings at the end are duplicates of the earlier cases, not of themselves.
        XCTAssertEqual(state.index.duplicate(of: filings[3].0, received: filings[3].1), events.first { $0.kind == .filed && $0.at == filings[3].1 }?.caseID)
        for readers in [2, 3, 5] {
            let (parts, partsOutcome) = try XCTUnwrap(try inParts(path, readers: readers, book: state.book.emptied(), indexesFilings: true))
            XCTAssertEqual(answers(try XCTUnwrap(parts.index)), expected, "\(readers) threads")
            XCTAssertEqual(parts.book.cases.map(JournalDecoderTests.describe), state.book.cases.map(JournalDecoderTests.describe))
            assertSameOutcome(partsOutcome, outcome)
        }
    }

    func testATornLastLineIsFoundWhereTheOnePassFindsIt() throws {
        let lines = JournalSamples.canonicalLines(events(cases: 120, seed: 43))
        let torn = Array(lines.last!.dropLast(20))
        let path = try write(Array(lines.dropLast().joined()) + torn)
        let empty = CaseBook(policy: policy, retainTexts: false)
        let (_, outcome, damage) = try onePass(path, empty)
        XCTAssertNil(damage)
        XCTAssertEqual(outcome.tornTail?.line, lines.count)
        let (_, partsOutcome) = try XCTUnwrap(try inParts(path, readers: 3, book: empty, indexesFilings: false))
        assertSameOutcome(partsOutcome, outcome)
    }

    func testWhatThePartsCannotAnswerExactlyIsLeftToTheOnePass() throws {
        let lines = JournalSamples.canonicalLines(events(cases: 120, seed: 44))
        let empty = CaseBook(policy: policy, retainTexts: false)
        // The last line without its hash: the one pass chains to the hash of the line before.
        var unhashed = Array(lines.last!)
        let suffix = JournalHash.suffixLength + 1
        unhashed.replaceSubrange((unhashed.count - suffix)..<unhashed.count, with: Array("}\n".utf8))
        let noHash = try write(Array(lines.dropLast().joined()) + unhashed)
        XCTAssertNil(try onePass(noHash, empty).2)
        XCTAssertNil(try inParts(noHash, readers: 2, book: empty, indexesFilings: false))
        // A damaged line: the one pass words it.
        var damaged = lines
        damaged[lines.count / 2] = Array("not json\n".utf8)
        let broken = try write(Array(damaged.joined()))
        XCTAssertNotNil(try onePass(broken, empty).2)
        XCTAssertNil(try inParts(broken, readers: 2, book: empty, indexesFilings: false))
        // One thread: always the one pass.
        XCTAssertNil(try inParts(try write(Array(lines.joined())), readers: 1, book: empty, indexesFilings: false))
    }

    /// The writers themselves, on a journal large enough to be read in parts (two parts of at least
    /// ``JournalReplay/defaultMinimumPartBytes``): the same output and the same journal, byte for
    /// byte, on one thread and on two.
    func testWritersOnALargeJournalWriteTheSameOnOneThreadAndOnTwo() throws {
        // Copies of the sample with cases of their own and `seq` running on, made by editing the
        // sample's lines: the hashes are the sample's, so the chain is broken, which a writer does
        // not check (encoding and hashing 50,000 events takes ten seconds in a debug build).
        let sample = events(cases: 300, seed: 45)
        let sampleLines = JournalSamples.canonicalLines(sample).map { String(decoding: $0, as: UTF8.self) }
        let copies = 2 * JournalReplay.defaultMinimumPartBytes / sampleLines.reduce(0) { $0 + $1.utf8.count } + 2
        var events: [JournalEvent] = []
        var journal: [UInt8] = []
        for copy in 1...copies {
            let seqBefore = events.count
            for (event, line) in zip(sample, sampleLines) {
                var renumbered = event
                renumbered.seq += seqBefore
                renumbered.caseID = "C\(copy)-" + event.caseID
                events.append(renumbered)
                let edited = line.replacingOccurrences(of: #"{"seq":\#(event.seq),"#, with: #"{"seq":\#(renumbered.seq),"#)
                    .replacingOccurrences(of: #""case":""#, with: #""case":"C\#(copy)-"#)
                journal += Array(edited.utf8)
            }
        }
        XCTAssertGreaterThan(journal.count, 2 * JournalReplay.defaultMinimumPartBytes)
        // Read in parts indeed, by both kinds of state.
        let file = try JournalFile.openForReading(path: try write(journal))
        XCTAssertEqual(try XCTUnwrap(try FilingState(policy: policy).loadedInParts(file: file, readers: 2)).1.position.seq, events.count)
        XCTAssertEqual(try XCTUnwrap(try CaseBook(policy: policy).loadedInParts(file: file, readers: 2)).0.count,
                       events.filter { $0.kind == .filed }.count)
        // New letters (numbered after the journal's highest case of the office), and letters seen
        // before: each `source_id` is in every copy, and the first copy's case keeps it.
        var letters = Array(TestLetters.ndjson(count: 40, prefix: "new"))
        for number in [5, 77, 150, 299] {
            letters += Array(#"{"channel":"letter","region":"广州市","category":"劳动社保","summary":"再次","anonymous":true,"source_id":"LX-\#(number)"}"#.utf8) + [0x0A]
        }
        // A case whose last event assigned it (a reply closes it), and one never assigned.
        var last: [String: JournalEvent] = [:]
        for event in events { last[event.caseID] = event }
        let assigned = try XCTUnwrap(events.last { event in
            guard !event.caseID.contains(" "), case .assigned = last[event.caseID]?.payload else { return false }
            return true
        })
        guard case .assigned(let assignment) = assigned.payload else { return XCTFail("not an assignment") }
        let unassigned = try XCTUnwrap(events.last { !$0.caseID.contains(" ") && last[$0.caseID]?.kind == .filed })
        let runs: [(arguments: [String], input: String)] = [
            (["file", "input.ndjson"], String(decoding: letters, as: UTF8.self)),
            (["reply", "input.ndjson"], #"{"case":"\#(assigned.caseID)","unit":"\#(assignment.unit)","text":"已答复","closes":true}"# + "\n"),
            (["assign", "input.ndjson"], #"{"case":"\#(unassigned.caseID)","unit":"市人社局"}"# + "\n"),
        ]
        for (arguments, input) in runs {
            var results: [String] = []
            for threads in ["1", "2"] {
                let here = directory.appendingPathComponent("run-\(arguments[0])-\(threads)")
                try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
                try Data(journal).write(to: here.appendingPathComponent("xinfang.ndjson"))
                try Data(input.utf8).write(to: here.appendingPathComponent("input.ndjson"))
                let stdout = OutputSink(collectingAs: "<stdout>"), stderr = OutputSink(collectingAs: "<stderr>")
                let environment = Environment(stdout: stdout, stderr: stderr, stdin: { MemorySource([]) },
                                              variables: ["XINFANG_THREADS": threads], currentDirectory: here.path,
                                              now: { GoldenCaseTests.fixedNow })
                let status = CLI.run(arguments, environment: environment)
                let written = try Data(contentsOf: here.appendingPathComponent("xinfang.ndjson"))
                XCTAssertGreaterThan(written.count, journal.count, "\(arguments[0]): nothing written")
                results.append("\(status)\n\(stdout.text)\(stderr.text)\(SHA256.hexDigest(Array(written)))")
            }
            XCTAssertEqual(results[0], results[1], arguments[0])
            XCTAssertTrue(results[0].hasPrefix("0\n"), results[0])
        }
    }
}
