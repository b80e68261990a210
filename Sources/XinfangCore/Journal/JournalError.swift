/// Why the journal cannot be used; every such failure exits with status 3 and writes nothing.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// A reading verb was pointed at a journal that does not exist.
    case missing(path: String)
    /// A system call failed (permissions, disk full, …).
    case io(IOFailure)
    /// The journal has a damaged line that a writer must not build on, or a reader cannot count past.
    case damaged(path: String, problem: JournalProblem)

    public var description: String {
        switch self {
        case .missing(let path):
            return "journal \(path) does not exist (give --journal PATH or set XINFANG_JOURNAL)"
        case .io(let failure):
            return "journal: \(failure)"
        case .damaged(let path, let problem):
            return "journal \(path): \(problem); run 'xinfang audit --verify' for a full report"
        }
    }
}
