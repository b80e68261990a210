import Dispatch

/// A batch of journal lines being written: the writer encodes each event's line, and the hash
/// chain is computed on a second thread while the writer goes on deciding the next events.
///
/// Lines are encoded into chunks of a few dozen lines, each line's body followed by room for
/// its `,"hash":"…"}` and line break. A full chunk is handed to the hashing queue, which fills
/// in each line's hash in order (SHA-256 of the previous hash and the body, as
/// ``JournalEvent/journalLine(previousHash:timeZone:)`` does), while the writer fills the next
/// chunk. ``finish()`` waits for the last chunk and gives the batch's bytes and last hash.
/// Without a queue (one thread), each chunk is hashed when it is full.
final class JournalLineBatch {
    /// Lines per chunk: small enough that hashing starts early, large enough that handing over costs nothing.
    static let linesPerChunk = 64

    /// Lines whose hashes are still to be written (touched by one thread at a time: the writer
    /// until it hands the chunk over, then the hashing queue, then the writer after ``finish()``).
    private final class Chunk: @unchecked Sendable {
        var bytes: [UInt8] = []
        /// Each line's body: from its `{` to just before `,"hash"`.
        var bodies: [Range<Int>] = []

        init() {
            bytes.reserveCapacity(JournalLineBatch.linesPerChunk * 640)
            bodies.reserveCapacity(JournalLineBatch.linesPerChunk)
        }
    }

    /// The chain's running hash (touched only by the hashing queue, then by the writer after waiting).
    private final class Chain: @unchecked Sendable {
        /// The previous line's hash: 64 lowercase hex digits.
        var previous: [UInt8]

        init(previous: String) {
            self.previous = Array(previous.utf8)
        }

        /// Writes each line's hash into its place, in order.
        func hash(_ chunk: Chunk) {
            chunk.bytes.withUnsafeMutableBufferPointer { bytes in
                previous.withUnsafeMutableBufferPointer { previous in
                    guard let base = bytes.baseAddress, let last = previous.baseAddress else { return }
                    for body in chunk.bodies {
                        var hasher = SHA256()
                        hasher.update(UnsafeRawBufferPointer(previous))
                        hasher.update(UnsafeRawBufferPointer(start: base + body.lowerBound, count: body.count))
                        let digits = base + body.upperBound + JournalLineBatch.hashOffset
                        hasher.finalize(hexInto: digits)
                        last.update(from: digits, count: 64)
                    }
                }
            }
        }
    }

    /// `,"hash":"`, then 64 digits to fill in, then `"}` and the line break.
    private static let suffix: [UInt8] = Array(#","hash":""#.utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: 64) + Array("\"}\n".utf8)
    private static let hashOffset = 9

    private let queue: DispatchQueue?
    private let group = DispatchGroup()
    private let chain: Chain
    private let timeZone: OfficeTimeZone
    private var chunks: [Chunk] = []
    private var current = Chunk()

    /// A batch chained to `previousHash`; `queue` (serial) hashes while the writer goes on, nil hashes on the writer's thread.
    init(previousHash: String, timeZone: OfficeTimeZone, queue: DispatchQueue?) {
        chain = Chain(previous: previousHash)
        self.timeZone = timeZone
        self.queue = queue
    }

    /// Encodes `event`'s line (its hash comes later) and appends what to print for it to `output`.
    /// - Parameter fields: the event's own fields already encoded, exactly as
    ///   ``JournalEvent/appendPayload(to:)`` writes them; nil to encode them here.
    /// - Returns: the line's length in bytes.
    func append(_ event: JournalEvent, fields: ArraySlice<UInt8>?, echo: LineOutcome.Echo, printingTo output: inout [UInt8]) -> Int {
        let chunk = current
        let start = chunk.bytes.count
        let range: Range<Int>
        if let fields {
            range = writeBody(event, fields: fields, to: &chunk.bytes)
        } else {
            range = NDJSONLine.appending(to: &chunk.bytes) { line in event.appendBody(to: &line, timeZone: timeZone) }
        }
        chunk.bodies.append(start..<range.upperBound)
        chunk.bytes.append(contentsOf: Self.suffix)
        echo.write(journalLine: chunk.bytes, fields: range, to: &output)
        // Measured before a full chunk is handed over: from then on the hashing queue owns its bytes.
        let length = chunk.bytes.count - start
        if chunk.bodies.count >= Self.linesPerChunk { handOver() }
        return length
    }

    /// Writes the line's body as ``JournalEvent/appendBody(to:timeZone:)`` does, with the event's
    /// own fields given as bytes: `seq`, `event`, `case`, `at`, `recorded`, then `fields`.
    /// - Returns: where the fields are in `bytes`.
    private func writeBody(_ event: JournalEvent, fields: ArraySlice<UInt8>, to bytes: inout [UInt8]) -> Range<Int> {
        if !writeHead(event, to: &bytes) {
            // A case number to escape or over 48 bytes: the general writer's own head.
            NDJSONLine.appending(to: &bytes) { line in event.appendHead(to: &line, timeZone: timeZone) }
        }
        let start = bytes.count
        bytes.append(contentsOf: fields)
        return start..<bytes.count
    }

    /// Writes the line's members before the event's own fields, as ``writeBody(_:fields:to:)``
    /// would, in one piece made on the stack; false (nothing written) for a case number longer
    /// than 48 bytes, one that needs an escape, or a negative `seq`.
    private func writeHead(_ event: JournalEvent, to bytes: inout [UInt8]) -> Bool {
        guard event.caseID.utf8.count <= 48 else { return false }
        // At most 8 + 20 + 10 + 8 + 10 + 50 + 7 + 25 + 14 + 25 + 1 = 178 bytes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 192) { room in
            guard let base = room.baseAddress else { return false }
            var out = ByteCursor(base)
            out.literal(#"{"seq":"#)
            guard out.decimal(event.seq) else { return false }
            out.literal(#","event":""#)
            out.literal(event.kind.name)
            out.literal(#"","case":"#)
            guard out.plainString(event.caseID) else { return false }
            out.literal(#","at":""#)
            at.write(event.at, timeZone: timeZone, to: &out)
            out.literal(#"","recorded":""#)
            recorded.write(event.recorded, timeZone: timeZone, to: &out)
            out.byte(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: out.count))
            return true
        }
    }

    /// The last instants written, as text: a batch's lines share their `recorded` time, and
    /// letters filed in a row often their `at`.
    private var at = InstantText()
    private var recorded = InstantText()

    /// Waits for every hash; gives the batch's lines and the last line's hash (`previousHash` when there are none).
    func finish() -> (bytes: [UInt8], lastHash: String) {
        if !current.bodies.isEmpty { handOver() }
        group.wait()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.bytes.count })
        for chunk in chunks { bytes.append(contentsOf: chunk.bytes) }
        chunks.removeAll()
        return (bytes, String(decoding: chain.previous, as: UTF8.self))
    }

    /// The outcome of ``appendWhenHashed(to:expectedSize:)``: set where the lines are appended,
    /// read by the writer after waiting for them.
    private final class Appended: @unchecked Sendable {
        var outcome: Result<Void, JournalError>?
    }
    private let appended = Appended()

    /// Appends the batch's lines to `journal` and flushes them to disk (``JournalFile/append(pieces:expectedSize:)``)
    /// as soon as every hash is in: on the hashing queue, so that writing and flushing overlap with what
    /// the writer does next (on the writer's thread, at once, without a queue). Call it once, after the
    /// last line; ``finishAppended()`` gives the outcome.
    func appendWhenHashed(to journal: JournalFile, expectedSize: Int) {
        if !current.bodies.isEmpty { handOver() }
        let chunks = self.chunks
        self.chunks.removeAll()
        let appended = self.appended
        let write: @Sendable () -> Void = {
            // Written chunk by chunk in one call, not copied into one array first.
            let pieces = chunks.map(\.bytes)
            guard pieces.contains(where: { !$0.isEmpty }) else { return }
            do throws(JournalError) {
                try journal.append(pieces: pieces, expectedSize: expectedSize)
                appended.outcome = .success(())
            } catch {
                appended.outcome = .failure(error)
            }
        }
        if let queue {
            queue.async(group: group, execute: write)
        } else {
            write()
        }
    }

    /// Waits for every hash and for the append ``appendWhenHashed(to:expectedSize:)`` asked for.
    /// - Returns: the last line's hash (`previousHash` when there are none), and how the append went
    ///   (nil when there was nothing to append).
    func finishAppended() -> (lastHash: String, appended: Result<Void, JournalError>?) {
        group.wait()
        return (String(decoding: chain.previous, as: UTF8.self), appended.outcome)
    }

    private func handOver() {
        let chunk = current
        chunks.append(chunk)
        current = Chunk()
        if let queue {
            queue.async(group: group) { [chain] in chain.hash(chunk) }
        } else {
            chain.hash(chunk)
        }
    }
}

extension EventKind {
    /// ``rawValue`` as a literal, for the writer.
    fileprivate var name: StaticString {
        switch self {
        case .filed: return "filed"
        case .assigned: return "assigned"
        case .returned: return "returned"
        case .replied: return "replied"
        case .extended: return "extended"
        case .rated: return "rated"
        }
    }
}
