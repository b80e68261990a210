/// An event kept aside by a later part of the journal for a case filed in an earlier part, in the
/// room that what the case book reads of it takes (72 bytes, where a ``JournalEvent`` takes 240).
///
/// It keeps what ``CaseRecord/record(_:policy:)`` looks at: the case, `at`, the kind, the unit, and
/// the kind's flag or number (`closes`, `days`, the verdict). The reading verbs' events carry no
/// texts anyway (``EventTexts/caseBook(retainTexts:)``). `JournalPartsTests` compare
/// the books of the parts with the single pass field by field, so a field the lifecycle starts to
/// read and this type does not keep shows there.
struct DeferredEvent {
    let caseID: String
    let caseKey: CaseKey
    let at: Instant
    /// `seq` and `recorded` are not read by the case book; kept for the rebuilt event to be whole.
    let seq: Int
    /// The unit of an assignment, return, reply or extension; nil for a verdict.
    let unit: String?
    private let kind: EventKind
    /// `closes` of a reply.
    private let closes: Bool
    /// The verdict of a rating.
    private let satisfaction: Satisfaction?
    /// `days` of an extension, `rule` of an assignment (-1: none).
    private let number: Int32

    /// The event made compact; nil for a filing (a part's filings are in its own book).
    init?(_ event: JournalEvent) {
        caseID = event.caseID
        caseKey = event.caseKey
        at = event.at
        seq = event.seq
        kind = event.kind
        var unit: String?, closes = false, satisfaction: Satisfaction?, number: Int32 = -1
        switch event.payload {
        case .filed: return nil
        case .assigned(let assignment):
            unit = assignment.unit
            number = assignment.rule.map { Int32(clamping: $0) } ?? -1
        case .returned(let ret): unit = ret.unit
        case .replied(let reply): (unit, closes) = (reply.unit, reply.closes)
        case .extended(let ext): (unit, number) = (ext.unit, Int32(clamping: ext.days))
        case .rated(let verdict): satisfaction = verdict.satisfaction
        }
        self.unit = unit
        self.closes = closes
        self.satisfaction = satisfaction
        self.number = number
    }

    /// The event again, with what the case book reads of it.
    var event: JournalEvent {
        let payload: JournalEvent.Payload
        switch kind {
        case .filed: preconditionFailure("a filing is never kept aside")
        case .assigned: payload = .assigned(Assignment(unit: unit ?? "", rule: number < 0 ? nil : Int(number)))
        case .returned: payload = .returned(Return(unit: unit ?? "", reason: ""))
        case .replied: payload = .replied(Reply(unit: unit ?? "", text: "", closes: closes))
        case .extended: payload = .extended(Extension(unit: unit ?? "", days: Int(number)))
        case .rated: payload = .rated(Verdict(satisfaction: satisfaction ?? .satisfied))
        }
        return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: at, payload: payload)
    }
}
