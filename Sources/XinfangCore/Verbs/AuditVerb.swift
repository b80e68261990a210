/// `xinfang audit`: supervision lights (督办), callback sampling (回访抽查) and journal verification.
///
/// A reading verb: one streaming pass over the journal into a ``CaseBook`` as
/// of an office-local day (``JournalReplay``), or, with `--verify`, a full
/// check of every line (``JournalVerifier``). `docs/audit.md` documents the
/// output fields, the order of the rows and the sampling generator.
public enum AuditVerb: Verb {
    public static let name = "audit"
    public static let summary = "Supervise open cases by light (督办), draw callback samples (回访抽查), verify the journal."
    public static let usage = "audit [--as-of DATE] [--light L] [--unit U] [--region R] [--category C] [--format F]\n       xinfang audit --sample N --seed S [--from DATE] [--to DATE] [--as-of DATE] [--unit U] [--redact]\n       xinfang audit --verify"
    public static let discussion = """
    Without --sample or --verify, writes one line per assigned, unclosed case: case, unit, assigned
    (day of the latest assignment, transfer or return), days, light (green up to 15 days, red from 45,
    per the policy), due (assigned + handling limit + extension), overdue, days_since_filed, region,
    category; most overdue first (earliest due, then most days, then case number). Lines chain into
    'xinfang assign' (same unit: unchanged; another unit: a transfer) and 'xinfang reply'.

    --sample N --seed S draws N cases closed by --as-of with their closing reply in [--from, --to),
    the same ones for the same journal and seed on every machine (SplitMix64, see docs/audit.md); each
    line is ready for 'xinfang reply' once a "satisfaction" is added.

    --verify reads the whole journal and prints each problem with its line number (a line that does
    not parse, a torn last line, a gap or repeat in seq, a broken hash chain, an event for a case never
    filed, an event that breaks the lifecycle); exit status 0 when clean, 3 otherwise.

    For the lights, --sample and --verify, a journal of 16 MiB or more is read on every core, with
    the same results as one pass (XINFANG_THREADS=1 reads it in one pass). --verify reads a damaged
    journal a second time, in one pass, to word its problems.
    """
    public static let options: [OptionSpec] = [
        OptionSpec("--as-of", value: "DATE", help: "The last office-local day whose events count (default: today)."),
        OptionSpec("--light", value: "L", help: "Only cases with this light: green, yellow, red, or a list (yellow,red)."),
        OptionSpec("--unit", value: "UNIT", help: "Only cases of this unit (for --sample: the closing unit)."),
        OptionSpec("--region", value: "REGION", help: "Only cases of this region."),
        OptionSpec("--category", value: "CATEGORY", help: "Only cases of this category."),
        OptionSpec("--sample", value: "N", help: "Draw N closed cases for callback (回访抽查), reproducibly."),
        OptionSpec("--seed", value: "S", help: "The draw's seed, a whole number 0…18446744073709551615 (required with --sample)."),
        OptionSpec("--from", value: "DATE", help: "With --sample: first closing day drawn from (inclusive)."),
        OptionSpec("--to", value: "DATE", help: "With --sample: the day after the last closing day drawn from (exclusive)."),
        OptionSpec("--verify", help: "Check the whole journal; print each problem with its line number; exit 3 on any."),
        OptionSpec("--format", value: "F", help: "ndjson (default), table (aligned for a person), csv or md."),
        OptionSpec("--redact", help: "With --sample: mask petitioner names and phone numbers."),
        .journal, .policy, .help,
    ]
    public static let examples = [
        "xinfang audit --light red --format table               # red cases, for a person",
        "xinfang audit --light red | jq -c '{case, unit: \"市督查室\"}' | xinfang assign   # transfer red cases",
        "xinfang audit --as-of 2026-03-31 --unit 市人社局      # one unit's open cases at month end",
        "xinfang audit --sample 30 --seed 202603 --from 2026-03-01 --to 2026-04-01 > callback.ndjson",
        "xinfang audit --verify                                  # exit 0 when the journal is intact",
    ]

    public static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus {
        let policy: Policy
        do { policy = try context.policy(arguments) } catch {
            context.error("\(error)")
            return .journal
        }
        let request: AuditRequest
        do { request = try AuditRequest.parse(arguments, timeZone: policy.timeZone, context: context) } catch {
            return CLI.usageError(error.message, verb: self, context: context)
        }
        let path = context.journalPath(arguments)
        if case .verify = request.mode {
            return AuditVerification.run(path: path, policy: policy, format: request.format, context: context)
        }
        let asOf = request.asOf ?? context.today(timeZone: policy.timeZone)
        var retainTexts = false
        if case .sample = request.mode { retainTexts = true }
        let book: CaseBook
        do {
            book = try JournalReplay.load(path: path, policy: policy, asOf: asOf, retainTexts: retainTexts,
                                          readers: context.readerThreads) { context.error($0) }
        } catch {
            context.error("\(error)")
            return .journal
        }
        switch request.mode {
        case .lights(let filter):
            AuditLights.write(AuditLights.rows(book, asOf: asOf, request: request, filter: filter), format: request.format, to: context.stdout)
        case .sample(let spec):
            let (rows, eligible) = AuditSample.draw(book, request: request, spec: spec)
            AuditSample.write(rows, format: request.format, redact: request.redact, to: context.stdout)
            if eligible == 0 {
                context.error("no closed case is eligible")
            } else if rows.count < spec.count {
                context.error("only \(eligible) closed \(eligible == 1 ? "case is" : "cases are") eligible; drew all of them")
            }
        case .verify:
            break
        }
        Leftovers.dropInBackground(consume book)
        return .success
    }
}
