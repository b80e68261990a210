import Foundation

/// Reading a large journal on several cores: the file cut into parts at line breaks, each part
/// folded on its own thread into a book of its own, then the books joined in order. (The parts
/// are runs of chunks: ``ChunkScheduler`` hands them out, ``PartJoiner`` joins them.)
///
/// A part's book holds the cases filed in that part, with all of their events in it (a case's
/// events never come before its filing). An event of a case filed in an earlier part is kept
/// aside, in order, and recorded once the books before it are joined, before the part's own
/// cases are added. So every case sees its events in journal order, exactly as one pass gives
/// them. The parts are joined only when everything is plainly in order: no damaged line, `seq`
/// running on from part to part, no case filed twice across parts, every kept event accepted.
/// Anything else, however small, is left to the single pass, which finds the first damage and
/// words it (so both ways give the same book, the same refusals and the same messages).
extension JournalReplay {
    /// The reading threads to use by default: one per core, at most 8.
    public static var defaultReaders: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

    /// The smallest part worth a thread of its own: smaller journals are read in one pass.
    static let defaultMinimumPartBytes = 8 << 20

    /// The size of the chunks the journal is cut into: the unit a thread that has finished takes
    /// over from a slower one (see ``ChunkScheduler``), so about the longest a thread waits for the
    /// others at the end (4 MiB is about 10 ms of reading on one core).
    static let chunkBytes = 4 << 20

    /// Each reading thread gets at least this many chunks, however small the journal.
    static let minimumChunksPerReader = 8

    /// How many chunks a journal of `size` bytes read on `readers` threads is cut into.
    static func chunkCount(size: Int, readers: Int) -> Int {
        max(readers * minimumChunksPerReader, size / chunkBytes)
    }

    /// The book folded from the journal on `parts` threads, each reading its own part, with the
    /// torn last line if any (numbered in the whole journal); nil when the single pass must decide.
    /// - Parameter indexesFilings: whether the parts also note their filings in a ``FilingIndex``
    ///   each, joined in order as the books are (`file`'s state: ``FilingState``).
    static func loadInParts(file: JournalFile, parts threads: Int, minimumPartBytes: Int, scanner: JournalScanner,
                            book empty: CaseBook, indexesFilings: Bool = false,
                            cutoff: Instant?) throws(JournalError) -> PartsOutcome? {
        let parts = try partRanges(file: file, parts: threads, minimumPartBytes: minimumPartBytes)
        guard parts.count > 1 else { return nil }
        let chunks = try partRanges(file: file, parts: chunkCount(size: try file.size(), readers: parts.count),
                                    minimumPartBytes: max(1, minimumPartBytes / minimumChunksPerReader))
        // A scanner that checks the chain starts each part from the hash stored in the line before it.
        let chainStarts = scanner.verifyChain ? try file.storedHashes(before: chunks.map(\.start)) : nil
        let scheduler = ChunkScheduler(chunks: chunks.count, threads: parts.count)
        let joiner = PartJoiner(chunks: chunks.count)
        Parallel.forEachWorker(parts.count) { thread in
            readChunks(chunks, file: file, thread: thread, scheduler: scheduler, joiner: joiner, scanner: scanner,
                       book: empty, indexesFilings: indexesFilings, cutoff: cutoff, chainStarts: chainStarts)
        }
        do throws(IOFailure) {
            return try joiner.finish()
        } catch {
            throw .io(error)
        }
    }

    /// One reading thread: folds the chunks `scheduler` gives it, one part per run of consecutive
    /// chunks, and hands each part to `joiner`. A part starts from chunk `c`'s `chainStarts[c]` when given.
    private static func readChunks(_ chunks: [(start: Int, end: Int?)], file: JournalFile, thread: Int,
                                   scheduler: ChunkScheduler, joiner: PartJoiner, scanner: JournalScanner,
                                   book empty: CaseBook, indexesFilings: Bool, cutoff: Instant?, chainStarts: [String]?) {
        var part: (first: Int, end: Int, fold: PartFold, outcome: JournalScanner.Outcome)?
        func deliver() {
            guard let (first, end, fold, outcome) = part.take() else { return }
            // Handed over, not shared: the thread that joins it may go on to record a later part's
            // kept events on its book, and a book still referenced here would be copied first.
            joiner.deliver(first: first, end: end, .success(PartResult(fold: consume fold, outcome: outcome, damaged: false)))
        }
        // One decoder for all of this thread's chunks: a unit's name is then one `String` in all its records.
        var decoder = scanner.makeDecoder()
        while let chunk = scheduler.nextChunk(for: thread) {
            // Only the end is looked at: a copy of the part held here would share its book with the joiner.
            if let end = part?.end, end != chunk { deliver() }
            if part == nil {
                // A book of its own, not a copy of `empty`: copies share their records until changed.
                let fold = PartFold(book: empty.emptied(),
                                    index: indexesFilings ? FilingIndex(timeZone: empty.policy.timeZone) : nil,
                                    defersUnknownCases: chunk > 0, cutoff: cutoff)
                let start = JournalPosition(offset: chunks[chunk].start, hash: chainStarts?[chunk] ?? JournalEvent.genesisHash)
                part = (chunk, chunk, fold, JournalScanner.Outcome(position: start, tornTail: nil))
            }
            // Taken out and put back, never copied: a second reference to the book would make
            // folding into it copy every chunk of records.
            guard var current = part.take() else { return }
            // The journal starts with seq 1; a later part cannot know its first seq, but runs on from its last.
            let expecting = current.fold.lastSeq.map { $0 + 1 } ?? (current.first == 0 ? 1 : nil)
            let source = file.source(from: chunks[chunk].start, to: chunks[chunk].end)
            current.end = chunk + 1
            assert(current.fold.book.hasNoOtherCopy(), "the part's book is shared: folding into it would copy its records")
            do throws(IOFailure) {
                let (chunkOutcome, damage) = try scanner.fold(source, from: current.outcome.position, expectingSeq: expecting,
                                                              decoder: &decoder, into: &current.fold, skippingFrom: nil)
                current.outcome = chunkOutcome
                guard damage == nil else {
                    joiner.deliver(first: current.first, end: current.end,
                                   .success(PartResult(fold: current.fold, outcome: current.outcome, damaged: true)))
                    scheduler.stop()
                    return
                }
            } catch {
                joiner.deliver(first: current.first, end: current.end, .failure(error))
                scheduler.stop()
                return
            }
            part = current
            if joiner.hasStopped {
                scheduler.stop()
                return
            }
        }
        deliver()
    }

    /// The outcome of reading a journal in parts.
    struct PartsOutcome {
        var book: CaseBook
        /// The filings noted, when the parts indexed them.
        var index: FilingIndex?
        /// The torn last line, if the journal ends with one: its number in the whole journal, where
        /// it starts and its length.
        var tornTail: (line: Int, offset: Int, length: Int)?
        /// The torn last line's number in the whole journal, if the journal ends with one.
        var tornLine: Int? { tornTail?.line }
        /// The complete lines read, and the last `seq` (nil when no line had one).
        var lines: Int
        var lastSeq: Int?
        /// The offset just after the last complete line.
        var end: Int
    }

    /// The parts' books joined one after the other, in journal order, while everything is in
    /// plain order: no damaged line, no overflow of kept events, `seq` running on from part to
    /// part, every kept event accepted, no case filed in two parts.
    struct PartsJoin {
        private var book: CaseBook?
        private var index: FilingIndex?
        private var lastSeq: Int?
        private var linesBefore = 0
        private var tornTail: (line: Int, offset: Int, length: Int)?
        private var end = 0

        /// Adds the next part; false when it is out of the plain order (the join is then unusable).
        mutating func add(_ part: consuming PartResult) -> Bool {
            guard !part.damaged, !part.fold.overflowed else { return false }
            let torn = part.outcome.tornTail, position = part.outcome.position, lines = position.lines
            let partLastSeq = part.fold.lastSeq
            if var joined = book.take() {
                assert(joined.hasNoOtherCopy(), "the joined book is shared: recording kept events would copy its records")
                if let first = part.fold.firstSeq, let last = lastSeq, first != last + 1 { return false }
                // A few at a time, their records read ahead first, as the fold does; each kept event
                // read where it lies (a copy of it would retain and release its unit once more).
                let accepted = part.fold.deferred.withUnsafeBufferPointer { kept in
                    for start in stride(from: 0, to: kept.count, by: FoldBatch.capacity) {
                        let batch = UnsafeBufferPointer(rebasing: kept[start..<min(start + FoldBatch.capacity, kept.count)])
                        joined.readAhead(forKept: batch)
                        for index in batch.indices {
                            do throws(LifecycleError) {
                                guard try joined.applyIfFiled(batch[index].event) else { return false }
                            } catch {
                                return false
                            }
                        }
                    }
                    return true
                }
                guard accepted, joined.absorb(part.fold.book) else { return false }
                book = joined
                if let later = part.fold.index { index?.absorb(later) }
            } else {
                // Taken, so that the book has no other owner when the next part's kept events are recorded on it.
                index = part.fold.index
                book = (consume part).fold.book
            }
            // Only the last part can end without a line break: the others end just after one.
            if let torn { tornTail = (linesBefore + torn.line, torn.offset, torn.length) }
            if partLastSeq != nil { lastSeq = partLastSeq }
            linesBefore += lines
            end = position.offset
            return true
        }

        /// The joined book (nil before the first part).
        var outcome: PartsOutcome? {
            book.map { PartsOutcome(book: $0, index: index, tornTail: tornTail, lines: linesBefore, lastSeq: lastSeq, end: end) }
        }
    }

    /// Byte ranges of about equal size, each starting at a line's start; the last one open-ended.
    static func partRanges(file: JournalFile, parts: Int, minimumPartBytes: Int) throws(JournalError) -> [(start: Int, end: Int?)] {
        let size = try file.size()
        let count = min(parts, size / max(minimumPartBytes, 1))
        guard count > 1 else { return [(0, nil)] }
        var starts = [0]
        for part in 1..<count {
            let target = max(size / count * part, starts[starts.count - 1])
            guard let start = try file.lineStart(after: target, before: size), start < size, start > starts[starts.count - 1] else { break }
            starts.append(start)
        }
        return starts.indices.map { index in (starts[index], index + 1 < starts.count ? starts[index + 1] : nil) }
    }

    /// What one part's thread found.
    struct PartResult {
        var fold: PartFold
        var outcome: JournalScanner.Outcome
        var damaged: Bool
    }
}

/// The fold of one part of the journal: its own cases, and the events of cases filed in earlier parts kept aside.
struct PartFold: JournalFold {
    var book: CaseBook
    /// The part's filings, noted as ``FilingState`` notes them, when the reader asked for them.
    var index: FilingIndex?
    /// Whether events of cases not filed in this part are kept for the parts before (all parts but the first).
    let defersUnknownCases: Bool
    /// Events at or after it are skipped (the end of an as-of day), as the single pass skips them.
    let cutoff: Instant?
    /// The events of cases filed in earlier parts, in journal order.
    private(set) var deferred: [DeferredEvent] = []
    /// True when more events were to be kept aside than ``deferredLimit`` (the single pass then reads the journal).
    private(set) var overflowed = false
    /// The first and last `seq` of the part (skipped events included), to check that parts run on.
    private(set) var firstSeq: Int?
    private(set) var lastSeq: Int?

    /// At most this many events are kept aside: a journal whose cases span the parts that much
    /// is read in one pass instead, so memory keeps growing with cases, not events.
    let deferredLimit: Int

    /// - Parameter deferredLimit: by default 2^20 events, 56 MiB.
    init(book: CaseBook, index: FilingIndex? = nil, defersUnknownCases: Bool, cutoff: Instant?, deferredLimit: Int = 1 << 20) {
        self.book = book
        self.index = index
        self.defersUnknownCases = defersUnknownCases
        self.cutoff = cutoff
        self.deferredLimit = deferredLimit
    }

    mutating func readAhead(for events: UnsafeBufferPointer<JournalEvent>) {
        book.readAhead(for: events)
    }

    mutating func apply(_ event: JournalEvent) throws(LifecycleError) {
        if firstSeq == nil { firstSeq = event.seq }
        lastSeq = event.seq
        if let cutoff, event.at >= cutoff { return }
        guard defersUnknownCases else {
            try book.apply(event)
            note(event)
            return
        }
        if try book.applyIfFiled(event) {
            note(event)
            return
        }
        guard let kept = DeferredEvent(event) else { return }
        guard deferred.count < deferredLimit else {
            overflowed = true
            throw LifecycleError(caseID: event.caseID, message: "is one of too many events of earlier parts' cases")
        }
        deferred.append(kept)
    }

    /// Notes a filing the book recorded in ``index``, when there is one.
    private mutating func note(_ event: JournalEvent) {
        guard index != nil, case .filed(let filing) = event.payload else { return }
        index!.note(caseID: event.caseID, filing: filing, received: event.at)
    }
}
