extension JournalEvent {
    /// Reads one journal line's object back into an event.
    ///
    /// - Throws: ``FieldError`` naming the first field that is missing or wrong.
    public init(journalObject object: JSONObject, timeZone: OfficeTimeZone) throws(FieldError) {
        guard let seq = try object.optionalInt("seq", in: 1...Int.max) else { throw FieldError(field: "seq", message: "missing") }
        let eventName = try object.requiredString("event")
        guard let kind = EventKind(rawValue: eventName) else {
            throw FieldError(field: "event", message: "\"\(eventName)\" is not an event kind")
        }
        let caseID = try object.requiredText("case")
        guard let at = try object.optionalInstant("at", timeZone: timeZone) else { throw FieldError(field: "at", message: "missing") }
        guard let recorded = try object.optionalInstant("recorded", timeZone: timeZone) else {
            throw FieldError(field: "recorded", message: "missing")
        }
        let payload: Payload
        switch kind {
        case .filed:
            let channelName = try object.requiredString("channel")
            guard let channel = Channel(rawValue: channelName) else {
                throw FieldError(field: "channel", message: "\"\(channelName)\" is not a channel")
            }
            var petitioner: Petitioner?
            if let person = try object.optionalObject("petitioner") {
                petitioner = Petitioner(
                    name: try person.requiredText("name", prefix: "petitioner."),
                    idNumber: try person.optionalText("id_number", prefix: "petitioner."),
                    phone: try person.optionalText("phone", prefix: "petitioner."),
                    address: try person.optionalText("address", prefix: "petitioner."))
            }
            payload = .filed(Filing(
                channel: channel,
                summary: try object.requiredString("summary"),
                region: try object.requiredString("region"),
                category: try object.requiredString("category"),
                petitioner: petitioner,
                people: try object.optionalInt("people", in: 1...1_000_000) ?? 1,
                respondent: try object.optionalText("respondent"),
                sourceID: try object.optionalText("source_id"),
                repeatOf: try object.optionalText("repeat_of"),
                confidential: try object.flag("confidential")))
        case .assigned:
            payload = .assigned(Assignment(
                unit: try object.requiredText("unit"),
                from: try object.optionalText("from"),
                leader: try object.optionalText("leader"),
                note: try object.optionalText("note"),
                rule: try object.optionalInt("rule", in: 0...Int.max)))
        case .returned:
            payload = .returned(Return(
                unit: try object.requiredText("unit"),
                reason: try object.requiredText("reason"),
                leader: try object.optionalText("leader"),
                note: try object.optionalText("note")))
        case .replied:
            payload = .replied(Reply(
                unit: try object.requiredText("unit"),
                text: try object.requiredString("text"),
                closes: try object.flag("closes")))
        case .extended:
            guard let days = try object.optionalInt("days", in: 1...3650) else { throw FieldError(field: "days", message: "missing") }
            payload = .extended(Extension(unit: try object.requiredText("unit"), days: days, text: try object.optionalText("text")))
        case .rated:
            let name = try object.requiredString("satisfaction")
            guard let satisfaction = Satisfaction(rawValue: name) else {
                throw FieldError(field: "satisfaction", message: "\"\(name)\" is not a verdict")
            }
            var via: VerdictSource?
            if let source = try object.optionalText("via") {
                guard let parsed = VerdictSource(rawValue: source) else {
                    throw FieldError(field: "via", message: "\"\(source)\" is not a verdict source")
                }
                via = parsed
            }
            payload = .rated(Verdict(satisfaction: satisfaction, via: via))
        }
        self.init(seq: seq, caseID: caseID, at: at, recorded: recorded, payload: payload)
    }
}
