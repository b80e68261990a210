/// State built from the journal's events, which a writing verb consults before adding its own.
public protocol JournalFold {
    /// Records `event`, or throws when the event breaks the lifecycle (and then records nothing).
    mutating func apply(_ event: JournalEvent) throws(LifecycleError)
}

extension CaseBook: JournalFold {}

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
        try fold(source, from: position, expectingSeq: position.seq + 1, into: &state, skippingFrom: cutoff)
    }

    /// ``fold(_:from:into:skippingFrom:)`` where the first line's `seq` is `expectingSeq`, or anything when nil.
    func fold<State: JournalFold>(_ source: some ByteSource, from position: JournalPosition, expectingSeq: Int?,
                                  into state: inout State, skippingFrom cutoff: Instant?) throws(IOFailure) -> (Outcome, JournalProblem?) {
        var damage: JournalProblem?
        do {
            let outcome = try scan(source, from: position, expectingSeq: expectingSeq, event: { (event: JournalEvent, line: Int) throws(Never) in
                guard damage == nil else { return }
                if let cutoff, event.at >= cutoff { return }
                do throws(LifecycleError) {
                    try state.apply(event)
                } catch {
                    damage = JournalProblem(line: line, kind: .lifecycle, message: error.description)
                }
            }, problem: { (problem: JournalProblem) throws(Never) in
                guard damage == nil else { return }
                if problem.kind != .tornTail { damage = problem }
            })
            return (outcome, damage)
        } catch {
            switch error {
            case .source(let failure): throw failure
            case .body(let never): switch never {}
            }
        }
    }
}
