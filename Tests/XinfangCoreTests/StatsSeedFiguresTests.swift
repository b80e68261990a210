import Foundation
import XCTest
import XinfangCore

/// The figures the seed office published, reproduced from a journal (the same one `scripts/seed-figures`
/// builds through `xinfang file`, `assign` and `reply`).
///
/// 2024: 17,978 online petitions; 2025: 21,016, of which 2,412 assigned and 2,203 of those closed;
/// in 2025 other channels twice as many as online, so online is a third of intake. Published:
/// closure rate 91.3% (2,203 / 2,412), online up 16.9% year on year (21,016 / 17,978 − 1 = 0.16898…),
/// online a third of intake (21,016 / 63,048 = 33.3%).
final class StatsSeedFiguresTests: XCTestCase {
    /// The generation rule, shared with `scripts/seed-figures` (see there):
    /// - 2024: 17,978 petitions, all online (only online is compared year on year; fewer events keep the test fast);
    ///   2025: 3 × 21,016 petitions in receipt order, petition `k` online when `k % 3 == 0`, else channel
    ///   `OTHERS[(2 × (k / 3) + k % 3 − 1) % 7]`;
    /// - petition `k` of a year's `count` is received on day `k × days / count` of the year (366 days in 2024,
    ///   365 in 2025) at 09:00, region `REGIONS[k % 5]`, category `CATEGORIES[(k / 5) % 5]`, source_id `SEED-<year>-<k>`;
    /// - of 2025's online petitions, number `m` (0-based among them) is assigned when `⌊(m+1)·2412/21016⌋ > ⌊m·2412/21016⌋`,
    ///   three days after receipt at 10:00, to `REGIONS[k % 5] + "人力资源社会保障局"`;
    /// - of those, number `a` is closed when `⌊(a+1)·2203/2412⌋ > ⌊a·2203/2412⌋`, 25 days after receipt at 16:00.
    static let others: [Channel] = [.letter, .visit, .phone, .mobile, .video, .mailbox, .fax]
    static let regions = ["广州市", "深圳市", "佛山市", "东莞市", "珠海市"]
    static let categories = ["劳动社保", "城乡建设", "农村农业", "政法", "卫生健康"]

    static func buildJournal() -> JournalBuilder {
        let journal = JournalBuilder()
        var assignments: [(id: String, received: LocalDate, unit: String)] = []
        for (year, online, count, days) in [(2024, 17_978, 17_978, 366), (2025, 21_016, 3 * 21_016, 365)] {
            let first = LocalDate(year: year, month: 1, day: 1)!
            var onlineIndex = 0
            for k in 0..<count {
                let id = "GD-\(year)-" + String(repeating: "0", count: 6 - String(k + 1).count) + String(k + 1)
                let day = first.adding(days: k * days / count)
                let channel = count == online || k % 3 == 0 ? Channel.online : others[(2 * (k / 3) + k % 3 - 1) % 7]
                let region = regions[k % 5]
                journal.add(id, at(day, hour: 9, journal), .filed(Filing(
                    channel: channel, summary: "网上反映 \(k)", region: region, category: categories[(k / 5) % 5],
                    petitioner: nil, sourceID: "SEED-\(year)-\(k)")))
                if year == 2025, channel == .online {
                    if (onlineIndex + 1) * 2412 / online > onlineIndex * 2412 / online {
                        assignments.append((id, day, region + "人力资源社会保障局"))
                    }
                    onlineIndex += 1
                }
            }
        }
        XCTAssertEqual(assignments.count, 2412)
        for assignment in assignments {
            journal.add(assignment.id, at(assignment.received.adding(days: 3), hour: 10, journal), .assigned(Assignment(unit: assignment.unit)))
        }
        var closed = 0
        for (a, assignment) in assignments.enumerated() where (a + 1) * 2203 / 2412 > a * 2203 / 2412 {
            journal.add(assignment.id, at(assignment.received.adding(days: 25), hour: 16, journal),
                        .replied(Reply(unit: assignment.unit, text: "已依法答复", closes: true)))
            closed += 1
        }
        XCTAssertEqual(closed, 2203)
        return journal
    }

    private static func at(_ day: LocalDate, hour: Int, _ journal: JournalBuilder) -> Instant {
        journal.zone.instant(localDate: day, hour: hour, minute: 0, second: 0)
    }

    func testTheSeedOfficesPublishedFigures() throws {
        let directory = try Self.buildJournal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let flags = ["stats", "--from", "2025-01-01", "--to", "2026-01-01", "--as-of", "2026-01-31", "--by", "channel"]

        let output = runXinfang(flags, in: directory)
        let rows = output.objects()
        let online = try XCTUnwrap(rows.first { $0["channel"] as? String == "online" })
        XCTAssertEqual(online["filed"] as? Int, 21_016)
        XCTAssertEqual(online["filed_prev_year"] as? Int, 17_978)
        XCTAssertEqual(online["assigned"] as? Int, 2_412)
        XCTAssertEqual(online["closed"] as? Int, 2_203)
        // Full precision, as printed (Swift's shortest round-tripping digits).
        let onlineLine = try XCTUnwrap(output.stdout.split(separator: "\n").first { $0.hasPrefix(#"{"channel":"online","#) })
        XCTAssertTrue(onlineLine.contains(#""closure_rate":\#(2_203.0 / 2_412.0),"#), String(onlineLine))
        XCTAssertTrue(onlineLine.contains(#""yoy_growth":\#(21_016.0 / 17_978.0 - 1),"#), String(onlineLine))
        XCTAssertTrue(onlineLine.contains(#""share":\#(1.0 / 3),"#), String(onlineLine))
        let total = try XCTUnwrap(rows.last)
        XCTAssertEqual(total["total"] as? Bool, true)
        XCTAssertEqual(total["filed"] as? Int, 63_048)
        XCTAssertEqual(total["assigned"] as? Int, 2_412)
        XCTAssertEqual(total["closed"] as? Int, 2_203)
        XCTAssertEqual(total["filed_prev_year"] as? Int, 17_978)

        // As a person reads them: closure 91.3%, growth 16.9%, share 33.3%.
        let table = runXinfang(flags + ["--format", "table"], in: directory).stdout.split(separator: "\n").map(String.init)
        let header = table[0].split(separator: " ").map(String.init)
        let onlineCells = try XCTUnwrap(table.first { $0.hasPrefix("online ") }).split(separator: " ").map(String.init)
        XCTAssertEqual(header.count, onlineCells.count)
        func cell(_ name: String) -> String? { header.firstIndex(of: name).map { onlineCells[$0] } }
        XCTAssertEqual(cell("filed"), "21016")
        XCTAssertEqual(cell("closure_rate"), "91.3%")
        XCTAssertEqual(cell("yoy_growth"), "16.9%")
        XCTAssertEqual(cell("share"), "33.3%")
    }
}
