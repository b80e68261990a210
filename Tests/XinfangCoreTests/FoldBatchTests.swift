import XCTest
@testable import XinfangCore

/// The fold applies events in batches, reading each batch's records ahead: the book and the first
/// damage must be exactly those of applying the events one by one as they are read, wherever in
/// a batch the damage falls.
final class FoldBatchTests: XCTestCase {
    private let policy = Policy()

    /// The events of `cases` cases (filed, assigned, closed, rated, some returned and redone), in
    /// order of time: a batch mixes filings with events of cases filed in it and batches before.
    private func events(cases: Int) -> [(caseID: String, at: Instant, payload: JournalEvent.Payload)] {
        let start = JournalBuilder().instant("2026-01-05")
        var events: [(caseID: String, at: Instant, payload: JournalEvent.Payload)] = []
        for number in 1...cases {
            let caseID = String(format: "XF-2026-%06d", number)
            let filed = start.seconds + Int64(number) * 3_600
            let unit = number % 3 == 0 ? "市人社局" : "市住建局"
            func at(_ hours: Int64) -> Instant { Instant(seconds: filed + hours * 3_600) }
            events.append((caseID, at(0), .filed(Filing(channel: .online, summary: "反映问题 \(number)", region: "广州市", category: "劳动社保", petitioner: nil))))
            events.append((caseID, at(2), .assigned(Assignment(unit: unit))))
            events.append((caseID, at(30), .replied(Reply(unit: unit, text: "已办结", closes: true))))
            if number % 4 == 0 {
                events.append((caseID, at(40), .returned(Return(unit: unit, reason: "答复未解决实际问题"))))
                events.append((caseID, at(55), .replied(Reply(unit: unit, text: "重新办结", closes: true))))
            }
            events.append((caseID, at(70), .rated(Verdict(satisfaction: number % 5 == 0 ? .unsatisfied : .satisfied, via: .callback))))
        }
        // Stable: a case's own events keep their order.
        return events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The journal's lines, each with its `\n`; `refused` (an index into the events) is replaced by
    /// a rating of a case that is not closed, which the lifecycle refuses.
    private func lines(cases: Int, refusing refused: Int? = nil) -> [[UInt8]] {
        let builder = JournalBuilder()
        for (index, event) in events(cases: cases).enumerated() {
            if index == refused {
                builder.add("XF-2026-999999", event.at, .assigned(Assignment(unit: "市人社局")))
            } else {
                builder.add(event.caseID, event.at, event.payload)
            }
        }
        return builder.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { Array($0) + [10] }
    }

    private struct Folded: Equatable {
        var book: [String]
        var damage: JournalProblem?
    }

    /// Each event applied as the scan hands it over: what the fold gave before it batched.
    private func foldOneByOne(_ bytes: [UInt8]) throws -> Folded {
        var book = CaseBook(policy: policy, retainTexts: false)
        var damage: JournalProblem?
        _ = try JournalScanner(timeZone: policy.timeZone).scan(MemorySource(bytes), from: .start) { (item: JournalScanner.Item) throws(Never) in
            guard damage == nil else { return }
            switch item {
            case .event(let event, let line):
                do throws(LifecycleError) {
                    try book.apply(event)
                } catch {
                    damage = JournalProblem(line: line, kind: .lifecycle, message: error.description)
                }
            case .problem(let problem):
                if problem.kind != .tornTail { damage = problem }
            }
        }
        return Folded(book: book.cases.map(JournalDecoderTests.describe), damage: damage)
    }

    private func foldInBatches(_ bytes: [UInt8]) throws -> Folded {
        var book = CaseBook(policy: policy, retainTexts: false)
        let (_, damage) = try JournalScanner(timeZone: policy.timeZone).fold(MemorySource(bytes, chunkLimit: 4096), from: .start, into: &book)
        return Folded(book: book.cases.map(JournalDecoderTests.describe), damage: damage)
    }

    func testAWholeJournalFoldsAsOneEventAtATime() throws {
        let bytes = Array(lines(cases: 60).joined())
        let batched = try foldInBatches(bytes)
        XCTAssertEqual(batched, try foldOneByOne(bytes))
        XCTAssertNil(batched.damage)
        XCTAssertEqual(batched.book.count, 60)
    }

    /// A refused event at each place of a batch (and of the batch after), with events after it in the same batch.
    func testARefusedEventStopsTheFoldWhereverItFallsInABatch() throws {
        for refused in 3..<(3 + 2 * FoldBatch.capacity) {
            let bytes = Array(lines(cases: 20, refusing: refused).joined())
            let batched = try foldInBatches(bytes)
            XCTAssertEqual(batched, try foldOneByOne(bytes), "refused event \(refused)")
            XCTAssertEqual(batched.damage?.line, refused + 1)
            XCTAssertEqual(batched.damage?.kind, .lifecycle)
            XCTAssertEqual(batched.damage?.message, "case XF-2026-999999 does not exist (it was never filed)")
        }
    }

    /// A line that is not an event, or a gap in `seq`, mid-batch: the events before it are applied, none after.
    func testALineProblemAppliesTheEventsBeforeIt() throws {
        let clean = lines(cases: 12)
        for place in [1, 7, FoldBatch.capacity, FoldBatch.capacity + 5] {
            var malformed = clean
            malformed[place] = Array("{\"seq\":\n".utf8)
            var gap = clean
            gap.remove(at: place)
            for (name, journal) in [("malformed", malformed), ("seq gap", gap)] {
                let bytes = Array(journal.joined())
                let batched = try foldInBatches(bytes)
                XCTAssertEqual(batched, try foldOneByOne(bytes), "\(name) at line \(place + 1)")
                XCTAssertEqual(batched.damage?.line, place + 1, "\(name) at line \(place + 1)")
                XCTAssertEqual(batched.damage?.kind, name == "malformed" ? .malformed : .sequence)
            }
            // A refused event waiting in the batch when the bad line comes: the refusal is the first damage.
            var refusedFirst = lines(cases: 12, refusing: place - 1)
            refusedFirst[place + 1] = Array("{\"seq\":\n".utf8)
            let bytes = Array(refusedFirst.joined())
            let batched = try foldInBatches(bytes)
            XCTAssertEqual(batched, try foldOneByOne(bytes), "refused event at line \(place), then a bad line")
            XCTAssertEqual(batched.damage?.line, place, "refused event at line \(place), then a bad line")
            XCTAssertEqual(batched.damage?.kind, .lifecycle)
        }
    }

    /// The book of a batched fold on several threads, where later parts keep events of earlier parts' cases aside.
    func testReadingInPartsGivesTheSameBook() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-fold-batch-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Array(lines(cases: 200).joined())
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let onePass = try foldOneByOne(bytes)
        for readers in [1, 2, 5] {
            let book = try JournalReplay.load(path: path, policy: policy, asOf: nil, retainTexts: false, readers: readers,
                                              minimumPartBytes: 1) { XCTFail("warning: \($0)") }
            XCTAssertEqual(book.cases.map(JournalDecoderTests.describe), onePass.book, "\(readers) threads")
        }
    }

    /// A source whose reads fail once `failAfter` bytes have been served.
    private struct FailingSource: ByteSource {
        var inner: MemorySource
        var served = 0
        let failAfter: Int

        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
            guard served < failAfter else { throw IOFailure(operation: "read", path: "test", code: EIO) }
            let count = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, failAfter - served)]))
            served += count
            return count
        }
    }

    /// A failed read leaves the state with every event of the lines read before it, as when each
    /// event was applied as it came (the batch waiting is applied before the failure is thrown).
    func testAFailedReadLeavesEveryEventReadBeforeIt() throws {
        let journal = lines(cases: 20)
        let bytes = Array(journal.joined())
        for whole in [1, 5, FoldBatch.capacity - 1, FoldBatch.capacity + 3] {
            let before = Array(journal[..<whole].joined())
            var book = CaseBook(policy: policy, retainTexts: false)
            let source = FailingSource(inner: MemorySource(bytes, chunkLimit: 97), failAfter: before.count)
            XCTAssertThrowsError(try JournalScanner(timeZone: policy.timeZone).fold(source, from: .start, into: &book),
                                 "\(whole) lines")
            XCTAssertEqual(book.cases.map(JournalDecoderTests.describe), try foldOneByOne(before).book, "\(whole) lines")
        }
    }
}
