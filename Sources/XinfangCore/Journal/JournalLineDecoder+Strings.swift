import Foundation

/// Strings: decoded, trimmed, shared or only checked, exactly as the reference path would read them.
extension JournalLineDecoder {
    /// The string's text as decoded by the reference path.
    mutating func string(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        let bytes = UnsafeRawBufferPointer(start: b + value.start, count: value.count)
        if value.escaped { return try unescape(value, b) }
        if value.nonASCII {
            // Its UTF-8 was checked when it was scanned (every string scanner refuses invalid bytes), so
            // decoding repairs nothing. `String(validating:as:)` would check it again, through generic code.
            return String(decoding: bytes, as: UTF8.self)
        }
        // ASCII of up to 15 bytes (case numbers, dates) fits in the string itself, and written in
        // place it is not validated again: a fifth of the cost of `String(decoding:as:)`.
        if value.count <= 15 {
            guard value.count > 0 else { return "" }
            return String(unsafeUninitializedCapacity: value.count) { buffer in
                buffer.baseAddress!.initialize(from: b + value.start, count: value.count)
                return value.count
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The string's text as written; a recurring name (`shared`) comes from the table.
    mutating func text(_ value: RawValue, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String {
        if shared, let index = try sharedEntry(value, b) { return names.text(index) }
        return try string(value, b)
    }

    /// The string's trimmed text, nil when blank; a recurring name (`shared`) comes from the table.
    mutating func trimmed(_ value: RawValue, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String? {
        if shared, let index = try sharedEntry(value, b) { return names.trimmed(index) }
        let text = try string(value, b)
        if !value.escaped, String.hasPlainEdges(b + value.start, value.count) { return text }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The table's entry for the string's text; nil when the table does not keep it. A spelling
    /// with escapes (as another tool may write every name) is an entry of its own, its text decoded
    /// the first time it is seen.
    @inline(__always)
    private mutating func sharedEntry(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Int? {
        let bytes = UnsafeRawBufferPointer(start: b + value.start, count: value.count)
        let found = value.escaped
            ? names.find(spelling: bytes, text: JSONEscape.decodedText)
            : names.find(bytes, needsValidation: false)
        switch found {
        case .entry(let index): return index
        case .notKept: return nil
        case .invalid: throw Fallback()
        }
    }

    /// Checks a value the event does not use the way the reference path would: its escapes (its
    /// raw UTF-8 was checked when it was scanned).
    @inline(__always)
    mutating func validate(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) {
        if value.kind == .string, value.escaped, !JSONEscape.isValid(b, value.start, value.end) { throw Fallback() }
    }

    /// Decodes a string with escapes exactly as ``JSONParser`` does (surrogate pairs joined, lone
    /// surrogates refused). Its raw UTF-8 was checked when it was scanned (every string scanner
    /// refuses invalid bytes), and escapes are ASCII, so the decoded bytes are valid UTF-8 too.
    mutating func unescape(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard let text = JSONEscape.decodedText(UnsafeRawBufferPointer(start: b + value.start, count: value.count)) else {
            throw Fallback()
        }
        return text
    }
}
