/// What a case's figures are made of: the parts of its record that `stats` counts and `audit`'s
/// lights read, with only the names asked for.
///
/// A ``CaseRecord`` holds five references (its number, names and details); copying one retains and
/// releases them all, and handing a record to a function copies it, even from the book's memory.
/// Threads counting a book's cases at once then contend for the reference counts of the same few
/// hundred shared names. `stats` reads these fields from each record where it lies instead
/// (``CaseList/forEachRecord(in:_:)``, with no names: it reads the names it groups by in place),
/// and `audit` through ``CaseList/figures(at:names:)``: only the names asked for are retained.
public struct CaseFigures: Sendable {
    /// The names to take from the record (the others are nil).
    public struct Names: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let unit = Names(rawValue: 1)
        public static let region = Names(rawValue: 2)
        public static let category = Names(rawValue: 4)
        public static let all: Names = [.unit, .region, .category]
    }

    public let receivedDay: LocalDate
    public let channel: Channel
    public let phase: CasePhase
    /// Whether the filing named an earlier case it repeats.
    public let isRepeat: Bool
    public let returns: Int
    public let firstAssigned: Instant?
    public let clockStart: Instant?
    public let closedAt: Instant?
    public let extensionDays: Int
    public let verdict: Satisfaction?
    /// The unit in charge, when asked for (nil too for a case never assigned).
    public let unit: String?
    /// The region and category, when asked for.
    public let region: String?
    public let category: String?

    /// The day the current assignment's handling is due: assignment day + handling limit + extension.
    public func due(policy: Policy) -> LocalDate? {
        guard let clockStart else { return nil }
        return policy.timeZone.localDate(of: clockStart).adding(days: policy.handlingLimitDays + extensionDays)
    }

    /// The case's supervision as of the office-local day `asOf`, or nil when it is not open (never assigned, or closed).
    ///
    /// `audit` prints one line per case with a supervision; `stats` counts them by light,
    /// so the two always agree.
    public func supervision(asOf: LocalDate, policy: Policy) -> Supervision? {
        guard phase == .open, let clockStart, let due = due(policy: policy) else { return nil }
        let assigned = policy.timeZone.localDate(of: clockStart)
        let days = asOf.days(since: assigned)
        return Supervision(assigned: assigned, days: days, light: policy.light(days: days), due: due,
                           overdue: asOf > due, daysSinceFiled: asOf.days(since: receivedDay))
    }
}
