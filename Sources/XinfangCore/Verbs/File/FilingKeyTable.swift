import Foundation

/// A hash table from ``FilingKey``s to values that keeps the keys' bytes itself, in large blocks.
///
/// ``FilingIndex`` keeps a key for every case filed: its fingerprint, its petitioner, its
/// `source_id`. As a `Dictionary`'s keys, each was an array of its own, made while the batch
/// was prepared on another thread; the deciding thread retained it on insertion (waiting for
/// that array's cache line to come over from the other core), hashed and probed once to ask
/// whether the key was there and again to insert it, and every growth of the table retained
/// every key again. Here an entry is the key's digest, where its bytes are copied, and the
/// value: inserting copies the bytes once and holds no reference, one probe finds the place to
/// look up or insert, and growing re-places entries by their stored digests.
struct FilingKeyTable<Value> {
    /// Where an entry's key bytes are, and its digest.
    private struct Entry: Sendable {
        let digest: UInt64
        let block: Int32
        let offset: Int32
        let count: Int
    }

    /// Bytes per block of key bytes; a longer key gets a block of its own.
    private static var blockSize: Int { 1 << 20 }

    private var entries: [Entry] = []
    /// The entries' values, in the order the entries were inserted.
    private var values: [Value] = []
    /// Open addressing, a power of two at least twice the entries: per slot the entry's index + 1
    /// (0: empty) in the low 32 bits, the high half of its digest in the high 32 bits.
    private var slots = [UInt64](repeating: 0, count: 64)
    private var blocks: [[UInt8]] = []

    /// The number of keys.
    var count: Int { entries.count }

    /// The value of `key`, if it is in the table.
    subscript(key: FilingKey) -> Value? {
        switch find(key) {
        case .entry(let index): return values[index]
        case .free: return nil
        }
    }

    /// Inserts `key` with `value` unless it is already there; says whether it was inserted.
    @discardableResult
    mutating func insertIfAbsent(_ key: FilingKey, _ value: Value) -> Bool {
        guard case .free(let slot) = find(key) else { return false }
        insert(key, value, at: slot)
        return true
    }

    /// Changes the value of `key` with `change`, or inserts `key` with `value` when it is not there.
    mutating func update(_ key: FilingKey, insertingIfAbsent value: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        switch find(key) {
        case .entry(let index): change(&values[index])
        case .free(let slot): insert(key, value(), at: slot)
        }
    }

    /// A byte of the slot where looking `key` up starts (read ahead of the lookup, to bring it into the cache).
    func readAhead(_ key: FilingKey) -> UInt8 {
        UInt8(truncatingIfNeeded: slots[Int(truncatingIfNeeded: key.digest) & (slots.count - 1)])
    }

    /// Where ``find(_:)`` stopped.
    private enum Place {
        /// The key's entry.
        case entry(Int)
        /// The empty slot where the key goes.
        case free(Int)
    }

    /// The key's entry, or the empty slot where it would go.
    private func find(_ key: FilingKey) -> Place {
        key.withBytes { find(digest: key.digest, bytes: $0) }
    }

    /// The entry of the key with these bytes and digest, or the empty slot where it would go.
    private func find(digest: UInt64, bytes: UnsafeRawBufferPointer) -> Place {
        let tag = digest & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: digest) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { return .free(slot) }
            if stored & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(stored & 0xFFFF_FFFF) - 1
                if holds(entries[index], digest: digest, bytes: bytes) { return .entry(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `entry`'s key has these bytes and digest.
    private func holds(_ entry: Entry, digest: UInt64, bytes given: UnsafeRawBufferPointer) -> Bool {
        guard entry.digest == digest, entry.count == given.count else { return false }
        guard entry.count > 0 else { return true }
        return withBytes(of: entry) { memcmp($0.baseAddress!, given.baseAddress!, entry.count) == 0 }
    }

    /// Calls `body` with `entry`'s key bytes, in place (every entry has a block, an empty key too).
    private func withBytes<Result>(of entry: Entry, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        blocks[Int(entry.block)].withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[Int(entry.offset)..<(Int(entry.offset) + entry.count)])) }
    }

    /// Adds `key` with `value` as a new entry in the empty slot `slot`.
    private mutating func insert(_ key: FilingKey, _ value: Value, at slot: Int) {
        key.withBytes { insert(digest: key.digest, bytes: $0, value, at: slot) }
    }

    /// Adds the key with these bytes and digest, with `value`, as a new entry in the empty slot `slot`.
    private mutating func insert(digest: UInt64, bytes: UnsafeRawBufferPointer, _ value: Value, at slot: Int) {
        let (block, offset) = store(bytes)
        let index = entries.count
        precondition(index < Int(UInt32.max - 1), "FilingKeyTable: too many keys")
        entries.append(Entry(digest: digest, block: Int32(block), offset: Int32(offset), count: bytes.count))
        values.append(value)
        slots[slot] = (digest & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
        if entries.count * 2 > slots.count { grow() }
    }

    /// Adds every key of `later`, in the order it was inserted there, as if inserted here after
    /// this table's own: a key this table has already keeps its value, changed by `merge` with the later one.
    mutating func absorb(_ later: FilingKeyTable, merging merge: (inout Value, Value) -> Void) {
        // Room for both tables at once: no growth, with its copies, halfway through.
        let most = count + later.count
        entries.reserveCapacity(most)
        values.reserveCapacity(most)
        var slotCount = slots.count
        while most * 2 > slotCount { slotCount *= 2 }
        if slotCount > slots.count { place(inSlots: slotCount) }
        for (index, entry) in later.entries.enumerated() {
            later.withBytes(of: entry) { absorb(digest: entry.digest, bytes: $0, later.values[index], merging: merge) }
        }
    }

    /// ``absorb(_:merging:)`` for one key.
    private mutating func absorb(digest: UInt64, bytes: UnsafeRawBufferPointer, _ value: Value, merging merge: (inout Value, Value) -> Void) {
        switch find(digest: digest, bytes: bytes) {
        case .entry(let index): merge(&values[index], value)
        case .free(let slot): insert(digest: digest, bytes: bytes, value, at: slot)
        }
    }

    /// Copies `bytes` into the last block, or a new one when they do not fit; gives where they are.
    private mutating func store(_ bytes: UnsafeRawBufferPointer) -> (block: Int, offset: Int) {
        if let last = blocks.indices.last, blocks[last].capacity - blocks[last].count >= bytes.count {
            let offset = blocks[last].count
            blocks[last].append(contentsOf: bytes)
            return (last, offset)
        }
        var block: [UInt8] = []
        block.reserveCapacity(max(Self.blockSize, bytes.count))
        block.append(contentsOf: bytes)
        blocks.append(block)
        return (blocks.count - 1, 0)
    }

    /// Doubles the slots and places every entry again by its digest.
    private mutating func grow() {
        place(inSlots: slots.count * 2)
    }

    /// Places every entry again by its digest, in `slotCount` slots (a power of two, more than twice the entries).
    private mutating func place(inSlots slotCount: Int) {
        var larger = [UInt64](repeating: 0, count: slotCount)
        let mask = larger.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.digest) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = (entry.digest & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
        }
        slots = larger
    }
}

extension FilingKeyTable: Sendable where Value: Sendable {}
