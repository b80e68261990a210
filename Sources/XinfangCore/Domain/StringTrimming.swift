extension String {
    /// Whether the `count` bytes at `start` (valid UTF-8) neither start nor end with a scalar
    /// that ``String/trimmingSpaces()`` trims (``Unicode/Scalar/isSpace``), judged from the
    /// first and last scalars' bytes only; false for an empty string.
    static func hasPlainEdges(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0 else { return false }
        let utf8 = UnsafeBufferPointer(start: start, count: count)
        func plain(_ at: Int) -> Bool {
            let lead = utf8[at]
            if lead < 0x80 { return !lead.isASCIISpace }
            // Beyond ASCII, only scalars whose UTF-8 starts with C2, E1, E2 or E3 are white space
            // (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000): any other lead decides at once.
            guard lead == 0xC2 || (0xE1...0xE3).contains(lead) else { return true }
            return !scalar(utf8, at: at).isSpace
        }
        var last = count - 1
        while last > 0 && utf8[last] & 0xC0 == 0x80 { last -= 1 }
        return plain(0) && plain(last)
    }

    /// The string without leading and trailing white space (Unicode White_Space, the ideographic space U+3000 included).
    ///
    /// Works on scalars with a hand-written table rather than `Character.isWhitespace`,
    /// which costs a Unicode property lookup per character on a hot path.
    public func trimmingSpaces() -> String {
        // Most text has no space at either end: look at the first and last scalars' bytes only.
        var copy = self
        let plain = copy.withUTF8 { utf8 in utf8.baseAddress.map { Self.hasPlainEdges($0, utf8.count) } ?? false }
        if plain { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[start...end])
    }

    /// The scalar whose UTF-8 starts at `start` (the bytes are valid UTF-8).
    @inline(__always)
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
