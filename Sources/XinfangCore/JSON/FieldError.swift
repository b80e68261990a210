/// A problem with one field of an input line; ``description`` names the field and quotes the value.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's name, dotted for nested ones (`petitioner.id_number`).
    public var field: String
    /// What is wrong, quoting the value.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "field \"\(field)\": \(message)" }
}

extension JSONObject {
    /// A required string member.
    /// - Throws: ``FieldError`` when it is missing or not a string.
    public func requiredString(_ key: String, prefix: String = "") throws(FieldError) -> String {
        guard let value = self[key], value != .null else {
            throw FieldError(field: prefix + key, message: "missing")
        }
        guard case .string(let text) = value else {
            throw FieldError(field: prefix + key, message: "expected a string, found \(value.typeDescription) (\(value.quoted))")
        }
        return text
    }

    /// A required string member with something other than white space in it; returned trimmed.
    public func requiredText(_ key: String, prefix: String = "") throws(FieldError) -> String {
        let text = try requiredString(key, prefix: prefix)
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw FieldError(field: prefix + key, message: "is blank") }
        return trimmed
    }

    /// An optional string member: nil when absent, `null` or blank; returned trimmed.
    public func optionalText(_ key: String, prefix: String = "") throws(FieldError) -> String? {
        guard let value = self[key], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw FieldError(field: prefix + key, message: "expected a string, found \(value.typeDescription) (\(value.quoted))")
        }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An optional whole number in `range`.
    public func optionalInt(_ key: String, in range: ClosedRange<Int>, prefix: String = "") throws(FieldError) -> Int? {
        guard let value = self[key], value != .null else { return nil }
        guard case .number(let text) = value else {
            throw FieldError(field: prefix + key, message: "expected a number, found \(value.typeDescription) (\(value.quoted))")
        }
        guard let number = Int(text) else {
            throw FieldError(field: prefix + key, message: "\(text) is not a whole number")
        }
        guard range.contains(number) else {
            throw FieldError(field: prefix + key, message: "\(number) is not between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// An optional boolean; absent or `null` is `false`.
    public func flag(_ key: String, prefix: String = "") throws(FieldError) -> Bool {
        guard let value = self[key], value != .null else { return false }
        guard case .bool(let flag) = value else {
            throw FieldError(field: prefix + key, message: "expected true or false, found \(value.typeDescription) (\(value.quoted))")
        }
        return flag
    }

    /// An optional nested object.
    public func optionalObject(_ key: String, prefix: String = "") throws(FieldError) -> JSONObject? {
        guard let value = self[key], value != .null else { return nil }
        guard case .object(let object) = value else {
            throw FieldError(field: prefix + key, message: "expected an object, found \(value.typeDescription) (\(value.quoted))")
        }
        return object
    }

    /// An optional date or date-time read in the office time zone.
    public func optionalInstant(_ key: String, timeZone: OfficeTimeZone, prefix: String = "") throws(FieldError) -> Instant? {
        guard let value = self[key], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw FieldError(field: prefix + key, message: "expected a date or date-time string, found \(value.typeDescription) (\(value.quoted))")
        }
        switch timeZone.parseTimestamp(text) {
        case .success(let instant):
            // The first and last day of years 0001-9999 cannot be written back exactly in every offset.
            // Nothing the office records predates the Unix epoch, and historic local-mean-time offsets
            // (Shanghai's +08:05:43 before 1901) would not survive the journal's format.
            guard instant.seconds >= 0 else {
                throw FieldError(field: prefix + key, message: "\(TimeText.quoted(text)) is before 1970, the earliest time the journal records")
            }
            guard OfficeTimeZone.writableRange.contains(instant.seconds) else {
                throw FieldError(field: prefix + key, message: "\(TimeText.quoted(text)) is outside the dates the journal can record (0001-01-02 to 9999-12-30)")
            }
            return instant
        case .failure(let error): throw FieldError(field: prefix + key, message: "\(error)")
        }
    }
}
