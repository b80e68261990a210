import XCTest
@testable import XinfangCore

/// Reading a journal in parts on several threads against reading it in one pass: the same book,
/// the same warning for a torn last line, and for any damage the same refusal, word for word.
final class JournalPartsTests: XCTestCase {
    private let policy = Policy()
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private struct Load: Equatable {
        var book: [String]?
        var error: String?
        var warnings: [String] = []
    }

    private func write(_ lines: [[UInt8]], tail: [UInt8] = []) throws -> String {
        let path = directory.appendingPathComponent("journal-\(UUID().uuidString).ndjson").path
        try Data(lines.joined() + tail).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Parts as small as one byte, so that a test journal is cut into as many parts as asked.
    private func load(_ path: String, readers: Int, asOf: LocalDate? = nil) -> Load {
        var warnings: [String] = []
        do {
            let book = try JournalReplay.load(path: path, policy: policy, asOf: asOf, retainTexts: false, readers: readers,
                                              minimumPartBytes: 1) { warnings.append($0) }
            return Load(book: book.cases.map(JournalDecoderTests.describe), error: nil, warnings: warnings)
        } catch {
            return Load(book: nil, error: "\(error)", warnings: warnings)
        }
    }

    /// Reads `path` on each number of `readers` and checks that the parts are joined into the book of one pass.
    private func assertJoinedLikeOnePass(_ path: String, _ onePass: Load, readers: [Int],
                                         file: StaticString = #filePath, line: UInt = #line) throws {
        for count in readers {
            XCTAssertEqual(load(path, readers: count), onePass, "\(count) threads", file: file, line: line)
            XCTAssertTrue(try joinsParts(path, readers: count), "\(count) threads", file: file, line: line)
        }
    }

    /// Whether the parts were joined (true) or the single pass had to decide (false).
    private func joinsParts(_ path: String, readers: Int) throws -> Bool {
        let file = try JournalFile.openForReading(path: path)
        let scanner = JournalScanner(timeZone: policy.timeZone, verifyChain: false, decodesFast: true,
                                     texts: .caseBook(retainTexts: false), tracksHash: false)
        return try JournalReplay.loadInParts(file: file, parts: readers, minimumPartBytes: 1, scanner: scanner,
                                             book: CaseBook(policy: policy, retainTexts: false), cutoff: nil) != nil
    }

    private func lines(_ events: [JournalEvent]) -> [[UInt8]] {
        JournalSamples.canonicalLines(events)
    }

    private func events(cases: Int, seed: UInt64) -> [JournalEvent] {
        JournalSamples.acceptedEvents(cases: cases, seed: seed, policy: policy)
    }

    func testAJournalReadInAnyNumberOfPartsGivesTheBookOfOnePass() throws {
        let events = events(cases: 400, seed: 11)
        let path = try write(lines(events))
        let onePass = load(path, readers: 1)
        XCTAssertEqual(onePass.book?.count, 400)
        try assertJoinedLikeOnePass(path, onePass, readers: [2, 3, 4, 7, 16])
        // The test means something only if cases run across parts: their later events are kept aside and joined.
        let file = try JournalFile.openForReading(path: path)
        let ranges = try JournalReplay.partRanges(file: file, parts: 2, minimumPartBytes: 1)
        XCTAssertEqual(ranges.count, 2)
        var offset = 0
        var filedInFirstPart = Set<String>()
        var spanning = 0
        for (event, line) in zip(events, lines(events)) {
            if offset < ranges[1].start {
                if event.kind == .filed { filedInFirstPart.insert(event.caseID) }
            } else if filedInFirstPart.contains(event.caseID) {
                spanning += 1
            }
            offset += line.count
        }
        XCTAssertGreaterThan(spanning, 50)
    }

    /// Parts delivered in any order are joined in journal order, as soon as the parts before them are in.
    func testPartsDeliveredOutOfOrderAreJoinedInJournalOrder() throws {
        let path = try write(lines(events(cases: 300, seed: 31)))
        let onePass = load(path, readers: 1)
        let file = try JournalFile.openForReading(path: path)
        let ranges = try JournalReplay.partRanges(file: file, parts: 4, minimumPartBytes: 1)
        XCTAssertEqual(ranges.count, 4)
        let scanner = JournalScanner(timeZone: policy.timeZone, verifyChain: false, decodesFast: true,
                                     texts: .caseBook(retainTexts: false), tracksHash: false)
        func part(_ index: Int) throws -> JournalReplay.PartResult {
            var fold = PartFold(book: CaseBook(policy: policy, retainTexts: false), defersUnknownCases: index > 0, cutoff: nil)
            var decoder = scanner.makeDecoder()
            let (outcome, damage) = try scanner.fold(file.source(from: ranges[index].start, to: ranges[index].end),
                                                     from: JournalPosition(offset: ranges[index].start),
                                                     expectingSeq: index == 0 ? 1 : nil, decoder: &decoder, into: &fold,
                                                     skippingFrom: nil)
            return JournalReplay.PartResult(fold: fold, outcome: outcome, damaged: damage != nil)
        }
        for order in [[3, 2, 1, 0], [1, 3, 0, 2], [0, 1, 2, 3], [2, 0, 3, 1]] {
            let joiner = PartJoiner(chunks: 4)
            for index in order {
                joiner.deliver(first: index, end: index + 1, .success(try part(index)))
            }
            let joined = try XCTUnwrap(try joiner.finish(), "\(order)")
            XCTAssertEqual(joined.book.cases.map(JournalDecoderTests.describe), onePass.book, "\(order)")
        }
        // A part that never arrives leaves the join to the single pass.
        let joiner = PartJoiner(chunks: 4)
        for index in [0, 1, 3] { joiner.deliver(first: index, end: index + 1, .success(try part(index))) }
        XCTAssertNil(try joiner.finish())
    }

    /// A journal written a kind at a time (every filing first, then the handling): the later parts hold
    /// nothing but events of cases filed in the first, all kept aside and joined.
    func testAJournalWithEveryFilingFirstIsJoinedToTheBookOfOnePass() throws {
        let events = events(cases: 300, seed: 21)
        var ordered = events.filter { $0.kind == .filed } + events.filter { $0.kind != .filed }
        for index in ordered.indices { ordered[index].seq = index + 1 }
        let path = try write(lines(ordered))
        let onePass = load(path, readers: 1)
        XCTAssertEqual(onePass.book?.count, 300)
        try assertJoinedLikeOnePass(path, onePass, readers: [2, 5])
    }

    /// Case numbers that are not the office's canonical ones (other spellings, other offices,
    /// Chinese) are indexed by hashing or by `String`: the parts' indexes are then joined key by key.
    func testOtherCaseNumbersAreJoinedKeyByKey() throws {
        for (seed, rename) in [(UInt64(23), { (n: Int) in "LEGACY-\(n)" }), (24, { (n: Int) in "旧案-\(n)" })] {
            var events = events(cases: 240, seed: seed)
            for index in events.indices {
                let number = Int(events[index].caseID.trimmingSpaces().suffix(6)) ?? 0
                if number % 3 == 0 { events[index].caseID = rename(number) }
            }
            let path = try write(lines(events))
            let onePass = load(path, readers: 1)
            XCTAssertEqual(onePass.book?.count, 240)
            try assertJoinedLikeOnePass(path, onePass, readers: [2, 3])
            // And one of them filed again in the last part.
            var again = try XCTUnwrap(events.first { $0.kind == .filed && $0.caseID.hasPrefix(rename(0).prefix(3)) })
            again.seq = events.count + 1
            try assertDamageIsReportedAsInOnePass(lines(events + [again]), expecting: "was already filed")
        }
    }

    func testMembersInOtherOrdersEscapesAndUnknownMembersGiveTheSameBookInParts() throws {
        let wild = JournalSamples.wildLines(lines(events(cases: 250, seed: 12)), seed: 13)
        let path = try write(wild)
        let onePass = load(path, readers: 1)
        XCTAssertNotNil(onePass.book)
        for readers in [2, 5] {
            XCTAssertEqual(load(path, readers: readers), onePass)
        }
    }

    func testTheAsOfDayCutsEveryPartAlike() throws {
        let events = events(cases: 300, seed: 14)
        let path = try write(lines(events))
        let middle = policy.timeZone.localDate(of: events[events.count / 2].at)
        let onePass = load(path, readers: 1, asOf: middle)
        XCTAssertNotEqual(onePass.book, load(path, readers: 1).book)
        for readers in [2, 3, 6] {
            XCTAssertEqual(load(path, readers: readers, asOf: middle), onePass)
        }
    }

    func testATornLastLineIsReportedWithItsNumberInTheWholeJournal() throws {
        let all = lines(events(cases: 200, seed: 15))
        let path = try write(Array(all.dropLast()), tail: Array(all[all.count - 1].dropLast()))
        let onePass = load(path, readers: 1)
        XCTAssertEqual(onePass.warnings, ["journal \(path): line \(all.count) is torn (a write cut off by a crash, never acknowledged); not counted"])
        try assertJoinedLikeOnePass(path, onePass, readers: [2, 4])
    }

    /// Damage anywhere: the parts are not joined, and the single pass words the refusal.
    private func assertDamageIsReportedAsInOnePass(_ lines: [[UInt8]], expecting message: String,
                                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try write(lines)
        let onePass = load(path, readers: 1)
        XCTAssertNil(onePass.book, file: file, line: line)
        XCTAssertTrue(onePass.error?.contains(message) == true, "\(onePass.error ?? "no error")", file: file, line: line)
        for readers in [2, 3] {
            XCTAssertEqual(load(path, readers: readers), onePass, file: file, line: line)
            XCTAssertFalse(try joinsParts(path, readers: readers), file: file, line: line)
        }
    }

    func testABadLineInALaterPartIsRefusedAsInOnePass() throws {
        var all = lines(events(cases: 200, seed: 16))
        all[all.count * 3 / 4] = Array(#"{"seq":"oops"}"#.utf8) + [0x0A]
        try assertDamageIsReportedAsInOnePass(all, expecting: "line \(all.count * 3 / 4 + 1):")
    }

    func testACaseFiledAgainInALaterPartIsRefusedAsInOnePass() throws {
        var events = events(cases: 200, seed: 17)
        var again = events[0]
        again.seq = events.count + 1
        events.append(again)
        try assertDamageIsReportedAsInOnePass(lines(events), expecting: "was already filed")
    }

    func testAnEventOfACaseNeverFiledIsRefusedAsInOnePass() throws {
        var events = events(cases: 200, seed: 18)
        let late = Instant(seconds: events[events.count - 1].at.seconds + 86_400)
        events.append(JournalEvent(seq: events.count + 1, caseID: "XF-2099-000001", at: late, recorded: late,
                                   payload: .assigned(Assignment(unit: "市人社局"))))
        try assertDamageIsReportedAsInOnePass(lines(events), expecting: "XF-2099-000001")
    }

    func testAnEventKeptAsideThatBreaksTheLifecycleIsRefusedAsInOnePass() throws {
        var events = events(cases: 200, seed: 19)
        // A case filed early and never assigned, replied to at the very end (so in the last part).
        let assigned = Set(events.filter { $0.kind == .assigned }.map(\.caseID))
        let unassigned = try XCTUnwrap(events.prefix(events.count / 4).first { $0.kind == .filed && !assigned.contains($0.caseID) })
        let late = Instant(seconds: events[events.count - 1].at.seconds + 86_400)
        events.append(JournalEvent(seq: events.count + 1, caseID: unassigned.caseID, at: late, recorded: late,
                                   payload: .replied(Reply(unit: "市人社局", text: "已办", closes: true))))
        try assertDamageIsReportedAsInOnePass(lines(events), expecting: "a reply needs an assigned case")
    }

    func testASeqGapRightAtAPartBoundaryIsRefusedAsInOnePass() throws {
        let all = lines(events(cases: 200, seed: 20))
        let total = all.reduce(0) { $0 + $1.count }
        // A line to drop such that the line after it starts the second of two parts: the second
        // part starts at the first line start past the middle byte.
        let dropped = try XCTUnwrap(all.indices.dropFirst().first { dropped in
            let start = all[..<dropped].reduce(0) { $0 + $1.count }
            let middle = (total - all[dropped].count) / 2
            return start > middle && start - all[dropped - 1].count <= middle
        })
        var damaged = all
        damaged.remove(at: dropped)
        let path = try write(damaged)
        let ranges = try JournalReplay.partRanges(file: JournalFile.openForReading(path: path), parts: 2, minimumPartBytes: 1)
        XCTAssertEqual(ranges.map(\.start), [0, damaged[..<dropped].reduce(0) { $0 + $1.count }])
        XCTAssertEqual(load(path, readers: 1).error,
                       "journal \(path): line \(dropped + 1): seq \(dropped + 2) where \(dropped + 1) was expected (lines missing); run 'xinfang audit --verify' for a full report")
        XCTAssertEqual(load(path, readers: 2), load(path, readers: 1))
        XCTAssertFalse(try joinsParts(path, readers: 2))
    }

    func testTooManyEventsKeptAsideLeaveTheJournalToOnePass() throws {
        var fold = PartFold(book: CaseBook(policy: policy), defersUnknownCases: true, cutoff: nil, deferredLimit: 2)
        let at = Instant(seconds: 1_767_225_600)
        for number in 1...2 {
            try fold.apply(JournalEvent(seq: number, caseID: "XF-2026-00000\(number)", at: at, recorded: at,
                                        payload: .assigned(Assignment(unit: "市人社局"))))
        }
        XCTAssertEqual(fold.deferred.count, 2)
        XCTAssertThrowsError(try fold.apply(JournalEvent(seq: 3, caseID: "XF-2026-000003", at: at, recorded: at,
                                                         payload: .assigned(Assignment(unit: "市人社局")))))
        XCTAssertTrue(fold.overflowed)
    }
}
