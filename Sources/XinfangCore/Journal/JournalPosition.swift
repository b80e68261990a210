/// How far a journal has been read: where the next line starts and what it must chain to.
public struct JournalPosition: Sendable, Equatable {
    /// Byte offset just after the last complete line read.
    public var offset: Int
    /// How many complete lines were read.
    public var lines: Int
    /// The last line's `seq` (0 before the first line).
    public var seq: Int
    /// The last line's `hash` (``JournalEvent/genesisHash`` before the first line).
    public var hash: String

    public init(offset: Int = 0, lines: Int = 0, seq: Int = 0, hash: String = JournalEvent.genesisHash) {
        self.offset = offset
        self.lines = lines
        self.seq = seq
        self.hash = hash
    }

    /// The start of an empty journal.
    public static let start = JournalPosition()
}
