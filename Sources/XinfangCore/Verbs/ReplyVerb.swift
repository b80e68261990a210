/// `xinfang reply`: a unit's replies (答复) and extensions (延期), and the petitioner's verdicts (回访).
public enum ReplyVerb: Verb {
    public static let name = "reply"
    public static let summary = "Record units' replies (答复), closings (办结), extensions (延期) and petitioners' verdicts (回访)."
    public static let usage = "reply [--rejects FILE] [--dry-run] [FILE...]"
    public static let discussion = """
    A reply: "case", "text", optional "at" (default: now; may be back-dated) and "unit" (default:
    the unit in charge; another unit is refused); "closes": true marks the closing reply (办结).
    An extension: "case", "extend_days" (at most the policy's max_extension_days, once per
    assignment) and its reason in "text"; it moves the due day. A verdict: "case", "satisfaction"
    (satisfied, basically_satisfied, unsatisfied, or 满意, 基本满意, 不满意), optional "via"
    (callback, online, phone); only a closed case is rated and the latest verdict counts.
    Only an assigned, open case takes replies; a closed one is returned for redo first (assign).
    Other fields are ignored, so audit's and assign's lines can be fed in with the text added.
    Each line is echoed with "case", "status" (replied, closed, extended, rated), "at", "unit",
    the line's own fields, and "due" while the case is open. No petitioner data is ever printed.
    """
    public static let options: [OptionSpec] = [.rejects, .dryRun, .journal, .policy, .help]
    public static let examples = [
        "echo '{\"case\":\"XF-2026-000007\",\"text\":\"已责成企业补发工资\",\"closes\":true}' | xinfang reply",
        "echo '{\"case\":\"XF-2026-000007\",\"extend_days\":30,\"text\":\"涉及多个部门，需会商\"}' | xinfang reply",
        "echo '{\"case\":\"XF-2026-000007\",\"satisfaction\":\"基本满意\",\"via\":\"callback\"}' | xinfang reply",
        "xinfang audit --unit 市人社局 | jq -c '.text = \"已在办理，月底前答复\"' | xinfang reply   # an interim reply on each open case",
    ]

    public static func run(_ arguments: ParsedArguments, context: Context) -> ExitStatus {
        let policy: Policy
        do { policy = try context.policy(arguments) } catch {
            context.error("\(error)")
            return .journal
        }
        return CaseLineRunner.run(self, arguments: arguments, context: context, policy: policy,
                                  state: CaseBook(policy: policy, retainTexts: false)) { book, object, now in
            decide(book, object, now: now, policy: policy)
        }
    }

    /// Decides one line against the case book: an event to write, or a refusal.
    static func decide(_ book: CaseBook, _ object: JSONObject, now: Instant, policy: Policy) -> LineOutcome {
        let request: ReplyRequest
        do { request = try ReplyRequest(object, now: now, timeZone: policy.timeZone) } catch {
            return .reject(error.description)
        }
        guard let record = book[request.caseID] else { return .reject(LifecycleError.neverFiled(request.caseID).description) }
        // A case never assigned has no unit; the case book refuses the event before the empty unit matters.
        let unit = request.unit ?? record.unit ?? ""
        let payload: JournalEvent.Payload
        switch request.action {
        case .reply(let text, let closes): payload = .replied(Reply(unit: unit, text: text, closes: closes))
        case .extend(let days, let reason): payload = .extended(Extension(unit: unit, days: days, text: reason))
        case .verdict(let satisfaction, let via): payload = .rated(Verdict(satisfaction: satisfaction, via: via))
        }
        let event = JournalEvent(seq: 0, caseID: record.id, at: request.at, recorded: now, payload: payload)
        do { try book.check(event) } catch { return .reject(error.description) }
        return .write(event, echo: .line(echo(event, record: record, policy: policy)))
    }

    /// The output line: case, status, at, unit, the event's own fields, and the due day while the case stays open.
    static func echo(_ event: JournalEvent, record: CaseRecord, policy: Policy) -> [UInt8] {
        var line = NDJSONLine()
        line.field("case", event.caseID)
        var due: LocalDate?
        switch event.payload {
        case .replied(let reply):
            line.field("status", reply.closes ? "closed" : "replied")
            due = reply.closes ? nil : record.due(policy: policy)
        case .extended(let ext):
            line.field("status", "extended")
            due = record.clockStart.map { CaseRecord.dueDay(from: $0, extensionDays: ext.days, policy: policy) }
        case .rated:
            line.field("status", "rated")
        default:
            break
        }
        line.field("at", policy.timeZone.format(event.at))
        if case .rated = event.payload, let unit = record.unit { line.field("unit", unit) }
        event.appendPayload(to: &line)
        if let due { line.field("due", due.description) }
        return line.finished()
    }
}
