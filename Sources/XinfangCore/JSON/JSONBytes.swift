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

/// A write position in a buffer the caller has made large enough, for pieces of known size.
///
/// Used to write a filing's fields and keys into an array of the right capacity at once,
/// without an array's checks at every piece.
struct ByteCursor {
    private let start: UnsafeMutablePointer<UInt8>
    private var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
        position = start
    }

    /// How many bytes were written.
    var count: Int { position - start }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        position.initialize(to: byte)
        position += 1
    }

    @inline(__always)
    mutating func literal(_ literal: StaticString) {
        position.initialize(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        position += literal.utf8CodeUnitCount
    }

    @inline(__always)
    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        position.initialize(from: base, count: bytes.count)
        position += bytes.count
    }

    /// The bytes written from offset `offset` on (counted as ``count`` counts), in place.
    func written(from offset: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(start: start + offset, count: count - offset)
    }

    /// Goes back to offset `offset`: what was written after it is written over next.
    mutating func rewind(to offset: Int) {
        precondition(offset >= 0 && offset <= count, "ByteCursor: rewinding past what was written")
        position = start + offset
    }

    /// Lets `body` write exactly `count` bytes in place.
    @inline(__always)
    mutating func place(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        body(position)
        position += count
    }

    /// Writes `text`'s UTF-8 as it is (a byte at a time in the rare string whose storage is not contiguous).
    @inline(__always)
    mutating func text(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes($0) }) == nil {
            for byte in text.utf8 { self.byte(byte) }
        }
    }

    /// Writes `text` as a JSON string literal when no byte of it needs an escape; false (nothing
    /// written) when one does, or when its storage is not contiguous.
    @inline(__always)
    mutating func plainString(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !JSONBytes.needsEscape(utf8) else { return false }
            byte(UInt8(ascii: "\""))
            bytes(utf8)
            byte(UInt8(ascii: "\""))
            return true
        } == true
    }

    /// Writes `value` in decimal (``NDJSONLine/appendInt(_:)``'s digits) when it is not negative; false otherwise.
    mutating func decimal(_ value: Int) -> Bool {
        guard value >= 0 else { return false }
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            (position + index).initialize(to: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        }
        position += digits
        return true
    }
}

extension Array where Element == UInt8 {
    /// The bytes `body` writes into room for `capacity` of them, or nil when `body` gives up
    /// (answers false); `body` must not write more than `capacity` bytes.
    static func written(capacity: Int, _ body: (inout ByteCursor) -> Bool) -> [UInt8]? {
        var done = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var cursor = ByteCursor(base)
            done = body(&cursor)
            precondition(cursor.count <= capacity, "[UInt8].written: \(cursor.count) bytes written into room for \(capacity)")
            initialized = done ? cursor.count : 0
        }
        return done ? bytes : nil
    }
}
