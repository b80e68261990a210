/// Appending JSON pieces straight to a byte buffer, for the writer's hot path.
///
/// Each piece is written exactly as ``NDJSONLine`` writes it (strings escaped the same way,
/// whole numbers in decimal), without a line's bookkeeping: the caller writes the keys, commas
/// and braces itself, as literals. `WritingPathTests` compares the two writers.
extension Array where Element == UInt8 {
    /// Appends the bytes of a literal (keys, punctuation).
    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `text` as a JSON string literal, escaped exactly as ``NDJSONLine/appendString(_:)`` escapes it.
    ///
    /// Text without a byte to escape (the usual case) is copied whole between its quotes.
    mutating func appendJSONString(_ text: String) {
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !JSONBytes.needsEscape(utf8) else { return false }
            append(UInt8(ascii: "\""))
            append(contentsOf: utf8)
            append(UInt8(ascii: "\""))
            return true
        }
        if copied != true {
            NDJSONLine.appending(to: &self) { $0.appendString(text) }
        }
    }

    /// Appends `value` in decimal, as ``NDJSONLine/appendInt(_:)`` writes it.
    mutating func appendDecimal(_ value: Int) {
        guard value >= 0 else {
            append(contentsOf: String(value).utf8)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int's 19 digits
        Swift.withUnsafeMutableBytes(of: &digits) { raw in
            var rest = value
            var index = raw.count
            repeat {
                index -= 1
                raw[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[index...]))
        }
    }
}

/// The escape test the byte writer shares with ``NDJSONLine``.
enum JSONBytes {
    /// Whether any byte of `utf8` is a control character, `"` or `\` (eight bytes at a time).
    @inline(__always)
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let count = utf8.count
        var index = 0
        while index + 8 <= count {
            if NDJSONLine.wordNeedsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}
