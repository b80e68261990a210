/// `audit --verify` on a clean journal: the chain and the fold checked on every core.
///
/// A line stores its own hash, so any run of lines can be checked given the hash stored in the
/// line just before it. The journal is therefore read as the readers read it
/// (``JournalReplay/loadInParts(file:parts:minimumPartBytes:scanner:book:cutoff:)``): cut at
/// line breaks into chunks, each part folded on its own thread by a scanner that also checks
/// the chain from the hash stored before the part, the parts' books joined in order. Only a
/// journal in plain order throughout is answered this way (no problem of any kind, not even a
/// torn last line); anything else gives nil, and the reporting pass reads the journal again
/// and words every finding, exactly as it always has.
extension JournalVerifier {
    /// The summary of a clean journal, read on up to `readers` threads; nil when the journal has any
    /// problem (or when its parts could not be joined), which only the reporting pass may word.
    /// - Throws: ``JournalError/io(_:)`` when reading fails.
    func cleanSummary(file: JournalFile, readers: Int, minimumPartBytes: Int) throws(JournalError) -> Summary? {
        let scanner = Self.scanner(policy)
        let empty = CaseBook(policy: policy, retainTexts: false)
        guard readers > 1, try JournalReplay.partRanges(file: file, parts: readers, minimumPartBytes: minimumPartBytes).count > 1 else {
            return try cleanSummaryInOnePass(file: file, scanner: scanner, book: empty)
        }
        guard let parts = try JournalReplay.loadInParts(file: file, parts: readers, minimumPartBytes: minimumPartBytes,
                                                        scanner: scanner, book: empty, cutoff: nil),
              parts.tornLine == nil else { return nil }
        return Summary(lines: parts.lines, lastSeq: parts.lastSeq ?? 0, cases: parts.book.count, problems: 0)
    }

    /// ``cleanSummary(file:readers:minimumPartBytes:)`` on this thread: the readers' fold, with
    /// the chain checked; any damage, or a torn last line, leaves the journal to the reporting pass.
    private func cleanSummaryInOnePass(file: JournalFile, scanner: JournalScanner, book empty: CaseBook) throws(JournalError) -> Summary? {
        var book = empty
        let outcome: JournalScanner.Outcome
        do throws(IOFailure) {
            let (folded, damage) = try scanner.fold(file.source(from: 0), from: .start, into: &book)
            guard damage == nil, folded.tornTail == nil else { return nil }
            outcome = folded
        } catch {
            throw .io(error)
        }
        return Summary(lines: outcome.position.lines, lastSeq: outcome.position.seq, cases: book.count, problems: 0)
    }

    /// The scanner of both passes: the chain recomputed, and only the texts a ``CaseBook`` reads made into strings.
    static func scanner(_ policy: Policy) -> JournalScanner {
        JournalScanner(timeZone: policy.timeZone, verifyChain: true, decodesFast: true, texts: .caseBook(retainTexts: false))
    }
}

extension JournalFile {
    /// For each offset, the 64 hex digits of the `hash` that ends the line just before it: what the
    /// line at the offset must chain to (``JournalEvent/genesisHash`` for offset 0).
    ///
    /// A line that does not end with a hash gives the genesis hash: that line is then itself a
    /// problem, found where it is read.
    /// - Throws: ``JournalError/io(_:)`` when reading fails.
    func storedHashes(before offsets: [Int]) throws(JournalError) -> [String] {
        try offsets.map { (offset) throws(JournalError) in try storedHash(ofLineEndingAt: offset) ?? JournalEvent.genesisHash }
    }
}
