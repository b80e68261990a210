/// What `file` needs to know of earlier filings: source IDs and fingerprints (duplicates),
/// petitioners' cases (repeat petitions) and the last sequence number per year (case numbers).
public struct FilingIndex: Sendable {
    /// An earlier case of one petitioner, for repeat detection.
    struct EarlierCase: Sendable {
        let caseID: String
        let received: Instant
        let respondent: String?
        let category: String
    }

    private var bySourceID = FilingKeyTable<String>()
    private var byFingerprint = FilingKeyTable<String>()
    private var byPetitioner = FilingKeyTable<EarlierCases>()

    /// A petitioner's earlier cases, in the order noted: most petitioners have one, kept without an array.
    enum EarlierCases: Sendable {
        case one(EarlierCase)
        case many([EarlierCase])

        /// Adds a later case.
        mutating func append(_ later: EarlierCase) {
            switch self {
            case .one(let first): self = .many([first, later])
            case .many(var cases):
                self = .one(later)  // drops this enum's reference, so the array is appended to in place
                cases.append(later)
                self = .many(cases)
            }
        }

        /// Adds `later`'s cases after these, in their order.
        mutating func append(contentsOf later: EarlierCases) {
            later.forEach { append($0) }
        }

        /// Calls `body` with each case, in the order noted.
        func forEach(_ body: (EarlierCase) -> Void) {
            switch self {
            case .one(let only): body(only)
            case .many(let cases): cases.forEach(body)
            }
        }
    }
    /// The highest sequence used, per office code and year.
    private var lastSequence = SequenceTable()
    private let timeZone: OfficeTimeZone
    /// The filing ``note(caseID:filing:received:)`` is told to expect, with what it needs of it.
    private var expected: Expected?

    /// A case about to be noted: its filing (with its keys) and its number.
    private struct Expected: Sendable {
        let ready: ReadyFiling
        let number: CaseNumber
        let caseID: String
    }

    public init(timeZone: OfficeTimeZone) {
        self.timeZone = timeZone
    }

    /// The case an identical earlier submission was filed as, if any.
    public func duplicate(of filing: Filing, received: Instant) -> String? {
        duplicate(keys: FilingKeys(filing, received: received, timeZone: timeZone))
    }

    /// ``duplicate(of:received:)`` given the filing's keys.
    func duplicate(keys: FilingKeys) -> String? {
        if let sourceID = keys.sourceID { return bySourceID[sourceID] }
        return byFingerprint[keys.fingerprint]
    }

    /// Reads a byte of the slots the lookups of ``duplicate(keys:)`` and ``repeatOf(category:respondent:identity:received:)``
    /// start at, ahead of them (``PreparedPetition/readAhead(_:index:)``).
    func readAhead(_ keys: borrowing FilingKeys) -> UInt8 {
        var mixed = keys.sourceID.map { bySourceID.readAhead($0) } ?? byFingerprint.readAhead(keys.fingerprint)
        if let identity = keys.identity { mixed ^= byPetitioner.readAhead(identity) }
        return mixed
    }

    /// Says that the filing `ready` (taken out of it into the event) is about to be noted as case
    /// `number`, so that ``note(caseID:filing:received:)`` does not make its keys again.
    ///
    /// `file` decides a letter and the writer records its event at once; the case number is new
    /// (the next of its office and year, above every number noted), so only that event can be
    /// noted with this case number: any other filing of it would be refused by the case book
    /// first. The note checks the case number and the receipt time, and forgets the expectation
    /// either way; a new decision replaces it.
    mutating func expectNote(of ready: ReadyFiling, number: CaseNumber, caseID: String) {
        expected = Expected(ready: ready, number: number, caseID: caseID)
    }

    /// The most recent case of the same petitioner about the same respondent or category, received on or before `received`.
    public func repeatOf(_ filing: Filing, received: Instant) -> String? {
        repeatOf(category: filing.category, respondent: filing.respondent,
                 identity: filing.petitioner?.identityKey.map { FilingKey($0) }, received: received)
    }

    /// ``repeatOf(_:received:)`` given what it compares of the filing (its category and respondent:
    /// the deciding thread reads these two, not the whole filing) and the petitioner's identity key.
    func repeatOf(category: String, respondent: String?, identity: FilingKey?, received: Instant) -> String? {
        guard let identity, let earlier = byPetitioner[identity] else { return nil }
        var best: EarlierCase?
        earlier.forEach { candidate in
            guard candidate.received <= received else { return }
            let sameMatter = candidate.category == category
                || (respondent != nil && candidate.respondent == respondent)
            guard sameMatter else { return }
            if best == nil || candidate.received >= best!.received { best = candidate }
        }
        return best?.caseID
    }

    /// The next unused case number for a petition received at `received`.
    public func nextCaseNumber(office: String, received: Instant) -> CaseNumber {
        let year = timeZone.localDate(of: received).year
        return CaseNumber(office: office, year: year, sequence: lastSequence.last(office: office, year: year) + 1)
    }

    /// Takes in the filings `later` noted, as if they were noted here after this index's own (the
    /// filing index of a journal's later part, read on another thread): an earlier case keeps its
    /// `source_id` and fingerprint, a petitioner's cases follow in order, and case numbers go on
    /// from the highest.
    mutating func absorb(_ later: FilingIndex) {
        bySourceID.absorb(later.bySourceID) { _, _ in }
        byFingerprint.absorb(later.byFingerprint) { _, _ in }
        byPetitioner.absorb(later.byPetitioner) { $0.append(contentsOf: $1) }
        lastSequence.absorb(later.lastSequence)
    }

    /// Records a `filed` event.
    public mutating func note(caseID: String, filing: Filing, received: Instant) {
        // Taken out, not copied: the expectation's keys are read where they are.
        if let expectation = expected.take(), expectation.caseID == caseID, expectation.ready.received == received {
            note(caseID: caseID, keys: expectation.ready.keys, number: expectation.number, filing: filing, received: received)
        } else {
            note(caseID: caseID, keys: FilingKeys(filing, received: received, timeZone: timeZone),
                 number: CaseNumber(parsing: caseID), filing: filing, received: received)
        }
    }

    /// ``note(caseID:filing:received:)`` given the filing's keys and its case number (nil when not canonical).
    private mutating func note(caseID: String, keys: borrowing FilingKeys, number: CaseNumber?, filing: borrowing Filing,
                               received: Instant) {
        if let sourceID = keys.sourceID { bySourceID.insertIfAbsent(sourceID, caseID) }
        byFingerprint.insertIfAbsent(keys.fingerprint, caseID)
        if let identity = keys.identity {
            let earlier = EarlierCase(caseID: caseID, received: received, respondent: filing.respondent, category: filing.category)
            byPetitioner.update(identity, insertingIfAbsent: .one(earlier)) { $0.append(earlier) }
        }
        if let number { lastSequence.raise(office: number.office, year: number.year, to: number.sequence) }
    }
}

/// The state `file` keeps: every case, plus the filing index.
public struct FilingState: JournalFold {
    public var book: CaseBook
    public var index: FilingIndex
    /// The receipt time last echoed, as text (letters in a row are often received at the same time).
    var echoStamp = InstantText()
    /// Where the echo's start is written, letter after letter.
    var echoStart: [UInt8] = []

    public init(policy: Policy) {
        self.init(book: CaseBook(policy: policy, retainTexts: false), index: FilingIndex(timeZone: policy.timeZone))
    }

    /// The state of a journal whose cases are in `book` and whose filings are noted in `index`.
    init(book: CaseBook, index: FilingIndex) {
        self.book = book
        self.index = index
    }

    public mutating func readAhead(for events: UnsafeBufferPointer<JournalEvent>) {
        book.readAhead(for: events)
    }

    /// The filings' texts (their keys), and what the book keeps of the other events.
    public var textsRead: EventTexts { .filings }

    public mutating func apply(_ event: JournalEvent) throws(LifecycleError) {
        try book.apply(event)
        if case .filed(let filing) = event.payload {
            index.note(caseID: event.caseID, filing: filing, received: event.at)
        }
    }
}

/// The highest case sequence used per office code and year.
///
/// Letters come mostly from one office and one year in a row, so the pair last used is kept
/// aside (and is the only up-to-date copy of its sequence) and looked at first; the table is
/// only consulted, and updated, when the pair changes.
struct SequenceTable: Sendable {
    private struct Key: Hashable, Sendable {
        let office: String
        let year: Int
    }

    private var stored: [Key: Int] = [:]
    private var current: (key: Key, last: Int)?

    /// The highest sequence used for `office` in `year` (0 for none).
    func last(office: String, year: Int) -> Int {
        if let current, current.key.year == year, current.key.office == office { return current.last }
        return stored[Key(office: office, year: year)] ?? 0
    }

    /// Records every sequence `later` records.
    mutating func absorb(_ later: SequenceTable) {
        for (key, last) in later.stored { raise(office: key.office, year: key.year, to: last) }
        if let (key, last) = later.current { raise(office: key.office, year: key.year, to: last) }
    }

    /// Records that `sequence` was used for `office` in `year`.
    mutating func raise(office: String, year: Int, to sequence: Int) {
        if let kept = current, kept.key.year == year, kept.key.office == office {
            current = (kept.key, max(kept.last, sequence))
            return
        }
        if let kept = current { stored[kept.key] = kept.last }
        let key = Key(office: office, year: year)
        current = (key, max(stored[key] ?? 0, sequence))
    }
}
