/// `audit --verify`: every problem of the journal as one line each, and a summary on stderr.
///
/// NDJSON lines are `{"line":N,"problem":KIND,"case":ID|null,"message":TEXT}`,
/// written as they are found, in line order; KIND is `malformed`, `torn`,
/// `sequence`, `chain`, `lifecycle` or `unknown_case`. The summary goes to
/// stderr so stdout holds only problems: an empty stdout means a clean journal.
enum AuditVerification {
    static func run(path: String, policy: Policy, format: Table.Format, context: Context) -> ExitStatus {
        var table = Table(columns: [.init("line", alignRight: true), .init("problem"), .init("case"), .init("message")])
        let summary: JournalVerifier.Summary
        do {
            summary = try JournalVerifier(policy: policy).verify(path: path, readers: context.readerThreads) { finding in
                if format == .ndjson {
                    var line = NDJSONLine()
                    line.field("line", finding.line)
                    line.field("problem", finding.problem.rawValue)
                    line.field("case", finding.caseID)
                    line.field("message", finding.message)
                    context.stdout.write(line.finished())
                } else {
                    table.rows.append([String(finding.line), finding.problem.rawValue, finding.caseID ?? "", finding.message])
                }
            }
        } catch {
            context.error("\(error)")
            return .journal
        }
        if format != .ndjson && summary.problems > 0 { context.stdout.write(table.render(format)) }
        let counts = "\(summary.lines) \(plural(summary.lines, "line")), \(summary.cases) \(plural(summary.cases, "case")), last seq \(summary.lastSeq)"
        if summary.problems == 0 {
            context.error("journal \(path): clean: \(counts)")
            return .success
        }
        context.error("journal \(path): \(summary.problems) \(plural(summary.problems, "problem")) in \(counts)")
        return .journal
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word + "s"
    }
}
