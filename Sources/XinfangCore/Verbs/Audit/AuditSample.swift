/// Callback sampling (回访抽查): a reproducible random draw of closed cases.
///
/// Eligible are the cases closed as of the as-of day whose closing reply's
/// office-local day lies in `[from, to)`, that pass `--unit` (the closing
/// unit), `--region` and `--category`; a case already rated is eligible (a
/// new verdict replaces the old one). The eligible cases are put in case
/// number order and drawn from with ``SplitMix64/sample(_:count:seed:)``, so
/// the draw depends only on the journal's content and the seed. Lines come
/// in draw order: the first k lines of a draw of N are the draw of k.
struct AuditSample {
    /// One drawn case.
    struct Row {
        var record: CaseRecord
        var closed: LocalDate
    }

    /// The eligible cases of `book`, in case number order.
    static func eligible(_ book: CaseBook, request: AuditRequest, spec: AuditRequest.SampleSpec) -> [Row] {
        let zone = book.policy.timeZone
        var rows: [Row] = []
        for record in book.cases where record.phase == .closed && request.matches(record) {
            guard let closedAt = record.closedAt else { continue }
            let closed = zone.localDate(of: closedAt)
            if let from = spec.from, closed < from { continue }
            if let to = spec.to, closed >= to { continue }
            rows.append(Row(record: record, closed: closed))
        }
        CaseOrder.sort(&rows, caseIDs: rows.map { $0.record.id })
        return rows
    }

    /// Draws `spec.count` of `book`'s eligible cases (all of them, shuffled, when there are fewer).
    static func draw(_ book: CaseBook, request: AuditRequest, spec: AuditRequest.SampleSpec) -> (rows: [Row], eligible: Int) {
        let eligible = eligible(book, request: request, spec: spec)
        return (SplitMix64.sample(eligible, count: spec.count, seed: spec.seed), eligible.count)
    }

    /// Writes the drawn rows in `format`.
    ///
    /// Each NDJSON line is ready for `xinfang reply` once a `satisfaction` is
    /// added: `case`, `unit`, `closed`, `region`, `category`, `channel`, the
    /// petitioner's `name` and `phone` to call (masked with `--redact`;
    /// `"anonymous": true` instead when there is none), the current `verdict`
    /// (null when not yet rated) and `"via": "callback"`.
    static func write(_ rows: [Row], format: Table.Format, redact: Bool, to sink: OutputSink) {
        func contact(_ record: CaseRecord) -> Petitioner? {
            guard let petitioner = record.petitioner else { return nil }
            return redact ? Redaction.petitioner(petitioner) : petitioner
        }
        guard format == .ndjson else {
            var table = Table(columns: [
                .init("case"), .init("unit"), .init("closed"), .init("region"), .init("category"), .init("channel"),
                .init("name"), .init("phone"), .init("verdict"),
            ])
            table.rows = rows.map { row in
                let person = contact(row.record)
                return [row.record.id, row.record.unit ?? "", row.closed.description, row.record.region, row.record.category,
                        row.record.channel.rawValue, person?.name ?? "(anonymous)", person?.phone ?? "",
                        row.record.verdict?.rawValue ?? ""]
            }
            sink.write(table.render(format))
            return
        }
        for row in rows {
            let record = row.record
            var line = NDJSONLine()
            line.field("case", record.id)
            line.field("unit", record.unit ?? "")
            line.field("closed", row.closed.description)
            line.field("region", record.region)
            line.field("category", record.category)
            line.field("channel", record.channel.rawValue)
            if let person = contact(record) {
                line.key("petitioner")
                line.beginObject()
                line.field("name", person.name)
                if let phone = person.phone { line.field("phone", phone) }
                line.endObject()
            } else {
                line.field("anonymous", true)
            }
            line.field("verdict", record.verdict?.rawValue)
            line.field("via", "callback")
            sink.write(line.finished())
        }
    }
}
