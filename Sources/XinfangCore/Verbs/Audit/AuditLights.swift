/// The supervision lights (督办): every assigned, unclosed case with its days, light and due date.
///
/// Days count from the latest assignment, transfer or return (the case's
/// clock start) to the as-of day, in office-local calendar days; the policy's
/// thresholds turn them into a light. Rows are sorted most overdue first:
/// earliest `due` first, then most `days` first, then by case number.
struct AuditLights {
    /// One open case's row.
    struct Row {
        var caseID: String
        var unit: String
        var assigned: LocalDate
        var days: Int
        var light: Light
        var due: LocalDate
        var overdue: Bool
        var daysSinceFiled: Int
        var region: String
        var category: String
    }

    /// The rows for the open cases of `book` as of `asOf` that pass `request`'s filters, most overdue first.
    static func rows(_ book: CaseBook, asOf: LocalDate, request: AuditRequest, filter: AuditRequest.LightFilter) -> [Row] {
        // Only open cases have a supervision: the others are not looked at.
        let open = book.cases.positions(in: .open)
        var rows: [Row] = []
        rows.reserveCapacity(open.count)
        for position in open {
            // Read where the record lies: a copy of it would retain and release all its texts.
            let figures = book.cases.figures(at: position, names: .all)
            guard request.matches(figures) else { continue }
            // The same computation as stats' light counts, so the two always agree.
            guard let supervision = figures.supervision(asOf: asOf, policy: book.policy) else { continue }
            if !filter.lights.isEmpty && !filter.lights.contains(supervision.light) { continue }
            rows.append(Row(caseID: book.cases.caseID(at: position), unit: figures.unit ?? "", assigned: supervision.assigned,
                            days: supervision.days, light: supervision.light, due: supervision.due, overdue: supervision.overdue,
                            daysSinceFiled: supervision.daysSinceFiled, region: figures.region ?? "", category: figures.category ?? ""))
        }
        CaseOrder.sort(&rows, caseIDs: rows.map { $0.caseID }, primary: rows.map { ($0.due.dayNumber, -$0.days) })
        return rows
    }

    /// Writes `rows` in `format`.
    static func write(_ rows: [Row], format: Table.Format, to sink: OutputSink) {
        guard format == .ndjson else {
            var table = Table(columns: [
                .init("case"), .init("unit"), .init("assigned"), .init("days", alignRight: true), .init("light"),
                .init("due"), .init("overdue"), .init("days_since_filed", alignRight: true), .init("region"), .init("category"),
            ])
            table.rows = rows.map { row in
                [row.caseID, row.unit, row.assigned.description, String(row.days), row.light.rawValue, row.due.description,
                 row.overdue ? "true" : "false", String(row.daysSinceFiled), row.region, row.category]
            }
            sink.write(table.render(format))
            return
        }
        // A province has tens of thousands of open cases: their lines are built into one buffer,
        // handed to the sink 64 KiB at a time, rather than one array per line.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        for row in rows {
            appendLine(row, to: &buffer)
            if buffer.count >= 1 << 16 {
                sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        sink.write(buffer)
    }

    /// Appends `row`'s NDJSON line: written in one piece on the stack when none of its texts needs
    /// an escape and its numbers are not negative (every row but a rare one), else piece by piece,
    /// escaping as ``NDJSONLine`` does (`AuditLightsLineTests` compares the two with it).
    static func appendLine(_ row: Row, to buffer: inout [UInt8]) {
        // The line's literals, quotes, dates and numbers take under 200 bytes.
        let bound = 256 + row.caseID.utf8.count + row.unit.utf8.count + row.region.utf8.count + row.category.utf8.count
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { room -> Bool in
            guard let base = room.baseAddress else { return false }
            var out = ByteCursor(base)
            guard write(row, to: &out) else { return false }
            buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: out.count))
            return true
        }
        if written { return }
        var out = EscapingWriter(bytes: buffer)
        buffer = []  // the writer holds the only reference, so it appends in place
        _ = write(row, to: &out)  // never false: this writer takes anything
        buffer = out.bytes
    }

    /// Writes `row`'s line; false when `out` refused a piece.
    private static func write(_ row: Row, to out: inout some FieldWriter) -> Bool {
        out.literal(#"{"case":"#)
        guard out.string(row.caseID) else { return false }
        out.literal(#","unit":"#)
        guard out.string(row.unit) else { return false }
        out.literal(#","assigned":""#)
        out.date(row.assigned)
        out.literal(#"","days":"#)
        guard out.number(row.days) else { return false }
        out.literal(#","light":"#)
        guard out.string(row.light.rawValue) else { return false }
        out.literal(#","due":""#)
        out.date(row.due)
        out.literal(row.overdue ? #"","overdue":true,"days_since_filed":"# : #"","overdue":false,"days_since_filed":"#)
        guard out.number(row.daysSinceFiled) else { return false }
        out.literal(#","region":"#)
        guard out.string(row.region) else { return false }
        out.literal(#","category":"#)
        guard out.string(row.category) else { return false }
        out.literal("}\n")
        return true
    }
}
