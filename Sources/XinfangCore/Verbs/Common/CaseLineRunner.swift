import Foundation

/// Runs a writing verb whose input is NDJSON lines naming cases (`assign`, `reply`).
///
/// Opens the named inputs (stdin when none), opens the journal, feeds each
/// line to a ``WriterSession`` deciding it with `decide`, and returns the exit
/// status of SPEC §4: 0 all applied, 1 some lines rejected, 2 a usage error,
/// 3 the journal or policy unusable (a journal that does not exist included:
/// only `file` creates one).
enum CaseLineRunner {
    /// Runs `verb` over its inputs.
    /// - Parameters:
    ///   - state: the fold the journal is read into (a ``CaseBook``).
    ///   - decide: the verb's decision for one parsed line, given the state and the current time.
    static func run<State: JournalFold>(_ verb: any Verb.Type, arguments: ParsedArguments, context: Context, policy: Policy,
                                        state: State,
                                        decide: @escaping (inout State, JSONObject, Instant) -> LineOutcome) -> ExitStatus {
        let inputs: InputFiles
        do { inputs = try InputFiles(paths: arguments.positionals, environment: context.environment) } catch {
            return CLI.usageError(error.message, verb: verb, context: context)
        }
        defer { inputs.close() }
        // Cases are made by `file`: without a journal every line would be refused, and a mistyped
        // path would leave an empty journal behind, so a missing journal is refused like a reader's.
        let journalPath = context.journalPath(arguments)
        guard FileManager.default.fileExists(atPath: journalPath) else {
            context.error(JournalError.missing(path: journalPath).description)
            return .journal
        }
        let rejections = RejectionReporter(context: context, rejectsPath: arguments.value("--rejects"))
        let session = WriterSession(
            context: context, policy: policy, journalPath: journalPath,
            dryRun: arguments.has("--dry-run"), rejections: rejections, state: state
        ) { state, object, now in
            decide(&state, object, now)
        }
        do { try session.open() } catch {
            context.error("\(error)")
            return .journal
        }
        return session.run(inputs: inputs)
    }
}

extension JSONObject {
    /// The event time of a line: its `at` (date or date-time, back-dating allowed), else `now`.
    /// - Throws: ``FieldError`` for a value that is not a date, or one more than five minutes in the future.
    func eventTime(now: Instant, timeZone: OfficeTimeZone) throws(FieldError) -> Instant {
        guard let at = try optionalInstant("at", timeZone: timeZone) else { return now }
        if at.seconds > now.seconds + 300 {
            throw FieldError(field: "at", message: "\(timeZone.format(at)) is in the future")
        }
        return at
    }
}

extension CaseRecord {
    /// When the handling of an assignment made at `start` is due, with `extensionDays` approved.
    static func dueDay(from start: Instant, extensionDays: Int, policy: Policy) -> LocalDate {
        policy.timeZone.localDate(of: start).adding(days: policy.handlingLimitDays + extensionDays)
    }
}
