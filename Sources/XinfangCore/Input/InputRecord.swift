/// One record of a verb's input: an NDJSON line or a CSV row, parsed or not, with where it came from.
public struct InputRecord: Sendable {
    /// `<stdin>` or the file's path as given.
    public let source: String
    /// 1-based line number (a CSV row's first line).
    public let line: Int
    /// The original text, for a rejects file.
    public let text: String
    /// The parsed object, or why the line is not one.
    public let object: Result<JSONObject, InputError>
    /// The original bytes in base64 when they are not valid UTF-8 (`text` then has U+FFFD in their place),
    /// so a rejects file keeps them exactly.
    public let base64: String?

    public init(source: String, line: Int, text: String, object: Result<JSONObject, InputError>, base64: String? = nil) {
        self.source = source
        self.line = line
        self.text = text
        self.object = object
        self.base64 = base64
    }
}

/// Why an input record was rejected before any verb looked at it (or by the verb, as text).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
