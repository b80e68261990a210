import Foundation

extension JournalLineDecoder {
    /// The members the decoder knows: every event's, each kind's, and the petitioner's (which
    /// are only found inside the `petitioner` object). At most 64, one bit each.
    enum Field: Int, CaseIterable {
        case seq, event, caseID, at, recorded, hash
        case channel, summary, region, category, petitioner, anonymous, people, respondent, sourceID, repeatOf, confidential
        case unit, from, leader, note, rule, reason, text, closes, days, satisfaction, via
        case name, idNumber, phone, address

        /// The top-level member named by the `count` bytes at `p`, matched by length, first byte and then all bytes.
        @inline(__always)
        static func topLevel(_ p: UnsafePointer<UInt8>, _ count: Int) -> Field? {
            let candidate: Field
            switch (count, p[0]) {
            case (2, UInt8(ascii: "a")): candidate = .at
            case (3, UInt8(ascii: "s")): candidate = .seq
            case (3, UInt8(ascii: "v")): candidate = .via
            case (4, UInt8(ascii: "c")): candidate = .caseID
            case (4, UInt8(ascii: "h")): candidate = .hash
            case (4, UInt8(ascii: "u")): candidate = .unit
            case (4, UInt8(ascii: "f")): candidate = .from
            case (4, UInt8(ascii: "n")): candidate = .note
            case (4, UInt8(ascii: "r")): candidate = .rule
            case (4, UInt8(ascii: "t")): candidate = .text
            case (4, UInt8(ascii: "d")): candidate = .days
            case (5, UInt8(ascii: "e")): candidate = .event
            case (6, UInt8(ascii: "r")): candidate = p[2] == UInt8(ascii: "g") ? .region : .reason
            case (6, UInt8(ascii: "l")): candidate = .leader
            case (6, UInt8(ascii: "p")): candidate = .people
            case (6, UInt8(ascii: "c")): candidate = .closes
            case (7, UInt8(ascii: "c")): candidate = .channel
            case (7, UInt8(ascii: "s")): candidate = .summary
            case (8, UInt8(ascii: "r")): candidate = .recorded
            case (8, UInt8(ascii: "c")): candidate = .category
            case (9, UInt8(ascii: "a")): candidate = .anonymous
            case (9, UInt8(ascii: "s")): candidate = .sourceID
            case (9, UInt8(ascii: "r")): candidate = .repeatOf
            case (10, UInt8(ascii: "p")): candidate = .petitioner
            case (10, UInt8(ascii: "r")): candidate = .respondent
            case (12, UInt8(ascii: "c")): candidate = .confidential
            case (12, UInt8(ascii: "s")): candidate = .satisfaction
            default: return nil
            }
            return candidate.matches(p, count) ? candidate : nil
        }

        /// The `petitioner` object's member named by the `count` bytes at `p`.
        @inline(__always)
        static func nested(_ p: UnsafePointer<UInt8>, _ count: Int) -> Field? {
            let candidate: Field
            switch count {
            case 4: candidate = .name
            case 5: candidate = .phone
            case 7: candidate = .address
            case 9: candidate = .idNumber
            default: return nil
            }
            return candidate.matches(p, count) ? candidate : nil
        }

        @inline(__always)
        private func matches(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            let key = self.key
            return key.utf8CodeUnitCount == count && memcmp(p, key.utf8Start, count) == 0
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
