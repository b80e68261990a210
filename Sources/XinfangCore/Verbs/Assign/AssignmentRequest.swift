/// One `assign` input line, read: which case, when, and what the office asks for.
///
/// Fields other than those below are ignored, so the output of `file`,
/// `assign` and `audit` can be fed in as it is.
public struct AssignmentRequest: Sendable, Equatable {
    /// What the line asks for.
    public enum Action: Sendable, Equatable {
        /// Assign (交办) or transfer (转办) to `unit`; nil means "route it" (`--auto`).
        case assign(unit: String?)
        /// Return a closed case for redo (退回重办), to `unit` or, when nil, to the unit that closed it.
        case giveBack(unit: String?, reason: String)
    }

    public var caseID: String
    /// The line's `at`, or the moment of assigning.
    public var at: Instant
    public var leader: String?
    public var note: String?
    public var action: Action

    /// Reads `object`.
    /// - Throws: ``FieldError`` naming the first field that is missing or wrong.
    public init(_ object: JSONObject, now: Instant, timeZone: OfficeTimeZone) throws(FieldError) {
        caseID = try object.requiredText("case")
        let unit = try object.optionalText("unit")
        leader = try object.optionalText("leader")
        note = try object.optionalText("note")
        if try object.flag("return") {
            guard let reason = try object.optionalText("reason") else {
                throw FieldError(field: "reason", message: "missing: a return for redo (\"return\": true) must say why")
            }
            action = .giveBack(unit: unit, reason: reason)
        } else {
            action = .assign(unit: unit)
        }
        at = try object.eventTime(now: now, timeZone: timeZone)
    }
}
