/// A key of ``FilingIndex``'s tables: raw UTF-8 bytes with their hash computed once.
///
/// `String` hashing normalises Unicode first, which is slow for Chinese text, and even
/// hashing raw bytes through `Hasher` costs a full SipHash pass over them at every lookup
/// and again at every rehash while a table grows. This key hashes its bytes once, eight at a
/// time, when it is made; a table then only mixes that one word with its seed. Two keys are
/// equal when their bytes are.
struct FilingKey: Hashable, Sendable {
    let bytes: [UInt8]
    let digest: UInt64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        digest = bytes.withUnsafeBytes { Self.digest(of: $0) }
    }

    init(_ text: String) {
        self.init(Array(text.utf8))
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// The table's hash without a `Hasher`: the digest mixed with the table's seed.
    func _rawHashValue(seed: Int) -> Int {
        let mixed = (digest ^ UInt64(UInt(bitPattern: seed))) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed &>> 32))
    }

    static func == (left: FilingKey, right: FilingKey) -> Bool {
        left.digest == right.digest && left.bytes == right.bytes
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
    /// ``FilingIndex/fingerprint(of:received:timeZone:)``.
    let fingerprint: FilingKey
    /// The petitioner's ``Petitioner/identityKey``, when there is one.
    let identity: FilingKey?
    /// The filing's `source_id`, when it has one.
    let sourceID: FilingKey?

    init(_ filing: borrowing Filing, received: Instant, timeZone: borrowing OfficeTimeZone) {
        fingerprint = FilingIndex.fingerprint(of: filing, received: received, timeZone: timeZone)
        identity = filing.petitioner.flatMap(Self.identity(of:))
        sourceID = filing.sourceID.map { FilingKey($0) }
    }
}

extension FilingKeys {
    /// The key of ``Petitioner/identityKey``: its UTF-8 bytes, written in one go.
    static func identity(of petitioner: Petitioner) -> FilingKey? {
        if let idNumber = petitioner.idNumber {
            return FilingKey([UInt8].written(capacity: 3 + idNumber.utf8.count) { out in
                out.literal("id:")
                out.text(idNumber)
                return true
            } ?? [])
        }
        guard let phone = petitioner.phone, !phone.isEmpty else { return nil }
        return FilingKey([UInt8].written(capacity: 4 + petitioner.name.utf8.count + phone.utf8.count) { out in
            out.literal("np:")
            out.text(petitioner.name)
            out.byte(0x1F)
            out.text(phone)
            return true
        } ?? [])
    }
}
