/// A filing's own fields encoded as its journal line will have them, made while the batch is prepared.
///
/// The bytes are exactly what ``JournalEvent/appendPayload(to:)`` writes for the filing after the
/// line's first members (each member with its leading comma), except `repeat_of`: whether the
/// petition repeats an earlier one is only known when it is decided, so the place where
/// `repeat_of` goes (after `source_id`, before `confidential`) is kept, and ``fields(repeatOf:)``
/// puts it there. The journal line and the echo then copy these bytes instead of encoding the
/// filing on the deciding thread (`WritingPathTests` compares them with `appendPayload`).
struct EncodedFiling: Sendable {
    /// The fields without `repeat_of`: the first ``count`` bytes (a prepared filing's keys follow
    /// them in the same array: ``withKeys(_:received:timeZone:)``).
    let bytes: [UInt8]
    /// How many bytes of ``bytes`` are the fields.
    let count: Int
    /// Where `repeat_of` goes in ``bytes``.
    let repeatAt: Int

    private init(bytes: [UInt8], count: Int, repeatAt: Int) {
        self.bytes = bytes
        self.count = count
        self.repeatAt = repeatAt
    }

    /// Encodes `filing`'s fields (its `repeatOf` left out: ``fields(repeatOf:)`` adds one), then its
    /// keys after them in the same array (one array to make and free, not four), and gives where
    /// the keys are.
    static func withKeys(_ filing: borrowing Filing, received: Instant,
                         timeZone: borrowing OfficeTimeZone) -> (EncodedFiling, FilingKeys.Ranges) {
        var repeatAt = 0, count = 0
        var ranges: FilingKeys.Ranges = (0..<0, nil, nil)
        let bytes = encode(filing, reserving: FilingKeys.capacity(of: filing), repeatAt: &repeatAt) { out in
            count = out.count
            ranges = FilingKeys.write(filing, received: received, timeZone: timeZone, to: &out)
            return true
        }
        return (EncodedFiling(bytes: bytes, count: count, repeatAt: repeatAt), ranges)
    }

    /// The fields, then whatever `after` writes (at most `extra` bytes; positions counted from the
    /// array's start); `repeatAt` is set to where `repeat_of` goes.
    @inline(__always)
    private static func encode(_ filing: borrowing Filing, reserving extra: Int, repeatAt: inout Int,
                               then after: (inout ByteCursor) -> Bool) -> [UInt8] {
        var texts = filing.summary.utf8.count + filing.region.utf8.count + filing.category.utf8.count
        if let petitioner = filing.petitioner {
            texts += petitioner.name.utf8.count + (petitioner.idNumber?.utf8.count ?? 0)
                + (petitioner.phone?.utf8.count ?? 0) + (petitioner.address?.utf8.count ?? 0)
        }
        texts += (filing.respondent?.utf8.count ?? 0) + (filing.sourceID?.utf8.count ?? 0)
        // Written in one go into an array of the right size when no text needs an escape (the usual
        // case: the fast reader takes no text with a byte to escape). The members' names, quotes and
        // punctuation take under 256 bytes, the channel's name and `people` included.
        var at = 0
        if let bytes = [UInt8].written(capacity: texts + 256 + extra, { out in
            guard let fieldsAt = Self.write(filing, to: &out) else { return false }
            at = fieldsAt
            return after(&out)
        }) {
            repeatAt = at
            return bytes
        }
        // Else piece by piece, escaping the texts that need it, then copied into an array with room for the rest.
        var escaping = EscapingWriter()
        escaping.bytes.reserveCapacity(texts + 256)
        repeatAt = Self.write(filing, to: &escaping) ?? 0  // never nil: this writer takes any text
        return [UInt8].written(capacity: escaping.bytes.count + extra) { out in
            escaping.bytes.withUnsafeBufferPointer { out.bytes($0) }
            return after(&out)
        } ?? []  // never nil: `after` refuses nothing
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
    func fields(repeatOf: String?) -> ArraySlice<UInt8> {
        guard let repeatOf else { return bytes[..<count] }
        var fields: [UInt8] = []
        fields.reserveCapacity(count + 16 + repeatOf.utf8.count)
        fields.append(contentsOf: bytes[..<repeatAt])
        fields.appendLiteral(#","repeat_of":"#)
        fields.appendJSONString(repeatOf)
        fields.append(contentsOf: bytes[repeatAt..<count])
        return fields[...]
    }
}
