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
        var rows: [Row] = [], caseIDs: [String] = [], order: [(Int, Int)] = []
        for record in book.cases where request.matches(record) {
            // The same computation as stats' light counts, so the two always agree.
            guard let supervision = record.supervision(asOf: asOf, policy: book.policy) else { continue }
            if !filter.lights.isEmpty && !filter.lights.contains(supervision.light) { continue }
            rows.append(Row(caseID: record.id, unit: record.unit ?? "", assigned: supervision.assigned, days: supervision.days,
                            light: supervision.light, due: supervision.due, overdue: supervision.overdue,
                            daysSinceFiled: supervision.daysSinceFiled, region: record.region, category: record.category))
            caseIDs.append(record.id)
            order.append((supervision.due.dayNumber, -supervision.days))
        }
        CaseOrder.sort(&rows, caseIDs: caseIDs, primary: order)
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
            if !appendPlainLine(row, to: &buffer) { appendLine(row, to: &buffer) }
            if buffer.count >= 1 << 16 {
                sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        sink.write(buffer)
    }

    /// Appends `row`'s NDJSON line, written in one piece on the stack, when none of its texts
    /// needs an escape and its numbers are not negative (every row but a rare one); false,
    /// appending nothing, otherwise.
    static func appendPlainLine(_ row: Row, to buffer: inout [UInt8]) -> Bool {
        // The line's literals, quotes, dates and numbers take under 200 bytes.
        let bound = 256 + row.caseID.utf8.count + row.unit.utf8.count + row.region.utf8.count + row.category.utf8.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { room -> Bool in
            guard let base = room.baseAddress else { return false }
            var out = ByteCursor(base)
            out.literal(#"{"case":"#)
            guard out.plainString(row.caseID) else { return false }
            out.literal(#","unit":"#)
            guard out.plainString(row.unit) else { return false }
            out.literal(#","assigned":""#)
            out.date(row.assigned)
            out.literal(#"","days":"#)
            guard out.decimal(row.days) else { return false }
            out.literal(#","light":""#)
            out.text(row.light.rawValue)
            out.literal(#"","due":""#)
            out.date(row.due)
            out.literal(row.overdue ? #"","overdue":true,"days_since_filed":"# : #"","overdue":false,"days_since_filed":"#)
            guard out.decimal(row.daysSinceFiled) else { return false }
            out.literal(#","region":"#)
            guard out.plainString(row.region) else { return false }
            out.literal(#","category":"#)
            guard out.plainString(row.category) else { return false }
            out.literal("}\n")
            buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: out.count))
            return true
        }
    }

    /// Appends `row`'s NDJSON line: any row, texts escaped as needed.
    ///
    /// The keys and punctuation are literals and the dates written as bytes: the same line
    /// NDJSONLine writes (`AuditLightsTests` compares them), at a fraction of the cost.
    static func appendLine(_ row: Row, to buffer: inout [UInt8]) {
        buffer.appendLiteral(#"{"case":"#)
        buffer.appendJSONString(row.caseID)
        buffer.appendLiteral(#","unit":"#)
        buffer.appendJSONString(row.unit)
        buffer.appendLiteral(#","assigned":""#)
        row.assigned.appendText(to: &buffer)
        buffer.appendLiteral(#"","days":"#)
        buffer.appendDecimal(row.days)
        buffer.appendLiteral(#","light":"#)
        buffer.appendJSONString(row.light.rawValue)
        buffer.appendLiteral(#","due":""#)
        row.due.appendText(to: &buffer)
        buffer.appendLiteral(row.overdue ? #"","overdue":true,"days_since_filed":"# : #"","overdue":false,"days_since_filed":"#)
        buffer.appendDecimal(row.daysSinceFiled)
        buffer.appendLiteral(#","region":"#)
        buffer.appendJSONString(row.region)
        buffer.appendLiteral(#","category":"#)
        buffer.appendJSONString(row.category)
        buffer.appendLiteral("}\n")
    }
}
