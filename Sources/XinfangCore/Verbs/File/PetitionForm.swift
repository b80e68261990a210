/// Reads one `file` input object into a ``Filing`` and its receipt time, checking every field.
///
/// The first problem found is thrown as a ``FieldError`` naming the field and quoting the value.
public struct PetitionForm: Sendable {
    /// The fields `file` accepts.
    public static let fields = ["channel", "summary", "region", "category", "petitioner", "anonymous", "received",
                                "people", "respondent", "source_id", "confidential"]
    /// The fields of `petitioner`.
    public static let petitionerFields = ["name", "id_number", "phone", "address"]

    /// Batch defaults from the command line (`--channel letter`); a line's own value wins.
    public struct Defaults: Sendable {
        public var channel: Channel?
        public var region: String?
        public var category: String?
        public var received: Instant?
        public init() {}
    }

    public let policy: Policy
    public let defaults: Defaults

    public init(policy: Policy, defaults: Defaults) {
        self.policy = policy
        self.defaults = defaults
    }

    /// The filing and its receipt time (`now` when the line has no `received`).
    public func read(_ object: JSONObject, now: Instant) throws(FieldError) -> (Filing, Instant) {
        for key in object.members.lazy.map(\.key) where !Self.fields.contains(key) {
            let hint = Spelling.nearest(to: key, among: Self.fields).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw FieldError(field: key, message: "unknown field\(hint)")
        }
        let channel: Channel
        if object["channel"] == nil || object["channel"] == .null, let fallback = defaults.channel {
            channel = fallback
        } else {
            let name = try object.requiredText("channel")
            guard let parsed = Channel(parsing: name) else {
                throw FieldError(field: "channel", message: "\"\(name)\" is not a channel; use one of \(Channel.accepted)")
            }
            channel = parsed
        }
        let summary = try object.requiredText("summary")
        let region = try object.optionalText("region") ?? defaults.region
        guard let region else { throw FieldError(field: "region", message: "missing") }
        let category = try object.optionalText("category") ?? defaults.category
        guard let category else { throw FieldError(field: "category", message: "missing") }
        let anonymous = try object.flag("anonymous")
        let petitioner = try readPetitioner(object, anonymous: anonymous)
        let received = try object.optionalInstant("received", timeZone: policy.timeZone) ?? defaults.received ?? now
        if received.seconds > now.seconds + 300 {
            throw FieldError(field: "received", message: "\(policy.timeZone.format(received)) is in the future")
        }
        let confidential = try object.flag("confidential") || policy.confidentialCategories.contains(category)
        let filing = Filing(
            channel: channel, summary: summary, region: region, category: category, petitioner: petitioner,
            people: try object.optionalInt("people", in: 1...100_000) ?? 1,
            respondent: try object.optionalText("respondent"),
            sourceID: try object.optionalText("source_id"),
            confidential: confidential)
        return (filing, received)
    }

    private func readPetitioner(_ object: JSONObject, anonymous: Bool) throws(FieldError) -> Petitioner? {
        let person = try object.optionalObject("petitioner")
        if anonymous {
            guard person == nil else {
                throw FieldError(field: "petitioner", message: "given for an anonymous petition; drop one of \"petitioner\" and \"anonymous\"")
            }
            return nil
        }
        guard let person else {
            throw FieldError(field: "petitioner", message: "missing (give the petitioner's \"name\", or \"anonymous\": true)")
        }
        for key in person.members.lazy.map(\.key) where !Self.petitionerFields.contains(key) {
            let hint = Spelling.nearest(to: key, among: Self.petitionerFields).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw FieldError(field: "petitioner.\(key)", message: "unknown field\(hint)")
        }
        let name = try person.requiredText("name", prefix: "petitioner.")
        var idNumber: String?
        if let text = try person.optionalText("id_number", prefix: "petitioner.") {
            switch ResidentID.parse(text) {
            case .success(let id): idNumber = id.value
            case .failure(let error):
                throw FieldError(field: "petitioner.id_number", message: "\(text) is not a valid resident ID: \(error)")
            }
        }
        var phone: String?
        if let text = try person.optionalText("phone", prefix: "petitioner.") {
            guard Self.isPhoneNumber(text) else {
                throw FieldError(field: "petitioner.phone", message: "\"\(text)\" is not a phone number")
            }
            phone = text
        }
        return Petitioner(name: name, idNumber: idNumber, phone: phone,
                          address: try person.optionalText("address", prefix: "petitioner."))
    }

    /// Whether `text` is a phone number: digits, spaces and `+-()` only, with 5 to 20 digits.
    static func isPhoneNumber(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x20, 0x2B, 0x2D, 0x28, 0x29: continue
            default: return false
            }
        }
        return (5...20).contains(digits)
    }
}
