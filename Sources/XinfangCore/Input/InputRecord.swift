import Foundation

/// One record of a verb's input: an NDJSON line or a CSV row, parsed or not, with where it came from.
public struct InputRecord: Sendable {
    /// `<stdin>` or the file's path as given.
    public let source: String
    /// 1-based line number (a CSV row's first line).
    public let line: Int
    /// The record's original bytes (a rejects file keeps them).
    public let bytes: [UInt8]
    /// The object as read (a CSV row's, or why a line could not be read at all), or nil for an NDJSON
    /// line that ``object`` parses when asked.
    private let parsed: Result<JSONObject, InputError>?

    /// A record read from `bytes`: most lines are never rejected, so their text is only made on demand.
    public init(source: String, line: Int, bytes: [UInt8], object: Result<JSONObject, InputError>) {
        self.source = source
        self.line = line
        self.bytes = bytes
        self.parsed = object
    }

    /// An NDJSON line, parsed strictly (``JSONParser``) only when ``object`` is asked for: a writer may
    /// read a line another way first, and parse it on more than one thread.
    public init(source: String, line: Int, line bytes: [UInt8]) {
        self.source = source
        self.line = line
        self.bytes = bytes
        self.parsed = nil
    }

    /// Whether ``bytes`` is an NDJSON line as read, not yet parsed (not a CSV row, not a line too long).
    public var isUnparsedLine: Bool { parsed == nil }

    /// The parsed object, or why the record is not one (an NDJSON line is parsed on each call).
    public var object: Result<JSONObject, InputError> {
        if let parsed { return parsed }
        return bytes.withUnsafeBytes { raw in
            do throws(JSONSyntaxError) {
                return .success(try JSONParser.parseObjectLine(raw))
            } catch {
                return .failure(InputError(error.description))
            }
        }
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
