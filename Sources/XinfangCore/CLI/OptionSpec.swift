/// One command-line option of a verb: its name, its value's name (nil for a flag) and its help.
public struct OptionSpec: Sendable {
    /// `--journal`.
    public let name: String
    /// `PATH` for an option that takes a value; nil for a flag.
    public let valueName: String?
    public let help: String

    public init(_ name: String, value valueName: String? = nil, help: String) {
        self.name = name
        self.valueName = valueName
        self.help = help
    }

    /// The options every verb has.
    public static let journal = OptionSpec("--journal", value: "PATH", help: "The journal (default: $XINFANG_JOURNAL, else ./xinfang.ndjson).")
    public static let policy = OptionSpec("--policy", value: "FILE", help: "The office policy (default: $XINFANG_POLICY, else built-in defaults).")
    public static let help = OptionSpec("--help", help: "Show this help.")
    /// The options of the writing verbs.
    public static let rejects = OptionSpec("--rejects", value: "FILE", help: "Also append each rejected line to FILE as NDJSON (line, text, error), to fix and feed back.")
    public static let dryRun = OptionSpec("--dry-run", help: "Check every line and print what would happen; write nothing to the journal.")
    public static let redact = OptionSpec("--redact", help: "Mask petitioner names, ID numbers and phone numbers in the output.")
}

/// A usage mistake on the command line; nothing is done and the exit status is 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A verb's command line after parsing: option values by name, flags, and the positional arguments.
public struct ParsedArguments: Sendable {
    public private(set) var values: [String: String] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positionals: [String] = []

    /// The value of `--name`, the last one when given twice.
    public func value(_ name: String) -> String? { values[name] }
    /// Whether the flag `--name` was given.
    public func has(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `arguments` against `options`.
    ///
    /// Accepts `--name value` and `--name=value`; `--` ends the options (what
    /// follows is positional even if it starts with `-`); a lone `-` is
    /// positional (standard input).
    /// - Throws: ``UsageError`` for an unknown option (suggesting the nearest) or a missing value.
    public static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        argumentLoop: while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.positionals.append(contentsOf: arguments[index...])
                break argumentLoop
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.positionals.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "-h" { name = "--help" }
            guard let spec = options.first(where: { $0.name == name }) else {
                let suggestion = Spelling.nearest(to: name, among: options.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                throw UsageError("unknown option '\(name)'\(suggestion)")
            }
            if spec.valueName != nil {
                if let inlineValue {
                    parsed.values[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("option '\(name)' needs a value (\(spec.valueName!))") }
                    parsed.values[name] = arguments[index]
                    index += 1
                }
            } else {
                guard inlineValue == nil else { throw UsageError("option '\(name)' takes no value") }
                parsed.flags.insert(name)
            }
        }
        return parsed
    }
}
