extension String {
    /// Whether the `count` bytes at `start` (valid UTF-8) neither start nor end with a scalar
    /// that ``String/trimmingSpaces()`` trims (``Unicode/Scalar/isSpace``), judged from the
    /// scalars' bytes; false for an empty string.
    static func hasPlainEdges(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0 else { return false }
        func plain(_ at: Int) -> Bool {
            let lead = start[at]
            if lead < 0x80 { return lead != 0x20 && !(0x09...0x0D).contains(lead) }
            guard lead >= 0xC2 && lead <= 0xE3 else { return true }
            let second = at + 1 < count ? start[at + 1] : 0
            let third = at + 2 < count ? start[at + 2] : 0
            switch lead {
            case 0xC2: return second != 0x85 && second != 0xA0  // U+0085, U+00A0
            case 0xE1: return !(second == 0x9A && third == 0x80)  // U+1680
            case 0xE2:  // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
                if second == 0x80 { return !(third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF) }
                return !(second == 0x81 && third == 0x9F)
            case 0xE3: return !(second == 0x80 && third == 0x80)  // U+3000
            default: return true
            }
        }
        guard plain(0) else { return false }
        var last = count - 1
        while last > 0 && start[last] & 0xC0 == 0x80 && count - last < 4 { last -= 1 }
        return plain(last)
    }

    /// The string without leading and trailing white space (Unicode White_Space, the ideographic space U+3000 included).
    ///
    /// Works on scalars with a hand-written table rather than `Character.isWhitespace`,
    /// which costs a Unicode property lookup per character on a hot path.
    public func trimmingSpaces() -> String {
        // Most text has no space at either end: look at the first and last scalars' bytes only.
        var copy = self
        let trimmed = copy.withUTF8 { utf8 -> Bool in
            guard let first = utf8.first, let last = utf8.last else { return true }
            if first < 0x80 && last < 0x80 {
                return first.isASCIISpace || last.isASCIISpace
            }
            return Self.scalar(utf8, at: 0).isSpace || Self.scalar(utf8, endingAt: utf8.count).isSpace
        }
        if !trimmed { return self }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isSpace && !last.isSpace { return self }
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[start...end])
    }

    /// The scalar whose UTF-8 starts at `start` (the bytes are valid UTF-8).
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) -> Unicode.Scalar {
        let lead = UInt32(utf8[start])
        let value: UInt32
        switch lead {
        case 0..<0x80: value = lead
        case 0xC0..<0xE0: value = (lead & 0x1F) << 6 | UInt32(utf8[start + 1] & 0x3F)
        case 0xE0..<0xF0:
            value = (lead & 0x0F) << 12 | UInt32(utf8[start + 1] & 0x3F) << 6 | UInt32(utf8[start + 2] & 0x3F)
        default:
            value = (lead & 0x07) << 18 | UInt32(utf8[start + 1] & 0x3F) << 12 | UInt32(utf8[start + 2] & 0x3F) << 6
                | UInt32(utf8[start + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The scalar whose UTF-8 ends just before `end` (the bytes are valid UTF-8).
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Unicode.Scalar {
        var start = end - 1
        while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(utf8, at: start)
    }

    /// True when the string has nothing but white space.
    public var isBlank: Bool { unicodeScalars.allSatisfy(\.isSpace) }
}

extension UInt8 {
    /// ASCII white space (U+0009–U+000D, U+0020).
    fileprivate var isASCIISpace: Bool { (0x09...0x0D).contains(self) || self == 0x20 }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, as a table (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    @inlinable
    public var isSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
