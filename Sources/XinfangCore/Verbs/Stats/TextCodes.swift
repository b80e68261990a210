import Foundation

/// Codes for byte strings, told apart by their bytes: the same bytes, the same code, numbered
/// from 0 in the order first seen. `stats` codes each key's texts by their UTF-8 bytes
/// (``StatsGroupNumbers``) and each group by its sort key (``StatsGroups``).
struct TextCodes {
    /// Open addressing: slot → code + 1 (0: empty); a power of two, at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Each code's bytes: `ends[code] ..< ends[code + 1]` of ``bytes``.
    private var bytes: [UInt8] = []
    private var ends: [Int] = [0]
    private var hashes: [UInt64] = []

    /// The code of `text`; -1 for nil.
    ///
    /// A text seen before is found without changing anything (so a name read from a record in
    /// place need not be copied first); a new one is added apart.
    @inline(__always)
    mutating func code(of text: String?) -> Int32 {
        guard let text else { return -1 }
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            return find(raw, hash: ByteHash.hash(raw))
        }
        if let found, let code = found { return code }
        // A new text (or one without contiguous UTF-8, none on Linux): its bytes copied first.
        return Array(text.utf8).withUnsafeBytes { code(ofBytes: $0) }
    }

    /// The code of `bytes`, given the next code (and kept) when they have none.
    mutating func code(ofBytes bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = ByteHash.hash(bytes)
        return find(bytes, hash: hash) ?? add(bytes, hash: hash)
    }

    /// Calls `body` with the bytes of `code`.
    func withBytes<Result>(of code: Int32, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let range = ends[Int(code)]..<ends[Int(code) + 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The code of `text`, whose hash is `hash`, if it has one.
    private func find(_ text: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let code = Int(slots[slot] - 1)
            if hashes[code] == hash, ends[code + 1] - ends[code] == text.count,
               text.isEmpty || bytes.withUnsafeBytes({ memcmp($0.baseAddress! + ends[code], text.baseAddress!, text.count) == 0 }) {
                return Int32(code)
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// A new code for `text`, which has none.
    private mutating func add(_ text: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = Int32(hashes.count)
        if hashes.count * 2 > slots.count { grow() }
        return Int32(hashes.count - 1)
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(code + 1)
        }
        slots = bigger
    }
}
