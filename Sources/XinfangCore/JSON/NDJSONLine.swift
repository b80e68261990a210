/// Builds one NDJSON line with members in exactly the order they are added.
///
/// Output is deterministic: the same calls give the same bytes. Strings are
/// escaped per RFC 8259 (quotes, backslashes, control characters); other
/// characters, Chinese included, are written as UTF-8.
///
/// ```swift
/// var line = NDJSONLine()
/// line.field("case", "XF-2026-000001")
/// line.field("status", "filed")
/// output.write(line.finished())   // {"case":"XF-2026-000001","status":"filed"}\n
/// ```
public struct NDJSONLine: Sendable {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []
    /// How many objects are open.
    private var depth = 0
    /// Whether the object open at depth d (1...64) needs a comma before its next member: bit d - 1.
    /// A line's few levels fit in one word, so building a line allocates nothing but its bytes.
    private var commaBits: UInt64 = 0
    /// The same, for objects nested deeper than 64 levels (only ever from ``appendValue(_:)``).
    private var deeper: [Bool] = []

    public init() {
        bytes.reserveCapacity(512)
    }

    private init(buffer: [UInt8]) {
        bytes = buffer
    }

    /// Builds a line at the end of `buffer`, for a writer that collects many lines in one buffer:
    /// `body` adds the members, and the line is left as `body` leaves it (open, no line break).
    public static func appending<Result>(to buffer: inout [UInt8], _ body: (inout NDJSONLine) -> Result) -> Result {
        var line = NDJSONLine(buffer: [])
        swap(&line.bytes, &buffer)
        defer { swap(&line.bytes, &buffer) }
        return body(&line)
    }

    /// The line so far as text (for tests and messages).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Objects

    /// Opens an object (the line's own object is opened by the first member if not yet open).
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        if depth <= 64 {
            commaBits &= ~(1 &<< UInt64(depth - 1))
        } else {
            deeper.append(false)
        }
    }

    /// Closes the innermost open object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        if depth > 64 { deeper.removeLast() }
        depth -= 1
    }

    /// Closes every open object and appends the line break.
    public mutating func finished() -> [UInt8] {
        endLine()
        return bytes
    }

    /// ``finished()`` in place, for a line built with ``appending(to:_:)``: closes every open
    /// object (opening the line's own if nothing was added) and appends the line break.
    public mutating func endLine() {
        if depth == 0 && bytes.isEmpty { beginObject() }
        while depth > 0 { endObject() }
        bytes.append(0x0A)
    }

    /// Writes `"key":` with the comma before it when needed.
    public mutating func key(_ key: String) {
        separateMember()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A member name written once as JSON (`"filed":`), for lines that repeat the same members:
    /// a line copies its bytes instead of escaping the name each time.
    public struct Key: Sendable {
        /// The name as a JSON string, then the colon.
        let quoted: [UInt8]

        public init(_ name: String) {
            var line = NDJSONLine(buffer: [])
            line.appendString(name)
            line.bytes.append(UInt8(ascii: ":"))
            quoted = line.bytes
        }
    }

    /// ``key(_:)-(String)`` for a name written once.
    public mutating func key(_ key: Key) {
        separateMember()
        bytes.append(contentsOf: key.quoted)
    }

    /// Opens the line's object if needed, and writes the comma a member after the first needs.
    private mutating func separateMember() {
        if depth == 0 { beginObject() }
        let comma: Bool
        if depth <= 64 {
            let bit: UInt64 = 1 &<< UInt64(depth - 1)
            comma = commaBits & bit != 0
            commaBits |= bit
        } else {
            comma = deeper[deeper.count - 1]
            deeper[deeper.count - 1] = true
        }
        if comma { bytes.append(UInt8(ascii: ",")) }
    }

    /// A member whose value is an instant in RFC 3339 form in `timeZone` (``OfficeTimeZone/format(_:)``),
    /// written without making a `String`.
    public mutating func field(_ key: String, _ instant: Instant, in timeZone: OfficeTimeZone) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        timeZone.format(instant, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Members

    public mutating func field(_ key: String, _ value: String) {
        self.key(key)
        appendString(value)
    }

    /// A string member, or `null` when `value` is nil.
    public mutating func field(_ key: String, _ value: String?) {
        self.key(key)
        if let value { appendString(value) } else { appendNull() }
    }

    public mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        appendInt(value)
    }

    /// An integer member, or `null` when `value` is nil.
    public mutating func field(_ key: String, _ value: Int?) {
        self.key(key)
        if let value { appendInt(value) } else { appendNull() }
    }

    public mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        appendBool(value)
    }

    /// A number member written at full precision, or `null` when `value` is nil or not finite.
    public mutating func field(_ key: String, _ value: Double?) {
        self.key(key)
        appendDouble(value)
    }

    /// A member whose value is already-built JSON.
    public mutating func field(_ key: String, _ value: JSONValue) {
        self.key(key)
        appendValue(value)
    }

    /// A string member, or `null` when `value` is nil, under a name written once.
    public mutating func field(_ key: Key, _ value: String?) {
        self.key(key)
        if let value { appendString(value) } else { appendNull() }
    }

    /// An integer member, or `null` when `value` is nil, under a name written once.
    public mutating func field(_ key: Key, _ value: Int?) {
        self.key(key)
        if let value { appendInt(value) } else { appendNull() }
    }

    /// A number member at full precision, or `null`, under a name written once.
    public mutating func field(_ key: Key, _ value: Double?) {
        self.key(key)
        appendDouble(value)
    }

    /// A member with a `null` value.
    public mutating func nullField(_ key: String) {
        self.key(key)
        appendNull()
    }

    /// A member whose value is raw JSON bytes, copied as they are.
    public mutating func rawField(_ key: String, _ json: [UInt8]) {
        self.key(key)
        bytes.append(contentsOf: json)
    }

    // MARK: Values

    public mutating func appendNull() {
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    public mutating func appendBool(_ value: Bool) {
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    public mutating func appendInt(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits from the last, into a buffer on the stack: no `String` per number.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    public mutating func appendDouble(_ value: Double?) {
        guard let value, value.isFinite else { return appendNull() }
        if value == value.rounded(), abs(value) < 1e15 {
            // Whole numbers as integers: 1 rather than 1.0, as jq prints them.
            appendInt(Int(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends `text` as a JSON string literal.
    ///
    /// Runs of bytes that need no escape (everything but `"`, `\` and control characters) are
    /// found eight bytes at a time and copied whole.
    public mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                // Skip eight bytes at a time while none of them needs escaping.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if Self.wordNeedsEscape(word) { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                index += 1
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` is a control character, `"` or `\` (SWAR test).
    @inline(__always)
    static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs  // a byte < 0x20
        let quote = hasZero(word ^ 0x2222_2222_2222_2222)
        let backslash = hasZero(word ^ 0x5C5C_5C5C_5C5C_5C5C)
        return (control | quote | backslash) != 0
    }

    /// Appends any JSON value, objects with their members in order.
    public mutating func appendValue(_ value: JSONValue) {
        switch value {
        case .null: appendNull()
        case .bool(let flag): appendBool(flag)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): appendString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendValue(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                appendValue(member.value)
            }
            endObject()
        }
    }
}
