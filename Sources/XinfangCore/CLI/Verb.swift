/// A subcommand: its help text, its options, and what it does.
///
/// One type per verb, in `Verbs/`, owns its whole contract; ``CLI`` renders
/// its help from these properties and runs it.
public protocol Verb: Sendable {
    /// `file`.
    static var name: String { get }
    /// One line for `xinfang --help`.
    static var summary: String { get }
    /// The usage line after `xinfang `.
    static var usage: String { get }
    /// Paragraphs explaining the verb.
    static var discussion: String { get }
    /// Every option, `--help` included.
    static var options: [OptionSpec] { get }
    /// Example command lines with a comment each.
    static var examples: [String] { get }
    /// Runs the verb; never calls `exit`.
    static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus
}

/// What a running verb needs: the environment, its name for messages, and the resolved journal and policy.
public final class Context {
    public let environment: Environment
    public let verbName: String

    public init(environment: Environment, verbName: String) {
        self.environment = environment
        self.verbName = verbName
    }

    public var stdout: OutputSink { environment.stdout }
    public var stderr: OutputSink { environment.stderr }

    /// Prints `xinfang VERB: message` to stderr, as one line (see ``MessageText/singleLine(_:)``).
    public func error(_ message: String) {
        stderr.writeLine("xinfang \(verbName): \(MessageText.singleLine(message))")
    }

    /// The journal's path: `--journal`, else `$XINFANG_JOURNAL`, else `xinfang.ndjson` here.
    public func journalPath(_ arguments: ParsedArguments) -> String {
        let path = arguments.value("--journal") ?? environment.variables["XINFANG_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 } ?? "xinfang.ndjson"
        return environment.resolve(path)
    }

    /// The policy: `--policy`, else `$XINFANG_POLICY`, else the built-in defaults.
    public func policy(_ arguments: ParsedArguments) throws(PolicyError) -> Policy {
        guard let path = arguments.value("--policy") ?? environment.variables["XINFANG_POLICY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .standard
        }
        return try Policy.load(path: environment.resolve(path))
    }

    /// How many threads read a large journal: `$XINFANG_THREADS` (1 reads it in one pass), else one per core.
    public var readerThreads: Int {
        environment.variables["XINFANG_THREADS"].flatMap { Int($0) }.map { min(max($0, 1), 64) } ?? JournalReplay.defaultReaders
    }

    /// Parses a date flag (`--as-of 2026-03-31`).
    public func dateOption(_ arguments: ParsedArguments, _ name: String, timeZone: OfficeTimeZone) throws(UsageError) -> LocalDate? {
        guard let text = arguments.value(name) else { return nil }
        switch timeZone.parseDate(text) {
        case .success(let date): return date
        case .failure(let error): throw UsageError("option '\(name)': \(error)")
        }
    }

    /// Today in the office's time zone.
    public func today(timeZone: OfficeTimeZone) -> LocalDate {
        timeZone.localDate(of: environment.now())
    }
}
