import Foundation

extension JournalLineDecoder {
    /// The members the decoder knows: every event's, each kind's, and the petitioner's (which
    /// are only found inside the `petitioner` object). At most 64, one bit each.
    enum Field: Int, CaseIterable {
        case seq, event, caseID, at, recorded, hash
        case channel, summary, region, category, petitioner, anonymous, people, respondent, sourceID, repeatOf, confidential
        case unit, from, leader, note, rule, reason, text, closes, days, satisfaction, via
        case name, idNumber, phone, address

        /// The only top-level member whose key can be the `count` bytes at `p`, by length and first byte (its bytes still to compare).
        @inline(__always)
        static func topLevelCandidate(_ p: UnsafePointer<UInt8>, _ count: Int) -> Field? {
            switch (count, p[0]) {
            case (2, UInt8(ascii: "a")): return .at
            case (3, UInt8(ascii: "s")): return .seq
            case (3, UInt8(ascii: "v")): return .via
            case (4, UInt8(ascii: "c")): return .caseID
            case (4, UInt8(ascii: "h")): return .hash
            case (4, UInt8(ascii: "u")): return .unit
            case (4, UInt8(ascii: "f")): return .from
            case (4, UInt8(ascii: "n")): return .note
            case (4, UInt8(ascii: "r")): return .rule
            case (4, UInt8(ascii: "t")): return .text
            case (4, UInt8(ascii: "d")): return .days
            case (5, UInt8(ascii: "e")): return .event
            case (6, UInt8(ascii: "r")): return p[2] == UInt8(ascii: "g") ? .region : .reason
            case (6, UInt8(ascii: "l")): return .leader
            case (6, UInt8(ascii: "p")): return .people
            case (6, UInt8(ascii: "c")): return .closes
            case (7, UInt8(ascii: "c")): return .channel
            case (7, UInt8(ascii: "s")): return .summary
            case (8, UInt8(ascii: "r")): return .recorded
            case (8, UInt8(ascii: "c")): return .category
            case (9, UInt8(ascii: "a")): return .anonymous
            case (9, UInt8(ascii: "s")): return .sourceID
            case (9, UInt8(ascii: "r")): return .repeatOf
            case (10, UInt8(ascii: "p")): return .petitioner
            case (10, UInt8(ascii: "r")): return .respondent
            case (12, UInt8(ascii: "c")): return .confidential
            case (12, UInt8(ascii: "s")): return .satisfaction
            default: return nil
            }
        }

        /// The member's name in the journal.
        var key: StaticString {
            switch self {
            case .seq: return "seq"
            case .event: return "event"
            case .caseID: return "case"
            case .at: return "at"
            case .recorded: return "recorded"
            case .hash: return "hash"
            case .channel: return "channel"
            case .summary: return "summary"
            case .region: return "region"
            case .category: return "category"
            case .petitioner: return "petitioner"
            case .anonymous: return "anonymous"
            case .people: return "people"
            case .respondent: return "respondent"
            case .sourceID: return "source_id"
            case .repeatOf: return "repeat_of"
            case .confidential: return "confidential"
            case .unit: return "unit"
            case .from: return "from"
            case .leader: return "leader"
            case .note: return "note"
            case .rule: return "rule"
            case .reason: return "reason"
            case .text: return "text"
            case .closes: return "closes"
            case .days: return "days"
            case .satisfaction: return "satisfaction"
            case .via: return "via"
            case .name: return "name"
            case .idNumber: return "id_number"
            case .phone: return "phone"
            case .address: return "address"
            }
        }
    }
}
