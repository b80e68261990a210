/// `xinfang stats`: the figures an office is judged by (统计), per group and in total.
public enum StatsVerb: Verb {
    public static let name = "stats"
    public static let summary = "The figures (统计): intake, closure, on-time, satisfaction, lights, year on year, score."
    public static let usage = "stats [--from DATE] [--to DATE] [--as-of DATE] [--by KEY[,KEY...]] [--format FORMAT] [--partial | --merge [FILE...]]"
    public static let discussion = """
    Counts the cases received in [--from, --to) as the journal stood at the end of the --as-of day
    (default: today), so a report re-run later with the same flags gives the same figures. One row
    per group (--by unit, channel, category, region, month, year; several keys separated by commas),
    sorted by key values with a never-assigned unit last, then one row with "total": true.
    The counts form a funnel: filed ⊇ assigned ⊇ closed ⊇ rated. A rate over nothing is null.
    filed_prev_year and yoy_growth compare with [--from − 1 year, --to − 1 year) and need both
    --from and --to. The score is 100 × the policy's weighted mean of the five rates; satisfaction
    weighs most (see docs/stats.md). Every field is defined in docs/stats.md.
    For offices that keep one journal each: --partial prints each group's raw counts with the
    query; --merge adds up partial lines (from files or stdin) and prints the figures, exactly
    as one pass over all the cases would.
    A journal of 16 MiB or more is read on every core, with the same figures as one pass
    (XINFANG_THREADS=1 reads it in one pass).
    """
    public static let options: [OptionSpec] = [
        OptionSpec("--from", value: "DATE", help: "First day of the period: cases received on or after it (default: the first case)."),
        OptionSpec("--to", value: "DATE", help: "The day after the period: cases received before it (default: up to --as-of)."),
        OptionSpec("--as-of", value: "DATE", help: "The last office-local day whose events count (default: today)."),
        OptionSpec("--by", value: "KEYS", help: "Group by \(StatsKey.accepted); several separated by commas."),
        OptionSpec("--format", value: "FORMAT", help: "ndjson (default), table (for a person), csv (for a spreadsheet), md (for a report)."),
        OptionSpec("--partial", help: "Print raw counts per group (NDJSON) to merge with other journals' partials."),
        OptionSpec("--merge", help: "Add up partial lines from FILEs (or stdin) and print the figures; the query comes from the partials."),
        .rejects, .journal, .policy, .help,
    ]
    public static let examples = [
        "xinfang stats --from 2026-01-01 --to 2027-01-01                 # the year's figures with year on year",
        "xinfang stats --from 2026-03-01 --to 2026-04-01 --by unit --format table",
        "xinfang stats --by region,channel --format csv > figures.csv     # for a spreadsheet",
        "xinfang stats --by month --format md                             # for the monthly report",
        "cat */partial.ndjson | xinfang stats --merge --format table      # several offices' journals",
    ]

    public static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus {
        let policy: Policy
        do { policy = try context.policy(arguments) } catch {
            context.error("\(error)")
            return .journal
        }
        if arguments.has("--merge") { return merge(arguments, context: context, policy: policy) }
        let query: StatsQuery
        let format: Table.Format
        do throws(UsageError) {
            (query, format) = try readQuery(arguments, context: context, policy: policy)
            if arguments.has("--partial"), arguments.value("--format") != nil {
                throw UsageError("option '--format': partials are always NDJSON; format the merged figures instead")
            }
        } catch {
            return CLI.usageError(error.message, verb: self, context: context)
        }
        let book: CaseBook
        do {
            book = try JournalReplay.load(path: context.journalPath(arguments), policy: policy, asOf: query.asOf,
                                          readers: context.readerThreads, warn: { context.error($0) })
        } catch {
            context.error("\(error)")
            return .journal
        }
        if arguments.has("--partial") {
            context.stdout.write(StatsPartial.lines(groups: StatsReport.aggregate(book: book, query: query, threads: context.readerThreads),
                                                 query: query))
            return .success
        }
        write(StatsReport(book: book, query: query, threads: context.readerThreads), format: format, context: context)
        Leftovers.dropInBackground(consume book)
        return .success
    }

    private static func write(_ report: StatsReport, format: Table.Format, context: Context) {
        switch format {
        case .ndjson: context.stdout.write(StatsRendering.ndjson(report))
        case .table, .csv, .md: context.stdout.write(StatsRendering.table(report, format: format).render(format))
        }
    }

    /// `--merge`: adds up partial lines and prints the figures.
    private static func merge(_ arguments: ParsedArguments, context: Context, policy: Policy) -> ExitStatus {
        var format = Table.Format.ndjson
        let inputs: InputFiles
        do throws(UsageError) {
            for flag in ["--from", "--to", "--as-of", "--by"] where arguments.value(flag) != nil {
                throw UsageError("option '\(flag)': with --merge the query comes from the partials")
            }
            if arguments.has("--partial") { throw UsageError("option '--partial': give --partial or --merge, not both") }
            format = try readFormat(arguments)
            inputs = try InputFiles(paths: arguments.positionals, environment: context.environment)
        } catch {
            return CLI.usageError(error.message, verb: self, context: context)
        }
        defer { inputs.close() }
        let rejections = RejectionReporter(context: context, rejectsPath: arguments.value("--rejects"))
        var merger = StatsPartial.Merger()
        for file in inputs.files {
            do {
                try NDJSONInput.read(inputs.source(for: file, environment: context.environment), name: file.name) { record in
                    switch record.object {
                    case .failure(let error): rejections.reject(record, error.message)
                    case .success(let object):
                        do throws(FieldError) { try merger.add(object) } catch { rejections.reject(record, error.description) }
                    }
                }
            } catch {
                context.error("\(error)")
                return .journal
            }
        }
        rejections.finish()
        guard let query = merger.query else {
            context.error("no partial lines to merge (make them with 'xinfang stats --partial')")
            return rejections.count > 0 ? .someRejected : .usage
        }
        write(StatsReport(groups: merger.groups, query: query, weights: policy.scoreWeights), format: format, context: context)
        return rejections.count > 0 ? .someRejected : .success
    }

    /// The period, as-of day, keys and format from the command line.
    static func readQuery(_ arguments: ParsedArguments, context: Context, policy: Policy) throws(UsageError) -> (StatsQuery, Table.Format) {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])' (stats reads the journal; give it with --journal)")
        }
        let zone = policy.timeZone
        let from = try context.dateOption(arguments, "--from", timeZone: zone)
        let to = try context.dateOption(arguments, "--to", timeZone: zone)
        if let from, let to, from >= to {
            throw UsageError("option '--to': \(to) is not after --from \(from); the period [from, to) would be empty")
        }
        let asOf = try context.dateOption(arguments, "--as-of", timeZone: zone) ?? context.today(timeZone: zone)
        let keys = try arguments.value("--by").map { (text) throws(UsageError) in try StatsKey.parseList(text) } ?? []
        return (StatsQuery(from: from, to: to, asOf: asOf, keys: keys), try readFormat(arguments))
    }

    static func readFormat(_ arguments: ParsedArguments) throws(UsageError) -> Table.Format {
        guard let name = arguments.value("--format") else { return .ndjson }
        guard let parsed = Table.Format(rawValue: name) else {
            let names = Table.Format.allCases.map(\.rawValue)
            let suggestion = Spelling.nearest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError("option '--format': \"\(name)\" is not a format\(suggestion); use \(names.joined(separator: ", "))")
        }
        return parsed
    }
}
