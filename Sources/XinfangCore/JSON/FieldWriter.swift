/// Where a JSON line's pieces are written when the line's keys and punctuation are literals:
/// either a ``ByteCursor`` over a buffer of the right size, which refuses a text that needs an
/// escape (and a negative number), or an ``EscapingWriter``, which takes anything.
///
/// A line is written once, generically, and tried with the cursor first: most lines need no
/// escape, and the cursor writes them without an array's checks at every piece. The escaping
/// writer is the fallback (``EncodedFiling``, ``AuditLights``).
protocol FieldWriter {
    /// Bytes written so far.
    var count: Int { get }
    mutating func literal(_ literal: StaticString)
    /// `text` as a JSON string literal; false (nothing written) when this writer cannot take it.
    mutating func string(_ text: String) -> Bool
    /// `value` in decimal; false (nothing written) when this writer cannot take it.
    mutating func number(_ value: Int) -> Bool
    /// `day` as `YYYY-MM-DD`, without quotes.
    mutating func date(_ day: LocalDate)
}

extension FieldWriter {
    /// `key` and `value` when there is a value; false when the writer refused it.
    mutating func member(_ key: StaticString, _ value: String?) -> Bool {
        guard let value else { return true }
        literal(key)
        return string(value)
    }
}

extension ByteCursor: FieldWriter {
    mutating func string(_ text: String) -> Bool { plainString(text) }
    mutating func number(_ value: Int) -> Bool { decimal(value) }
}

/// A growing array that escapes every text as ``NDJSONLine`` does.
struct EscapingWriter: FieldWriter {
    var bytes: [UInt8] = []
    var count: Int { bytes.count }
    mutating func literal(_ literal: StaticString) { bytes.appendLiteral(literal) }
    mutating func string(_ text: String) -> Bool {
        bytes.appendJSONString(text)
        return true
    }
    mutating func number(_ value: Int) -> Bool {
        bytes.appendDecimal(value)
        return true
    }
    mutating func date(_ day: LocalDate) { day.appendText(to: &bytes) }
}
