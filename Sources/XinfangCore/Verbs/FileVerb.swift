import Foundation

/// `xinfang file`: register petitions (登记), one input line per petition.
public enum FileVerb: Verb {
    public static let name = "file"
    public static let summary = "Register petitions (登记): one NDJSON line (or CSV row) per petition."
    public static let usage = "file [--channel C] [--csv] [--rejects FILE] [--dry-run] [FILE...]"
    public static let discussion = """
    Each line needs channel, summary, region, category, and petitioner {name, id_number?, phone?,
    address?} or "anonymous": true; optional: received, people, respondent, source_id, confidential.
    Every accepted line is echoed with its case number and "status":"filed". A submission seen
    before (same source_id, or same channel, received day, petitioner and summary) is echoed with
    "status":"duplicate" and the existing case, so re-running an import is safe. A new petition of
    the same petitioner about the same respondent or category is linked with "repeat_of".
    """
    public static let options: [OptionSpec] = [
        OptionSpec("--channel", value: "CHANNEL", help: "Channel for lines without one (letter, visit, online, … or 来信, 来访, …)."),
        OptionSpec("--region", value: "REGION", help: "Region for lines without one."),
        OptionSpec("--category", value: "CATEGORY", help: "Category for lines without one."),
        OptionSpec("--received", value: "DATE", help: "Receipt date or date-time for lines without one (default: now)."),
        OptionSpec("--csv", help: "Input is CSV with a header row (field names or 姓名, 身份证号, …), as exported from a spreadsheet."),
        .rejects, .dryRun, .redact, .journal, .policy, .help,
    ]
    public static let examples = [
        "xinfang file letters.ndjson                       # register a batch",
        "xinfang file --csv --channel letter letters.csv   # a spreadsheet of mailed letters",
        "xinfang file --rejects bad.ndjson < batch.ndjson  # keep rejected lines to fix and feed back",
        "xinfang file letters.ndjson | xinfang assign --auto",
    ]

    public static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus {
        let policy: Policy
        do { policy = try context.policy(arguments) } catch {
            context.error("\(error)")
            return .journal
        }
        var defaults = PetitionForm.Defaults()
        do {
            defaults = try readDefaults(arguments, policy: policy)
        } catch {
            return CLI.usageError(error.message, verb: self, context: context)
        }
        let inputs: InputFiles
        do { inputs = try InputFiles(paths: arguments.positionals, environment: context.environment) } catch {
            return CLI.usageError(error.message, verb: self, context: context)
        }
        defer { inputs.close() }

        let form = PetitionForm(policy: policy, defaults: defaults)
        let redact = arguments.has("--redact")
        let rejections = RejectionReporter(context: context, rejectsPath: arguments.value("--rejects"))
        let session = WriterSession(
            context: context, policy: policy, journalPath: context.journalPath(arguments),
            dryRun: arguments.has("--dry-run"), rejections: rejections, state: FilingState(policy: policy),
            prepare: { record, now in PreparedPetition.read(record, form: form, now: now) },
            readAhead: { state, petitions in PreparedPetition.readAhead(petitions, index: state.index) }
        ) { state, prepared, now in
            decide(&state, prepared, now: now, policy: policy, redact: redact)
        }
        do { try session.open() } catch {
            context.error("\(error)")
            return .journal
        }
        let csv: ((InputFiles.File, [UInt8]) throws(UsageError) -> [InputRecord])? = arguments.has("--csv")
            ? { (file, bytes) throws(UsageError) in try CSVInput.records(bytes, source: file.name) } : nil
        let status = session.run(inputs: inputs, wholeFile: csv)
        Leftovers.dropInBackground(session)
        return status
    }

    /// Decides one line against the state: a duplicate, or a new case (a repeat or not).
    static func decide(_ state: inout FilingState, _ prepared: PreparedPetition, now: Instant,
                       policy: Policy, redact: Bool) -> LineOutcome {
        guard case .filing(let ready) = prepared else {
            if case .rejected(let message) = prepared { return .reject(message) }
            return .reject("")  // unreachable: a prepared petition is one or the other
        }
        let received = ready.received
        if let existing = state.index.duplicate(keys: ready.keys) {
            return .echo(echo(caseID: existing, status: "duplicate", filing: ready.filing, received: received, policy: policy, redact: redact))
        }
        let repeatOf = state.index.repeatOf(category: ready.category, respondent: ready.respondent,
                                            identity: ready.keys.identity, received: received)
        let number = state.index.nextCaseNumber(office: policy.office, received: received)
        let caseID = number.description
        state.index.expectNote(of: ready, number: number, caseID: caseID)
        let fields = ready.encoded.fields(repeatOf: repeatOf)
        // The filing moves out of the prepared petition into the event: none of its texts is copied.
        let event = JournalEvent(seq: 0, caseID: caseID, at: received, recorded: now,
                                 payload: .filed(ready.takeFiling(repeatOf: repeatOf)))
        let echo: LineOutcome.Echo
        if redact, case .filed(let registered) = event.payload {
            echo = .line(Self.echo(caseID: caseID, status: "filed", filing: registered, received: received, policy: policy, redact: true))
        } else {
            // The petition as registered is exactly the event's fields: echo them from the journal line.
            // The echo's start is written into the state's buffer, which the writer has let go of since
            // the last letter, so that it is reused rather than allocated again.
            state.echoStart.removeAll(keepingCapacity: true)
            appendFiledEchoPrefix(caseID: caseID, received: received, policy: policy, stamp: &state.echoStamp, to: &state.echoStart)
            echo = .fields(after: state.echoStart)
        }
        return .writeEncoded(event, fields: fields, echo: echo)
    }

    /// The start of a filed letter's output line as bytes: what ``echoPrefix(caseID:status:received:policy:)``
    /// writes for status `filed` (the object left open for the petition's fields).
    static func filedEchoPrefix(caseID: String, received: Instant, policy: Policy) -> [UInt8] {
        var stamp = InstantText()
        return filedEchoPrefix(caseID: caseID, received: received, policy: policy, stamp: &stamp)
    }

    /// ``filedEchoPrefix(caseID:received:policy:)`` with the receipt time's text kept in `stamp`
    /// (letters in a row are often received at the same time).
    static func filedEchoPrefix(caseID: String, received: Instant, policy: Policy, stamp: inout InstantText) -> [UInt8] {
        var prefix: [UInt8] = []
        appendFiledEchoPrefix(caseID: caseID, received: received, policy: policy, stamp: &stamp, to: &prefix)
        return prefix
    }

    /// Appends ``filedEchoPrefix(caseID:received:policy:stamp:)`` to `bytes`: written on the stack in one piece.
    static func appendFiledEchoPrefix(caseID: String, received: Instant, policy: Policy, stamp: inout InstantText,
                                      to bytes: inout [UInt8]) {
        if caseID.utf8.count <= 48 {
            // At most 9 + 50 + 31 + 25 + 1 = 116 bytes.
            let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { room -> Bool in
                guard let base = room.baseAddress else { return false }
                var out = ByteCursor(base)
                out.literal(#"{"case":"#)
                guard out.plainString(caseID) else { return false }
                out.literal(#","status":"filed","received":""#)
                stamp.write(received, timeZone: policy.timeZone, to: &out)
                out.byte(UInt8(ascii: "\""))
                bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: out.count))
                return true
            }
            if done { return }
        }
        bytes.append(contentsOf: echoPrefix(caseID: caseID, status: "filed", received: received, policy: policy).bytes)
    }

    /// The output line: case, status, then the petition as registered (channel in English, received in RFC 3339).
    static func echo(caseID: String, status: String, filing: Filing, received: Instant, policy: Policy, redact: Bool) -> [UInt8] {
        var line = echoPrefix(caseID: caseID, status: status, received: received, policy: policy)
        var shown = filing
        if redact, let petitioner = filing.petitioner { shown.petitioner = Redaction.petitioner(petitioner) }
        JournalEvent(seq: 0, caseID: caseID, at: received, recorded: received, payload: .filed(shown)).appendPayload(to: &line)
        return line.finished()
    }

    /// The start of an output line: case, status, received (the object left open for the petition's fields).
    static func echoPrefix(caseID: String, status: String, received: Instant, policy: Policy) -> NDJSONLine {
        var line = NDJSONLine()
        line.field("case", caseID)
        line.field("status", status)
        line.field("received", policy.timeZone.format(received))
        return line
    }

    private static func readDefaults(_ arguments: ParsedArguments, policy: Policy) throws(UsageError) -> PetitionForm.Defaults {
        var defaults = PetitionForm.Defaults()
        if let name = arguments.value("--channel") {
            guard let channel = Channel(parsing: name) else {
                throw UsageError("option '--channel': \"\(name)\" is not a channel; use one of \(Channel.accepted)")
            }
            defaults.channel = channel
        }
        defaults.region = arguments.value("--region").map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        defaults.category = arguments.value("--category").map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        if let text = arguments.value("--received") {
            switch policy.timeZone.parseTimestamp(text) {
            case .success(let instant): defaults.received = instant
            case .failure(let error): throw UsageError("option '--received': \(error)")
            }
        }
        return defaults
    }

}
