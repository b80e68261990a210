/// Renders help in the shape of swift-argument-parser: OVERVIEW, USAGE, OPTIONS, EXAMPLES.
enum HelpRenderer {
    static func help(for verb: any Verb.Type) -> String {
        var text = "OVERVIEW: \(verb.summary)\n\n"
        if !verb.discussion.isEmpty { text += verb.discussion + "\n\n" }
        text += "USAGE: xinfang \(verb.usage)\n\nOPTIONS:\n"
        let labels = verb.options.map { option in option.name + (option.valueName.map { " <\($0)>" } ?? "") }
        let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
        for (label, option) in zip(labels, verb.options) {
            if label.count + 2 > width {
                text += "  \(label)\n" + String(repeating: " ", count: width + 2) + option.help + "\n"
            } else {
                text += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + option.help + "\n"
            }
        }
        if !verb.examples.isEmpty {
            text += "\nEXAMPLES:\n"
            for example in verb.examples { text += "  \(example)\n" }
        }
        return text
    }

    static func mainHelp(verbs: [any Verb.Type]) -> String {
        var text = """
        OVERVIEW: xinfang — a letters-and-visits (信访) office toolkit: register petitions, assign
        them, record replies and verdicts, supervise late cases, and report the monthly figures.
        Every verb reads and writes newline-delimited JSON, so verbs chain in shell pipelines.

        USAGE: xinfang <verb> [options] [FILE...]

        VERBS:

        """
        let width = (verbs.map { $0.name.count }.max() ?? 0) + 4
        for verb in verbs {
            text += "  " + verb.name.padding(toLength: width, withPad: " ", startingAt: 0) + verb.summary + "\n"
        }
        text += """

        OPTIONS:
          --help                  Show this help; 'xinfang help VERB' or 'xinfang VERB --help' for a verb.
          --version               Show the version.

        EXIT STATUS:
          0 all applied; 1 some lines rejected (the rest applied); 2 usage error (nothing done);
          3 the journal or policy is unreadable, corrupt or unwritable (nothing written).

        EXAMPLES:
          xinfang file --channel letter letters.ndjson | xinfang assign --auto
          xinfang stats --from 2026-01-01 --to 2027-01-01 --by unit --format table

        """
        return text
    }
}
