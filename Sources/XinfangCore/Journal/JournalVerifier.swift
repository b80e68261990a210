/// Checks a whole journal and reports every problem with its line number (`audit --verify`).
///
/// One pass: the ``JournalScanner`` (with the hash chain recomputed) finds
/// lines that do not parse, a torn last line, gaps and repeats in `seq` and
/// breaks in the chain; a ``CaseBook`` fold finds events for cases never
/// filed and events the lifecycle refuses. Unlike the readers, the verifier
/// does not stop at the first problem: an event the fold refuses is reported
/// and left out, and the fold goes on with the next line.
///
/// Two refinements keep one damage from being reported many times. A line
/// that does not parse is reported as `malformed` only (not also as a break
/// in the chain). And `seq` is checked here rather than by the scanner: a line
/// is in order when its `seq` is one more than the line before's or one more
/// than the highest seen so far, so two swapped lines or a line repeated
/// further down give one problem each, not one for every line after them.
///
/// A clean journal is first read the fast way, on every core (see ``cleanSummary(file:readers:minimumPartBytes:)``);
/// any problem at all leaves it to the reporting pass described here, which words every finding.
///
/// - Complexity: one pass (two when there is a problem); memory grows with the number of cases.
public struct JournalVerifier {
    /// A problem found, in the order of the lines.
    public struct Finding: Sendable, Equatable {
        /// What kind of problem: the scanner's kinds, `lifecycle`, and `unknown_case`.
        public enum Problem: String, Sendable {
            case malformed, torn, sequence, chain, lifecycle
            /// An event for a case that was never filed.
            case unknownCase = "unknown_case"
        }

        public var line: Int
        public var problem: Problem
        /// The case the line is about, when the line could be read.
        public var caseID: String?
        public var message: String
    }

    /// What the whole pass saw.
    public struct Summary: Sendable, Equatable {
        /// Lines read, a torn last line included.
        public var lines = 0
        /// The last `seq` read (0 when none).
        public var lastSeq = 0
        /// Cases filed.
        public var cases = 0
        /// Problems found.
        public var problems = 0
    }

    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// Reads the journal at `path`, calling `report` for each problem as it is found.
    /// - Parameter readers: how many threads may check parts of a large journal at once (1: one thread).
    /// - Throws: ``JournalError/missing(path:)`` or ``JournalError/io(_:)``; damage is reported, not thrown.
    public func verify(path: String, readers: Int = JournalReplay.defaultReaders, report: (Finding) -> Void) throws(JournalError) -> Summary {
        try verify(path: path, readers: readers, minimumPartBytes: JournalReplay.defaultMinimumPartBytes, report: report)
    }

    /// ``verify(path:readers:report:)`` with parts of at least `minimumPartBytes` (tests cut small journals).
    func verify(path: String, readers: Int, minimumPartBytes: Int, report: (Finding) -> Void) throws(JournalError) -> Summary {
        let file = try JournalFile.openForReading(path: path)
        if let clean = try cleanSummary(file: file, readers: readers, minimumPartBytes: minimumPartBytes) { return clean }
        return try reportingPass(file: file, report: report)
    }

    /// The single pass that finds and words every problem, in line order.
    func reportingPass(file: JournalFile, report: (Finding) -> Void) throws(JournalError) -> Summary {
        let source = file.source(from: 0)
        var book = CaseBook(policy: policy, retainTexts: false)
        var summary = Summary()
        // The scanner reports a line's problems before its event; they wait here to learn the line's case.
        var waiting: [JournalProblem] = []
        // The previous line's seq (nil after a line whose seq is unknown) and the highest seq so far.
        var previousSeq: Int? = 0
        var highestSeq = 0
        func emit(_ finding: Finding) {
            summary.problems += 1
            report(finding)
        }
        func flush(caseID: String?) {
            let malformed = waiting.contains { $0.kind == .malformed }
            for problem in waiting where !(malformed && problem.kind == .chain) {
                emit(Finding(line: problem.line, problem: Finding.Problem(problem.kind), caseID: caseID, message: problem.message))
            }
            waiting.removeAll()
        }
        let outcome: JournalScanner.Outcome
        do {
            outcome = try Self.scanner(policy).scan(source, from: .start) {
                (item: JournalScanner.Item) throws(Never) in
                switch item {
                case .problem(let problem):
                    if let first = waiting.first, first.line != problem.line { flush(caseID: nil) }
                    switch problem.kind {
                    case .sequence: return
                    case .malformed, .tornTail: previousSeq = nil
                    case .chain, .lifecycle: break
                    }
                    waiting.append(problem)
                case .event(let event, let line):
                    if let previous = previousSeq, event.seq != previous + 1, event.seq != highestSeq + 1 {
                        let expected = previous + 1
                        waiting.append(JournalProblem(line: line, kind: .sequence,
                            message: "seq \(event.seq) where \(expected) was expected (\(event.seq > expected ? "lines missing" : "lines repeated or reordered"))"))
                    }
                    previousSeq = event.seq
                    highestSeq = max(highestSeq, event.seq)
                    flush(caseID: event.caseID)
                    summary.lastSeq = event.seq
                    let known = book[event.caseID] != nil
                    do throws(LifecycleError) {
                        try book.apply(event)
                    } catch {
                        let kind: Finding.Problem = known || event.kind == .filed ? .lifecycle : .unknownCase
                        emit(Finding(line: line, problem: kind, caseID: event.caseID, message: error.description))
                    }
                }
            }
        } catch {
            switch error {
            case .source(let failure): throw .io(failure)
            case .body(let never): switch never {}
            }
        }
        flush(caseID: nil)
        summary.lines = outcome.position.lines + (outcome.tornTail == nil ? 0 : 1)
        summary.cases = book.count
        return summary
    }
}

extension JournalVerifier.Finding.Problem {
    init(_ kind: JournalProblem.Kind) {
        switch kind {
        case .malformed: self = .malformed
        case .tornTail: self = .torn
        case .sequence: self = .sequence
        case .chain: self = .chain
        case .lifecycle: self = .lifecycle
        }
    }
}
