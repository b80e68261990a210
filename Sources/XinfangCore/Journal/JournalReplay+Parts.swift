import Foundation

/// Reading a large journal on several cores: the file cut into parts at line breaks, each part
/// folded on its own thread into a book of its own, then the books joined in order.
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

    /// The book folded from `parts` parts of the journal on as many threads, with the torn last
    /// line if any (numbered in the whole journal); nil when the single pass must decide.
    static func loadInParts(file: JournalFile, parts: Int, minimumPartBytes: Int, scanner: JournalScanner,
                            book empty: CaseBook, cutoff: Instant?) throws(JournalError) -> PartsOutcome? {
        let ranges = try partRanges(file: file, parts: parts, minimumPartBytes: minimumPartBytes)
        guard ranges.count > 1 else { return nil }
        let results = Parallel.map(ranges.count) { index -> Result<PartResult, IOFailure> in
            let range = ranges[index]
            var fold = PartFold(book: empty, defersUnknownCases: index > 0, cutoff: cutoff)
            let source = file.source(from: range.start, to: range.end)
            // The first part starts the journal (seq 1); the others cannot know their first seq.
            return Result { () throws(IOFailure) -> PartResult in
                let (outcome, damage) = try scanner.fold(source, from: JournalPosition(offset: range.start),
                                                         expectingSeq: index == 0 ? 1 : nil, into: &fold, skippingFrom: nil)
                return PartResult(fold: fold, outcome: outcome, damaged: damage != nil)
            }
        }
        var parts: [PartResult] = []
        for result in consume results {
            switch result {
            case .success(let part): parts.append(part)
            case .failure(let failure): throw .io(failure)
            }
        }
        return join(parts)
    }

    /// The outcome of reading a journal in parts.
    struct PartsOutcome {
        var book: CaseBook
        /// The torn last line's number in the whole journal, if the journal ends with one.
        var tornLine: Int?
    }

    /// The parts' books joined in order, or nil when anything is out of the plain order.
    private static func join(_ parts: consuming [PartResult]) -> PartsOutcome? {
        guard var book = parts.first?.fold.book else { return nil }
        parts[0].fold.book = CaseBook(policy: book.policy, retainTexts: book.retainTexts)  // the joined book is its cases' only owner
        var lastSeq: Int?
        var linesBefore = 0
        var tornLine: Int?
        for (index, part) in parts.enumerated() {
            guard !part.damaged, !part.fold.overflowed else { return nil }
            if index > 0 {
                if let first = part.fold.firstSeq, let last = lastSeq, first != last + 1 { return nil }
                for kept in part.fold.deferred {
                    do throws(LifecycleError) {
                        guard try book.applyIfFiled(kept.event) else { return nil }
                    } catch {
                        return nil
                    }
                }
                guard book.absorb(part.fold.book) else { return nil }
            }
            if let torn = part.outcome.tornTail {
                // Only the last part can end without a line break: the others end just after one.
                tornLine = linesBefore + torn.line
            }
            if part.fold.lastSeq != nil { lastSeq = part.fold.lastSeq }
            linesBefore += part.outcome.position.lines
        }
        return PartsOutcome(book: book, tornLine: tornLine)
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
    init(book: CaseBook, defersUnknownCases: Bool, cutoff: Instant?, deferredLimit: Int = 1 << 20) {
        self.book = book
        self.defersUnknownCases = defersUnknownCases
        self.cutoff = cutoff
        self.deferredLimit = deferredLimit
    }

    mutating func apply(_ event: JournalEvent) throws(LifecycleError) {
        if firstSeq == nil { firstSeq = event.seq }
        lastSeq = event.seq
        if let cutoff, event.at >= cutoff { return }
        guard defersUnknownCases else {
            try book.apply(event)
            return
        }
        guard try !book.applyIfFiled(event), let kept = DeferredEvent(event) else { return }
        guard deferred.count < deferredLimit else {
            overflowed = true
            throw LifecycleError(caseID: event.caseID, message: "is one of too many events of earlier parts' cases")
        }
        deferred.append(kept)
    }
}
