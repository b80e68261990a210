/// Why one input line is not an acceptable NDJSON record.
///
/// The wording of ``description`` is what users see after
/// `xinfang VERB: SOURCE:LINE: `; tests hold it exactly.
public enum JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is empty or only whitespace.
    case blankLine
    /// The line starts with a UTF-8 byte order mark, which NDJSON forbids.
    case byteOrderMark
    /// The bytes at `offset` (0-based) are not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The line is valid JSON but not an object; `found` names what it is.
    case notAnObject(found: String)
    /// The same key appears twice in one object.
    case duplicateKey(String)
    /// Malformed JSON: `message` at byte `column` (1-based).
    case malformed(message: String, column: Int)
    /// The line is longer than the reader accepts.
    case lineTooLong(limit: Int)
    /// Arrays and objects nest deeper than the reader accepts.
    case nestedTooDeep(limit: Int)

    public var description: String {
        switch self {
        case .blankLine: return "blank line (expected a JSON object)"
        case .byteOrderMark: return "line starts with a byte order mark (U+FEFF); save the file as UTF-8 without BOM"
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset + 1)"
        case .notAnObject(let found): return "expected a JSON object, found \(found)"
        case .duplicateKey(let key): return "duplicate key \"\(key)\""
        case .malformed(let message, let column): return "invalid JSON at column \(column): \(message)"
        case .lineTooLong(let limit): return "line longer than \(limit) bytes"
        case .nestedTooDeep(let limit): return "JSON nested deeper than \(limit) levels"
        }
    }
}
