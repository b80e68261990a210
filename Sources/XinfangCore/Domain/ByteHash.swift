/// A fast hash of raw bytes, for the tables that key names by their UTF-8 bytes rather than by
/// `String` (whose hashing normalises Unicode first, which costs more than the work around it).
///
/// Not for untrusted keys in a long-lived table: the tables that use it are rebuilt for every
/// reading of the journal and bounded in size.
enum ByteHash {
    /// A well-mixed hash of the `count` bytes at `base`, eight at a time.
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            h = (h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        if offset < count {
            if count >= 8 {
                // The last eight bytes, overlapping the words already mixed: one load, not a loop.
                tail = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                var shift: UInt64 = 0
                while offset < count {
                    tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                    shift += 8
                    offset += 1
                }
            }
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    /// ``hash(_:_:)`` of a buffer's bytes (an empty buffer may have no address).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        if let base = bytes.baseAddress { return hash(base, bytes.count) }
        let h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* 0xC4CE_B9FE_1A85_EC53  // no words, no tail
        return h ^ (h >> 29)
    }
}
