/// One line of the journal: something that happened to a case.
///
/// Every event has `seq`, `event`, `case`, `at`, `recorded` and `hash`; the
/// rest depends on its kind. `docs/journal.md` documents every field.
public struct JournalEvent: Sendable, Equatable {
    /// 1 for the journal's first line, then one more per line, without gaps.
    public var seq: Int
    /// The case the event belongs to.
    public var caseID: String {
        didSet { caseKey = CaseKey(caseID) }
    }
    /// `caseID`'s parts, read once where the event is made, for the case index.
    private(set) var caseKey: CaseKey
    /// When it happened in the office's world (may be back-dated for imports).
    public var at: Instant
    /// When it was written to the journal.
    public var recorded: Instant
    /// What happened.
    public var payload: Payload

    public init(seq: Int, caseID: String, at: Instant, recorded: Instant, payload: Payload) {
        self.init(seq: seq, caseID: caseID, caseKey: CaseKey(caseID), at: at, recorded: recorded, payload: payload)
    }

    /// An event whose `caseKey` is known already: it must be `CaseKey(caseID)`.
    init(seq: Int, caseID: String, caseKey: CaseKey, at: Instant, recorded: Instant, payload: Payload) {
        assert(caseKey == CaseKey(caseID), "a case key that is not its case number's")
        self.seq = seq
        self.caseID = caseID
        self.caseKey = caseKey
        self.at = at
        self.recorded = recorded
        self.payload = payload
    }

    /// The kind of event and its own fields.
    public enum Payload: Sendable, Equatable {
        case filed(Filing)
        case assigned(Assignment)
        case returned(Return)
        case replied(Reply)
        case extended(Extension)
        case rated(Verdict)
    }

    /// The kind's name as written in the journal's `event` field.
    public var kind: EventKind {
        switch payload {
        case .filed: return .filed
        case .assigned: return .assigned
        case .returned: return .returned
        case .replied: return .replied
        case .extended: return .extended
        case .rated: return .rated
        }
    }
}

/// The `event` field's values.
public enum EventKind: String, Sendable, CaseIterable {
    case filed, assigned, returned, replied, extended, rated
}

/// A petitioner who gave a name (anonymous petitions have none).
public struct Petitioner: Sendable, Equatable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var address: String?

    public init(name: String, idNumber: String? = nil, phone: String? = nil, address: String? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
    }

    /// Who this petitioner is for repeat detection: the ID number, else name and phone when both are present.
    public var identityKey: String? {
        if let idNumber { return "id:" + idNumber }
        if let phone, !phone.isEmpty { return "np:" + name + "\u{1F}" + phone }
        return nil
    }
}

/// `filed`: a petition registered (登记); `at` is when it was received.
public struct Filing: Sendable, Equatable {
    public var channel: Channel
    public var summary: String
    public var region: String
    public var category: String
    /// `nil` for an anonymous petition.
    public var petitioner: Petitioner?
    public var people: Int
    public var respondent: String?
    public var sourceID: String?
    /// The most recent earlier case of the same petitioner about the same respondent or category (重复信访).
    public var repeatOf: String?
    /// Petitioner data is not handed to the unit (an accusation).
    public var confidential: Bool

    public init(channel: Channel, summary: String, region: String, category: String, petitioner: Petitioner?,
                people: Int = 1, respondent: String? = nil, sourceID: String? = nil, repeatOf: String? = nil,
                confidential: Bool = false) {
        self.channel = channel
        self.summary = summary
        self.region = region
        self.category = category
        self.petitioner = petitioner
        self.people = people
        self.respondent = respondent
        self.sourceID = sourceID
        self.repeatOf = repeatOf
        self.confidential = confidential
    }
}

/// `assigned`: the case handed to a unit (交办), or moved to another one (转办, `from` set).
public struct Assignment: Sendable, Equatable {
    public var unit: String
    /// The unit it was taken from, for a transfer.
    public var from: String?
    public var leader: String?
    public var note: String?
    /// The routing rule's index when `assign --auto` chose the unit.
    public var rule: Int?

    public init(unit: String, from: String? = nil, leader: String? = nil, note: String? = nil, rule: Int? = nil) {
        self.unit = unit
        self.from = from
        self.leader = leader
        self.note = note
        self.rule = rule
    }
}

/// `returned`: a closed case sent back to a unit to be handled again (退回重办); it reopens the case.
public struct Return: Sendable, Equatable {
    public var unit: String
    public var reason: String
    public var leader: String?
    public var note: String?

    public init(unit: String, reason: String, leader: String? = nil, note: String? = nil) {
        self.unit = unit
        self.reason = reason
        self.leader = leader
        self.note = note
    }
}

/// `replied`: a unit's reply (答复); `closes` marks the closing reply (办结).
public struct Reply: Sendable, Equatable {
    public var unit: String
    public var text: String
    public var closes: Bool

    public init(unit: String, text: String, closes: Bool) {
        self.unit = unit
        self.text = text
        self.closes = closes
    }
}

/// `extended`: an approved extension of the handling limit (延期), once per assignment.
public struct Extension: Sendable, Equatable {
    public var unit: String
    public var days: Int
    public var text: String?

    public init(unit: String, days: Int, text: String? = nil) {
        self.unit = unit
        self.days = days
        self.text = text
    }
}

/// `rated`: the petitioner's verdict on the closing (回访评价); the latest one counts.
public struct Verdict: Sendable, Equatable {
    public var satisfaction: Satisfaction
    public var via: VerdictSource?

    public init(satisfaction: Satisfaction, via: VerdictSource? = nil) {
        self.satisfaction = satisfaction
        self.via = via
    }
}
