import XCTest
@testable import XinfangCore

/// Counting a large book's cases on several threads gives the figures of one pass, byte for byte.
final class StatsThreadsTests: XCTestCase {
    /// More cases than a chunk holds, so the book has several runs to count apart.
    func testTheFiguresOfSeveralThreadsAreThoseOfOne() throws {
        let policy = Policy()
        var book = CaseBook(policy: policy, retainTexts: false)
        var random = SeededRandom(seed: 22)
        let units = ["市人社局", "市住建局", "Caf\u{E9}", "Cafe\u{301}", "市卫健委"]
        let start = Instant(seconds: 1_735_660_800)  // 2025-01-01
        for number in 1...(CaseList.chunkSize + 9_000) {
            let id = "XF-\(2025 + number % 2)-\(String(format: "%06d", number))"
            let at = Instant(seconds: start.seconds + Int64(number % 2) * 31_536_000 + Int64(random.below(180 * 86_400)))
            try book.apply(JournalEvent(seq: 0, caseID: id, at: at, recorded: at, payload: .filed(Filing(
                channel: random.pick(Channel.allCases), summary: "", region: random.pick(["广州市", "深圳市"]),
                category: random.pick(["劳动社保", "城乡建设"]), petitioner: nil))))
            guard random.chance(0.8) else { continue }
            let assigned = Instant(seconds: at.seconds + Int64(random.below(20 * 86_400)))
            let unit = random.pick(units)
            try book.apply(JournalEvent(seq: 0, caseID: id, at: assigned, recorded: assigned, payload: .assigned(Assignment(unit: unit))))
            guard random.chance(0.7) else { continue }
            let closed = Instant(seconds: assigned.seconds + Int64(random.below(90 * 86_400)))
            try book.apply(JournalEvent(seq: 0, caseID: id, at: closed, recorded: closed,
                                        payload: .replied(Reply(unit: unit, text: "", closes: true))))
            guard random.chance(0.6) else { continue }
            try book.apply(JournalEvent(seq: 0, caseID: id, at: closed, recorded: closed,
                                        payload: .rated(Verdict(satisfaction: random.pick(Satisfaction.allCases)))))
        }
        for threads in [2, 4] {
            let runs = book.cases.runs(threads)
            XCTAssertEqual(runs.count, threads)
            XCTAssertEqual(runs.flatMap(\.positions).map { book.cases[$0].id }, book.cases.map(\.id))
            let sizes = runs.map(\.positions.count)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(sizes)")  // cut inside the chunks
        }
        let day = { (text: String) in try XCTUnwrap(try? OfficeTimeZone.shanghai.parseDate(text).get()) }
        let periods: [(LocalDate?, LocalDate?)] = [(nil, nil), (try day("2026-01-01"), try day("2026-07-01"))]
        for keys in [[StatsKey](), [.unit, .month], [.channel, .region, .category, .year]] {
            for (from, to) in periods {
                let query = StatsQuery(from: from, to: to, asOf: try day("2026-12-31"), keys: keys)
                let onePass = StatsRendering.ndjson(StatsReport(book: book, query: query, threads: 1))
                XCTAssertGreaterThan(onePass.count, 100)
                for threads in [2, 4] {
                    XCTAssertEqual(StatsRendering.ndjson(StatsReport(book: book, query: query, threads: threads)), onePass, "\(keys) \(threads)")
                }
            }
        }
    }

    /// A joined book's chunks may be partly filled before a full one: the runs follow the chunks,
    /// and each record is counted once.
    func testRunsOfAJoinedBookCoverEveryRecordOnceInOrder() throws {
        func book(_ numbers: ClosedRange<Int>) throws -> CaseBook {
            var book = CaseBook(policy: Policy(), retainTexts: false)
            for number in numbers {
                let at = Instant(seconds: 1_767_225_600 + Int64(number) * 3_600)
                try book.apply(JournalEvent(seq: 0, caseID: "XF-2026-\(String(format: "%06d", number))", at: at, recorded: at,
                                            payload: .filed(Filing(channel: .letter, summary: "", region: "广州市", category: "劳动社保", petitioner: nil))))
            }
            return book
        }
        var joined = try book(1...10)
        XCTAssertTrue(joined.absorb(try book(11...17)))
        XCTAssertTrue(joined.absorb(try book(18...18)))
        let ids = joined.cases.map(\.id)
        XCTAssertEqual(ids.count, 18)
        for threads in 1...20 {
            let runs = joined.cases.runs(threads)
            XCTAssertEqual(runs.count, min(threads, 18))
            XCTAssertEqual(runs.flatMap(\.positions).map { joined.cases[$0].id }, ids, "\(threads) threads")
            let sizes = runs.map(\.positions.count)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(threads) threads: \(sizes)")
        }
        XCTAssertEqual(CaseBook(policy: Policy(), retainTexts: false).cases.runs(2).count, 1)
    }
}
