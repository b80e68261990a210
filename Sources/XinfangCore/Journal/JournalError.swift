/// Why the journal cannot be used; every such failure exits with status 3 and writes nothing.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// A reading verb was pointed at a journal that does not exist.
    case missing(path: String)
    /// A system call failed (permissions, disk full, …).
    case io(IOFailure)
    /// The journal has a damaged line that a writer must not build on, or a reader cannot count past.
    case damaged(path: String, problem: JournalProblem)
    /// A writer cannot open or create the journal for writing (read-only file or file system, no such directory).
    case notWritable(path: String, failure: IOFailure)
    /// Appending a batch failed (disk full, file too large, I/O error) and the journal was cut back to
    /// before the batch; `acknowledged` events of earlier batches were written and printed.
    case appendFailed(path: String, failure: IOFailure, acknowledged: Int)

    public var description: String {
        switch self {
        case .missing(let path):
            return "journal \(path) does not exist (give --journal PATH or set XINFANG_JOURNAL)"
        case .io(let failure):
            return "journal: \(failure)"
        case .damaged(let path, let problem):
            return "journal \(path): \(problem); run 'xinfang audit --verify' for a full report"
        case .notWritable(let path, let failure):
            return "journal \(path): \(failure); nothing was written"
        case .appendFailed(let path, let failure, let acknowledged):
            let before = acknowledged == 0 ? "" : " (the \(acknowledged) events printed before it are written; "
                + "running the same input again after fixing this files the rest and shows those as duplicates)"
            return "journal \(path): \(failure); nothing from this batch was written\(before)"
        }
    }
}
