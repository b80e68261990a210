/// One routing rule of the policy: the first rule whose conditions all match a case assigns it to `unit`.
///
/// Each condition lists accepted values; an absent condition matches
/// anything. `keywords` matches when the summary contains any of them.
public struct RoutingRule: Sendable, Equatable {
    public var unit: String
    public var categories: [String]
    public var regions: [String]
    public var channels: [Channel]
    public var respondents: [String]
    public var keywords: [String]

    public init(unit: String, categories: [String] = [], regions: [String] = [], channels: [Channel] = [],
                respondents: [String] = [], keywords: [String] = []) {
        self.unit = unit
        self.categories = categories
        self.regions = regions
        self.channels = channels
        self.respondents = respondents
        self.keywords = keywords
    }

    /// Whether every condition of the rule holds for the petition.
    public func matches(category: String, region: String, channel: Channel, respondent: String?, summary: String) -> Bool {
        if !categories.isEmpty, !categories.contains(category) { return false }
        if !regions.isEmpty, !regions.contains(region) { return false }
        if !channels.isEmpty, !channels.contains(channel) { return false }
        if !respondents.isEmpty {
            guard let respondent, respondents.contains(respondent) else { return false }
        }
        if !keywords.isEmpty, !keywords.contains(where: { summary.contains($0) }) { return false }
        return true
    }
}
