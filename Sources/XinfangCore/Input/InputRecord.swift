import Foundation

/// One record of a verb's input: an NDJSON line or a CSV row, parsed or not, with where it came from.
public struct InputRecord: Sendable {
    /// `<stdin>` or the file's path as given.
    public let source: String
    /// 1-based line number (a CSV row's first line).
    public let line: Int
    /// The record's original bytes (a rejects file keeps them).
    public let bytes: [UInt8]
    /// The parsed object, or why the line is not one.
    public let object: Result<JSONObject, InputError>

    /// A record read from `bytes`: most lines are never rejected, so their text is only made on demand.
    public init(source: String, line: Int, bytes: [UInt8], object: Result<JSONObject, InputError>) {
        self.source = source
        self.line = line
        self.bytes = bytes
        self.object = object
    }

    public init(source: String, line: Int, text: String, object: Result<JSONObject, InputError>) {
        self.init(source: source, line: line, bytes: Array(text.utf8), object: object)
    }

    /// The original text, for messages and a rejects file (bytes that are not UTF-8 shown as U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The original bytes in base64 when they are not valid UTF-8 (``text`` then has U+FFFD in their
    /// place), so a rejects file keeps them exactly; nil for valid UTF-8.
    public var base64: String? {
        let valid = bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) == nil }
        return valid ? nil : Data(bytes).base64EncodedString()
    }
}

/// Why an input record was rejected before any verb looked at it (or by the verb, as text).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
