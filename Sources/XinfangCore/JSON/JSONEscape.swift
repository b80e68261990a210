/// The pieces of JSON string escaping that the strict parser and the journal's fast decoder share,
/// so both read every escape exactly alike.
enum JSONEscape {
    /// The byte a one-letter escape stands for (`n` → `\n`, `"` → `"`, …); nil for `u` and anything invalid.
    @inline(__always)
    static func simple(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    /// The four hex digits at `bytes[offset...]` (a `\u` escape's) as a number; nil unless all four are hex digits before `end`.
    @inline(__always)
    static func hex4(_ bytes: UnsafePointer<UInt8>, _ offset: Int, _ end: Int) -> UInt16? {
        guard offset &+ 4 <= end else { return nil }
        let word = UInt32(littleEndian: UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt32.self))
        guard let letters = hexLetters(word) else { return nil }
        // A digit's value is its low nibble; a letter's, its low nibble plus 9.
        let nibbles = (word & 0x0F0F_0F0F) &+ (letters &>> 7) &* 9
        // The first digit is the lowest byte and the most significant: pair them up, then join the pairs.
        let pairs = (nibbles &<< 4 | nibbles &>> 8) & 0x00FF_00FF
        return UInt16(truncatingIfNeeded: (pairs & 0xFF) &<< 8 | pairs &>> 16)
    }

    /// Whether the four bytes of `word` (in memory order) are all hex digits: then the top bit of
    /// each byte that is a letter, else nil.
    ///
    /// All four at once: each byte is tested against the ranges `0`–`9` and (case folded by
    /// `| 0x20`) `a`–`f` by adding what makes its top bit flip at a range's ends. ASCII bytes
    /// never carry into their neighbours; others are refused first.
    @inline(__always)
    private static func hexLetters(_ word: UInt32) -> UInt32? {
        let tops: UInt32 = 0x8080_8080
        guard word & tops == 0 else { return nil }
        // Top bit set from `0` (0x30) on, and from `:` (0x3A) on.
        let digits = (word &+ 0x5050_5050) & ~(word &+ 0x4646_4646) & tops
        let folded = word | 0x2020_2020
        // Top bit set from `a` (0x61) on, and from `g` (0x67) on.
        let letters = (folded &+ 0x1F1F_1F1F) & ~(folded &+ 0x1919_1919) & tops
        guard digits | letters == tops else { return nil }
        return letters
    }

    /// Whether the first six of the eight bytes in `word` (in memory order) are a `\u` escape of a
    /// scalar below U+D000: no surrogate, so valid on its own. The text another tool writes with
    /// every non-ASCII character escaped is nearly all such escapes (Chinese is U+4E00–U+9FFF); an
    /// escape this does not take (a surrogate, Hangul from U+D000, a bad digit) is left to
    /// ``unicodeEscape(_:_:_:)``.
    @inline(__always)
    static func isEscapeBelowSurrogates(_ word: UInt64) -> Bool {
        // `\` is 0x5C and `u` 0x75; the first digit (the word's third byte) is not `d` or `D` (nor `e`, `f`).
        guard word & 0xFFFF == 0x755C else { return false }
        let digits = UInt32(truncatingIfNeeded: word &>> 16)
        guard (digits | 0x20) & 0xFF < UInt32(UInt8(ascii: "d")) else { return false }
        return hexLetters(digits) != nil
    }

    /// Decodes the escaped string content `bytes[start..<end]` (valid UTF-8 between its escapes)
    /// into `out`, which has room for `end - start` bytes (decoding never lengthens a string), and
    /// returns how many bytes it wrote; nil for an invalid escape, a lone surrogate or a control
    /// byte, everything ``JSONParser`` refuses in a string.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        var p = start
        var written = 0
        while p < end {
            let byte = bytes[p]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { return nil }
                out[written] = byte
                written &+= 1
                p &+= 1
                continue
            }
            guard p &+ 1 < end else { return nil }
            let escape = bytes[p &+ 1]
            guard escape == UInt8(ascii: "u") else {
                guard let byte = simple(escape) else { return nil }
                out[written] = byte
                written &+= 1
                p &+= 2
                continue
            }
            guard let (scalar, length) = unicodeEscape(bytes, p, end) else { return nil }
            p &+= length
            written &+= writeUTF8(scalar, to: out + written)
        }
        return written
    }

    /// The text of the escaped string content `spelling` (``decode(_:_:_:into:)``), nil when it is invalid.
    static func decodedText(_ spelling: UnsafeRawBufferPointer) -> String? {
        guard let base = spelling.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return "" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: spelling.count) { buffer in
            decode(base, 0, spelling.count, into: buffer.baseAddress!).map {
                String(decoding: UnsafeBufferPointer(rebasing: buffer[..<$0]), as: UTF8.self)
            }
        }
    }

    /// Whether ``decode(_:_:_:into:)`` would take the escaped string content `bytes[start..<end]`,
    /// without writing anything: for a text that is checked but not kept.
    @inline(__always)
    static func isValid(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var p = start
        while p < end {
            let byte = bytes[p]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { return false }
                p &+= 1
                continue
            }
            // Most escapes another tool writes take one word (its last two bytes may be the next escape's).
            if p &+ 8 <= end, isEscapeBelowSurrogates(UInt64(littleEndian: UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self))) {
                p &+= 6
                continue
            }
            guard p &+ 1 < end else { return false }
            let escape = bytes[p &+ 1]
            guard escape == UInt8(ascii: "u") else {
                guard simple(escape) != nil else { return false }
                p &+= 2
                continue
            }
            guard let (_, length) = unicodeEscape(bytes, p, end) else { return false }
            p &+= length
        }
        return true
    }

    /// The scalar the `\u` escape at `bytes[p]` stands for and the escape's length: 6 bytes, or 12
    /// for a surrogate pair, which is joined; nil for bad digits or a lone surrogate.
    @inline(__always)
    static func unicodeEscape(_ bytes: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> (scalar: UInt32, length: Int)? {
        guard let high = hex4(bytes, p &+ 2, end) else { return nil }
        guard high & 0xF800 == 0xD800 else { return (UInt32(high), 6) }
        // A high surrogate must be followed by a low one; a low one alone is refused.
        guard high < 0xDC00, p &+ 12 <= end, bytes[p &+ 6] == UInt8(ascii: "\\"), bytes[p &+ 7] == UInt8(ascii: "u"),
              let low = hex4(bytes, p &+ 8, end), low & 0xFC00 == 0xDC00 else { return nil }
        return (0x10000 &+ ((UInt32(high) &- 0xD800) &<< 10) &+ (UInt32(low) &- 0xDC00), 12)
    }

    /// Writes the UTF-8 encoding of `scalar` (a valid Unicode scalar value) at `out` and returns its length.
    @inline(__always)
    static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(truncatingIfNeeded: scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(truncatingIfNeeded: 0xC0 | scalar &>> 6)
            out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(truncatingIfNeeded: 0xE0 | scalar &>> 12)
            out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar &>> 6 & 0x3F)
            out[2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(truncatingIfNeeded: 0xF0 | scalar &>> 18)
            out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar &>> 12 & 0x3F)
            out[2] = UInt8(truncatingIfNeeded: 0x80 | scalar &>> 6 & 0x3F)
            out[3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 4
        }
    }

    /// Appends the UTF-8 encoding of `scalar` (a valid Unicode scalar value) to `out`.
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buffer in
            let count = writeUTF8(scalar, to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
