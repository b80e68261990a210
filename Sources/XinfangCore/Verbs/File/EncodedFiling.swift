/// A filing's own fields encoded as its journal line will have them, made while the batch is prepared.
///
/// The bytes are exactly what ``JournalEvent/appendPayload(to:)`` writes for the filing after the
/// line's first members (each member with its leading comma), except `repeat_of`: whether the
/// petition repeats an earlier one is only known when it is decided, so the place where
/// `repeat_of` goes (after `source_id`, before `confidential`) is kept, and ``fields(repeatOf:)``
/// puts it there. The journal line and the echo then copy these bytes instead of encoding the
/// filing on the deciding thread (`WritingPathTests` compares them with `appendPayload`).
struct EncodedFiling: Sendable {
    /// The fields without `repeat_of`.
    let bytes: [UInt8]
    /// Where `repeat_of` goes in ``bytes``.
    let repeatAt: Int

    /// Encodes `filing`'s fields; its `repeatOf` is left out (``fields(repeatOf:)`` adds one).
    init(_ filing: borrowing Filing) {
        if let plain = Self.plain(filing) {
            self = plain
        } else {
            self.init(escaping: filing)
        }
    }

    private init(bytes: [UInt8], repeatAt: Int) {
        self.bytes = bytes
        self.repeatAt = repeatAt
    }

    /// The fields written in one go into an array of the right size, when no text needs an escape
    /// (the usual case: the fast reader takes no text with a byte to escape); nil otherwise.
    private static func plain(_ filing: borrowing Filing) -> EncodedFiling? {
        var texts = filing.summary.utf8.count + filing.region.utf8.count + filing.category.utf8.count
        if let petitioner = filing.petitioner {
            texts += petitioner.name.utf8.count + (petitioner.idNumber?.utf8.count ?? 0)
                + (petitioner.phone?.utf8.count ?? 0) + (petitioner.address?.utf8.count ?? 0)
        }
        texts += (filing.respondent?.utf8.count ?? 0) + (filing.sourceID?.utf8.count ?? 0)
        var repeatAt = 0
        // The members' names, quotes and punctuation take under 256 bytes, the channel's name and `people` included.
        let bytes = [UInt8].written(capacity: texts + 256) { out in
            out.literal(#","channel":""#)
            guard out.text(filing.channel.rawValue) else { return false }
            out.literal(#"","summary":"#)
            guard out.plainString(filing.summary) else { return false }
            out.literal(#","region":"#)
            guard out.plainString(filing.region) else { return false }
            out.literal(#","category":"#)
            guard out.plainString(filing.category) else { return false }
            if let petitioner = filing.petitioner {
                out.literal(#","petitioner":{"name":"#)
                guard out.plainString(petitioner.name) else { return false }
                if let idNumber = petitioner.idNumber {
                    out.literal(#","id_number":"#)
                    guard out.plainString(idNumber) else { return false }
                }
                if let phone = petitioner.phone {
                    out.literal(#","phone":"#)
                    guard out.plainString(phone) else { return false }
                }
                if let address = petitioner.address {
                    out.literal(#","address":"#)
                    guard out.plainString(address) else { return false }
                }
                out.byte(UInt8(ascii: "}"))
            } else {
                out.literal(#","anonymous":true"#)
            }
            out.literal(#","people":"#)
            guard out.decimal(filing.people) else { return false }
            if let respondent = filing.respondent {
                out.literal(#","respondent":"#)
                guard out.plainString(respondent) else { return false }
            }
            if let sourceID = filing.sourceID {
                out.literal(#","source_id":"#)
                guard out.plainString(sourceID) else { return false }
            }
            repeatAt = out.count
            if filing.confidential { out.literal(#","confidential":true"#) }
            return true
        }
        return bytes.map { EncodedFiling(bytes: $0, repeatAt: repeatAt) }
    }

    /// The fields written piece by piece, escaping any text that needs it.
    private init(escaping filing: borrowing Filing) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + filing.summary.utf8.count)
        bytes.appendLiteral(#","channel":"#)
        bytes.appendJSONString(filing.channel.rawValue)
        bytes.appendLiteral(#","summary":"#)
        bytes.appendJSONString(filing.summary)
        bytes.appendLiteral(#","region":"#)
        bytes.appendJSONString(filing.region)
        bytes.appendLiteral(#","category":"#)
        bytes.appendJSONString(filing.category)
        if let petitioner = filing.petitioner {
            bytes.appendLiteral(#","petitioner":{"name":"#)
            bytes.appendJSONString(petitioner.name)
            if let idNumber = petitioner.idNumber {
                bytes.appendLiteral(#","id_number":"#)
                bytes.appendJSONString(idNumber)
            }
            if let phone = petitioner.phone {
                bytes.appendLiteral(#","phone":"#)
                bytes.appendJSONString(phone)
            }
            if let address = petitioner.address {
                bytes.appendLiteral(#","address":"#)
                bytes.appendJSONString(address)
            }
            bytes.append(UInt8(ascii: "}"))
        } else {
            bytes.appendLiteral(#","anonymous":true"#)
        }
        bytes.appendLiteral(#","people":"#)
        bytes.appendDecimal(filing.people)
        if let respondent = filing.respondent {
            bytes.appendLiteral(#","respondent":"#)
            bytes.appendJSONString(respondent)
        }
        if let sourceID = filing.sourceID {
            bytes.appendLiteral(#","source_id":"#)
            bytes.appendJSONString(sourceID)
        }
        repeatAt = bytes.count
        if filing.confidential { bytes.appendLiteral(#","confidential":true"#) }
        self.bytes = bytes
    }

    /// The fields with `repeat_of` in its place when there is one.
    func fields(repeatOf: String?) -> [UInt8] {
        guard let repeatOf else { return bytes }
        var fields: [UInt8] = []
        fields.reserveCapacity(bytes.count + 16 + repeatOf.utf8.count)
        fields.append(contentsOf: bytes[..<repeatAt])
        fields.appendLiteral(#","repeat_of":"#)
        fields.appendJSONString(repeatOf)
        fields.append(contentsOf: bytes[repeatAt...])
        return fields
    }
}
