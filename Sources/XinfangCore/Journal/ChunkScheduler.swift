import Foundation

/// Hands a journal's chunks to the reading threads: each thread its own run of chunks, read in
/// order into one book, and a thread that has finished its run takes the second half of the
/// longest run still left to another.
///
/// So when the machine lets all threads run, each reads one run and the journal is cut only
/// where the runs meet; when it slows one thread down (other work on its core), the others take
/// over its last chunks, and only then is the journal cut in more places (each cut costs the
/// events kept aside for the part before, see ``PartFold``).
final class ChunkScheduler: @unchecked Sendable {
    private let lock = NSLock()
    /// For each thread, the next chunk of its run and the end of the run.
    private var next: [Int]
    private var end: [Int]
    private var stopped = false

    /// Splits `chunks` chunks into `threads` runs of about equal length.
    init(chunks: Int, threads: Int) {
        next = (0..<threads).map { chunks * $0 / threads }
        end = (0..<threads).map { chunks * ($0 + 1) / threads }
    }

    /// The next chunk for `thread` to read, or nil when none is left (or reading has stopped).
    func nextChunk(for thread: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return nil }
        if next[thread] == end[thread] {
            // Take the second half of the longest run left (a run of one chunk is about to be read).
            var victim: Int?
            var longest = 1
            for other in next.indices where end[other] - next[other] > longest {
                victim = other
                longest = end[other] - next[other]
            }
            guard let victim else { return nil }
            let middle = end[victim] - longest / 2
            (next[thread], end[thread]) = (middle, end[victim])
            end[victim] = middle
        }
        next[thread] += 1
        return next[thread] - 1
    }

    /// Hands out no more chunks (reading found something only the single pass may judge).
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}
