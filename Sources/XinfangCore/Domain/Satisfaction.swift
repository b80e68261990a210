/// A petitioner's verdict on how the case was handled (满意度).
public enum Satisfaction: String, CaseIterable, Sendable, Hashable {
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case unsatisfied

    /// The Chinese name used on callback forms.
    public var chineseName: String {
        switch self {
        case .satisfied: return "满意"
        case .basicallySatisfied: return "基本满意"
        case .unsatisfied: return "不满意"
        }
    }

    /// Reads the English word or the Chinese name.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        if let value = Satisfaction(rawValue: trimmed.lowercased()) {
            self = value
            return
        }
        guard let value = Satisfaction.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = value
    }

    public static var accepted: String {
        allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
    }
}

/// How a verdict was collected.
public enum VerdictSource: String, CaseIterable, Sendable, Hashable {
    case callback, online, phone

    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingSpaces().lowercased())
    }
}
