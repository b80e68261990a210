import Foundation

/// Reads journal lines from a position to the end, decoding events and noticing damage.
///
/// The scanner checks what one line can tell: that it parses, that `seq`
/// follows, and (when asked) that its hash chains from the line before. The
/// lifecycle is the ``CaseBook``'s business. A last line without `\n` is
/// reported as ``JournalProblem/Kind/tornTail`` and not decoded.
public struct JournalScanner: Sendable {
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
    /// Whether lines go through the ``JournalLineDecoder`` first (false: the reference path only, for tests).
    let decodesFast: Bool
    /// Which texts the events carry (``JournalReplay`` needs only what its ``CaseBook`` keeps).
    let texts: EventTexts
    /// Whether the outcome's position carries the last line's hash (writers chain to it; readers need not).
    let tracksHash: Bool

    public init(timeZone: OfficeTimeZone, verifyChain: Bool = false) {
        self.init(timeZone: timeZone, verifyChain: verifyChain, decodesFast: true)
    }

    init(timeZone: OfficeTimeZone, verifyChain: Bool, decodesFast: Bool, texts: EventTexts = .all,
         tracksHash: Bool = true) {
        self.timeZone = timeZone
        self.verifyChain = verifyChain
        self.decodesFast = decodesFast
        self.texts = texts
        self.tracksHash = tracksHash || verifyChain
    }

    /// The line's event by the reference path: the strict JSON tree, then the event read from it.
    static func referenceEvent(_ line: UnsafeRawBufferPointer, timeZone: OfficeTimeZone) throws -> JournalEvent {
        let object = try JSONParser.parseObjectLine(line)
        return try JournalEvent(journalObject: object, timeZone: timeZone)
    }

    /// Why a line is not an event, as the reference parser words it.
    struct Malformed: Error {
        let message: String
    }

    /// One complete line's event by the reference path, or why it is not one (the scanner tries the fast decoder first).
    func referenceLine(_ bytes: UnsafeRawBufferPointer) -> Result<JournalEvent, Malformed> {
        do {
            return .success(try Self.referenceEvent(bytes, timeZone: timeZone))
        } catch {
            return .failure(Malformed(message: "\(error)"))
        }
    }

    /// Scans `source`, whose first byte is at `position.offset`, calling `body` for each line.
    /// - Throws: ``IOFailure`` when reading fails, or what `body` throws.
    public func scan<Source: ByteSource, E: Error>(
        _ source: Source, from position: JournalPosition, _ body: (Item) throws(E) -> Void
    ) throws(LineReaderError<E>) -> Outcome {
        var decoder = makeDecoder()
        return try scan(source, from: position, expectingSeq: position.seq + 1, decoder: &decoder,
                        event: { (event: consuming JournalEvent, line: Int) throws(E) in try body(.event(event, line: line)) },
                        problem: { (problem: JournalProblem) throws(E) in try body(.problem(problem)) })
    }

    /// A decoder for this scanner's lines. One decoder may read several pieces of a journal in
    /// turn: its table of names then makes each name once, so the records of one part share
    /// one `String` per unit (compared by identity, not as Unicode), and it keeps the key order learned.
    func makeDecoder() -> JournalLineDecoder {
        JournalLineDecoder(timeZone: timeZone, texts: texts)
    }

    /// ``scan(_:from:_:)`` with one callback for events and one for problems: an event is handed
    /// on as it was decoded, not copied into an ``Item`` (the replay's inner loop). The first
    /// line's `seq` must be `expectingSeq`, or may be anything when it is nil (a reader that
    /// starts mid-journal without having read the lines before).
    func scan<Source: ByteSource, E: Error>(
        _ source: Source, from position: JournalPosition, expectingSeq: Int?, decoder: inout JournalLineDecoder,
        event onEvent: (consuming JournalEvent, Int) throws(E) -> Void, problem onProblem: (JournalProblem) throws(E) -> Void
    ) throws(LineReaderError<E>) -> Outcome {
        var outcome = Outcome(position: position, tornTail: nil)
        var reader = LineReader(source: source, maxLineLength: 4 << 20)
        // The last hash read, kept as bytes: a String per line would cost an allocation each.
        var previousHash = Array(position.hash.utf8)
        var hashChanged = false
        var expectedSeq = expectingSeq
        try reader.forEachLine(startingLine: position.lines + 1, startingOffset: position.offset) { (line: Line) throws(E) in
            guard line.terminated else {
                outcome.tornTail = (line.number, line.offset, line.bytes.count)
                try onProblem(JournalProblem(line: line.number, kind: .tornTail,
                    message: "torn last line (\(line.bytes.count) bytes without a line break): a write cut off before it was acknowledged"))
                return
            }
            outcome.position.offset = line.offset + line.bytes.count + 1
            outcome.position.lines = line.number
            if line.truncated {
                try onProblem(JournalProblem(line: line.number, kind: .malformed, message: "line longer than 4 MiB"))
                expectedSeq = nil
                return
            }
            // The readers' replay starts from the beginning and never writes: it needs no hash.
            let split = tracksHash ? JournalHash.splitBytes(line.bytes) : nil
            if verifyChain {
                if let split {
                    if !previousHash.withUnsafeBytes({ JournalHash.chains(previous: $0, body: split.body, to: split.hash) }) {
                        try onProblem(JournalProblem(line: line.number, kind: .chain,
                            message: "hash chain broken: the line does not hash to its \"hash\" from the line before (changed, removed or reordered lines)"))
                    }
                } else {
                    try onProblem(JournalProblem(line: line.number, kind: .chain, message: "no \"hash\" at the end of the line"))
                }
            }
            if let split {
                previousHash.withUnsafeMutableBytes { $0.copyMemory(from: split.hash) }
                hashChanged = true
            }
            /// Checks the event's `seq` and hands it on.
            func accept(_ event: consuming JournalEvent) throws(E) {
                if let expected = expectedSeq, event.seq != expected {
                    try onProblem(JournalProblem(line: line.number, kind: .sequence,
                        message: "seq \(event.seq) where \(expected) was expected (\(event.seq > expected ? "lines missing" : "lines repeated or reordered"))"))
                }
                expectedSeq = event.seq + 1
                outcome.position.seq = event.seq
                try onEvent(event, line.number)
            }
            if decodesFast, let event = decoder.decode(line.bytes) {
                try accept(event)
                return
            }
            switch referenceLine(line.bytes) {
            case .success(let event):
                try accept(event)
            case .failure(let problem):
                try onProblem(JournalProblem(line: line.number, kind: .malformed, message: problem.message))
                expectedSeq = nil
            }
        }
        if hashChanged { outcome.position.hash = String(decoding: previousHash, as: UTF8.self) }
        return outcome
    }
}
