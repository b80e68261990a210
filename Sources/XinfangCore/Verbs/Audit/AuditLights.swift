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
        var rows: [Row] = []
        for record in book.cases where request.matches(record) {
            // The same computation as stats' light counts, so the two always agree.
            guard let supervision = record.supervision(asOf: asOf, policy: book.policy) else { continue }
            if !filter.lights.isEmpty && !filter.lights.contains(supervision.light) { continue }
            rows.append(Row(caseID: record.id, unit: record.unit ?? "", assigned: supervision.assigned, days: supervision.days,
                            light: supervision.light, due: supervision.due, overdue: supervision.overdue,
                            daysSinceFiled: supervision.daysSinceFiled, region: record.region, category: record.category))
        }
        return CaseOrder.sorted(rows, caseID: \.caseID) { ($0.due.dayNumber, -$0.days) }
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
        // The keys and punctuation are literals and the dates written as bytes: the same line
        // NDJSONLine writes (`AuditLightsTests` compares them), at a fraction of the cost.
        for row in rows {
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
            if buffer.count >= 1 << 16 {
                sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        sink.write(buffer)
    }
}

/// The order of case numbers: by office, year and sequence when they parse (`XF-2026-999999` before
/// `XF-2026-1000000`), other identifiers after them in text order.
enum CaseOrder {
    /// `items` sorted by `primary` ascending, then by case number.
    ///
    /// Every item gets one key of five integers (the primary pair, the office's rank, the year, the
    /// sequence) and indices are sorted by it, so no text is parsed or compared while sorting.
    static func sorted<T>(_ items: [T], caseID: (T) -> String, primary: (T) -> (Int, Int) = { _ in (0, 0) }) -> [T] {
        let ids = items.map(caseID)
        let numbers = ids.map { CaseNumber(parsing: $0) }
        var officeRank: [String: Int] = [:]
        for (rank, office) in Set(numbers.compactMap { $0?.office }).sorted().enumerated() { officeRank[office] = rank }
        var textRank: [Int: Int] = [:]
        for (rank, index) in ids.indices.filter({ numbers[$0] == nil }).sorted(by: { ids[$0] < ids[$1] }).enumerated() {
            textRank[index] = rank
        }
        var keys: [SortKey] = items.indices.map { index in
            let (first, second) = primary(items[index])
            guard let number = numbers[index], let office = officeRank[number.office] else {
                return SortKey(first: first, second: second, office: Int.max, year: 0, sequence: textRank[index] ?? 0, index: index)
            }
            return SortKey(first: first, second: second, office: office, year: number.year, sequence: number.sequence, index: index)
        }
        // The keys themselves are sorted (not indices compared through a closure): tens of thousands of rows in audit.
        keys.sort()
        return keys.map { items[$0.index] }
    }

    /// An item's place: its primary pair, then its case number's office rank, year and sequence (or text rank).
    private struct SortKey: Comparable {
        let first: Int, second: Int, office: Int, year: Int, sequence: Int
        let index: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.first, a.second, a.office, a.year, a.sequence) < (b.first, b.second, b.office, b.year, b.sequence)
        }

        static func == (a: SortKey, b: SortKey) -> Bool {
            (a.first, a.second, a.office, a.year, a.sequence) == (b.first, b.second, b.office, b.year, b.sequence)
        }
    }
}
