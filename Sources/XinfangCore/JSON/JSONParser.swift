/// A strict RFC 8259 parser for one NDJSON line.
///
/// The parser works on raw bytes: it validates UTF-8 itself (never replacing
/// bad bytes with U+FFFD), refuses duplicate keys, and reports the first
/// problem with its column. Strings without escapes are decoded without a copy
/// of the line.
///
/// ```swift
/// let object = try JSONParser.parseObjectLine(bytes)   // bytes: UnsafeRawBufferPointer
/// ```
public struct JSONParser {
    /// How deeply arrays and objects may nest.
    public static let maxDepth = 64

    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var position: Int = 0
    var depth = 0  // internal: the journal decoder starts nested parses at a member's depth

    /// A parser positioned at the start of `bytes`.
    public init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses `bytes` (one line, without its line break) as a single JSON object.
    ///
    /// - Parameter bytes: the line's bytes; a trailing `\r` must already be removed.
    /// - Returns: the object with its members in input order.
    /// - Throws: ``JSONSyntaxError`` naming the first problem.
    /// - Complexity: O(n) in the line's length.
    public static func parseObjectLine(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONObject {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw .byteOrderMark
        }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw .invalidUTF8(offset: bad)
        }
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        guard parser.position < bytes.count else { throw .blankLine }
        let first = bytes[parser.position]
        guard first == UInt8(ascii: "{") else {
            // Say what the line is, when it is valid JSON, rather than just "unexpected character".
            let value = try parser.parseValue()
            parser.skipWhitespace()
            guard parser.position == bytes.count else {
                throw parser.malformed("unexpected text after the value")
            }
            throw .notAnObject(found: value.typeDescription)
        }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.malformed("unexpected text after the object")
        }
        guard case .object(let object) = value else { throw .notAnObject(found: value.typeDescription) }
        return object
    }

    /// Convenience for tests and small inputs.
    public static func parseObjectLine(_ text: String) throws(JSONSyntaxError) -> JSONObject {
        var copy = Array(text.utf8)
        do {
            return try copy.withUnsafeMutableBytes { raw in
                try parseObjectLine(UnsafeRawBufferPointer(raw))
            }
        } catch let error as JSONSyntaxError {
            throw error
        } catch {
            throw .malformed(message: "\(error)", column: 1)
        }
    }

    // MARK: - Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw malformed("expected a value, found end of line") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw malformed("unexpected character \(describeByte(at: position))")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        position += 1  // {
        var object = JSONObject()
        if depth == 1 { object.members.reserveCapacity(12) }  // one allocation for a typical input line's members
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return object
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw malformed("expected a quoted key")
            }
            let key = try parseString()
            // Objects are small: a linear scan beats hashing every key.
            for member in object.members where member.key == key { throw .duplicateKey(key) }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw malformed("expected ':' after key \"\(key)\"")
            }
            position += 1
            let value = try parseValue()
            object.members.append(.init(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw malformed("unterminated object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return object
            }
            throw malformed("expected ',' or '}' in object")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enter()
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return elements
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw malformed("unterminated array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return elements
            }
            throw malformed("expected ',' or ']' in array")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw .nestedTooDeep(limit: Self.maxDepth) }
    }

    /// Parses a string starting at the opening quote; the UTF-8 is already validated.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw malformed("control character in string (escape it as \\u\(hex4(UInt16(byte))))") }
            position += 1
        }
        var buffer = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                if let byte = JSONEscape.simple(escape) {
                    buffer.append(byte)
                    continue
                }
                switch escape {
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    JSONEscape.appendUTF8(scalar.value, to: &buffer)
                default:
                    throw malformed("invalid escape \\\(describeEscape(escape))", column: position - 2)
                }
            default:
                if byte < 0x20 { throw malformed("control character in string (escape it as \\u\(hex4(UInt16(byte))))") }
                buffer.append(byte)
                position += 1
            }
        }
        throw malformed("unterminated string", column: start)
    }

    /// Reads the 4 hex digits after `\u` (and a low surrogate's escape when needed).
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try readHex4()
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw malformed("lone surrogate \\u\(hex4(high))")
            }
            position += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw malformed("lone surrogate \\u\(hex4(high))") }
            let value = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw malformed("invalid \\u escape") }
            return scalar
        }
        if (0xDC00...0xDFFF).contains(high) { throw malformed("lone surrogate \\u\(hex4(high))") }
        guard let scalar = Unicode.Scalar(UInt32(high)) else { throw malformed("invalid \\u escape") }
        return scalar
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt16 {
        let digits = bytes.baseAddress.flatMap { JSONEscape.hex4($0.assumingMemoryBound(to: UInt8.self), position, bytes.count) }
        guard let value = digits else { throw malformed("\\u needs 4 hex digits") }
        position += 4
        return value
    }

    /// Parses a number per RFC 8259's grammar and returns its text.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw malformed("expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw malformed("number with a leading zero", column: start) }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw malformed("expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw malformed("expected a digit in the exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let literalBytes = UnsafeRawBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= bytes.count,
              UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]).elementsEqual(literalBytes)
        else { throw malformed("unexpected character \(describeByte(at: position))") }
        position += count
    }

    // MARK: - Helpers

    @inlinable
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func malformed(_ message: String, column: Int? = nil) -> JSONSyntaxError {
        .malformed(message: message, column: (column ?? position) + 1)
    }

    private func describeByte(at index: Int) -> String {
        guard index < bytes.count else { return "end of line" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        // Show the whole character when it is a multi-byte one (the line is valid UTF-8 here).
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        return byte < 0x80 ? "0x\(String(byte, radix: 16))" : "'\(text)'"
    }

    private func describeEscape(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "0x\(String(byte, radix: 16))"
    }

    private func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
