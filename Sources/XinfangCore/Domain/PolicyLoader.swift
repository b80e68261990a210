import Foundation

/// Why a policy file was refused; ``description`` names the key.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "policy \(path): \(message)" }
}

extension Policy {
    /// The keys a policy file may have.
    public static let keys = [
        "office", "time_zone", "green_max_days", "red_from_days", "acceptance_limit_days",
        "handling_limit_days", "max_extension_days", "routing", "score_weights", "confidential_categories",
    ]

    /// Reads and checks a policy file.
    /// - Throws: ``PolicyError`` naming the file and the bad key.
    public static func load(path: String) throws(PolicyError) -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(path: path, message: "cannot read the file")
        }
        return try parse(Array(data), path: path)
    }

    /// Checks the policy document in `bytes`.
    public static func parse(_ bytes: [UInt8], path: String) throws(PolicyError) -> Policy {
        let object: JSONObject
        do {
            object = try bytes.withUnsafeBytes { raw throws(JSONSyntaxError) in try JSONParser.parseObjectLine(raw) }
        } catch {
            throw PolicyError(path: path, message: "not a JSON object: \(error)")
        }
        var policy = Policy()
        func fail(_ key: String, _ message: String) -> PolicyError {
            PolicyError(path: path, message: "key \"\(key)\": \(message)")
        }
        func days(_ key: String, _ value: JSONValue, range: ClosedRange<Int>) throws(PolicyError) -> Int {
            guard case .number(let text) = value, let number = Int(text), range.contains(number) else {
                throw fail(key, "\(value.quoted) is not a whole number of days from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        for member in object.members {
            let key = member.key, value = member.value
            switch key {
            case "office":
                guard case .string(let code) = value, !code.isEmpty, code.count <= 16,
                      code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
                else { throw fail(key, "\(value.quoted) is not an office code of 1 to 16 ASCII letters and digits") }
                policy.office = code
            case "time_zone":
                guard case .string(let identifier) = value else { throw fail(key, "\(value.quoted) is not a string") }
                do { policy.timeZone = try OfficeTimeZone(identifier: identifier) } catch { throw fail(key, "\(error)") }
            case "green_max_days": policy.greenMaxDays = try days(key, value, range: 0...3650)
            case "red_from_days": policy.redFromDays = try days(key, value, range: 1...3650)
            case "acceptance_limit_days": policy.acceptanceLimitDays = try days(key, value, range: 0...3650)
            case "handling_limit_days": policy.handlingLimitDays = try days(key, value, range: 1...3650)
            case "max_extension_days": policy.maxExtensionDays = try days(key, value, range: 0...3650)
            case "routing": policy.routing = try parseRouting(value, fail: fail)
            case "score_weights": policy.scoreWeights = try parseWeights(value, fail: fail)
            case "confidential_categories":
                policy.confidentialCategories = try stringList(value, key: key, fail: fail)
            default:
                let suggestion = Spelling.nearest(to: key, among: keys).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw PolicyError(path: path, message: "unknown key \"\(key)\"\(suggestion)")
            }
        }
        guard policy.greenMaxDays < policy.redFromDays else {
            throw fail("red_from_days", "\(policy.redFromDays) must be greater than green_max_days (\(policy.greenMaxDays))")
        }
        return policy
    }

    private static func stringList(_ value: JSONValue, key: String, fail: (String, String) -> PolicyError) throws(PolicyError) -> [String] {
        switch value {
        case .string(let single) where !single.isBlank: return [single]
        case .array(let elements):
            var list: [String] = []
            for element in elements {
                guard case .string(let text) = element, !text.isBlank else {
                    throw fail(key, "\(element.quoted) is not a non-blank string")
                }
                list.append(text)
            }
            return list
        default:
            throw fail(key, "\(value.quoted) is not a string or a list of strings")
        }
    }

    private static func parseRouting(_ value: JSONValue, fail: (String, String) -> PolicyError) throws(PolicyError) -> [RoutingRule] {
        guard case .array(let elements) = value else { throw fail("routing", "\(value.quoted) is not a list of rules") }
        let ruleKeys = ["unit", "category", "region", "channel", "respondent", "keywords"]
        var rules: [RoutingRule] = []
        for (index, element) in elements.enumerated() {
            let where_ = "routing[\(index)]"
            guard case .object(let object) = element else { throw fail(where_, "\(element.quoted) is not an object") }
            var rule = RoutingRule(unit: "")
            for member in object.members {
                let key = "\(where_).\(member.key)"
                switch member.key {
                case "unit":
                    guard case .string(let unit) = member.value, !unit.isBlank else {
                        throw fail(key, "\(member.value.quoted) is not a unit name")
                    }
                    rule.unit = unit
                case "category": rule.categories = try stringList(member.value, key: key, fail: fail)
                case "region": rule.regions = try stringList(member.value, key: key, fail: fail)
                case "respondent": rule.respondents = try stringList(member.value, key: key, fail: fail)
                case "keywords": rule.keywords = try stringList(member.value, key: key, fail: fail)
                case "channel":
                    for name in try stringList(member.value, key: key, fail: fail) {
                        guard let channel = Channel(parsing: name) else {
                            throw fail(key, "\"\(name)\" is not a channel; use one of \(Channel.accepted)")
                        }
                        rule.channels.append(channel)
                    }
                default:
                    let suggestion = Spelling.nearest(to: member.key, among: ruleKeys).map { " (did you mean \"\($0)\"?)" } ?? ""
                    throw fail(key, "unknown key\(suggestion)")
                }
            }
            guard !rule.unit.isEmpty else { throw fail(where_, "a rule needs a \"unit\"") }
            rules.append(rule)
        }
        return rules
    }

    private static func parseWeights(_ value: JSONValue, fail: (String, String) -> PolicyError) throws(PolicyError) -> ScoreWeights {
        guard case .object(let object) = value else { throw fail("score_weights", "\(value.quoted) is not an object") }
        var weights = ScoreWeights.standard
        let names = ["timely_acceptance", "closure", "on_time", "participation", "satisfaction"]
        for member in object.members {
            let key = "score_weights.\(member.key)"
            guard case .number(let text) = member.value, let weight = Double(text), weight >= 0, weight.isFinite else {
                throw fail(key, "\(member.value.quoted) is not a weight (a number ≥ 0)")
            }
            switch member.key {
            case "timely_acceptance": weights.timelyAcceptance = weight
            case "closure": weights.closure = weight
            case "on_time": weights.onTime = weight
            case "participation": weights.participation = weight
            case "satisfaction": weights.satisfaction = weight
            default:
                let suggestion = Spelling.nearest(to: member.key, among: names).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw fail(key, "unknown weight\(suggestion)")
            }
        }
        let sum = weights.timelyAcceptance + weights.closure + weights.onTime + weights.participation + weights.satisfaction
        guard sum > 0 else { throw fail("score_weights", "the weights add up to 0") }
        return weights
    }
}
