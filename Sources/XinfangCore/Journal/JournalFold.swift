/// State built from the journal's events, which a writing verb consults before adding its own.
public protocol JournalFold {
    /// Records `event`, or throws when the event breaks the lifecycle (and then records nothing).
    mutating func apply(_ event: JournalEvent) throws(LifecycleError)

    /// Reads ahead the memory that applying `events`, in order, will read, changing nothing that
    /// ``apply(_:)`` sees. The fold calls it before applying a batch, so that the batch's cache
    /// misses overlap instead of coming one event after the other. The default reads nothing.
    mutating func readAhead(for events: UnsafeBufferPointer<JournalEvent>)

    /// Which texts of the events ``apply(_:)`` reads: a writer catching up with the journal has the
    /// decoder make only these. The default is every text.
    var textsRead: EventTexts { get }
}

extension JournalFold {
    public mutating func readAhead(for events: UnsafeBufferPointer<JournalEvent>) {}

    public var textsRead: EventTexts { .all }
}

extension CaseBook: JournalFold {
    /// What the book keeps: the filings' texts only when it retains them, petitioners among them or not.
    public var textsRead: EventTexts {
        retainTexts && !retainsPetitioners ? .caseBookWithoutPetitioners : .caseBook(retainTexts: retainTexts)
    }
}

extension JournalScanner {
    /// Folds every event of `source` (which starts at `position`) into `state`, up to the first damage.
    ///
    /// The writers' catch-up and the readers' replay share this loop. A torn last line is not
    /// damage (it is in the outcome); a line that does not parse, a gap in `seq` or an event the
    /// lifecycle refuses is, and the fold stops there: nothing after it is applied.
    /// - Parameter cutoff: events at or after it are skipped (the end of an as-of day).
    /// - Returns: the scan's outcome and the damage found, if any.
    /// - Throws: ``IOFailure`` when reading fails.
    public func fold<State: JournalFold>(_ source: some ByteSource, from position: JournalPosition, into state: inout State,
                                         skippingFrom cutoff: Instant? = nil) throws(IOFailure) -> (Outcome, JournalProblem?) {
        var decoder = makeDecoder()
        return try fold(source, from: position, expectingSeq: position.seq + 1, decoder: &decoder, into: &state, skippingFrom: cutoff)
    }

    /// ``fold(_:from:into:skippingFrom:)`` where the first line's `seq` is `expectingSeq`, or anything when nil.
    ///
    /// Events are applied in batches of ``FoldBatch/capacity``, each read ahead first
    /// (``JournalFold/readAhead(for:)``); a problem (or a failed read) applies the events before it
    /// first, so the first damage is the same, and the state the same, as when each event is applied as it comes.
    func fold<State: JournalFold>(_ source: some ByteSource, from position: JournalPosition, expectingSeq: Int?,
                                  decoder: inout JournalLineDecoder, into state: inout State,
                                  skippingFrom cutoff: Instant?) throws(IOFailure) -> (Outcome, JournalProblem?) {
        var damage: JournalProblem?
        let batch = FoldBatch()
        // The batch is applied through `batch.apply(to:noting:)`, not a local function: one that
        // captured `damage` and `state` made every access to them checked at run time (about 60
        // instructions an event).
        do {
            let outcome = try scan(source, from: position, expectingSeq: expectingSeq, decoder: &decoder, event: { (event: consuming JournalEvent, line: Int) throws(Never) in
                guard damage == nil else { return }
                if let cutoff, event.at >= cutoff { return }
                if batch.append(event, line: line) { batch.apply(to: &state, noting: &damage) }
            }, problem: { (problem: JournalProblem) throws(Never) in
                batch.apply(to: &state, noting: &damage)
                guard damage == nil else { return }
                if problem.kind != .tornTail { damage = problem }
            })
            batch.apply(to: &state, noting: &damage)
            return (outcome, damage)
        } catch {
            switch error {
            case .source(let failure):
                // As when each event was applied as it came: the state has every event read before the failure.
                batch.apply(to: &state, noting: &damage)
                throw failure
            case .body(let never): switch never {}
            }
        }
    }
}
