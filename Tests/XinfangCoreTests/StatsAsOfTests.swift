import Foundation
import XCTest
import XinfangCore

/// `--as-of` moves cases between open lights and closed exactly as supervision (`audit`) sees them.
final class StatsAsOfTests: XCTestCase {
    /// Worked out from ``StatsFieldsTests``' journal (received in 2026 H1, by the end of each day):
    /// - 03-10: A open (8 days), B closed that day, C just transferred (0 days), D open 63 days (red),
    ///   I open 57 days (red) → closed 1, green 2, red 2.
    /// - 03-15: B returned that day → open again (0 days, green), returned 1; closed 0, green 3, red 2.
    /// - 03-20: A, D, I closed that day; B (5 days) and C (10 days) open → closed 3, green 2, red 0.
    func testAsOfMovesCasesBetweenLightsAndClosed() throws {
        let directory = try StatsFieldsTests.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        func total(_ asOf: String) -> [String: Any] {
            runXinfang(["stats", "--from", "2026-01-01", "--to", "2026-07-01", "--as-of", asOf], in: directory).objects().last ?? [:]
        }
        let expected: [(String, [String: Int])] = [
            ("2026-03-10", ["filed": 5, "assigned": 5, "closed": 1, "rated": 0, "returned": 0, "green": 2, "yellow": 0, "red": 2]),
            ("2026-03-15", ["filed": 5, "assigned": 5, "closed": 0, "rated": 0, "returned": 1, "green": 3, "yellow": 0, "red": 2]),
            ("2026-03-20", ["filed": 5, "assigned": 5, "closed": 3, "rated": 0, "returned": 1, "green": 2, "yellow": 0, "red": 0]),
        ]
        for (asOf, figures) in expected {
            let row = total(asOf)
            for (field, value) in figures {
                XCTAssertEqual(row[field] as? Int, value, "as of \(asOf): \(field)")
            }
        }
    }

    /// For every as-of day over the year, the lights `stats` counts (without a period) equal the
    /// open cases supervision finds — the lines `audit` prints — light by light and unit by unit.
    func testLightsEqualSupervisionOnEveryDay() throws {
        let directory = try StatsFieldsTests.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("xinfang.ndjson").path
        var day = LocalDate(year: 2026, month: 1, day: 1)!
        var checked = 0
        while day <= LocalDate(year: 2026, month: 7, day: 10)! {
            let book = try JournalReplay.load(path: path, policy: .standard, asOf: day, warn: { XCTFail($0) })
            var expected: [String: [Light: Int]] = [:]
            for record in book.cases {
                guard let supervision = record.supervision(asOf: day, policy: .standard), let unit = record.unit else { continue }
                expected[unit, default: [:]][supervision.light, default: 0] += 1
            }
            let rows = runXinfang(["stats", "--by", "unit", "--as-of", day.description], in: directory).objects()
            for row in rows {
                let isTotal = row["total"] != nil
                let unit = row["unit"] as? String  // nil for the total and for never-assigned cases (never open)
                for light in Light.allCases {
                    let want = isTotal ? expected.values.reduce(0) { $0 + ($1[light] ?? 0) } : unit.map { expected[$0]?[light] ?? 0 } ?? 0
                    XCTAssertEqual(row[light.rawValue] as? Int, want, "\(day) \(isTotal ? "total" : unit ?? "null") \(light)")
                }
            }
            checked += 1
            day = day.adding(days: 1)
        }
        XCTAssertEqual(checked, 191)
    }

    /// The shared supervision computation, as `audit` prints it: days from the latest assignment's
    /// day, due = that day + 60 + extension, overdue after due.
    func testSupervisionOfOneCase() throws {
        let directory = try StatsFieldsTests.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("xinfang.ndjson").path
        let asOf = LocalDate(year: 2026, month: 3, day: 10)!
        let book = try JournalReplay.load(path: path, policy: .standard, asOf: asOf, warn: { XCTFail($0) })
        // D: assigned 01-06, extended 30 days → due 01-06 + 90 = 04-06; 63 days on 03-10 → red, not overdue.
        let d = try XCTUnwrap(book[StatsFieldsTests.d]?.supervision(asOf: asOf, policy: .standard))
        XCTAssertEqual(d.assigned, LocalDate(year: 2026, month: 1, day: 6)!)
        XCTAssertEqual(d.days, 63)
        XCTAssertEqual(d.light, .red)
        XCTAssertEqual(d.due, LocalDate(year: 2026, month: 4, day: 6)!)
        XCTAssertFalse(d.overdue)
        XCTAssertEqual(d.daysSinceFiled, 64)
        // I: assigned 01-12, due 03-13; on 03-14 it is overdue by a day.
        let later = LocalDate(year: 2026, month: 3, day: 14)!
        let book14 = try JournalReplay.load(path: path, policy: .standard, asOf: later, warn: { XCTFail($0) })
        let i = try XCTUnwrap(book14[StatsFieldsTests.i]?.supervision(asOf: later, policy: .standard))
        XCTAssertEqual(i.due, LocalDate(year: 2026, month: 3, day: 13)!)
        XCTAssertTrue(i.overdue)
        // B closed on 03-10: no supervision.
        XCTAssertNil(book[StatsFieldsTests.b]?.supervision(asOf: asOf, policy: .standard))
    }
}
