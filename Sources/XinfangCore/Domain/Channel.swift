import Foundation

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

    /// The channel whose English name is exactly the `count` bytes at `name` (what
    /// ``init(rawValue:)`` gives for them), matched by their bytes.
    init?(name: UnsafePointer<UInt8>, count: Int) {
        func its(_ word: StaticString) -> Bool { memcmp(name, word.utf8Start, count) == 0 }
        switch count {
        case 3 where its("fax"): self = .fax
        case 5 where its("visit"): self = .visit
        case 5 where its("phone"): self = .phone
        case 5 where its("video"): self = .video
        case 6 where its("letter"): self = .letter
        case 6 where its("online"): self = .online
        case 6 where its("mobile"): self = .mobile
        case 7 where its("mailbox"): self = .mailbox
        default: return nil
        }
    }

    /// The channel whose English name is exactly `text` (what ``init(rawValue:)`` gives), matched by its bytes.
    init?(exactName text: String) {
        let found = text.utf8.withContiguousStorageIfAvailable { name -> Channel? in
            name.baseAddress.flatMap { Channel(name: $0, count: name.count) }
        }
        guard let channel = found ?? Channel(rawValue: text) else { return nil }
        self = channel
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
