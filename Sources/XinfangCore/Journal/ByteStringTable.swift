import Foundation

/// Shares one `String` among equal byte strings: the journal reader's table of unit, region and
/// category names.
///
/// A province's journal names a few hundred units, regions and categories millions of times.
/// Looking the raw bytes up here (a cheap hash of the bytes, not Swift's Unicode-aware `String`
/// hashing) gives back the `String` made the first time, so equal names share one buffer and the
/// bytes are decoded and validated once. The table stops taking new entries when full (so a
/// journal of unique texts cannot grow it without bound); lookups go on working.
struct ByteStringTable {
    /// One distinct value: its bytes in ``arena``, the `String`, and that string trimmed (nil when blank).
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var count: Int
        var text: String
        var trimmed: String?
    }

    /// The longest byte string kept; longer ones are decoded every time.
    static let maxLength = 96
    /// How many distinct values the table keeps at most.
    static let capacity = 16_384

    private var entries: [Entry] = []
    /// Open addressing: slot → entry index + 1 (0 = empty); its size is a power of two, at least twice ``capacity``.
    private var slots: [Int32]
    private var arena: [UInt8] = []

    init() {
        slots = [Int32](repeating: 0, count: Self.capacity * 2)
    }

    /// The string of `bytes` (ASCII or UTF-8 without escapes) and its trimmed form, or nil when
    /// `bytes` is not valid UTF-8.
    ///
    /// - Parameter needsValidation: false when `bytes` is known to be ASCII.
    mutating func lookup(_ bytes: UnsafeRawBufferPointer, needsValidation: Bool) -> (text: String, trimmed: String?)? {
        let count = bytes.count
        guard count <= Self.maxLength, let base = bytes.baseAddress else { return Self.make(bytes, needsValidation) }
        let hash = Self.hash(base, count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            let entry = entries[stored - 1]
            if entry.hash == hash, entry.count == count,
               arena.withUnsafeBytes({ memcmp($0.baseAddress! + entry.offset, base, count) }) == 0 {
                return (entry.text, entry.trimmed)
            }
            slot = (slot + 1) & mask
        }
        guard let made = Self.make(bytes, needsValidation) else { return nil }
        if entries.count < Self.capacity {
            entries.append(Entry(hash: hash, offset: arena.count, count: count, text: made.text, trimmed: made.trimmed))
            arena.append(contentsOf: bytes)
            slots[slot] = Int32(entries.count)
        }
        return made
    }

    private static func make(_ bytes: UnsafeRawBufferPointer, _ needsValidation: Bool) -> (text: String, trimmed: String?)? {
        let text: String
        if needsValidation {
            guard let valid = String(validating: bytes, as: UTF8.self) else { return nil }
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        let trimmed = text.trimmingSpaces()
        return (text, trimmed.isEmpty ? nil : trimmed)
    }

    /// A fast, well-mixed hash of `count` bytes at `base` (not for untrusted keys in a long-lived table:
    /// the table is rebuilt for every reading of the journal and bounded by ``capacity``).
    @inline(__always)
    private static func hash(_ base: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            h = (h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift += 8
            offset += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }
}
