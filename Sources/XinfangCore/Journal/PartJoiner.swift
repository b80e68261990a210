import Foundation

/// Joins the books of a journal's parts in journal order as soon as each is ready, while the
/// other threads go on reading.
///
/// A part is a run of chunks one thread read into one book (see ``ChunkScheduler``). Whoever
/// delivers a part when no one is joining joins every part that is ready in order, outside the
/// lock, then goes back to reading: so only the last part's join is left once reading ends.
/// The first part out of the plain order (see ``JournalReplay/PartsJoin``) or the first failure
/// to read stops the join; ``finish()`` then says that the single pass must decide.
final class PartJoiner: @unchecked Sendable {
    private let lock = NSLock()
    /// The parts waiting for the ones before them, by their first chunk.
    private var waiting: [Int: (end: Int, result: Result<JournalReplay.PartResult, IOFailure>)] = [:]
    /// The first chunk not joined yet, of `chunks`.
    private var joinedUpTo = 0
    private let chunks: Int
    private var joining = false
    private var stopped = false
    /// Only the joining thread changes it (and ``failure``).
    private var join = JournalReplay.PartsJoin()
    private var failure: IOFailure?

    init(chunks: Int) {
        self.chunks = chunks
    }

    /// Whether the join has stopped (then the single pass decides and reading may stop too).
    var hasStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Takes the part read from chunk `first` up to (not including) chunk `end`, and joins it
    /// and the parts after it that are ready, unless another thread is joining (it will find them).
    func deliver(first: Int, end: Int, _ result: consuming Result<JournalReplay.PartResult, IOFailure>) {
        lock.lock()
        waiting[first] = (end, consume result)  // moved: a copy kept here would share the book it joins
        guard !joining else {
            lock.unlock()
            return
        }
        joining = true
        while !stopped, let (end, ready) = waiting.removeValue(forKey: joinedUpTo) {
            lock.unlock()
            let carryOn = add(consume ready)
            lock.lock()
            joinedUpTo = end
            if !carryOn { stopped = true }
        }
        joining = false
        lock.unlock()
    }

    /// Joins one part (or keeps its failure); false when the join must stop.
    ///
    /// The part is taken, not shared: nothing else may hold its book once it is joined, or
    /// recording a later part's kept events on it would copy its records first.
    private func add(_ ready: consuming Result<JournalReplay.PartResult, IOFailure>) -> Bool {
        switch consume ready {
        case .success(let part):
            return join.add(part)
        case .failure(let error):
            failure = error
            return false
        }
    }

    /// Once every reading thread is done: the joined book, nil when the single pass must decide.
    /// - Throws: the first failure to read a part that came before any trouble.
    func finish() throws(IOFailure) -> JournalReplay.PartsOutcome? {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        guard !stopped, joinedUpTo == chunks else { return nil }
        return join.outcome
    }
}
