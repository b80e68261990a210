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
        var texts = filing.summary.utf8.count + filing.region.utf8.count + filing.category.utf8.count
        if let petitioner = filing.petitioner {
            texts += petitioner.name.utf8.count + (petitioner.idNumber?.utf8.count ?? 0)
                + (petitioner.phone?.utf8.count ?? 0) + (petitioner.address?.utf8.count ?? 0)
        }
        texts += (filing.respondent?.utf8.count ?? 0) + (filing.sourceID?.utf8.count ?? 0)
        // Written in one go into an array of the right size when no text needs an escape (the usual
        // case: the fast reader takes no text with a byte to escape). The members' names, quotes and
        // punctuation take under 256 bytes, the channel's name and `people` included.
        var repeatAt = 0
        if let bytes = [UInt8].written(capacity: texts + 256, { out in
            guard let at = Self.write(filing, to: &out) else { return false }
            repeatAt = at
            return true
        }) {
            (self.bytes, self.repeatAt) = (bytes, repeatAt)
            return
        }
        // Else piece by piece, escaping the texts that need it.
        var out = EscapingWriter()
        out.bytes.reserveCapacity(texts + 256)
        repeatAt = Self.write(filing, to: &out) ?? 0  // never nil: this writer takes any text
        (self.bytes, self.repeatAt) = (out.bytes, repeatAt)
    }

    /// Writes the fields in their order; gives where `repeat_of` goes, or nil when `out` refused a text.
    private static func write(_ filing: borrowing Filing, to out: inout some FieldWriter) -> Int? {
        out.literal(#","channel":"#)
        guard out.string(filing.channel.rawValue) else { return nil }
        out.literal(#","summary":"#)
        guard out.string(filing.summary) else { return nil }
        out.literal(#","region":"#)
        guard out.string(filing.region) else { return nil }
        out.literal(#","category":"#)
        guard out.string(filing.category) else { return nil }
        if let petitioner = filing.petitioner {
            out.literal(#","petitioner":{"name":"#)
            guard out.string(petitioner.name),
                  out.member(#","id_number":"#, petitioner.idNumber),
                  out.member(#","phone":"#, petitioner.phone),
                  out.member(#","address":"#, petitioner.address) else { return nil }
            out.literal("}")
        } else {
            out.literal(#","anonymous":true"#)
        }
        out.literal(#","people":"#)
        guard out.number(filing.people),
              out.member(#","respondent":"#, filing.respondent),
              out.member(#","source_id":"#, filing.sourceID) else { return nil }
        let repeatAt = out.count
        if filing.confidential { out.literal(#","confidential":true"#) }
        return repeatAt
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
