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
    /// The longest byte string kept; longer ones are decoded every time.
    static let maxLength = 96
    /// How many distinct values the table keeps at most.
    static let capacity = 16_384

    /// Per entry: the hash of its bytes, where they are in ``arena``, the `String` and that
    /// string trimmed (nil when blank). Kept apart so that a lookup hands out one `String` only.
    private var hashes: [UInt64] = []
    private var offsets: [Int32] = []
    private var counts: [Int32] = []
    private var texts: [String] = []
    private var trimmedTexts: [String?] = []
    /// Open addressing: slot → entry index + 1 (0 = empty); its size is a power of two, at least twice ``capacity``.
    private var slots: [Int32]
    private var arena: [UInt8] = []

    init() {
        slots = [Int32](repeating: 0, count: Self.capacity * 2)
    }

    /// What ``find(_:needsValidation:)`` found.
    enum Found {
        /// The entry of these bytes: read it with ``text(_:)`` and ``trimmed(_:)``.
        case entry(Int)
        /// The bytes are valid but not kept (too long, or the table is full): decode them yourself.
        case notKept
        /// The bytes are not valid UTF-8.
        case invalid
    }

    /// The entry of `bytes` (ASCII or UTF-8 without escapes), made and added the first time they are seen.
    ///
    /// - Parameter needsValidation: false when `bytes` is known to be ASCII or valid UTF-8.
    @inline(__always)
    mutating func find(_ bytes: UnsafeRawBufferPointer, needsValidation: Bool) -> Found {
        guard bytes.count <= Self.maxLength, bytes.baseAddress != nil else {
            return !needsValidation || String(validating: bytes, as: UTF8.self) != nil ? .notKept : .invalid
        }
        return find(spelling: bytes) { bytes in
            needsValidation ? String(validating: bytes, as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The entry of the name spelled `spelling` (for a JSON string with escapes, its bytes as
    /// written), whose text `makeText` makes from it the first time it is seen (nil when the
    /// spelling is not valid); ``Found/notKept`` when it is longer than ``maxLength``, unchecked.
    ///
    /// The same bytes always spell the same text, and spellings with and without escapes never
    /// share bytes (only the former have a backslash), so each spelling is a key of its own.
    @inline(__always)
    mutating func find(spelling bytes: UnsafeRawBufferPointer, text makeText: (UnsafeRawBufferPointer) -> String?) -> Found {
        let count = bytes.count
        guard count <= Self.maxLength, let base = bytes.baseAddress else { return .notKept }
        let hash = ByteHash.hash(base, count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            let index = stored - 1
            // An empty string adds no bytes to the arena, which may then have no address to compare at.
            if hashes[index] == hash, Int(counts[index]) == count,
               count == 0 || arena.withUnsafeBytes({ $0.baseAddress.map { memcmp($0 + Int(offsets[index]), base, count) } ?? 1 }) == 0 {
                return .entry(index)
            }
            slot = (slot + 1) & mask
        }
        guard let text = makeText(bytes) else { return .invalid }
        guard texts.count < Self.capacity else { return .notKept }
        let trimmed = text.trimmingSpaces()
        hashes.append(hash)
        offsets.append(Int32(arena.count))
        counts.append(Int32(count))
        texts.append(text)
        trimmedTexts.append(trimmed.isEmpty ? nil : trimmed)
        arena.append(contentsOf: bytes)
        slots[slot] = Int32(texts.count)
        return .entry(texts.count - 1)
    }

    /// The entry's text as written.
    @inline(__always)
    func text(_ index: Int) -> String { texts[index] }

    /// The entry's text trimmed, nil when blank.
    @inline(__always)
    func trimmed(_ index: Int) -> String? { trimmedTexts[index] }
}
