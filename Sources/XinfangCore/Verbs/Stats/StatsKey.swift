/// A `--by` key of `xinfang stats`: what the cases are grouped by.
public enum StatsKey: String, CaseIterable, Sendable {
    case unit, channel, category, region, month, year

    /// The key names as `--help` and messages list them.
    public static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses `--by unit,channel`: one or more distinct keys, in the order given.
    /// - Throws: ``UsageError`` naming an unknown (with the nearest key) or repeated key.
    public static func parseList(_ text: String) throws(UsageError) -> [StatsKey] {
        var keys: [StatsKey] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part).trimmingSpaces()
            guard let key = StatsKey(rawValue: name) else {
                let suggestion = Spelling.nearest(to: name, among: allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                throw UsageError("option '--by': \"\(name)\" is not a key\(suggestion); use \(accepted)")
            }
            guard !keys.contains(key) else { throw UsageError("option '--by': \"\(name)\" is given twice") }
            keys.append(key)
        }
        return keys
    }

    /// The case's value for this key; `receivedDay` is the day the group's calendar keys are taken from.
    ///
    /// The previous year's cases pass their receipt day moved one year later, so that a
    /// `month` or `year` group compares with the same month or year a year earlier.
    func value(of figures: CaseFigures, receivedDay: LocalDate) -> String? {
        switch self {
        case .unit: return figures.unit
        case .channel: return figures.channel.rawValue
        case .category: return figures.category
        case .region: return figures.region
        case .month: return receivedDay.monthKey
        case .year: return String(receivedDay.year)
        }
    }
}

/// The values of a group's keys, in `--by` order; `nil` for a case never assigned when grouping by unit.
struct StatsGroupKey: Hashable, Comparable {
    let values: [String?]

    /// Groups sort by their values left to right, each in Unicode code point order, `nil` last.
    static func < (lhs: StatsGroupKey, rhs: StatsGroupKey) -> Bool {
        for (left, right) in zip(lhs.values, rhs.values) where left != right {
            switch (left, right) {
            case (nil, _): return false
            case (_, nil): return true
            case (let l?, let r?): return l.unicodeScalars.lexicographicallyPrecedes(r.unicodeScalars)
            }
        }
        return false
    }
}
