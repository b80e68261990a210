import Foundation

/// A writer's state that a large journal can be read into on several threads when the writer
/// opens it, as the readers read one (``JournalReplay/loadInParts(file:parts:minimumPartBytes:scanner:book:indexesFilings:cutoff:)``),
/// instead of in one pass: a ``CaseBook`` (`assign`, `reply`, …), or `file`'s ``FilingState``.
///
/// A writer opens the journal with an empty state and reads every line into it before it
/// decides anything; on a province's journal (a million events) that reading is most of the
/// command's time, so it is shared among the cores. Later catch-ups (lines other writers
/// appended since) are short and stay in one pass.
protocol PartsLoadable: JournalFold {
    /// This empty state with every event of the journal in `file` folded in, read in parts on
    /// `readers` threads, and the outcome the one pass would give (where the reading ended, the
    /// last line's `seq` and hash, a torn last line); nil when the journal is too small to share
    /// out or anything is out of plain order (the one pass then reads it, and words any damage).
    func loadedInParts(file: JournalFile, readers: Int) throws(JournalError) -> (Self, JournalScanner.Outcome)?
}

extension CaseBook: PartsLoadable {
    func loadedInParts(file: JournalFile, readers: Int) throws(JournalError) -> (CaseBook, JournalScanner.Outcome)? {
        guard let (parts, outcome) = try JournalReplay.writerStart(file: file, readers: readers, book: self, texts: textsRead,
                                                                  indexesFilings: false) else { return nil }
        return (parts.book, outcome)
    }
}

extension FilingState: PartsLoadable {
    func loadedInParts(file: JournalFile, readers: Int) throws(JournalError) -> (FilingState, JournalScanner.Outcome)? {
        guard let (parts, outcome) = try JournalReplay.writerStart(file: file, readers: readers, book: book, texts: textsRead,
                                                                  indexesFilings: true),
              let index = parts.index else { return nil }
        return (FilingState(book: parts.book, index: index), outcome)
    }
}

extension JournalReplay {
    /// A writer's first reading of the journal, in parts: the parts' book (and filing index when
    /// `indexesFilings`), and the outcome the one pass would give; nil when the one pass must read it.
    ///
    /// The one pass keeps the hash of the last line that ends with one; the parts do not track
    /// hashes, so the last complete line's is read from the file, and a journal whose last line
    /// ends without one (never written so by xinfang) is left to the one pass.
    static func writerStart(file: JournalFile, readers: Int, book empty: CaseBook, texts: EventTexts, indexesFilings: Bool,
                            minimumPartBytes: Int = defaultMinimumPartBytes) throws(JournalError) -> (PartsOutcome, JournalScanner.Outcome)? {
        guard readers > 1 else { return nil }
        let scanner = JournalScanner(timeZone: empty.policy.timeZone, verifyChain: false, decodesFast: true, texts: texts,
                                     tracksHash: false)
        guard let parts = try loadInParts(file: file, parts: readers, minimumPartBytes: minimumPartBytes, scanner: scanner,
                                          book: empty, indexesFilings: indexesFilings, cutoff: nil),
              let hash = try parts.end == 0 ? JournalEvent.genesisHash : file.storedHash(ofLineEndingAt: parts.end) else { return nil }
        let position = JournalPosition(offset: parts.end, lines: parts.lines, seq: parts.lastSeq ?? 0, hash: hash)
        return (parts, JournalScanner.Outcome(position: position, tornTail: parts.tornTail))
    }
}
