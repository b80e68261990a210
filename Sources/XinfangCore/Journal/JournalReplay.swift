/// Reads the whole journal once, as a stream, into a ``CaseBook`` as it stood at the end of an office-local day.
///
/// This is the reading verbs' single pass (`audit`, `stats`): events whose
/// `at` falls after `asOf` are ignored (a case's events never go back in
/// time, so what is ignored is always the tail of each case's life). A torn
/// last line is reported on stderr and not counted; any other damage stops
/// the reading with ``JournalError/damaged(path:problem:)``.
public enum JournalReplay {
    /// The cases as of the end of `asOf` (all events when nil).
    ///
    /// - Parameters:
    ///   - path: the journal; a missing file is ``JournalError/missing(path:)``.
    ///   - policy: time zone and limits for the fold.
    ///   - asOf: the last office-local day whose events count.
    ///   - readers: how many threads may read parts of a large journal at once (1: one pass on this thread).
    ///   - warn: called with a message for a torn last line.
    /// - Complexity: one pass over the file; memory grows with the number of cases.
    public static func load(path: String, policy: Policy, asOf: LocalDate?, retainTexts: Bool = false,
                            readers: Int = defaultReaders, warn: (String) -> Void) throws(JournalError) -> CaseBook {
        try load(path: path, policy: policy, asOf: asOf, retainTexts: retainTexts, readers: readers,
                 minimumPartBytes: defaultMinimumPartBytes, warn: warn)
    }

    /// ``load(path:policy:asOf:retainTexts:readers:warn:)`` with parts of at least `minimumPartBytes` (tests cut small journals).
    static func load(path: String, policy: Policy, asOf: LocalDate?, retainTexts: Bool, readers: Int, minimumPartBytes: Int,
                     warn: (String) -> Void) throws(JournalError) -> CaseBook {
        let file = try JournalFile.openForReading(path: path)
        var book = CaseBook(policy: policy, retainTexts: retainTexts)
        let zone = policy.timeZone
        let cutoff = asOf.map { zone.startOfDay($0.adding(days: 1)) }
        // The events only feed the book: texts it does not keep are checked but not decoded.
        let scanner = JournalScanner(timeZone: zone, verifyChain: false, decodesFast: true,
                                     texts: .caseBook(retainTexts: retainTexts), tracksHash: false)
        if readers > 1, let parts = try loadInParts(file: file, parts: readers, minimumPartBytes: minimumPartBytes,
                                                   scanner: scanner, book: book, cutoff: cutoff) {
            if let line = parts.tornLine { warn(tornWarning(path: path, line: line)) }
            return parts.book
        }
        let source = file.source(from: 0)
        let (outcome, damage): (JournalScanner.Outcome, JournalProblem?)
        do throws(IOFailure) {
            (outcome, damage) = try scanner.fold(source, from: .start, into: &book, skippingFrom: cutoff)
        } catch {
            throw .io(error)
        }
        if let damage { throw .damaged(path: path, problem: damage) }
        if let torn = outcome.tornTail {
            warn(tornWarning(path: path, line: torn.line))
        }
        return book
    }

    private static func tornWarning(path: String, line: Int) -> String {
        "journal \(path): line \(line) is torn (a write cut off by a crash, never acknowledged); not counted"
    }
}
