/// Where the policy's routing rules send a case (`assign --auto`).
public struct Route: Sendable, Equatable {
    /// The matching rule's position in the policy's `routing` list, from 0 (`jq '.routing[N]'`).
    public let rule: Int
    /// The unit the rule names.
    public let unit: String

    public init(rule: Int, unit: String) {
        self.rule = rule
        self.unit = unit
    }
}

extension Policy {
    /// The first routing rule whose conditions all hold for the petition, or nil when none does.
    ///
    /// Rules are tried in the policy's order and the first match wins, so
    /// specific rules (a category, a keyword) go before catch-alls (a region).
    /// A case no rule matches is never guessed: the caller reports it.
    public func route(category: String, region: String, channel: Channel, respondent: String?, summary: String) -> Route? {
        for (index, rule) in routing.enumerated()
        where rule.matches(category: category, region: region, channel: channel, respondent: respondent, summary: summary) {
            return Route(rule: index, unit: rule.unit)
        }
        return nil
    }

    /// The route for a filed case; its summary counts only when the book retained texts.
    public func route(_ record: CaseRecord) -> Route? {
        route(category: record.category, region: record.region, channel: record.channel,
              respondent: record.respondent, summary: record.summary ?? "")
    }
}
