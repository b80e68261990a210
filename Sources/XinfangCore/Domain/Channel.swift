/// How a petition reached the office. Input accepts the English word or the Chinese name; output is always English.
public enum Channel: String, CaseIterable, Sendable, Hashable {
    case letter, visit, online, phone, mobile, video, mailbox, fax

    /// The Chinese name used on office forms.
    public var chineseName: String {
        switch self {
        case .letter: return "来信"
        case .visit: return "来访"
        case .online: return "网上"
        case .phone: return "电话"
        case .mobile: return "手机"
        case .video: return "视频"
        case .mailbox: return "领导信箱"
        case .fax: return "传真"
        }
    }

    /// Reads `text` as an English word (any case) or a Chinese name; surrounding spaces are ignored.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        if let channel = Channel(rawValue: trimmed.lowercased()) {
            self = channel
            return
        }
        guard let channel = Channel.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = channel
    }

    /// "letter (来信), visit (来访), …" for messages.
    public static var accepted: String {
        allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
    }
}
