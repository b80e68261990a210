import Foundation

/// Reads journal lines from a position to the end, decoding events and noticing damage.
///
/// The scanner checks what one line can tell: that it parses, that `seq`
/// follows, and (when asked) that its hash chains from the line before. The
/// lifecycle is the ``CaseBook``'s business. A last line without `\n` is
/// reported as ``JournalProblem/Kind/tornTail`` and not decoded.
public struct JournalScanner {
    /// What the scan met, line by line.
    public enum Item {
        case event(JournalEvent, line: Int)
        case problem(JournalProblem)
    }

    /// The result of a scan.
    public struct Outcome {
        /// After the last complete line.
        public var position: JournalPosition
        /// The torn last line's number and byte range, when there is one.
        public var tornTail: (line: Int, offset: Int, length: Int)?
    }

    public let timeZone: OfficeTimeZone
    /// Whether to recompute every line's hash (only `audit --verify` pays for it).
    public let verifyChain: Bool

    public init(timeZone: OfficeTimeZone, verifyChain: Bool = false) {
        self.timeZone = timeZone
        self.verifyChain = verifyChain
    }

    /// Scans `source`, whose first byte is at `position.offset`, calling `body` for each line.
    /// - Throws: ``IOFailure`` when reading fails, or what `body` throws.
    public func scan<Source: ByteSource, E: Error>(
        _ source: Source, from position: JournalPosition, _ body: (Item) throws(E) -> Void
    ) throws(LineReaderError<E>) -> Outcome {
        var outcome = Outcome(position: position, tornTail: nil)
        var reader = LineReader(source: source, maxLineLength: 4 << 20)
        var previousHash = position.hash
        var expectedSeq: Int? = position.seq + 1
        try reader.forEachLine(startingLine: position.lines + 1, startingOffset: position.offset) { (line: Line) throws(E) in
            guard line.terminated else {
                outcome.tornTail = (line.number, line.offset, line.bytes.count)
                try body(.problem(JournalProblem(line: line.number, kind: .tornTail,
                    message: "torn last line (\(line.bytes.count) bytes without a line break): a write cut off before it was acknowledged")))
                return
            }
            outcome.position.offset = line.offset + line.bytes.count + 1
            outcome.position.lines = line.number
            if line.truncated {
                try body(.problem(JournalProblem(line: line.number, kind: .malformed, message: "line longer than 4 MiB")))
                expectedSeq = nil
                return
            }
            let split = JournalHash.split(line.bytes)
            if verifyChain {
                if let split {
                    let computed = JournalHash.chain(previous: previousHash, body: split.body)
                    if computed != split.hash {
                        try body(.problem(JournalProblem(line: line.number, kind: .chain,
                            message: "hash chain broken: the line does not hash to its \"hash\" from the line before (changed, removed or reordered lines)")))
                    }
                } else {
                    try body(.problem(JournalProblem(line: line.number, kind: .chain, message: "no \"hash\" at the end of the line")))
                }
            }
            if let split { previousHash = split.hash }
            outcome.position.hash = previousHash
            let event: JournalEvent
            do {
                let object = try JSONParser.parseObjectLine(line.bytes)
                event = try JournalEvent(journalObject: object, timeZone: timeZone)
            } catch {
                try body(.problem(JournalProblem(line: line.number, kind: .malformed, message: "\(error)")))
                expectedSeq = nil
                return
            }
            if let expected = expectedSeq, event.seq != expected {
                try body(.problem(JournalProblem(line: line.number, kind: .sequence,
                    message: "seq \(event.seq) where \(expected) was expected (\(event.seq > expected ? "lines missing" : "lines repeated or reordered"))")))
            }
            expectedSeq = event.seq + 1
            outcome.position.seq = event.seq
            try body(.event(event, line: line.number))
        }
        return outcome
    }
}
