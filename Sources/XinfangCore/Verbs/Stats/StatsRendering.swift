/// Renders a ``StatsReport`` as NDJSON, or as a table for a person, a spreadsheet or a monthly report.
///
/// Every format has the same rows in the same order (the total last) and the same columns:
/// the `--by` keys, then the fields in ``StatsRendering/fields`` order. NDJSON carries rates
/// at full precision in [0, 1] and `null` for a rate over nothing; the tables show rates, growth
/// and share as percentages to one decimal (`91.3%`), the score to one decimal, and a null as
/// `-` (`table`, `md`) or an empty cell (`csv`).
enum StatsRendering {
    /// The output field names, in output order (SPEC §3's table order).
    static let fields = [
        "filed", "repeats", "assigned", "accepted_in_time", "timely_acceptance_rate",
        "closed", "closure_rate", "on_time", "on_time_rate", "rated", "participation_rate",
        "satisfied", "basically_satisfied", "unsatisfied", "satisfaction_rate",
        "returned", "green", "yellow", "red", "filed_prev_year", "yoy_growth", "share", "score",
    ]

    /// A field's value: a count, a rate (a fraction), or the score (0–100).
    enum Value {
        case count(Int?)
        case rate(Double?)
        case score(Double?)
    }

    /// The row's values, one per name in ``fields``.
    static func values(_ row: StatsRow) -> [Value] {
        let c = row.counts
        return [
            .count(c.filed), .count(c.repeats), .count(c.assigned), .count(c.acceptedInTime), .rate(row.timelyAcceptanceRate),
            .count(c.closed), .rate(row.closureRate), .count(c.onTime), .rate(row.onTimeRate), .count(c.rated), .rate(row.participationRate),
            .count(c.satisfied), .count(c.basicallySatisfied), .count(c.unsatisfied), .rate(row.satisfactionRate),
            .count(c.returned), .count(c.green), .count(c.yellow), .count(c.red),
            .count(c.filedPrevYear), .rate(row.yoyGrowth), .rate(row.share), .score(row.score),
        ]
    }

    /// One NDJSON line per row: a group's key fields first (`"unit":…`), or `"total":true` for the total row; then ``fields``.
    static func ndjson(_ report: StatsReport) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(report.rows.count * 640)
        let groupKeys = report.query.keys.map { NDJSONLine.Key($0.rawValue) }
        // A year's units make ten thousand rows: each name is written as JSON once, every line into one buffer.
        for row in report.rows {
            NDJSONLine.appending(to: &bytes) { line in
                if row.isTotal {
                    line.field("total", true)
                } else {
                    for (key, value) in zip(groupKeys, row.keys) { line.field(key, value) }
                }
                for (key, value) in zip(fieldKeys, values(row)) {
                    switch value {
                    case .count(let count): line.field(key, count)
                    case .rate(let rate), .score(let rate): line.field(key, rate)
                    }
                }
                line.endLine()
            }
        }
        return bytes
    }

    /// ``fields`` written as JSON member names.
    private static let fieldKeys = fields.map(NDJSONLine.Key.init)

    /// The report as a ``Table``: key columns (or one `total` column without `--by`), then ``fields``;
    /// the total row says `total` in its first column.
    static func table(_ report: StatsReport, format: Table.Format) -> Table {
        let null = format == .csv ? "" : "-"
        let keyTitles = report.query.keys.isEmpty ? ["total"] : report.query.keys.map(\.rawValue)
        let columns = keyTitles.map { Table.Column($0) } + fields.map { Table.Column($0, alignRight: true) }
        let rows = report.rows.map { row -> [String] in
            let keyCells: [String] = row.isTotal
                ? ["total"] + Array(repeating: "", count: keyTitles.count - 1)
                : row.keys.map { $0 ?? null }
            return keyCells + values(row).map { value in
                switch value {
                case .count(let count): return count.map(String.init) ?? null
                case .rate(let rate): return rate == nil ? null : Table.percent(rate)
                case .score(let score): return score == nil ? null : decimal(score)
                }
            }
        }
        return Table(columns: columns, rows: rows)
    }

    /// A number to one decimal (`87.3`), rounded half away from zero like ``Table/percent(_:)``.
    static func decimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths)) % 10
        return "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)"
    }
}
