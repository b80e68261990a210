extension String {
    /// The string without leading and trailing white space (ASCII and the ideographic space U+3000).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// True when the string has nothing but white space.
    public var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
