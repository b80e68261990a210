/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid sequence, or `nil` when all of `bytes` is valid UTF-8.
    ///
    /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var index = 0
        while index < count {
            // Skip ASCII eight bytes at a time.
            while index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { return nil }
            let length = sequenceLength(base, index, count)
            guard length > 0 else { return index }
            index += length
        }
        return nil
    }

    /// The length of the valid UTF-8 sequence starting at `b[index]` (1 for ASCII), or 0 when
    /// none starts there (a stray continuation byte, an overlong form, a surrogate, a value
    /// above U+10FFFF or a sequence cut short by `count`).
    ///
    /// Three-byte sequences (Chinese text) are checked first and with the fewest branches.
    @inline(__always)
    static func sequenceLength(_ b: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        let lead = b[index]
        if lead < 0x80 { return 1 }
        if lead & 0xF0 == 0xE0, index + 2 < count {
            let second = b[index + 1], third = b[index + 2]
            guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return 0 }
            // E0 must not be overlong (second byte from A0); ED must not encode a surrogate (up to 9F).
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second > 0x9F { return 0 }
            return 3
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0  // continuation bytes, C0, C1, F5–FF, and a three-byte lead without room
        }
        guard index + length <= count else { return 0 }
        let second = b[index + 1]
        guard second >= lower && second <= upper else { return 0 }
        var offset = 2
        while offset < length {
            guard b[index + offset] & 0xC0 == 0x80 else { return 0 }
            offset += 1
        }
        return length
    }
}
