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
public struct CaseRecord: Sendable {
    public let id: String
    /// When the petition was received (the `filed` event's `at`).
    public let received: Instant
    /// The office-local day of receipt.
    public let receivedDay: LocalDate
    public let channel: Channel
    public let region: String
    public let category: String
    public let respondent: String?
    /// How many people came (a collective visit counts its people).
    public let people: Int
    public let repeatOf: String?
    public let confidential: Bool
    /// The summary, kept only when the book retains texts (writers need it for routing).
    public let summary: String?
    /// The petitioner, kept only when the book retains texts.
    public let petitioner: Petitioner?

    public internal(set) var phase: CasePhase = .filed
    /// The unit now (or last) in charge.
    public internal(set) var unit: String?
    /// The first assignment's time: the acceptance limit is measured to it.
    public internal(set) var firstAssigned: Instant?
    /// The latest assignment, transfer or return: the handling clock and the lights count from it.
    public internal(set) var clockStart: Instant?
    /// Days of extension approved for the current assignment (0 when none).
    public internal(set) var extensionDays = 0
    /// Whether the current assignment has used its one extension.
    public internal(set) var extended = false
    /// The closing reply's time while the case is closed.
    public internal(set) var closedAt: Instant?
    /// How many times the case was returned for redo.
    public internal(set) var returns = 0
    /// The latest verdict on the current closing (cleared by a return).
    public internal(set) var verdict: Satisfaction?
    public internal(set) var verdictAt: Instant?
    /// The latest event's `at`: a later event may not be earlier.
    public internal(set) var lastAt: Instant
    /// The latest event's kind, for messages.
    public internal(set) var lastEvent: EventKind = .filed

    init(id: String, filing: Filing, at: Instant, timeZone: OfficeTimeZone, retainTexts: Bool) {
        self.id = id
        self.received = at
        self.receivedDay = timeZone.localDate(of: at)
        self.channel = filing.channel
        self.region = filing.region
        self.category = filing.category
        self.respondent = filing.respondent
        self.people = filing.people
        self.repeatOf = filing.repeatOf
        self.confidential = filing.confidential
        self.summary = retainTexts ? filing.summary : nil
        self.petitioner = retainTexts ? filing.petitioner : nil
        self.lastAt = at
    }

    /// The day the current assignment's handling is due: assignment day + handling limit + extension.
    public func due(policy: Policy) -> LocalDate? {
        guard let clockStart else { return nil }
        return policy.timeZone.localDate(of: clockStart).adding(days: policy.handlingLimitDays + extensionDays)
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
