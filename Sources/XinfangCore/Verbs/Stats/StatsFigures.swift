/// The counts of one group of cases: the funnel from `filed` down to `rated`, and the open cases by light.
///
/// Every count is a subset of the one above it (SPEC §3): `repeats` and `assigned` of `filed`;
/// `accepted_in_time`, `closed`, `returned` and the lights of `assigned`; `on_time` and `rated` of
/// `closed`; the three verdicts add up to `rated`. Counts add up across groups, so the total row is the
/// sum of its groups (and partial figures from several journals can be merged by adding).
public struct StatsCounts: Sendable, Equatable {
    public var filed = 0
    public var repeats = 0
    public var assigned = 0
    public var acceptedInTime = 0
    public var closed = 0
    public var onTime = 0
    public var rated = 0
    public var satisfied = 0
    public var basicallySatisfied = 0
    public var unsatisfied = 0
    public var returned = 0
    public var green = 0
    public var yellow = 0
    public var red = 0
    /// Cases of the same group received in the period one year earlier; nil when there is no such period.
    public var filedPrevYear: Int?

    public init() {}

    /// Counts one case received in the period, as the book stands at the end of `asOf`.
    public mutating func count(_ record: CaseRecord, asOf: LocalDate, policy: Policy) {
        count(record.figures(names: []), asOf: asOf, policy: policy)
    }

    /// ``count(_:asOf:policy:)`` from the case's figures.
    public mutating func count(_ figures: CaseFigures, asOf: LocalDate, policy: Policy) {
        filed += 1
        if figures.isRepeat { repeats += 1 }
        guard figures.phase != .filed else { return }
        assigned += 1
        if figures.returns > 0 { returned += 1 }
        if let first = figures.firstAssigned,
           policy.timeZone.localDate(of: first).days(since: figures.receivedDay) <= policy.acceptanceLimitDays {
            acceptedInTime += 1
        }
        if let supervision = figures.supervision(asOf: asOf, policy: policy) {
            switch supervision.light {
            case .green: green += 1
            case .yellow: yellow += 1
            case .red: red += 1
            }
        }
        guard figures.phase == .closed, let closedAt = figures.closedAt else { return }
        closed += 1
        if let due = figures.due(policy: policy), policy.timeZone.localDate(of: closedAt) <= due { onTime += 1 }
        guard let verdict = figures.verdict else { return }
        rated += 1
        switch verdict {
        case .satisfied: satisfied += 1
        case .basicallySatisfied: basicallySatisfied += 1
        case .unsatisfied: unsatisfied += 1
        }
    }

    /// Adds another group's counts (the previous year's too, when either has one).
    public mutating func add(_ other: StatsCounts) {
        filed += other.filed
        repeats += other.repeats
        assigned += other.assigned
        acceptedInTime += other.acceptedInTime
        closed += other.closed
        onTime += other.onTime
        rated += other.rated
        satisfied += other.satisfied
        basicallySatisfied += other.basicallySatisfied
        unsatisfied += other.unsatisfied
        returned += other.returned
        green += other.green
        yellow += other.yellow
        red += other.red
        if let prev = other.filedPrevYear { filedPrevYear = (filedPrevYear ?? 0) + prev }
    }
}

/// One row of `xinfang stats`: a group's counts with the rates, growth, share and score derived from them.
public struct StatsRow: Sendable {
    /// The group's key values in `--by` order (empty for the total row).
    public let keys: [String?]
    /// Whether this is the total row.
    public let isTotal: Bool
    public let counts: StatsCounts
    /// 及时受理率: `accepted_in_time / filed`.
    public let timelyAcceptanceRate: Double?
    /// 办结率: `closed / assigned`.
    public let closureRate: Double?
    /// 按期办结率: `on_time / closed`.
    public let onTimeRate: Double?
    /// 参评率: `rated / closed`.
    public let participationRate: Double?
    /// 满意率: `(satisfied + basically_satisfied) / rated`.
    public let satisfactionRate: Double?
    /// 同比: `filed / filed_prev_year - 1`.
    public let yoyGrowth: Double?
    /// This group's `filed` over the total's `filed`.
    public let share: Double?
    /// 100 × the weighted mean of the five rates that are not null.
    public let score: Double?

    init(keys: [String?], isTotal: Bool, counts c: StatsCounts, totalFiled: Int, weights: ScoreWeights) {
        self.keys = keys
        self.isTotal = isTotal
        self.counts = c
        timelyAcceptanceRate = Self.rate(c.acceptedInTime, c.filed)
        closureRate = Self.rate(c.closed, c.assigned)
        onTimeRate = Self.rate(c.onTime, c.closed)
        participationRate = Self.rate(c.rated, c.closed)
        satisfactionRate = Self.rate(c.satisfied + c.basicallySatisfied, c.rated)
        yoyGrowth = c.filedPrevYear.flatMap { Self.rate(c.filed, $0) }.map { $0 - 1 }
        share = Self.rate(c.filed, totalFiled)
        score = Self.score([
            (timelyAcceptanceRate, weights.timelyAcceptance), (closureRate, weights.closure),
            (onTimeRate, weights.onTime), (participationRate, weights.participation),
            (satisfactionRate, weights.satisfaction),
        ])
    }

    /// `part / whole`, or nil when `whole` is 0.
    static func rate(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// 100 × Σ wᵢrᵢ / Σ wᵢ over the rates that are not null; nil when none is (or their weights add up to 0).
    static func score(_ rates: [(Double?, Double)]) -> Double? {
        var weighted = 0.0, weights = 0.0
        for case let (rate?, weight) in rates {
            weighted += weight * rate
            weights += weight
        }
        return weights > 0 ? 100 * weighted / weights : nil
    }
}
