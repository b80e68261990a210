import Foundation
import XCTest
import XinfangCore

/// Every field of `xinfang stats` on a small hand-made journal, with the expected figures worked out below.
///
/// The office: default policy (Asia/Shanghai; acceptance 15 days, handling 60, extension ≤ 30;
/// green ≤ 15 days, red ≥ 45). The period is the first half of 2026, `--from 2026-01-01
/// --to 2026-07-01 --as-of 2026-06-30`, grouped `--by unit`. The previous year's period is
/// [2025-01-01, 2025-07-01).
///
/// | case | received | story | counted under |
/// | --- | --- | --- | --- |
/// | A | 03-01 | assigned 03-02 to 市人社局, closed 03-20 (due 05-01), satisfied 03-25 | 市人社局 |
/// | B | 03-01 | assigned 03-05 to 市人社局, closed 03-10, unsatisfied 03-12, **returned** 03-15 (due now 05-14), closed again 04-01, basically satisfied 04-05 | 市人社局 |
/// | C | 03-01 | assigned 03-03 to 市住建局, **transferred** 03-10 to 市人社局, still open: 112 days → red | 市人社局 |
/// | D | 01-05 | assigned 01-06 to 市住建局 (due 03-07), **extended** 30 days 02-20 (due 04-06), closed 03-20: 73 days after assignment, yet on time | 市住建局 |
/// | E | 05-01 | assigned 05-02 to 市住建局, closed 05-30, satisfied **07-05, after the as-of day**: not rated | 市住建局 |
/// | I | 01-10 | assigned 01-12 to 市住建局 (due 03-13), closed 03-20: late; unsatisfied 03-22 | 市住建局 |
/// | G | 06-01 | assigned 06-20 (19 days: not accepted in time), open 10 days → green | 市交通局 |
/// | H | 05-10 | assigned 05-20, open 41 days → yellow | 市交通局 |
/// | F | 06-01 | a repeat of A, never assigned | unit null |
/// | M | 06-25 | assigned 07-02, after the as-of day: filed, not assigned | unit null |
/// | J | 2025-03-01 | assigned 2025-03-02 to 市人社局 | 市人社局's previous year |
/// | K | 2025-02-01 | assigned to 市水务局, a unit with no intake this year | 市水务局's previous year |
/// | L | 2025-12-31 | before the period and after the previous one | nowhere |
final class StatsFieldsTests: XCTestCase {
    static let a = "XF-2026-000001", b = "XF-2026-000002", c = "XF-2026-000003", d = "XF-2026-000004"
    static let e = "XF-2026-000005", i = "XF-2026-000006", g = "XF-2026-000007", h = "XF-2026-000008"
    static let f = "XF-2026-000009", m = "XF-2026-000010"
    static let j = "XF-2025-000001", k = "XF-2025-000002", l = "XF-2025-000003"

    static func journal() -> JournalBuilder {
        let journal = JournalBuilder()
        journal.file(k, "2025-02-01", channel: .letter)
        journal.assign(k, "2025-02-02", to: "市水务局")
        journal.file(j, "2025-03-01")
        journal.assign(j, "2025-03-02", to: "市人社局")
        journal.file(l, "2025-12-31")
        journal.file(d, "2026-01-05", channel: .phone)
        journal.assign(d, "2026-01-06", to: "市住建局")
        journal.extend(d, "2026-02-20", unit: "市住建局", days: 30)
        journal.close(d, "2026-03-20", unit: "市住建局")
        journal.file(i, "2026-01-10", channel: .letter)
        journal.assign(i, "2026-01-12", to: "市住建局")
        journal.close(i, "2026-03-20", unit: "市住建局")
        journal.rate(i, "2026-03-22", .unsatisfied)
        journal.file(a, "2026-03-01")
        journal.assign(a, "2026-03-02", to: "市人社局")
        journal.close(a, "2026-03-20", unit: "市人社局")
        journal.rate(a, "2026-03-25", .satisfied)
        journal.file(b, "2026-03-01", channel: .letter)
        journal.assign(b, "2026-03-05", to: "市人社局")
        journal.close(b, "2026-03-10", unit: "市人社局")
        journal.rate(b, "2026-03-12", .unsatisfied)
        journal.giveBack(b, "2026-03-15", to: "市人社局")
        journal.close(b, "2026-04-01", unit: "市人社局")
        journal.rate(b, "2026-04-05", .basicallySatisfied)
        journal.file(c, "2026-03-01", channel: .visit)
        journal.assign(c, "2026-03-03", to: "市住建局")
        journal.assign(c, "2026-03-10", to: "市人社局", from: "市住建局")
        journal.file(e, "2026-05-01")
        journal.assign(e, "2026-05-02", to: "市住建局")
        journal.close(e, "2026-05-30", unit: "市住建局")
        journal.rate(e, "2026-07-05", .satisfied)
        journal.file(h, "2026-05-10", channel: .letter, category: "交通运输")
        journal.assign(h, "2026-05-20", to: "市交通局")
        journal.file(g, "2026-06-01", channel: .letter, category: "交通运输")
        journal.assign(g, "2026-06-20", to: "市交通局")
        journal.file(f, "2026-06-01", repeatOf: a)
        journal.file(m, "2026-06-25", channel: .visit)
        journal.assign(m, "2026-07-02", to: "市信访局")
        return journal
    }

    static let period = ["--from", "2026-01-01", "--to", "2026-07-01", "--as-of", "2026-06-30"]

    /// The expected rows, in output order: units in code point order (交 < 人 < 住 < 水), the never-assigned last, the total.
    static var expected: [[String: Any?]] { [
        // 市交通局: G and H. Accepted in time: H only (10 days; G took 19) → 1/2. Nothing closed:
        // closure 0/2 = 0, and on-time, participation, satisfaction are over nothing → null.
        // Score: (0.15·0.5 + 0.15·0) / 0.30 = 25.
        ["unit": "市交通局", "filed": 2, "repeats": 0, "assigned": 2, "accepted_in_time": 1, "timely_acceptance_rate": 0.5,
         "closed": 0, "closure_rate": 0.0, "on_time": 0, "on_time_rate": nil, "rated": 0, "participation_rate": nil,
         "satisfied": 0, "basically_satisfied": 0, "unsatisfied": 0, "satisfaction_rate": nil, "returned": 0,
         "green": 1, "yellow": 1, "red": 0, "filed_prev_year": 0, "yoy_growth": nil, "share": 0.2, "score": 25.0],
        // 市人社局: A, B, C (C by transfer). All accepted in time (1, 4, 2 days). Closed A and B → 2/3;
        // both on time (A 03-20 ≤ 05-01; B reclosed 04-01 ≤ 05-14). Rated both: A satisfied, B basically
        // satisfied (its unsatisfied verdict was on the closing before the return). Returned: B.
        // C open since 03-10: 112 days → red. Previous year: J → growth 3/1 − 1 = 2.
        // Score: 0.15 + 0.15·2/3 + 0.15 + 0.10 + 0.45 = 0.95 → 95.
        ["unit": "市人社局", "filed": 3, "repeats": 0, "assigned": 3, "accepted_in_time": 3, "timely_acceptance_rate": 1.0,
         "closed": 2, "closure_rate": 2.0 / 3, "on_time": 2, "on_time_rate": 1.0, "rated": 2, "participation_rate": 1.0,
         "satisfied": 1, "basically_satisfied": 1, "unsatisfied": 0, "satisfaction_rate": 1.0, "returned": 1,
         "green": 0, "yellow": 0, "red": 1, "filed_prev_year": 1, "yoy_growth": 2.0, "share": 0.3, "score": 95.0],
        // 市住建局: D, E, I (C left it by transfer). All accepted in time. All closed. On time: D (extended
        // due 04-06) and E; I closed 03-20 after its due 03-13 → 2/3. Rated: I only (E's verdict comes after
        // the as-of day) → participation 1/3, satisfaction 0/1 = 0.
        // Score: 0.15 + 0.15 + 0.15·2/3 + 0.10·1/3 + 0 = 0.4333… → 43.33….
        ["unit": "市住建局", "filed": 3, "repeats": 0, "assigned": 3, "accepted_in_time": 3, "timely_acceptance_rate": 1.0,
         "closed": 3, "closure_rate": 1.0, "on_time": 2, "on_time_rate": 2.0 / 3, "rated": 1, "participation_rate": 1.0 / 3,
         "satisfied": 0, "basically_satisfied": 0, "unsatisfied": 1, "satisfaction_rate": 0.0, "returned": 0,
         "green": 0, "yellow": 0, "red": 0, "filed_prev_year": 0, "yoy_growth": nil, "share": 0.3, "score": 130.0 / 3],
        // 市水务局: only K, last year. A row with filed 0: every rate null, share 0, growth 0/1 − 1 = −1, no score.
        ["unit": "市水务局", "filed": 0, "repeats": 0, "assigned": 0, "accepted_in_time": 0, "timely_acceptance_rate": nil,
         "closed": 0, "closure_rate": nil, "on_time": 0, "on_time_rate": nil, "rated": 0, "participation_rate": nil,
         "satisfied": 0, "basically_satisfied": 0, "unsatisfied": 0, "satisfaction_rate": nil, "returned": 0,
         "green": 0, "yellow": 0, "red": 0, "filed_prev_year": 1, "yoy_growth": -1.0, "share": 0.0, "score": nil],
        // Never assigned by the as-of day: F (a repeat) and M (assigned 07-02). Timely acceptance 0/2 = 0,
        // the only rate there is → score 0.
        ["unit": nil, "filed": 2, "repeats": 1, "assigned": 0, "accepted_in_time": 0, "timely_acceptance_rate": 0.0,
         "closed": 0, "closure_rate": nil, "on_time": 0, "on_time_rate": nil, "rated": 0, "participation_rate": nil,
         "satisfied": 0, "basically_satisfied": 0, "unsatisfied": 0, "satisfaction_rate": nil, "returned": 0,
         "green": 0, "yellow": 0, "red": 0, "filed_prev_year": 0, "yoy_growth": nil, "share": 0.2, "score": 0.0],
        // Total: 10 filed (L is outside both periods), 8 assigned, 7 in time, 5 closed, 4 on time, 3 rated
        // (1 satisfied, 1 basically, 1 unsatisfied), previous year J and K → growth 10/2 − 1 = 4.
        // Score: 0.15·0.7 + 0.15·0.625 + 0.15·0.8 + 0.10·0.6 + 0.45·2/3 = 0.67875 → 67.875.
        ["total": true, "filed": 10, "repeats": 1, "assigned": 8, "accepted_in_time": 7, "timely_acceptance_rate": 0.7,
         "closed": 5, "closure_rate": 0.625, "on_time": 4, "on_time_rate": 0.8, "rated": 3, "participation_rate": 0.6,
         "satisfied": 1, "basically_satisfied": 1, "unsatisfied": 1, "satisfaction_rate": 2.0 / 3, "returned": 1,
         "green": 1, "yellow": 1, "red": 1, "filed_prev_year": 2, "yoy_growth": 4.0, "share": 1.0, "score": 67.875],
    ] }

    func testEveryFieldByUnit() throws {
        let directory = try Self.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runXinfang(["stats", "--by", "unit"] + Self.period, in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        assertRows(result.objects(), Self.expected)
    }

    func testFieldOrderIsFixed() throws {
        let directory = try Self.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = runXinfang(["stats", "--by", "unit"] + Self.period, in: directory).stdout.split(separator: "\n")
        XCTAssertEqual(lines.first.map(String.init), """
        {"unit":"市交通局","filed":2,"repeats":0,"assigned":2,"accepted_in_time":1,"timely_acceptance_rate":0.5,\
        "closed":0,"closure_rate":0,"on_time":0,"on_time_rate":null,"rated":0,"participation_rate":null,\
        "satisfied":0,"basically_satisfied":0,"unsatisfied":0,"satisfaction_rate":null,"returned":0,\
        "green":1,"yellow":1,"red":0,"filed_prev_year":0,"yoy_growth":null,"share":0.2,"score":25}
        """)
        XCTAssertTrue(lines.last?.hasPrefix(#"{"total":true,"filed":10,"repeats":1,"#) ?? false)
    }

    /// Without `--by` there is only the total row; without `--from` and `--to` no year on year.
    func testTotalOnlyWithoutPeriod() throws {
        let directory = try Self.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = runXinfang(["stats", "--as-of", "2026-06-30"], in: directory).objects()
        XCTAssertEqual(rows.count, 1)
        // All 13 cases filed by the as-of day; J, K, L are also assigned or not: J, K assigned (open, red).
        XCTAssertEqual(rows.first?["total"] as? Bool, true)
        XCTAssertEqual(rows.first?["filed"] as? Int, 13)
        XCTAssertEqual(rows.first?["assigned"] as? Int, 10)
        XCTAssertEqual(rows.first?["red"] as? Int, 3)
        XCTAssertTrue(rows.first?["filed_prev_year"] is NSNull)
        XCTAssertTrue(rows.first?["yoy_growth"] is NSNull)
    }

    /// By month, a month compares with the same month a year earlier.
    func testByMonthComparesWithTheSameMonthLastYear() throws {
        let directory = try Self.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = runXinfang(["stats", "--by", "month,channel"] + Self.period, in: directory).objects()
        let keys = rows.map { "\($0["month"] as? String ?? "total") \($0["channel"] as? String ?? "")" }
        // 2026-02 and 2026-03 rows of last year's K (letter, Feb) and J (online, Mar); sorted by month, then channel.
        XCTAssertEqual(keys, ["2026-01 letter", "2026-01 phone", "2026-02 letter", "2026-03 letter", "2026-03 online",
                              "2026-03 visit", "2026-05 letter", "2026-05 online", "2026-06 letter", "2026-06 online",
                              "2026-06 visit", "total "])
        let february = rows[2], marchOnline = rows[4]
        XCTAssertEqual(february["filed"] as? Int, 0)
        XCTAssertEqual(february["filed_prev_year"] as? Int, 1)
        XCTAssertEqual(marchOnline["filed"] as? Int, 1)
        XCTAssertEqual(marchOnline["filed_prev_year"] as? Int, 1)
        XCTAssertEqual(marchOnline["yoy_growth"] as? Double, 0)
    }

    /// Groups are told apart by `String` equality: two byte spellings of one name (é precomposed, and e with
    /// a combining accent) are one group, whatever the shortcuts the counting takes.
    func testCanonicallyEquivalentSpellingsOfANameAreOneGroup() throws {
        let journal = JournalBuilder()
        journal.file("XF-2026-000001", "2026-03-01", region: "Caf\u{E9}")
        journal.assign("XF-2026-000001", "2026-03-02", to: "市人社局 Caf\u{E9}")
        journal.file("XF-2026-000002", "2026-03-01", region: "Cafe\u{301}")
        journal.assign("XF-2026-000002", "2026-03-02", to: "市人社局 Cafe\u{301}")
        journal.file("XF-2026-000003", "2026-03-01", region: "Cafe")
        journal.assign("XF-2026-000003", "2026-03-02", to: "市人社局 Cafe")
        let directory = try journal.write()
        defer { try? FileManager.default.removeItem(at: directory) }
        for key in ["unit", "region"] {
            let rows = runXinfang(["stats", "--by", key, "--as-of", "2026-03-31"], in: directory).objects()
            XCTAssertEqual(rows.map { $0[key] as? String ?? "total" }.count, 3, key)
            XCTAssertEqual(rows.map { $0["filed"] as? Int }, [1, 2, 3], key)
            XCTAssertEqual(rows.first?[key] as? String, key == "unit" ? "市人社局 Cafe" : "Cafe")
        }
    }

    func testUsageAndJournalErrors() throws {
        let directory = try Self.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = runXinfang(["stats", "--by", "units"], in: directory)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr.split(separator: "\n").first.map(String.init),
                       "xinfang stats: option '--by': \"units\" is not a key (did you mean 'unit'?); use unit, channel, category, region, month, year")
        XCTAssertEqual(runXinfang(["stats", "--by", "unit,unit"], in: directory).status, 2)
        XCTAssertEqual(runXinfang(["stats", "--format", "xml"], in: directory).status, 2)
        XCTAssertEqual(runXinfang(["stats", "--from", "2026-07-01", "--to", "2026-01-01"], in: directory).status, 2)
        XCTAssertEqual(runXinfang(["stats", "--as-of", "2026-02-30"], in: directory).status, 2)
        let missing = runXinfang(["stats", "--journal", "nowhere.ndjson"], in: directory)
        XCTAssertEqual(missing.status, 3)
        XCTAssertEqual(missing.stdout, "")
        XCTAssertTrue(missing.stderr.hasPrefix("xinfang stats: journal \(directory.path)/nowhere.ndjson does not exist"), missing.stderr)
    }
}

/// Compares NDJSON rows with expected ones field by field: same keys, integers exactly, rates to 1e-12, nulls as nil.
func assertRows(_ rows: [[String: Any]], _ expected: [[String: Any?]], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(rows.count, expected.count, "row count", file: file, line: line)
    for (index, (row, want)) in zip(rows, expected).enumerated() {
        XCTAssertEqual(Set(row.keys), Set(want.keys), "row \(index): keys", file: file, line: line)
        for (key, value) in want {
            let got = row[key]
            let label = "row \(index) (\(want["unit"].map { "\($0 ?? "null")" } ?? "total")): \(key)"
            switch value {
            case nil: XCTAssertTrue(got is NSNull, "\(label): \(String(describing: got)) is not null", file: file, line: line)
            case let number as Int: XCTAssertEqual((got as? NSNumber)?.intValue, number, label, file: file, line: line)
                XCTAssertEqual((got as? NSNumber)?.doubleValue, Double(number), label, file: file, line: line)
            case let number as Double:
                guard let actual = (got as? NSNumber)?.doubleValue else { XCTFail("\(label): \(String(describing: got))", file: file, line: line); continue }
                XCTAssertEqual(actual, number, accuracy: 1e-12, label, file: file, line: line)
            case let text as String: XCTAssertEqual(got as? String, text, label, file: file, line: line)
            case let flag as Bool: XCTAssertEqual((got as? NSNumber)?.boolValue, flag, label, file: file, line: line)
            default: XCTFail("\(label): unexpected expected value", file: file, line: line)
            }
        }
    }
}
