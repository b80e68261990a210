import Foundation

/// A table of text cells rendered for a person (`table`), a spreadsheet (`csv`) or a report (`md`).
///
/// Columns line up by display width, so Chinese unit names align in a terminal.
public struct Table: Sendable {
    /// One column: its title and whether its cells align right (numbers).
    public struct Column: Sendable {
        public var title: String
        public var alignRight: Bool
        public init(_ title: String, alignRight: Bool = false) {
            self.title = title
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The output formats of the reading verbs.
    public enum Format: String, CaseIterable, Sendable {
        case ndjson, table, csv, md
    }

    /// The table as text in `format` (`.ndjson` is not a table format and renders as `.table`).
    public func render(_ format: Format) -> String {
        switch format {
        case .csv: return renderCSV()
        case .md: return renderMarkdown()
        case .table, .ndjson: return renderText()
        }
    }

    private func widths() -> [Int] {
        columns.indices.map { index in
            rows.reduce(DisplayWidth.of(columns[index].title)) { max($0, DisplayWidth.of(index < $1.count ? $1[index] : "")) }
        }
    }

    private func cell(_ row: [String], _ index: Int) -> String { index < row.count ? row[index] : "" }

    /// Space-separated columns, a rule under the header.
    func renderText() -> String {
        let widths = widths()
        func line(_ cells: [String]) -> String {
            columns.indices.map { index in
                DisplayWidth.pad(cell(cells, index), to: widths[index], alignRight: columns[index].alignRight)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var text = line(columns.map(\.title)) + "\n"
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }

    /// RFC 4180 CSV with a header row.
    func renderCSV() -> String {
        func quote(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = columns.map { quote($0.title) }.joined(separator: ",") + "\r\n"
        for row in rows { text += columns.indices.map { quote(cell(row, $0)) }.joined(separator: ",") + "\r\n" }
        return text
    }

    /// A GitHub-flavoured Markdown table.
    func renderMarkdown() -> String {
        func escape(_ value: String) -> String { value.replacingOccurrences(of: "|", with: "\\|") }
        var text = "| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        text += "|" + columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { text += "| " + columns.indices.map { escape(cell(row, $0)) }.joined(separator: " | ") + " |\n" }
        return text
    }

    /// A rate as a percentage to one decimal (`91.3%`), or `-` when there is none.
    public static func percent(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return "-" }
        let tenths = (rate * 1000).rounded()
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths)) % 10
        return "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)%"
    }
}
