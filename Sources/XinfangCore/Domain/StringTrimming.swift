extension String {
    /// The string without leading and trailing white space (Unicode White_Space, the ideographic space U+3000 included).
    ///
    /// Works on scalars with a hand-written table rather than `Character.isWhitespace`,
    /// which costs a Unicode property lookup per character on a hot path.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isSpace && !last.isSpace { return self }
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[start...end])
    }

    /// True when the string has nothing but white space.
    public var isBlank: Bool { unicodeScalars.allSatisfy(\.isSpace) }
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
