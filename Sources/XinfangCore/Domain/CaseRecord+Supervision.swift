/// Where an open case stands under supervision (督办) on a given day: the one computation `audit` and `stats` share.
public struct Supervision: Sendable, Equatable {
    /// The office-local day of the latest assignment, transfer or return: the clock counts from it.
    public let assigned: LocalDate
    /// Calendar days from ``assigned`` to the as-of day.
    public let days: Int
    /// The light for ``days`` under the policy's thresholds.
    public let light: Light
    /// The day handling is due: ``assigned`` + handling limit + the extension of this assignment.
    public let due: LocalDate
    /// Whether the as-of day is past ``due``.
    public let overdue: Bool
    /// Calendar days from the day of receipt to the as-of day.
    public let daysSinceFiled: Int
}

extension CaseRecord {
    /// The case's supervision as of the office-local day `asOf`, or nil when it is not open (never assigned, or closed).
    ///
    /// `audit` prints one line per case with a supervision; `stats` counts them by light,
    /// so the two always agree (both go through ``CaseFigures/supervision(asOf:policy:)``).
    public func supervision(asOf: LocalDate, policy: Policy) -> Supervision? {
        figures(names: []).supervision(asOf: asOf, policy: policy)
    }
}
