import XCTest
@testable import XinfangCore

/// `audit`'s NDJSON lines, written from literals and bytes, against the general line writer.
final class AuditLightsLineTests: XCTestCase {
    func testLinesAreExactlyWhatTheLineWriterWrites() {
        let texts = ["市人社局", "", "a\"b", "back\\slash", "tab\there", "\u{01}\u{1F}", "line\nbreak", "😀 emoji", "\u{2028}", "é"]
        let dates = [LocalDate(year: 2026, month: 3, day: 4)!, LocalDate(year: 1, month: 1, day: 1)!, LocalDate(year: 9999, month: 12, day: 31)!]
        var rows: [AuditLights.Row] = []
        for (index, text) in texts.enumerated() {
            rows.append(AuditLights.Row(
                caseID: index % 2 == 0 ? "XF-2026-\(String(format: "%06d", index))" : text, unit: text,
                assigned: dates[index % dates.count], days: [0, 9, 10, 45, 1461, -3][index % 6],
                light: Light.allCases[index % 3], due: dates[(index + 1) % dates.count], overdue: index % 2 == 1,
                daysSinceFiled: [0, 7, 123_456, -1][index % 4], region: texts[(index + 3) % texts.count],
                category: texts[(index + 7) % texts.count]))
        }
        // Rows whose texts need no escape and whose numbers are not negative (the usual rows, written in one piece).
        for (index, text) in ["市人社局", "😀 emoji", "é", "", "\u{2028}"].enumerated() {
            rows.append(AuditLights.Row(
                caseID: "GD-2026-\(1_000_000 + index)", unit: text, assigned: dates[index % dates.count], days: index * 1_000,
                light: Light.allCases[index % 3], due: dates[(index + 2) % dates.count], overdue: index % 2 == 0,
                daysSinceFiled: index * 99_999, region: "广州市", category: text))
        }
        var expected: [UInt8] = []
        for row in rows {
            NDJSONLine.appending(to: &expected) { line in
                line.field("case", row.caseID)
                line.field("unit", row.unit)
                line.field("assigned", row.assigned.description)
                line.field("days", row.days)
                line.field("light", row.light.rawValue)
                line.field("due", row.due.description)
                line.field("overdue", row.overdue)
                line.field("days_since_filed", row.daysSinceFiled)
                line.field("region", row.region)
                line.field("category", row.category)
                line.endObject()
            }
            expected.append(0x0A)
        }
        let sink = OutputSink(collectingAs: "<stdout>")
        AuditLights.write(rows, format: .ndjson, to: sink)
        sink.flush()
        XCTAssertEqual(sink.text, String(decoding: expected, as: UTF8.self))
        XCTAssertEqual(sink.collected.filter { $0 == 0x0A }.count, rows.count)
    }
}
