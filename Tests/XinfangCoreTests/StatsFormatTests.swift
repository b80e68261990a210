import Foundation
import XCTest
import XinfangCore

/// `--format table`, `csv` and `md` render the same rows and numbers as NDJSON, and the table lines up in Chinese.
final class StatsFormatTests: XCTestCase {
    private func run(_ format: String, in directory: URL) -> RunResult {
        let result = runXinfang(["stats", "--by", "unit", "--format", format] + StatsFieldsTests.period, in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    /// The cells every table format must show for an NDJSON row: counts as integers, rates as
    /// percentages to one decimal, the score to one decimal, null as `null`.
    private func expectedCells(_ row: [String: Any], keys: [String]) -> [String] {
        let rates: Set = ["timely_acceptance_rate", "closure_rate", "on_time_rate", "participation_rate",
                          "satisfaction_rate", "yoy_growth", "share"]
        let keyCells = row["total"] != nil ? ["total"] : keys.map { (row[$0] as? String) ?? "null" }
        return keyCells + Self.fields.map { field in
            guard let number = row[field] as? NSNumber else { return "null" }
            if rates.contains(field) { return String(format: "%.1f%%", number.doubleValue * 100) }
            if field == "score" { return String(format: "%.1f", number.doubleValue) }
            return "\(number.intValue)"
        }
    }

    static let fields = ["filed", "repeats", "assigned", "accepted_in_time", "timely_acceptance_rate", "closed",
                         "closure_rate", "on_time", "on_time_rate", "rated", "participation_rate", "satisfied",
                         "basically_satisfied", "unsatisfied", "satisfaction_rate", "returned", "green", "yellow",
                         "red", "filed_prev_year", "yoy_growth", "share", "score"]

    func testEveryFormatRendersTheSameNumbers() throws {
        let directory = try StatsFieldsTests.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = run("ndjson", in: directory).objects().map { expectedCells($0, keys: ["unit"]) }
        XCTAssertEqual(expected.count, 6)
        XCTAssertEqual(expected[1][7], "66.7%")  // 市人社局's closure rate, 2/3

        // csv: RFC 4180 with CRLF, a header, empty cells for null.
        let csv = run("csv", in: directory).stdout
        let csvLines = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(csvLines.first, (["unit"] + Self.fields).joined(separator: ","))
        XCTAssertEqual(csvLines.dropFirst().map { $0.components(separatedBy: ",").map { $0.isEmpty ? "null" : $0 } }, expected)

        // md: a pipe table, `-` for null.
        let md = run("md", in: directory).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(md.count, 2 + expected.count)
        XCTAssertEqual(md[1], "| --- |" + String(repeating: " ---: |", count: Self.fields.count))
        let mdCells = md.dropFirst(2).map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.map { $0 == "-" ? "null" : $0 }
        }
        XCTAssertEqual(mdCells, expected)

        // table: columns separated by runs of spaces, `-` for null.
        let table = run("table", in: directory).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(table.count, 2 + expected.count)
        let tableCells = table.dropFirst(2).map { line in
            line.split(separator: " ").map(String.init).map { $0 == "-" ? "null" : $0 }
        }
        XCTAssertEqual(tableCells, expected)
        XCTAssertEqual(table.last?.hasPrefix("total "), true, "the total row is last")
    }

    /// Columns line up on screen: every line has the same display width, and each column's right
    /// edge is at the same display column on every line, although the unit names' character counts differ.
    func testTableAlignsChineseByDisplayWidth() throws {
        let directory = try StatsFieldsTests.journal().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = run("table", in: directory).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[2].prefix(4), "市交通局")
        XCTAssertEqual(Set(lines.map(Self.displayWidth)).count, 1, lines.joined(separator: "\n"))
        XCTAssertGreaterThan(Set(lines.map(\.count)).count, 1, "character counts differ, so widths were measured")
        // Every number column is right-aligned: its right edge is at the same display column on every line.
        for column in 2...(1 + Self.fields.count) {
            let edges = Set(lines.map { Self.rightEdge(of: column, in: $0) })
            XCTAssertEqual(edges.count, 1, "column \(column): right edges at \(edges.sorted())")
        }
    }

    /// The display column where the `n`th space-separated word of `line` ends.
    static func rightEdge(of n: Int, in line: String) -> Int {
        var width = 0, words = 0, inWord = false
        for character in line {
            if character == " " {
                if inWord {
                    words += 1
                    inWord = false
                    if words == n { return width }
                }
            } else {
                inWord = true
            }
            width += displayWidth(String(character))
        }
        return width
    }

    /// UAX #11 in brief: CJK ideographs, fullwidth forms and other East Asian Wide characters take two columns.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}
