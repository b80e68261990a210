/// The state of every case, built by folding journal events in order, with the lifecycle rules enforced.
///
/// The same fold serves the writers (which check a new event with
/// ``check(_:)`` before writing it), `audit --verify` (which reports any
/// event the rules refuse) and the figures (`stats`, `audit`).
///
/// ```swift
/// var book = CaseBook(policy: policy)
/// try book.apply(event)        // throws LifecycleError when the event breaks the rules
/// ```
/// - Complexity: memory grows with the number of cases, not events.
public struct CaseBook: Sendable {
    public let policy: Policy
    /// Whether summaries, petitioners and respondents are kept (writers need them; the figures do not).
    public let retainTexts: Bool
    /// Whether petitioners are kept too, when texts are (routing reads only summaries and respondents).
    public let retainsPetitioners: Bool
    /// Cases in order of filing.
    public private(set) var cases = CaseList()
    private var indexByID = CaseIndex()
    /// What ``readAhead(for:)`` found: the positions of the batch's cases, in order, and how many
    /// events took theirs since. Recording an event takes the next one when the record there is its
    /// case's (one comparison of case numbers instead of a lookup); else it looks its case up.
    private var aheadPositions: [Int] = []
    private var aheadTaken = 0
    /// The bytes ``readAhead(for:)`` read, mixed: kept only so that the compiler keeps those reads.
    private var readAheadBytes: UInt8 = 0

    /// - Parameter retainPetitioners: whether a book that retains texts keeps the petitioners too.
    public init(policy: Policy, retainTexts: Bool = true, retainPetitioners: Bool = true) {
        self.policy = policy
        self.retainTexts = retainTexts
        retainsPetitioners = retainTexts && retainPetitioners
    }

    /// An empty book that keeps what this one keeps.
    func emptied() -> CaseBook {
        CaseBook(policy: policy, retainTexts: retainTexts, retainPetitioners: retainsPetitioners)
    }

    /// The case with `id`, if it was filed.
    public subscript(id: String) -> CaseRecord? {
        indexByID[id].map { cases[$0] }
    }

    /// Whether no other copy of this book's cases exists (then recording events copies no record).
    mutating func hasNoOtherCopy() -> Bool { cases.hasNoOtherCopy() }

    /// Appends the cases of `later`, a book of the events that follow this one's (the next part of
    /// the same journal, folded on its own), keeping the order of filing.
    /// - Returns: false, changing nothing, when a case of `later` is already in this book (filed twice).
    mutating func absorb(_ later: CaseBook) -> Bool {
        let offset = cases.offsetOfNextList
        switch indexByID.absorbDense(later.indexByID, offset: offset) {
        case false?:
            return false
        case true?:
            break
        case nil:
            // Not only canonical case numbers: taken key by key.
            guard !later.cases.contains(where: { indexByID[$0.id] != nil }) else { return false }
            later.cases.forEachPosition { record, position in indexByID[record.id] = position + offset }
        }
        cases.append(contentsOf: later.cases)
        return true
    }

    /// The number of cases.
    public var count: Int { cases.count }

    /// Checks that `event` may happen now, without recording it.
    /// - Throws: ``LifecycleError`` naming the case and its state.
    public func check(_ event: JournalEvent) throws(LifecycleError) {
        let id = event.caseID
        if case .filed = event.payload {
            guard indexByID[id, event.caseKey] == nil else { throw LifecycleError(caseID: id, message: "was already filed") }
            return
        }
        guard let index = indexByID[id, event.caseKey] else { throw LifecycleError.neverFiled(id) }
        var copy = cases[index]
        try copy.record(event, policy: policy)
    }

    /// Brings the records of the events' cases into the cache before they are recorded: first
    /// every case's position, then a byte of each of their cache lines, in one tight loop.
    ///
    /// A province's book is tens of MiB and an event's case was filed weeks of lines before it,
    /// so its record is rarely in the cache; read one by one as the events are recorded, each
    /// record would wait on memory in turn. Read together, their waits overlap.
    public mutating func readAhead(for events: UnsafeBufferPointer<JournalEvent>) {
        aheadPositions.removeAll(keepingCapacity: true)
        aheadTaken = 0
        for index in events.indices where events[index].kind != .filed {
            if let position = indexByID.value(of: events[index].caseKey) ?? indexByID[events[index].caseID] {
                aheadPositions.append(position)
            }
        }
        readAheadPositions()
    }

    /// ``readAhead(for:)`` for the events a journal's later part kept aside (none of them a
    /// filing), recorded in this order when the parts are joined.
    mutating func readAhead(forKept events: UnsafeBufferPointer<DeferredEvent>) {
        aheadPositions.removeAll(keepingCapacity: true)
        aheadTaken = 0
        for index in events.indices {
            if let position = indexByID.value(of: events[index].caseKey) ?? indexByID[events[index].caseID] {
                aheadPositions.append(position)
            }
        }
        readAheadPositions()
    }

    /// Reads a byte of each cache line of the records at ``aheadPositions``.
    private mutating func readAheadPositions() {
        var mixed: UInt8 = 0
        for position in aheadPositions { mixed ^= cases.readAhead(position) }
        readAheadBytes ^= mixed
    }

    /// Records `event`.
    ///
    /// An event for an existing case changes its record in place (no copy of the record per
    /// event: this is the reading verbs' inner loop).
    /// - Throws: ``LifecycleError`` (and records nothing) when the event breaks the lifecycle.
    public mutating func apply(_ event: JournalEvent) throws(LifecycleError) {
        guard try applyIfFiled(event) else { throw LifecycleError.neverFiled(event.caseID) }
    }

    /// ``apply(_:)``, except that an event of a case this book never saw filed is not an error:
    /// it is left unrecorded and the answer is false (a reader of a journal's later part keeps
    /// such events for the book of the parts before).
    mutating func applyIfFiled(_ event: JournalEvent) throws(LifecycleError) -> Bool {
        let id = event.caseID
        if case .filed(let filing) = event.payload {
            let position = cases.nextPosition
            guard indexByID.insertNew(id, caseKey: event.caseKey, value: position) else { throw LifecycleError(caseID: id, message: "was already filed") }
            let appended = cases.append(CaseRecord(id: id, filing: filing, at: event.at, timeZone: policy.timeZone,
                                                   retainTexts: retainTexts, retainPetitioner: retainsPetitioners))
            assert(appended == position)
            return true
        }
        let position: Int
        if aheadTaken < aheadPositions.count, cases.caseID(at: aheadPositions[aheadTaken]) == id {
            position = aheadPositions[aheadTaken]
            aheadTaken += 1
        } else {
            guard let found = indexByID[id, event.caseKey] else { return false }
            position = found
        }
        let policy = self.policy
        try cases.update(at: position) { (record: inout CaseRecord) throws(LifecycleError) in try record.record(event, policy: policy) }
        return true
    }
}
