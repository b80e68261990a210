import XCTest
import XinfangCore

/// `xinfang audit`'s lights: days, light, due and overdue of every open case, at the edges.
final class AuditLightsTests: XCTestCase {
    /// One case per edge and per clock-moving event, looked at as of 2026-05-01.
    static func scenario() -> JournalBuilder {
        let journal = JournalBuilder()
        // Lights at the edges: 0, 15, 16, 44, 45 days since assignment.
        journal.file("XF-2026-000001", "2026-04-30T09:00:00")
        journal.assign("XF-2026-000001", "2026-05-01T17:00:00", to: "市人社局")
        journal.file("XF-2026-000002", "2026-04-15T09:00:00")
        journal.assign("XF-2026-000002", "2026-04-16T00:30:00", to: "市人社局")   // 2026-04-15 in UTC: local days count
        journal.file("XF-2026-000003", "2026-04-14T09:00:00")
        journal.assign("XF-2026-000003", "2026-04-15T23:59:59", to: "市住建局")
        journal.file("XF-2026-000004", "2026-03-18T08:00:00")
        journal.assign("XF-2026-000004", "2026-03-18T09:00:00", to: "市住建局")
        journal.file("XF-2026-000005", "2026-03-10T08:00:00", region: "深圳市", category: "城乡建设")
        journal.assign("XF-2026-000005", "2026-03-17T09:00:00", to: "市住建局")
        // Overdue: assigned 2026-02-01, due 2026-04-02.
        journal.file("XF-2026-000006", "2026-01-20T10:00:00")
        journal.assign("XF-2026-000006", "2026-02-01T10:00:00", to: "市公安局")
        // Returned for redo on 2026-04-20: counts from the return, with the unit it went back to.
        journal.file("XF-2026-000007", "2026-01-05T10:00:00")
        journal.assign("XF-2026-000007", "2026-01-06T10:00:00", to: "市人社局")
        journal.close("XF-2026-000007", "2026-02-10T10:00:00", unit: "市人社局")
        journal.rate("XF-2026-000007", "2026-02-15T10:00:00", .unsatisfied)
        journal.giveBack("XF-2026-000007", "2026-04-20T10:00:00", to: "区人社局")
        // Transferred on 2026-04-11: counts from the transfer.
        journal.file("XF-2026-000008", "2026-01-25T10:00:00")
        journal.assign("XF-2026-000008", "2026-02-01T10:00:00", to: "市人社局")
        journal.assign("XF-2026-000008", "2026-04-11T10:00:00", to: "市住建局", from: "市人社局")
        // Extended by 30 days: due 2026-04-21 + 30 = 2026-05-21, not overdue.
        journal.file("XF-2026-000009", "2026-02-19T10:00:00")
        journal.assign("XF-2026-000009", "2026-02-20T10:00:00", to: "市公安局")
        journal.extend("XF-2026-000009", "2026-04-15T10:00:00", unit: "市公安局", days: 30)
        // Not listed: filed only; closed.
        journal.file("XF-2026-000010", "2026-04-01T10:00:00")
        journal.file("XF-2026-000011", "2026-03-01T10:00:00")
        journal.assign("XF-2026-000011", "2026-03-02T10:00:00", to: "市公安局")
        journal.close("XF-2026-000011", "2026-03-20T10:00:00", unit: "市公安局")
        // A later event: after the as-of day, ignored.
        journal.close("XF-2026-000002", "2026-05-02T09:00:00", unit: "市人社局")
        return journal
    }

    func testLightsAtTheEdgesAndAfterEachClockEvent() throws {
        let run = try runXinfang(["audit", "--as-of", "2026-05-01"], journal: Self.scenario().bytes)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.lines, [
            #"{"case":"XF-2026-000006","unit":"市公安局","assigned":"2026-02-01","days":89,"light":"red","due":"2026-04-02","overdue":true,"days_since_filed":101,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000005","unit":"市住建局","assigned":"2026-03-17","days":45,"light":"red","due":"2026-05-16","overdue":false,"days_since_filed":52,"region":"深圳市","category":"城乡建设"}"#,
            #"{"case":"XF-2026-000004","unit":"市住建局","assigned":"2026-03-18","days":44,"light":"yellow","due":"2026-05-17","overdue":false,"days_since_filed":44,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000009","unit":"市公安局","assigned":"2026-02-20","days":70,"light":"red","due":"2026-05-21","overdue":false,"days_since_filed":71,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000008","unit":"市住建局","assigned":"2026-04-11","days":20,"light":"yellow","due":"2026-06-10","overdue":false,"days_since_filed":96,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000003","unit":"市住建局","assigned":"2026-04-15","days":16,"light":"yellow","due":"2026-06-14","overdue":false,"days_since_filed":17,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000002","unit":"市人社局","assigned":"2026-04-16","days":15,"light":"green","due":"2026-06-15","overdue":false,"days_since_filed":16,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000007","unit":"区人社局","assigned":"2026-04-20","days":11,"light":"green","due":"2026-06-19","overdue":false,"days_since_filed":116,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000001","unit":"市人社局","assigned":"2026-05-01","days":0,"light":"green","due":"2026-06-30","overdue":false,"days_since_filed":1,"region":"广州市","category":"劳动社保"}"#,
        ])
    }

    func testAsOfBeforeAnEventIgnoresIt() throws {
        // As of 2026-04-10: the transfer (04-11), the return (04-20) and the extension (04-15) have not happened.
        let run = try runXinfang(["audit", "--as-of", "2026-04-10"], journal: Self.scenario().bytes)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.lines, [
            #"{"case":"XF-2026-000006","unit":"市公安局","assigned":"2026-02-01","days":68,"light":"red","due":"2026-04-02","overdue":true,"days_since_filed":80,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000008","unit":"市人社局","assigned":"2026-02-01","days":68,"light":"red","due":"2026-04-02","overdue":true,"days_since_filed":75,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000009","unit":"市公安局","assigned":"2026-02-20","days":49,"light":"red","due":"2026-04-21","overdue":false,"days_since_filed":50,"region":"广州市","category":"劳动社保"}"#,
            #"{"case":"XF-2026-000005","unit":"市住建局","assigned":"2026-03-17","days":24,"light":"yellow","due":"2026-05-16","overdue":false,"days_since_filed":31,"region":"深圳市","category":"城乡建设"}"#,
            #"{"case":"XF-2026-000004","unit":"市住建局","assigned":"2026-03-18","days":23,"light":"yellow","due":"2026-05-17","overdue":false,"days_since_filed":23,"region":"广州市","category":"劳动社保"}"#,
        ])
    }

    func testDueDayItselfIsNotOverdueAndTheDayAfterIs() throws {
        let journal = JournalBuilder()
        journal.file("XF-2026-000001", "2026-01-01T00:00:00")
        journal.assign("XF-2026-000001", "2026-01-02T00:00:00", to: "市人社局")   // due 2026-03-03
        let onDue = try runXinfang(["audit", "--as-of", "2026-03-03"], journal: journal.bytes)
        XCTAssertEqual(onDue.lines.first?.contains(#""due":"2026-03-03","overdue":false"#), true, onDue.stdout)
        let after = try runXinfang(["audit", "--as-of", "2026-03-04"], journal: journal.bytes)
        XCTAssertEqual(after.lines.first?.contains(#""due":"2026-03-03","overdue":true"#), true, after.stdout)
    }

    func testTiesGoByCaseNumberAsNumbers() throws {
        let journal = JournalBuilder()
        for id in ["XF-2026-1000000", "旧-001", "XF-2026-999999", "XF-2025-999999", "AB-2026-000001"] {
            journal.file(id, "2026-01-01T00:00:00")
            journal.assign(id, "2026-01-02T00:00:00", to: "市人社局")
        }
        let run = try runXinfang(["audit", "--as-of", "2026-01-03"], journal: journal.bytes)
        XCTAssertEqual(run.lines.map { $0.split(separator: "\"")[3] },
                       ["AB-2026-000001", "XF-2025-999999", "XF-2026-999999", "XF-2026-1000000", "旧-001"])
    }

    func testFiltersByLightUnitRegionCategory() throws {
        let journal = Self.scenario().bytes
        func cases(_ arguments: [String]) throws -> [String] {
            let run = try runXinfang(["audit", "--as-of", "2026-05-01"] + arguments, journal: journal)
            XCTAssertEqual(run.status, 0, run.stderr)
            return run.lines.map { String($0.dropFirst(9).prefix(14)) }
        }
        XCTAssertEqual(try cases(["--light", "red"]), ["XF-2026-000006", "XF-2026-000005", "XF-2026-000009"])
        XCTAssertEqual(try cases(["--light", "green,yellow", "--unit", "市住建局"]), ["XF-2026-000004", "XF-2026-000008", "XF-2026-000003"])
        XCTAssertEqual(try cases(["--region", "深圳市"]), ["XF-2026-000005"])
        XCTAssertEqual(try cases(["--category", "城乡建设"]), ["XF-2026-000005"])
        XCTAssertEqual(try cases(["--unit", "无此单位"]), [])
    }

    func testAsOfDefaultsToToday() throws {
        // The fixed clock is 2026-11-29; every open case is long overdue then.
        let run = try runXinfang(["audit", "--light", "green"], journal: Self.scenario().bytes)
        XCTAssertEqual(run.stdout, "")
        let all = try runXinfang(["audit"], journal: Self.scenario().bytes)
        XCTAssertEqual(all.lines.count, 8)   // case 2 was closed on 2026-05-02
        XCTAssertTrue(all.lines.allSatisfy { $0.contains(#""light":"red""#) && $0.contains(#""overdue":true"#) })
    }

    func testTableAlignsChineseByDisplayWidth() throws {
        let run = try runXinfang(["audit", "--as-of", "2026-05-01", "--light", "red", "--format", "table"], journal: Self.scenario().bytes)
        XCTAssertEqual(run.stdout, """
        case            unit      assigned    days  light  due         overdue  days_since_filed  region  category
        --------------  --------  ----------  ----  -----  ----------  -------  ----------------  ------  --------
        XF-2026-000006  市公安局  2026-02-01    89  red    2026-04-02  true                  101  广州市  劳动社保
        XF-2026-000005  市住建局  2026-03-17    45  red    2026-05-16  false                  52  深圳市  城乡建设
        XF-2026-000009  市公安局  2026-02-20    70  red    2026-05-21  false                  71  广州市  劳动社保

        """)
    }

    func testCustomThresholdsFromThePolicy() throws {
        let journal = JournalBuilder()
        journal.file("XF-2026-000001", "2026-01-01T00:00:00")
        journal.assign("XF-2026-000001", "2026-01-02T00:00:00", to: "市人社局")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-policy-\(UUID().uuidString).json")
        try Data(#"{"green_max_days":5,"red_from_days":10,"handling_limit_days":30}"#.utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        func light(_ asOf: String) throws -> String {
            let run = try runXinfang(["audit", "--as-of", asOf, "--policy", directory.path], journal: journal.bytes)
            XCTAssertEqual(run.status, 0, run.stderr)
            return run.stdout
        }
        XCTAssertTrue(try light("2026-01-07").contains(#""days":5,"light":"green","due":"2026-02-01""#))
        XCTAssertTrue(try light("2026-01-08").contains(#""days":6,"light":"yellow""#))
        XCTAssertTrue(try light("2026-01-12").contains(#""days":10,"light":"red""#))
    }

    func testMissingJournalAndUsageErrors() throws {
        let missing = try runXinfang(["audit"], journal: nil)
        XCTAssertEqual(missing.status, 3)
        XCTAssertEqual(missing.stderr, "xinfang audit: journal $TMP/xinfang.ndjson does not exist (give --journal PATH or set XINFANG_JOURNAL)\n")
        let badLight = try runXinfang(["audit", "--light", "amber"], journal: [])
        XCTAssertEqual(badLight.status, 2)
        XCTAssertTrue(badLight.stderr.hasPrefix("xinfang audit: option '--light': \"amber\" is not a light"), badLight.stderr)
        let badDate = try runXinfang(["audit", "--as-of", "2026-02-30"], journal: [])
        XCTAssertEqual(badDate.status, 2)
        let mixed = try runXinfang(["audit", "--verify", "--as-of", "2026-01-01"], journal: [])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.hasPrefix("xinfang audit: option '--as-of' does not apply to --verify"), mixed.stderr)
    }

    func testDamagedJournalStopsWithStatus3() throws {
        let journal = JournalBuilder()
        journal.file("XF-2026-000001", "2026-01-01T00:00:00")
        journal.assign("XF-2026-000002", "2026-01-02T00:00:00", to: "市人社局")
        let run = try runXinfang(["audit"], journal: journal.bytes)
        XCTAssertEqual(run.status, 3)
        XCTAssertEqual(run.stderr, "xinfang audit: journal $TMP/xinfang.ndjson: line 2: case XF-2026-000002 does not exist (it was never filed); run 'xinfang audit --verify' for a full report\n")
    }
}
