/// What `xinfang stats` is asked for: the period, the as-of day and the grouping.
public struct StatsQuery: Sendable {
    /// First day of the period (cases received on or after it); nil: from the beginning.
    public var from: LocalDate?
    /// The day after the period (cases received before it); nil: up to the as-of day.
    public var to: LocalDate?
    /// The last office-local day whose events count.
    public var asOf: LocalDate
    /// The `--by` keys, in order; empty for the total row only.
    public var keys: [StatsKey]

    public init(from: LocalDate?, to: LocalDate?, asOf: LocalDate, keys: [StatsKey]) {
        self.from = from
        self.to = to
        self.asOf = asOf
        self.keys = keys
    }

    /// The period one year earlier, `[from − 1 year, to − 1 year)`; nil unless both ends are given.
    var previousPeriod: (from: LocalDate, to: LocalDate)? {
        guard let from, let to else { return nil }
        return (from.adding(years: -1), to.adding(years: -1))
    }

    func contains(_ day: LocalDate) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day < $0 } ?? true)
    }
}

/// The figures of `xinfang stats`: one row per group in key order, then the total row.
public struct StatsReport: Sendable {
    public let query: StatsQuery
    /// The groups' rows, sorted by key values (see ``StatsGroupKey``), then the total row last.
    public let rows: [StatsRow]

    /// Counts every case of `book` (already folded as of the end of `query.asOf`) into its group.
    ///
    /// A case received in the period counts in its group's funnel; a case received in the
    /// previous year's period counts in its group's `filed_prev_year` (its `month` and
    /// `year` keys moved one year later; a period longer than a year counts some cases in both).
    /// Without `--by` there are no groups, only the total row. A group seen only in the previous year gets a row
    /// with `filed` 0.
    /// - Complexity: O(cases + groups·log groups); memory grows with the number of groups.
    /// - Parameter threads: how many threads may count the cases (a large book's runs of cases in parallel).
    public init(book: CaseBook, query: StatsQuery, threads: Int = 1) {
        self.init(groups: Self.aggregate(book: book, query: query, threads: threads), query: query, weights: book.policy.scoreWeights)
    }

    /// The report of already counted groups (one journal's, or several journals' merged by adding).
    init(groups: StatsGroups, query: StatsQuery, weights: ScoreWeights) {
        self.query = query
        var total = StatsCounts()
        if query.previousPeriod != nil { total.filedPrevYear = 0 }
        for counts in groups.counts { total.add(counts) }
        var rows = query.keys.isEmpty ? [] : groups.sortedGroups().map {
            StatsRow(keys: groups.values[$0], isTotal: false, counts: groups.counts[$0], totalFiled: total.filed, weights: weights)
        }
        rows.append(StatsRow(keys: [], isTotal: true, counts: total, totalFiled: total.filed, weights: weights))
        self.rows = rows
    }

    /// The counts of every group of `book`'s cases, counted on up to `threads` threads.
    ///
    /// Counts add up, so runs of cases counted apart and added give exactly the counts of one pass.
    static func aggregate(book: CaseBook, query: StatsQuery, threads: Int = 1) -> StatsGroups {
        let runs = book.cases.runs(threads), cases = book.cases, policy = book.policy
        guard runs.count > 1 else { return aggregate(runs[0], of: cases, policy: policy, query: query) }
        let counted = Parallel.map(runs.count) { aggregate(runs[$0], of: cases, policy: policy, query: query) }
        var groups = StatsGroups(withPrevious: query.previousPeriod != nil)
        for run in counted { groups.add(contentsOf: run) }
        return groups
    }

    /// The counts of every group of the cases of `run`.
    private static func aggregate(_ run: CaseList.Run, of cases: CaseList, policy: Policy, query: StatsQuery) -> StatsGroups {
        let previous = query.previousPeriod
        var numbers = StatsGroupNumbers(keys: query.keys)
        var counts: [StatsCounts] = []
        // The names a group is keyed by are read from each record in place (``StatsGroupNumbers``),
        // never copied: two threads counting at once would retain and release the same names.
        cases.forEachRecord(in: run) { record in
            let figures = record.pointee.figures(names: [])
            let day = figures.receivedDay
            if query.contains(day) {
                let group = numbers.number(of: record, receivedDay: day)
                if group == counts.count { counts.append(Self.emptyCounts(previous != nil)) }
                counts[group].count(figures, asOf: query.asOf, policy: policy)
            }
            if let previous, day >= previous.from, day < previous.to {
                let group = numbers.number(of: record, receivedDay: day.adding(years: 1))
                if group == counts.count { counts.append(Self.emptyCounts(true)) }
                counts[group].filedPrevYear! += 1
            }
        }
        // Numbers are per spelling; a group is per `String` value (canonically equivalent spellings are one group).
        var groups = StatsGroups(withPrevious: previous != nil)
        for (group, values) in numbers.values.enumerated() { groups.add(values, counts[group]) }
        return groups
    }

    static func emptyCounts(_ withPrevious: Bool) -> StatsCounts {
        var counts = StatsCounts()
        if withPrevious { counts.filedPrevYear = 0 }
        return counts
    }
}
