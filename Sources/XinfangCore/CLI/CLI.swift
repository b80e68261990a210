/// The command line's single entry point: picks the verb, parses its options, runs it, returns the exit status.
///
/// Nothing below this calls `exit`; the executable passes what ``run(_:environment:)`` returns to `exit`.
public enum CLI {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    /// Every verb, in the order `--help` lists them.
    public static let verbs: [any Verb.Type] = VerbRegistry.all

    /// Runs `xinfang` with `arguments` (without the program name).
    public static func run(_ arguments: [String], environment: Environment) -> Int32 {
        let status = dispatch(arguments, environment: environment)
        environment.stdout.flush()
        if let failure = environment.stdout.failure {
            environment.stderr.writeLine("xinfang: \(failure)")
            environment.stderr.flush()
            return ExitStatus.journal.rawValue
        }
        environment.stderr.flush()
        return status.rawValue
    }

    private static func dispatch(_ arguments: [String], environment: Environment) -> ExitStatus {
        guard let first = arguments.first else {
            environment.stderr.write(HelpRenderer.mainHelp(verbs: verbs))
            return .usage
        }
        switch first {
        case "--help", "-h":
            environment.stdout.write(HelpRenderer.mainHelp(verbs: verbs))
            return .success
        case "--version":
            environment.stdout.writeLine("xinfang \(version)")
            return .success
        case "help":
            guard arguments.count > 1 else {
                environment.stdout.write(HelpRenderer.mainHelp(verbs: verbs))
                return .success
            }
            guard let verb = verbs.first(where: { $0.name == arguments[1] }) else {
                return unknownVerb(arguments[1], environment: environment)
            }
            environment.stdout.write(HelpRenderer.help(for: verb))
            return .success
        default:
            break
        }
        guard let verb = verbs.first(where: { $0.name == first }) else {
            return unknownVerb(first, environment: environment)
        }
        let context = Context(environment: environment, verbName: verb.name)
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments.parse(Array(arguments.dropFirst()), options: verb.options)
        } catch {
            return usageError(error.message, verb: verb, context: context)
        }
        if parsed.has("--help") {
            environment.stdout.write(HelpRenderer.help(for: verb))
            return .success
        }
        return verb.run(parsed, context: context)
    }

    /// Prints a usage error the way swift-argument-parser does and returns status 2.
    public static func usageError(_ message: String, verb: any Verb.Type, context: Context) -> ExitStatus {
        context.error(message)
        context.stderr.writeLine("Usage: xinfang \(verb.usage)")
        context.stderr.writeLine("See 'xinfang \(verb.name) --help'.")
        return .usage
    }

    private static func unknownVerb(_ name: String, environment: Environment) -> ExitStatus {
        let suggestion = Spelling.nearest(to: name, among: verbs.map { $0.name }).map { " (did you mean '\($0)'?)" } ?? ""
        environment.stderr.writeLine("xinfang: unknown verb '\(name)'\(suggestion)")
        environment.stderr.writeLine("Usage: xinfang <verb> [options] [FILE...]")
        environment.stderr.writeLine("See 'xinfang --help'.")
        return .usage
    }
}
