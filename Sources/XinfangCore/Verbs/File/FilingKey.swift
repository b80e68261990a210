import Foundation

/// A key of ``FilingIndex``'s tables: raw UTF-8 bytes with their hash computed once.
///
/// `String` hashing normalises Unicode first, which is slow for Chinese text, and even
/// hashing raw bytes through `Hasher` costs a full SipHash pass over them at every lookup.
/// This key hashes its bytes once, eight at a time, when it is made (``FilingKeyTable`` places
/// it by that digest). Two keys are equal when their bytes are.
///
/// The bytes are a range of an array that other bytes may share: a prepared filing's three
/// keys and its encoded fields are one array (``ReadyFiling``), made and freed once, not four.
struct FilingKey: Equatable, Sendable {
    /// The array the key's bytes are in.
    private let storage: [UInt8]
    /// Where they are in it.
    private let range: Range<Int>
    let digest: UInt64

    init(_ bytes: [UInt8]) {
        self.init(storage: bytes, range: bytes.indices)
    }

    init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The key made of `storage[range]`.
    init(storage: [UInt8], range: Range<Int>) {
        self.storage = storage
        self.range = range
        digest = storage.withUnsafeBytes { Self.digest(of: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The key's bytes.
    var bytes: ArraySlice<UInt8> { storage[range] }

    /// Calls `body` with the key's bytes in place.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    static func == (left: FilingKey, right: FilingKey) -> Bool {
        left.digest == right.digest && left.bytes.elementsEqual(right.bytes)
    }

    /// A 64-bit multiply-xor hash of `raw`, eight bytes at a time (the tail zero-padded, the length mixed in).
    static func digest(of raw: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* multiplier
            hash ^= hash &>> 29
            offset += 8
        }
        if offset < raw.count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                word |= UInt64(raw[offset]) &<< shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ word) &* multiplier
            hash ^= hash &>> 29
        }
        hash = (hash ^ (hash &>> 32)) &* multiplier
        return hash ^ (hash &>> 29)
    }
}

/// A filing's keys in ``FilingIndex``: its fingerprint, its petitioner's identity and its `source_id`,
/// made once (while the batch is prepared) for both the lookups and the note of the new case.
struct FilingKeys: Sendable {
    /// The fingerprint of a submission without a `source_id`: the SHA-256 digest of its channel,
    /// received day, petitioner and summary, as their UTF-8 bytes separated by U+001F
    /// (``fingerprintText(_:received:timeZone:to:)``).
    ///
    /// The digest, not the texts: the index keeps a fingerprint for every case of the journal, and
    /// 32 bytes instead of the texts' 200 or so are a sixth of the memory to fill, copy and compare
    /// (a province's 300,000 cases: 10 MB, not 60). Two submissions are taken for the same when
    /// their digests are equal; SHA-256 (the journal's own hash chain) has no known collision.
    let fingerprint: FilingKey
    /// The petitioner's ``Petitioner/identityKey``, when there is one.
    let identity: FilingKey?
    /// The filing's `source_id`, when it has one.
    let sourceID: FilingKey?

    /// Where ``write(_:received:timeZone:to:)`` wrote each key.
    typealias Ranges = (fingerprint: Range<Int>, identity: Range<Int>?, sourceID: Range<Int>?)

    init(_ filing: borrowing Filing, received: Instant, timeZone: borrowing OfficeTimeZone) {
        var ranges: Ranges?
        let bytes = [UInt8].written(capacity: Self.capacity(of: filing)) { out in
            ranges = Self.write(filing, received: received, timeZone: timeZone, to: &out)
            return true
        } ?? []
        self.init(storage: bytes, ranges: ranges ?? (0..<0, nil, nil))  // never nil: writing the keys refuses nothing
    }

    /// The keys at `ranges` of `storage`.
    init(storage: [UInt8], ranges: Ranges) {
        fingerprint = FilingKey(storage: storage, range: ranges.fingerprint)
        identity = ranges.identity.map { FilingKey(storage: storage, range: $0) }
        sourceID = ranges.sourceID.map { FilingKey(storage: storage, range: $0) }
    }

    /// How many bytes ``write(_:received:timeZone:to:)`` needs for `filing`: the fingerprint's text
    /// is written in full before its digest takes its place.
    static func capacity(of filing: borrowing Filing) -> Int {
        var text = filing.channel.rawValue.utf8.count + 11 + 1 + filing.summary.utf8.count
        var identity = 0
        if let petitioner = filing.petitioner {
            let idNumber = petitioner.idNumber?.utf8.count ?? 0, phone = petitioner.phone?.utf8.count ?? 0
            text += 3 + petitioner.name.utf8.count + idNumber + phone
            identity = 4 + max(idNumber, petitioner.name.utf8.count + phone)
        } else {
            text += 10
        }
        return max(text, SHA256.digestSize) + identity + (filing.sourceID?.utf8.count ?? 0)
    }

    /// Writes the fingerprint, the identity (when there is one) and the `source_id` one after the
    /// other, and gives where each is (positions counted as `out` counts them).
    static func write(_ filing: borrowing Filing, received: Instant, timeZone: borrowing OfficeTimeZone,
                      to out: inout ByteCursor) -> Ranges {
        let start = out.count
        fingerprintText(filing, received: received, timeZone: timeZone, to: &out)
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(out.written(from: start)))
        out.rewind(to: start)
        out.place(SHA256.digestSize) { hasher.finalize(into: $0) }
        let fingerprint = start..<out.count
        let identity = filing.petitioner.flatMap { writeIdentity(of: $0, to: &out) }
        var sourceID: Range<Int>?
        if let text = filing.sourceID {
            let start = out.count
            out.text(text)
            sourceID = start..<out.count
        }
        return (fingerprint, identity, sourceID)
    }

    /// Writes the text the fingerprint is the digest of: channel, received day (`YYYY-MM-DD`),
    /// petitioner (name, ID number, phone; or `anonymous`) and summary, separated by U+001F.
    static func fingerprintText(_ filing: borrowing Filing, received: Instant, timeZone: borrowing OfficeTimeZone,
                                to out: inout ByteCursor) {
        out.text(filing.channel.rawValue)
        out.byte(0x1F)
        let date = CivilCalendar.civilFromDays(timeZone.localDate(of: received).dayNumber)
        out.place(10) { CivilCalendar.writeDate(year: date.year, month: date.month, day: date.day, to: $0) }
        out.byte(0x1F)
        if let petitioner = filing.petitioner {
            out.text(petitioner.name)
            out.byte(0x1F)
            if let idNumber = petitioner.idNumber { out.text(idNumber) }
            out.byte(0x1F)
            if let phone = petitioner.phone { out.text(phone) }
        } else {
            out.literal("anonymous")
        }
        out.byte(0x1F)
        out.text(filing.summary)
    }

    /// Writes the bytes of ``Petitioner/identityKey``, when there is one, and gives where they are.
    private static func writeIdentity(of petitioner: Petitioner, to out: inout ByteCursor) -> Range<Int>? {
        let start = out.count
        if let idNumber = petitioner.idNumber {
            out.literal("id:")
            out.text(idNumber)
        } else {
            guard let phone = petitioner.phone, !phone.isEmpty else { return nil }
            out.literal("np:")
            out.text(petitioner.name)
            out.byte(0x1F)
            out.text(phone)
        }
        return start..<out.count
    }
}
