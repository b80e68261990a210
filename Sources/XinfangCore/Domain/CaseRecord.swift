/// Where a case stands in its life.
public enum CasePhase: String, Sendable {
    /// Registered, not yet assigned to a unit.
    case filed
    /// Assigned to a unit and not closed (also after a return for redo).
    case open
    /// Closed by a closing reply (办结).
    case closed
}

/// Everything known about one case after folding its events in journal order.
///
/// Kept compact, because a province's book holds hundreds of thousands of them: the filing's
/// rarer details live in one shared box (none when there are none), and the optional times are
/// stored as seconds with presence flags.
public struct CaseRecord: Sendable {
    public let id: String
    /// When the petition was received (the `filed` event's `at`).
    public let received: Instant
    /// The office-local day of receipt.
    public let receivedDay: LocalDate
    public let region: String
    public let category: String
    /// Respondent, repeat link, summary and petitioner; nil when the filing had none of them (or they were not retained).
    private let details: FilingDetails?
    /// The respondent, kept only when the book retains texts (routing rules match it).
    public var respondent: String? { details?.respondent }
    public var repeatOf: String? { details?.repeatOf }
    /// How many people came (a collective visit counts its people).
    public var people: Int { Int(storedPeople) }
    /// The summary, kept only when the book retains texts (writers need it for routing).
    public var summary: String? { details?.summary }
    /// The petitioner, kept only when the book retains texts.
    public var petitioner: Petitioner? { details?.petitioner }

    /// The unit now (or last) in charge.
    public internal(set) var unit: String?
    private var times = OptionalTimes()
    private var storedExtensionDays: Int32 = 0
    private var storedReturns: Int32 = 0
    private let storedPeople: Int32
    /// The latest event's `at`: a later event may not be earlier.
    public internal(set) var lastAt: Instant
    public let channel: Channel
    public let confidential: Bool
    public internal(set) var phase: CasePhase = .filed
    /// Whether the current assignment has used its one extension.
    public internal(set) var extended = false
    /// The latest verdict on the current closing (cleared by a return).
    public internal(set) var verdict: Satisfaction?
    /// The latest event's kind, for messages.
    public internal(set) var lastEvent: EventKind = .filed

    /// The first assignment's time: the acceptance limit is measured to it.
    public internal(set) var firstAssigned: Instant? {
        get { times[0] }
        set { times[0] = newValue }
    }
    /// The latest assignment, transfer or return: the handling clock and the lights count from it.
    public internal(set) var clockStart: Instant? {
        get { times[1] }
        set { times[1] = newValue }
    }
    /// The closing reply's time while the case is closed.
    public internal(set) var closedAt: Instant? {
        get { times[2] }
        set { times[2] = newValue }
    }
    public internal(set) var verdictAt: Instant? {
        get { times[3] }
        set { times[3] = newValue }
    }
    /// Days of extension approved for the current assignment (0 when none).
    public internal(set) var extensionDays: Int {
        get { Int(storedExtensionDays) }
        set { storedExtensionDays = Int32(clamping: newValue) }
    }
    /// How many times the case was returned for redo.
    public internal(set) var returns: Int {
        get { Int(storedReturns) }
        set { storedReturns = Int32(clamping: newValue) }
    }

    init(id: String, filing: Filing, at: Instant, timeZone: OfficeTimeZone, retainTexts: Bool, retainPetitioner: Bool = true) {
        self.id = id
        self.received = at
        self.receivedDay = timeZone.localDate(of: at)
        self.channel = filing.channel
        self.region = filing.region
        self.category = filing.category
        self.confidential = filing.confidential
        self.storedPeople = Int32(clamping: filing.people)
        let summary = retainTexts ? filing.summary : nil
        let petitioner = retainTexts && retainPetitioner ? filing.petitioner : nil
        let respondent = retainTexts ? filing.respondent : nil
        if respondent != nil || filing.repeatOf != nil || summary != nil || petitioner != nil {
            details = FilingDetails(respondent: respondent, repeatOf: filing.repeatOf, summary: summary, petitioner: petitioner)
        } else {
            details = nil
        }
        self.lastAt = at
    }

    /// The day the current assignment's handling is due: assignment day + handling limit + extension.
    public func due(policy: Policy) -> LocalDate? {
        figures(names: []).due(policy: policy)
    }

    /// The parts of the record that figures are made of, with the names in `names`.
    public func figures(names: CaseFigures.Names) -> CaseFigures {
        CaseFigures(receivedDay: receivedDay, channel: channel, phase: phase, isRepeat: details?.repeatOf != nil,
                    returns: returns, firstAssigned: firstAssigned, clockStart: clockStart, closedAt: closedAt,
                    extensionDays: extensionDays, verdict: verdict,
                    unit: names.contains(.unit) ? unit : nil,
                    region: names.contains(.region) ? region : nil,
                    category: names.contains(.category) ? category : nil)
    }

    /// The state in words, for refusals: "filed, not yet assigned", "open, assigned to 市人社局 on 2026-03-05", ….
    public func stateDescription(timeZone: OfficeTimeZone) -> String {
        switch phase {
        case .filed:
            return "filed \(receivedDay), not yet assigned"
        case .open:
            let since = clockStart.map { " on \(timeZone.localDate(of: $0))" } ?? ""
            return "open, assigned to \(unit ?? "?")\(since)"
        case .closed:
            let on = closedAt.map { " on \(timeZone.localDate(of: $0))" } ?? ""
            return "closed\(on) by \(unit ?? "?")"
        }
    }
}

/// A filing's details that most cases lack or that only writers keep, shared by every copy of the record.
private final class FilingDetails: Sendable {
    let respondent: String?
    let repeatOf: String?
    let summary: String?
    let petitioner: Petitioner?

    init(respondent: String?, repeatOf: String?, summary: String?, petitioner: Petitioner?) {
        self.respondent = respondent
        self.repeatOf = repeatOf
        self.summary = summary
        self.petitioner = petitioner
    }
}

/// Four optional instants in 33 bytes instead of 64: seconds, and a bit each for "present".
private struct OptionalTimes: Sendable {
    private var seconds: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
    private var present: UInt8 = 0

    subscript(index: Int) -> Instant? {
        get {
            guard present & (1 << index) != 0 else { return nil }
            switch index {
            case 0: return Instant(seconds: seconds.0)
            case 1: return Instant(seconds: seconds.1)
            case 2: return Instant(seconds: seconds.2)
            default: return Instant(seconds: seconds.3)
            }
        }
        set {
            let value = newValue?.seconds ?? 0
            switch index {
            case 0: seconds.0 = value
            case 1: seconds.1 = value
            case 2: seconds.2 = value
            default: seconds.3 = value
            }
            if newValue == nil { present &= ~(1 << index) } else { present |= 1 << index }
        }
    }
}
