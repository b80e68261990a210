import Foundation

/// Strings: decoded, trimmed, shared or only checked, exactly as the reference path would read them.
extension JournalLineDecoder {
    /// The string's text as decoded by the reference path.
    mutating func string(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        let bytes = UnsafeRawBufferPointer(start: b + value.start, count: value.count)
        if value.escaped { return try unescape(value, b) }
        if value.nonASCII {
            // Its UTF-8 was checked when it was scanned (both string scanners refuse invalid bytes), so
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
        if shared, !value.escaped {
            switch names.find(UnsafeRawBufferPointer(start: b + value.start, count: value.count), needsValidation: false) {
            case .entry(let index): return names.text(index)
            case .notKept: break
            case .invalid: throw Fallback()
            }
        }
        return try string(value, b)
    }

    /// The string's trimmed text, nil when blank; a recurring name (`shared`) comes from the table.
    mutating func trimmed(_ value: RawValue, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String? {
        if shared, !value.escaped {
            switch names.find(UnsafeRawBufferPointer(start: b + value.start, count: value.count), needsValidation: false) {
            case .entry(let index): return names.trimmed(index)
            case .notKept: break
            case .invalid: throw Fallback()
            }
        }
        let text = try string(value, b)
        if !value.escaped, String.hasPlainEdges(b + value.start, value.count) { return text }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Checks a value the event does not use the way the reference path would: its escapes (its
    /// raw UTF-8 was checked when it was scanned).
    @inline(__always)
    mutating func validate(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) {
        if value.kind == .string, value.escaped { _ = try unescape(value, b) }
    }

    /// Decodes a string with escapes exactly as ``JSONParser`` does (surrogate pairs joined, lone surrogates refused).
    mutating func unescape(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: b + value.start, count: value.count)) == nil else {
            throw Fallback()
        }
        scratch.removeAll(keepingCapacity: true)
        var p = value.start
        let end = value.end
        while p < end {
            let byte = b[p]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw Fallback() }
                scratch.append(byte)
                p += 1
                continue
            }
            guard p + 1 < end else { throw Fallback() }
            let escape = b[p + 1]
            p += 2
            if let byte = JSONEscape.simple(escape) {
                scratch.append(byte)
                continue
            }
            switch escape {
            case UInt8(ascii: "u"):
                guard let high = JSONEscape.hex4(b, p, end) else { throw Fallback() }
                p += 4
                var scalar = UInt32(high)
                if (0xD800...0xDBFF).contains(high) {
                    guard p + 6 <= end, b[p] == UInt8(ascii: "\\"), b[p + 1] == UInt8(ascii: "u"),
                          let low = JSONEscape.hex4(b, p + 2, end), (0xDC00...0xDFFF).contains(low) else { throw Fallback() }
                    p += 6
                    scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(high) {
                    throw Fallback()
                }
                JSONEscape.appendUTF8(scalar, to: &scratch)
            default:
                throw Fallback()
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
