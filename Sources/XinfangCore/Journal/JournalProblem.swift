/// Something wrong found while reading the journal, with the line it is on.
public struct JournalProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The line is not a valid event (bad JSON, a missing or wrong field).
        case malformed
        /// The last line has no line break: a write cut off by a crash, never acknowledged.
        case tornTail = "torn"
        /// `seq` is not one more than the line before's.
        case sequence
        /// The line's hash does not chain from the line before: something was changed, removed or reordered.
        case chain
        /// The event breaks its case's lifecycle (or names a case never filed).
        case lifecycle
    }

    public var line: Int
    public var kind: Kind
    public var message: String

    public init(line: Int, kind: Kind, message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `line 17: …`
    public var description: String { "line \(line): \(message)" }
}
