import Foundation

/// The office's rules: its code, time zone, time limits, supervision lights, routing and score weights.
///
/// Loaded from `--policy FILE`, else `$XINFANG_POLICY`, else ``Policy/standard``.
/// Every key is optional in the file (absent keys keep their defaults) and
/// every key present is checked; see `docs/policy.md`.
public struct Policy: Sendable {
    /// The office code that starts every case number (`XF`).
    public var office: String = "XF"
    /// The office time zone: dates are office-local days.
    public var timeZone: OfficeTimeZone = .shanghai
    /// A case is green up to and including this many days since its latest assignment.
    public var greenMaxDays: Int = 15
    /// A case is red from this many days on; yellow in between.
    public var redFromDays: Int = 45
    /// A registered matter must be accepted and assigned within this many days (受理期限).
    public var acceptanceLimitDays: Int = 15
    /// An assigned matter must be handled within this many days (办理期限).
    public var handlingLimitDays: Int = 60
    /// The longest extension that may be approved, once per assignment (延期).
    public var maxExtensionDays: Int = 30
    /// Routing rules for `assign --auto`, first match wins.
    public var routing: [RoutingRule] = []
    /// Weights of the five rates in the assessment score.
    public var scoreWeights: ScoreWeights = .standard
    /// Categories whose petitioner data is never handed to the assigned unit (accusations, 检举控告).
    public var confidentialCategories: [String] = ["检举控告"]

    public init() {}

    /// The built-in defaults, the 2022 regulation's limits.
    public static let standard = Policy()

    /// The light for a case `days` after its latest assignment.
    public func light(days: Int) -> Light {
        if days <= greenMaxDays { return .green }
        if days >= redFromDays { return .red }
        return .yellow
    }
}

/// The supervision light (督办): green, yellow, red.
public enum Light: String, Sendable, CaseIterable {
    case green, yellow, red
}

/// Weights of the assessment score's five rates; the score is their weighted mean over the rates that are not null.
public struct ScoreWeights: Sendable, Equatable {
    public var timelyAcceptance: Double
    public var closure: Double
    public var onTime: Double
    public var participation: Double
    public var satisfaction: Double

    public init(timelyAcceptance: Double, closure: Double, onTime: Double, participation: Double, satisfaction: Double) {
        self.timelyAcceptance = timelyAcceptance
        self.closure = closure
        self.onTime = onTime
        self.participation = participation
        self.satisfaction = satisfaction
    }

    /// Satisfaction weighs most: closed is not solved.
    public static let standard = ScoreWeights(timelyAcceptance: 0.15, closure: 0.15, onTime: 0.15, participation: 0.10, satisfaction: 0.45)
}
