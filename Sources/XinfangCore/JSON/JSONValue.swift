/// A JSON value as read from one input line, with object members kept in input order.
///
/// Numbers keep their source text so that a caller decides how to read them
/// (an integer count, a rate) and so that nothing is lost by a round trip
/// through `Double`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in messages: `"a string"`, `"a number"`, ….
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as it would appear in JSON, for quoting in messages (long strings are shortened).
    public var quoted: String {
        var line = NDJSONLine()
        line.appendValue(self)
        let text = line.text
        if text.count > 80 { return String(text.prefix(77)) + "..." }
        return text
    }
}

/// A JSON object whose members keep their input order; keys are unique (the reader refuses duplicates).
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in input order.
    public var members: [Member]

    public init(members: [Member] = []) {
        self.members = members
    }

    /// The value of `key`, or `nil` when the object has no such member.
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The keys in input order.
    public var keys: [String] { members.map(\.key) }

    /// Sets `key` to `value`, replacing an existing member in place or appending a new one.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(Member(key: key, value: value))
        }
    }

    /// Removes `key` if present.
    public mutating func remove(_ key: String) {
        members.removeAll { $0.key == key }
    }
}
