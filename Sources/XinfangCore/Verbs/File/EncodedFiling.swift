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
    init(_ filing: Filing) {
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
