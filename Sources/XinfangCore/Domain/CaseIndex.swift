import Foundation

/// The case book's index from case number to position: a `[String: Int]` that hashes case numbers cheaply.
///
/// Swift hashes a `String` by its Unicode canonical form, which costs more than the rest of
/// folding an event. Case numbers are ASCII (`XF-2026-000123`), and two ASCII strings are equal
/// exactly when their bytes are, so they are kept in an open-addressing table under a plain
/// hash of their bytes. The first key that is not ASCII (which could equal an ASCII one by
/// canonical equivalence) moves every entry into an ordinary dictionary, and the index stays
/// one; so lookups always agree with `String` equality.
struct CaseIndex: Sendable {
    private var keys: [String] = []
    /// Entry number + 1 in the low 32 bits (0: empty), the value in the high 32 bits, so that a
    /// lookup touches one slot and one key; a power of two, at most half full.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 1024)
    /// Every entry, once a key that is not ASCII has been seen.
    private var dictionary: [String: Int]?

    subscript(key: String) -> Int? {
        get {
            if let dictionary { return dictionary[key] }
            var key = key
            var hash = Self.asciiHash(key)
            if hash == nil {
                // Not ASCII, but it may still equal an ASCII key (U+212A KELVIN SIGN is "K"): then its
                // canonical composition is that key. If the composition is not ASCII, no key here equals it.
                key = key.precomposedStringWithCanonicalMapping
                hash = Self.asciiHash(key)
            }
            guard let hash else { return nil }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let stored = slots[slot]
                if stored == 0 { return nil }
                if keys[Int(stored & 0xFFFF_FFFF) - 1] == key { return Int(stored >> 32) }
                slot = (slot + 1) & mask
            }
        }
        set {
            if dictionary == nil, let hash = Self.asciiHash(key), let newValue, let value = UInt32(exactly: newValue) {
                set(value, for: key, hash: hash)
                return
            }
            if dictionary == nil {
                var all: [String: Int] = [:]
                all.reserveCapacity(keys.count + 1)
                for stored in slots where stored != 0 { all[keys[Int(stored & 0xFFFF_FFFF) - 1]] = Int(stored >> 32) }
                dictionary = all
                keys = []
                slots = []
            }
            dictionary?[key] = newValue
        }
    }

    private mutating func set(_ value: UInt32, for key: String, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if keys[Int(stored & 0xFFFF_FFFF) - 1] == key {
                slots[slot] = UInt64(value) << 32 | (stored & 0xFFFF_FFFF)
                return
            }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        slots[slot] = UInt64(value) << 32 | UInt64(keys.count)
        if keys.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for stored in slots where stored != 0 {
            var slot = Int(truncatingIfNeeded: Self.asciiHash(keys[Int(stored & 0xFFFF_FFFF) - 1]) ?? 0) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = stored
        }
        slots = bigger
    }

    /// A well-mixed hash of an ASCII key's bytes; nil when the key is not ASCII.
    private static func asciiHash(_ key: String) -> UInt64? {
        var key = key
        return key.withUTF8 { bytes -> UInt64? in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var high: UInt8 = 0
            for byte in bytes {
                high |= byte
                h = (h ^ UInt64(byte)) &* 0x0100_0000_01B3
            }
            guard high < 0x80 else { return nil }
            h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
            return h ^ (h >> 32)
        }
    }
}
