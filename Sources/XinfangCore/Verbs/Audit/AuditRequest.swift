/// What `xinfang audit` was asked to do, read from its command line.
///
/// Three modes share the verb: the supervision lights (the default), a
/// callback sample (`--sample`), and a check of the whole journal
/// (`--verify`). Options that belong to another mode are a usage error rather
/// than silently ignored.
struct AuditRequest {
    /// Which report to produce.
    enum Mode {
        case lights(LightFilter)
        case sample(SampleSpec)
        case verify
    }

    /// Which open cases the lights report lists.
    struct LightFilter {
        /// The lights to keep (all when empty).
        var lights: Set<Light> = []
    }

    /// How many closed cases to draw, with which seed, from which closing days.
    struct SampleSpec {
        var count: Int
        var seed: UInt64
        /// First closing day drawn from (inclusive).
        var from: LocalDate?
        /// Day after the last closing day drawn from (exclusive).
        var to: LocalDate?
    }

    var mode: Mode
    /// The last office-local day whose events count (nil: today).
    var asOf: LocalDate?
    var unit: String?
    var region: String?
    var category: String?
    var format: Table.Format = .ndjson
    var redact = false

    /// Whether `record` passes the `--unit`, `--region` and `--category` filters.
    func matches(_ record: CaseRecord) -> Bool {
        matches(record.figures(names: .all))
    }

    /// Whether the case of `figures` (with all its names) passes the `--unit`, `--region` and `--category` filters.
    func matches(_ figures: CaseFigures) -> Bool {
        if let unit, figures.unit != unit { return false }
        if let region, figures.region != region { return false }
        if let category, figures.category != category { return false }
        return true
    }

    /// Reads the command line.
    /// - Throws: ``UsageError`` for a bad value or options of different modes mixed.
    static func parse(_ arguments: ParsedArguments, timeZone: OfficeTimeZone, context: Context) throws(UsageError) -> AuditRequest {
        guard arguments.positionals.isEmpty else {
            throw UsageError("audit reads the journal and takes no input files (got '\(arguments.positionals[0])')")
        }
        let sampling = arguments.value("--sample") != nil
        let verifying = arguments.has("--verify")
        if sampling && verifying { throw UsageError("--sample and --verify are different reports; give one") }
        func refuse(_ names: [String], unless allowed: Bool, _ why: String) throws(UsageError) {
            guard !allowed else { return }
            for name in names where arguments.value(name) != nil || arguments.has(name) {
                throw UsageError("option '\(name)' \(why)")
            }
        }
        try refuse(["--seed", "--from", "--to"], unless: sampling, "goes with --sample")
        try refuse(["--light"], unless: !sampling && !verifying, "filters the lights report, not --sample or --verify")
        try refuse(["--as-of", "--unit", "--region", "--category", "--redact"], unless: !verifying,
                   "does not apply to --verify, which checks the whole journal")

        var request = AuditRequest(mode: .verify)
        request.asOf = try context.dateOption(arguments, "--as-of", timeZone: timeZone)
        request.unit = try text(arguments, "--unit")
        request.region = try text(arguments, "--region")
        request.category = try text(arguments, "--category")
        request.redact = arguments.has("--redact")
        if let name = arguments.value("--format") {
            guard let format = Table.Format(rawValue: name) else {
                throw UsageError("option '--format': \"\(name)\" is not a format; use one of \(Table.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.format = format
        }
        if verifying {
            request.mode = .verify
        } else if sampling {
            request.mode = .sample(try sampleSpec(arguments, timeZone: timeZone, context: context))
        } else {
            request.mode = .lights(LightFilter(lights: try lights(arguments.value("--light"))))
        }
        return request
    }

    private static func text(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String? {
        guard let value = arguments.value(name) else { return nil }
        let trimmed = value.trimmingSpaces()
        guard !trimmed.isEmpty else { throw UsageError("option '\(name)' is blank") }
        return trimmed
    }

    /// `red`, or a comma-separated list such as `yellow,red`.
    private static func lights(_ value: String?) throws(UsageError) -> Set<Light> {
        guard let value else { return [] }
        var lights: Set<Light> = []
        for word in value.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(word).trimmingSpaces().lowercased()
            guard let light = Light(rawValue: name) else {
                throw UsageError("option '--light': \"\(word)\" is not a light; use green, yellow or red (or a list: yellow,red)")
            }
            lights.insert(light)
        }
        return lights
    }

    private static func sampleSpec(_ arguments: ParsedArguments, timeZone: OfficeTimeZone, context: Context) throws(UsageError) -> SampleSpec {
        let countText = arguments.value("--sample") ?? ""
        guard let count = Int(countText), count >= 1, countText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw UsageError("option '--sample': \"\(countText)\" is not a positive whole number of cases")
        }
        guard let seedText = arguments.value("--seed") else {
            throw UsageError("--sample needs --seed S (a whole number 0…18446744073709551615), so the draw can be repeated")
        }
        guard let seed = UInt64(seedText), seedText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw UsageError("option '--seed': \"\(seedText)\" is not a whole number 0…18446744073709551615")
        }
        let from = try context.dateOption(arguments, "--from", timeZone: timeZone)
        let to = try context.dateOption(arguments, "--to", timeZone: timeZone)
        if let from, let to, to <= from {
            throw UsageError("--from \(from) --to \(to) is an empty period; --to is the day after the last one")
        }
        return SampleSpec(count: count, seed: seed, from: from, to: to)
    }
}
