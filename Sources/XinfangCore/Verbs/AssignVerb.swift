/// `xinfang assign`: hand cases to units (交办), move them (转办), return closed ones for redo (退回重办).
public enum AssignVerb: Verb {
    public static let name = "assign"
    public static let summary = "Assign cases to units (交办), transfer them (转办), return closed ones for redo (退回重办)."
    public static let usage = "assign [--auto] [--handoff [--redact]] [--rejects FILE] [--dry-run] [FILE...]"
    public static let discussion = """
    Each line needs "case" and "unit"; optional: "at" (default: now; may be back-dated), "leader"
    (包案), "note". Assigning an open case to another unit transfers it: the clock restarts and one
    more extension is allowed. Assigning it to the unit it already has changes nothing and is echoed
    with "status":"unchanged", so audit's lines can be piped in. A closed case is returned for redo
    with "return": true and a "reason" ("unit" defaults to the unit that closed it): it reopens and
    its clock restarts. With --auto, a line without "unit" is routed by the policy's rules (first
    match wins; the event records the rule's index); a case no rule matches is rejected, never
    guessed, and --auto never moves a case that already has a unit. Other fields are ignored, so
    the output of file, assign and audit can be fed in as it is.
    Each line is echoed with "case", "status" (assigned, transferred, returned, unchanged), "at"
    (for unchanged: the latest assignment), "unit", the event's fields, and "due" (the day the
    handling is due) while the case is open.
    With --handoff, each line also carries the petition for the unit (交办单): received, channel,
    summary, region, category, respondent, people and the petitioner — except for a confidential
    case (filed "confidential": true, or of a category in the policy's confidential_categories,
    by default 检举控告): its petitioner is withheld and the line says "confidential": true, so the
    accused never learns who accused it (信访工作条例 Art. 30). --redact masks the petitioners shown;
    without --handoff no petitioner data is printed at all.
    """
    public static let options: [OptionSpec] = [
        OptionSpec("--auto", help: "Route lines without \"unit\" by the policy's routing rules."),
        OptionSpec("--handoff", help: "Add the petition for the unit to each line; a confidential case's petitioner is withheld."),
        OptionSpec("--redact", help: "With --handoff: mask petitioner names, ID numbers and phones (张*), drop addresses."),
        .rejects, .dryRun, .journal, .policy, .help,
    ]
    public static let examples = [
        "xinfang file letters.ndjson | xinfang assign --auto      # register and route in one go",
        "echo '{\"case\":\"XF-2026-000007\",\"unit\":\"市人社局\",\"leader\":\"张副市长\"}' | xinfang assign",
        "echo '{\"case\":\"XF-2026-000007\",\"unit\":\"区住建局\"}' | xinfang assign   # transfer (转办)",
        "echo '{\"case\":\"XF-2026-000007\",\"return\":true,\"reason\":\"回访不满意\"}' | xinfang assign",
        "xinfang assign --handoff --redact today.ndjson > 交办单.ndjson   # the petitions, as the units receive them",
    ]

    public static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus {
        let policy: Policy
        do { policy = try context.policy(arguments) } catch {
            context.error("\(error)")
            return .journal
        }
        let auto = arguments.has("--auto")
        let handoff: Handoff.Mode = !arguments.has("--handoff") ? .none : arguments.has("--redact") ? .redacted : .shown
        // Routing reads the summary and the respondent, and the handoff shows the petition (its
        // petitioner too): only then does the book keep those texts (on a large journal, most of
        // its memory and reading).
        let book = CaseBook(policy: policy, retainTexts: auto || handoff != .none, retainPetitioners: handoff != .none)
        return CaseLineRunner.run(self, arguments: arguments, context: context, policy: policy,
                                  state: book) { book, object, now in
            decide(book, object, now: now, auto: auto, policy: policy, handoff: handoff)
        }
    }

    /// Decides one line against the case book: an event to write, an unchanged echo, or a refusal.
    static func decide(_ book: CaseBook, _ object: JSONObject, now: Instant, auto: Bool, policy: Policy,
                       handoff: Handoff.Mode = .none) -> LineOutcome {
        let request: AssignmentRequest
        do { request = try AssignmentRequest(object, now: now, timeZone: policy.timeZone) } catch {
            return .reject(error.description)
        }
        guard let record = book[request.caseID] else { return .reject(LifecycleError.neverFiled(request.caseID).description) }
        let payload: JournalEvent.Payload
        let status: String
        switch request.action {
        case .giveBack(let unit, let reason):
            payload = .returned(Return(unit: unit ?? record.unit ?? "", reason: reason, leader: request.leader, note: request.note))
            status = "returned"
        case .assign(let given):
            var rule: Int?
            let unit: String
            if let given {
                unit = given
            } else if !auto {
                return .reject(FieldError(field: "unit", message: "missing (give the unit, or use --auto to route by the policy's rules)").description)
            } else if record.unit != nil {
                return .echo(unchanged(record, policy: policy, handoff: handoff))
            } else if let route = policy.route(record) {
                unit = route.unit
                rule = route.rule
            } else {
                return .reject("case \(record.id): no routing rule matches (category \(record.category), region \(record.region), channel \(record.channel.rawValue)); give \"unit\"")
            }
            if record.phase == .open && record.unit == unit {
                return .echo(unchanged(record, policy: policy, handoff: handoff))
            }
            let from = record.phase == .open ? record.unit : nil
            payload = .assigned(Assignment(unit: unit, from: from, leader: request.leader, note: request.note, rule: rule))
            status = from == nil ? "assigned" : "transferred"
        }
        let event = JournalEvent(seq: 0, caseID: record.id, at: request.at, recorded: now, payload: payload)
        do { try book.check(event) } catch { return .reject(error.description) }
        return .write(event, echo: .line(echo(event, status: status, record: record, policy: policy, handoff: handoff)))
    }

    /// The output line for a written event: case, status, unit, at, the event's own fields, the new due day,
    /// and with `--handoff` the petition of `record`.
    static func echo(_ event: JournalEvent, status: String, record: CaseRecord, policy: Policy, handoff: Handoff.Mode) -> [UInt8] {
        var line = NDJSONLine()
        line.field("case", event.caseID)
        line.field("status", status)
        line.field("at", policy.timeZone.format(event.at))
        event.appendPayload(to: &line)
        line.field("due", CaseRecord.dueDay(from: event.at, extensionDays: 0, policy: policy).description)
        Handoff.append(record, to: &line, policy: policy, mode: handoff)
        return line.finished()
    }

    /// The output line for a case left as it is: its unit, its latest assignment, its due day while open,
    /// and with `--handoff` its petition (a unit that lost its hand-off can have it again).
    static func unchanged(_ record: CaseRecord, policy: Policy, handoff: Handoff.Mode) -> [UInt8] {
        var line = NDJSONLine()
        line.field("case", record.id)
        line.field("status", "unchanged")
        if let start = record.clockStart { line.field("at", policy.timeZone.format(start)) }
        if let unit = record.unit { line.field("unit", unit) }
        if record.phase == .open, let due = record.due(policy: policy) { line.field("due", due.description) }
        if record.phase == .closed, let closedAt = record.closedAt { line.field("closed", policy.timeZone.format(closedAt)) }
        Handoff.append(record, to: &line, policy: policy, mode: handoff)
        return line.finished()
    }
}
