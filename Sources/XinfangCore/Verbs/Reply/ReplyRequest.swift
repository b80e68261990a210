/// One `reply` input line, read: a unit's reply, an extension, or the petitioner's verdict.
///
/// Fields other than those below are ignored, so the output of `assign`,
/// `reply` and `audit` can be fed in as it is (with the fields added).
public struct ReplyRequest: Sendable, Equatable {
    /// What the line records.
    public enum Action: Sendable, Equatable {
        /// A unit's reply (答复); `closes` marks the closing reply (办结).
        case reply(text: String, closes: Bool)
        /// An approved extension (延期) of `days`, with its reason.
        case extend(days: Int, reason: String)
        /// The petitioner's verdict (回访评价).
        case verdict(Satisfaction, via: VerdictSource?)
    }

    public var caseID: String
    /// The line's `at`, or the moment of recording.
    public var at: Instant
    /// The replying unit; nil means the unit in charge.
    public var unit: String?
    public var action: Action

    /// Reads `object`.
    /// - Throws: ``FieldError`` naming the first field that is missing, wrong, or in conflict with another.
    public init(_ object: JSONObject, now: Instant, timeZone: OfficeTimeZone) throws(FieldError) {
        caseID = try object.requiredText("case")
        unit = try object.optionalText("unit")
        let closes = try object.flag("closes")
        let extendDays = try object.optionalInt("extend_days", in: Int.min...Int.max)
        let hasText = object["text"] != nil && object["text"] != .null
        if let name = try object.optionalText("satisfaction") {
            let others = [hasText ? "\"text\"" : nil, closes ? "\"closes\"" : nil, extendDays != nil ? "\"extend_days\"" : nil]
                .compactMap { $0 }
            guard others.isEmpty else {
                throw FieldError(field: "satisfaction", message: "given with \(others.joined(separator: " and ")): is this line a verdict or a reply? Put them on separate lines")
            }
            guard let satisfaction = Satisfaction(parsing: name) else {
                throw FieldError(field: "satisfaction", message: "\"\(name)\" is not a verdict; use one of \(Satisfaction.accepted)")
            }
            var via: VerdictSource?
            if let source = try object.optionalText("via") {
                guard let parsed = VerdictSource(parsing: source) else {
                    let accepted = VerdictSource.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FieldError(field: "via", message: "\"\(source)\" is not how a verdict is collected; use one of \(accepted)")
                }
                via = parsed
            }
            action = .verdict(satisfaction, via: via)
        } else {
            if try object.optionalText("via") != nil {
                throw FieldError(field: "via", message: "given without \"satisfaction\": only a verdict is collected via callback, online or phone")
            }
            if let days = extendDays {
                guard !closes else {
                    throw FieldError(field: "extend_days", message: "given with \"closes\": true; an extension and a closing reply go on separate lines")
                }
                guard days >= 1 else {
                    throw FieldError(field: "extend_days", message: "\(days) is not a number of days to extend by (at least 1)")
                }
                guard let reason = try object.optionalText("text") else {
                    throw FieldError(field: "text", message: hasText ? "is blank" : "missing: an extension needs its reason in \"text\"")
                }
                action = .extend(days: days, reason: reason)
            } else {
                guard hasText else {
                    throw FieldError(field: "text", message: "missing: a reply needs \"text\" (a verdict needs \"satisfaction\", an extension \"extend_days\")")
                }
                action = .reply(text: try object.requiredText("text"), closes: closes)
            }
        }
        at = try object.eventTime(now: now, timeZone: timeZone)
    }
}
