import Dispatch
import Foundation

/// One batch of a writing session's records, being prepared (``WriterSession/Prepare``) on other
/// threads while the session goes on with other work: reading the next batch, deciding the one
/// before.
///
/// The batch is cut into pieces of ``pieceSize`` records. Helper threads take pieces in order as
/// they come free; ``take()`` takes the pieces still left on the calling thread too, then waits
/// for the ones under way, so whichever thread has time prepares, and the batch is never waited
/// for while a piece of it is untouched.
final class BatchPreparation<Prepared: Sendable>: @unchecked Sendable {
    /// How many records a thread prepares at a time.
    static var pieceSize: Int { 128 }

    /// The batch's records, in input order.
    let records: [InputRecord]
    /// The batch's time, given to every record's preparation and decision.
    let now: Instant

    private let prepare: @Sendable (InputRecord, Instant) -> Prepared
    /// Where each record's preparation is put; slot `i` is written once, by the thread that took its piece.
    private let slots: UnsafeMutablePointer<Prepared>
    private let pieceCount: Int
    /// Guards ``nextPiece`` and ``piecesUnfinished``, and wakes ``take()`` when the last piece is done.
    private let progress = NSCondition()
    private var nextPiece = 0
    private var piecesUnfinished: Int
    /// Set once ``take()`` has moved the prepared records out of ``slots``.
    private var taken = false

    /// Starts preparing `records` on `helpers` other threads (none: nothing happens before ``take()``).
    init(records: [InputRecord], now: Instant, helpers: Int,
         prepare: @escaping @Sendable (InputRecord, Instant) -> Prepared) {
        self.records = records
        self.now = now
        self.prepare = prepare
        slots = .allocate(capacity: records.count)
        pieceCount = (records.count + Self.pieceSize - 1) / Self.pieceSize
        piecesUnfinished = pieceCount
        for _ in 0..<max(0, min(helpers, pieceCount - 1)) {
            DispatchQueue.global(qos: .userInitiated).async { self.prepareFreePieces() }
        }
    }

    deinit {
        // Helpers keep the batch alive until they stop, so every piece taken is finished by now.
        if !taken { slots.deinitialize(count: min(records.count, nextPiece * Self.pieceSize)) }
        slots.deallocate()
    }

    /// Every record prepared, in order: prepares the pieces no thread has taken yet on this one,
    /// waits for the rest, and hands the results over. Call it once.
    func take() -> [Prepared] {
        prepareFreePieces()
        progress.lock()
        while piecesUnfinished > 0 { progress.wait() }
        progress.unlock()
        taken = true
        return [Prepared](unsafeUninitializedCapacity: records.count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: slots, count: records.count)
            initialized = records.count
        }
    }

    /// Takes pieces and prepares them until none is left to take.
    private func prepareFreePieces() {
        while let piece = takePiece() {
            let end = min(records.count, (piece + 1) * Self.pieceSize)
            for index in (piece * Self.pieceSize)..<end {
                (slots + index).initialize(to: prepare(records[index], now))
            }
            progress.lock()
            piecesUnfinished -= 1
            if piecesUnfinished == 0 { progress.signal() }
            progress.unlock()
        }
    }

    private func takePiece() -> Int? {
        progress.lock()
        defer { progress.unlock() }
        guard nextPiece < pieceCount else { return nil }
        nextPiece += 1
        return nextPiece - 1
    }
}
