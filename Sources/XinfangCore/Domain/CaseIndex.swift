import Foundation

/// The case book's index from case number to position: a `[String: Int]` that hashes case numbers cheaply.
///
/// Swift hashes a `String` by its Unicode canonical form, which costs more than the rest of
/// folding an event. Case numbers are ASCII (`XF-2026-000123`), and two ASCII strings are equal
/// exactly when their bytes are, so they are kept in an open-addressing table under a plain
/// hash of their bytes. The first key that is not ASCII (which could equal an ASCII one by
/// canonical equivalence) moves every entry into an ordinary dictionary, and the index stays
/// one; so lookups always agree with `String` equality.
///
/// Case numbers of the usual form (`<office>-<YYYY>-<six, seven or eight digits>`, an ASCII office
/// code of at most seven characters) skip hashing altogether: they sit in a dense table per office,
/// year and number of digits, indexed by their sequence, one array access per lookup. Such a
/// text is unique for an (office, year, digits, sequence), so the tables agree with `String`
/// equality too. A number's office, year and sequence are its ``CaseKey``; an event decoded from
/// the journal carries it (read from the line's bytes), and ``subscript(_:_:)`` and
/// ``insertNew(_:caseKey:value:)`` take it instead of reading the number's text again. A journal
/// usually holds one office's numbers; one that gathers several offices' (a province's cities,
/// each with its own code) gets a table for each office and year, up to ``maxTables``; numbers
/// whose table could not be made are hashed.
///
/// When a table's numbers were given out in order, one after the other, as their cases were
/// added (as `file` numbers them), a number's value is its sequence plus a constant: the table's
/// ``DenseRun`` says so, and a lookup then reads no table at all (the table of a province's
/// year is a megabyte or more, so reading a slot at random misses the processor's caches).
struct CaseIndex: Sendable {
    /// The dense tables, one per office, year and number of digits.
    private var tables: [DenseTable] = []
    /// Each table's index + 1 (0: none), placed by ``DenseTable/slot(office:tag:)``.
    private var tableSlots = [UInt8](repeating: 0, count: 2 * maxTables)
    /// At most this many dense tables (offices, years and widths); the numbers of any more are hashed.
    /// Tables are never removed, so once a table was refused, no table is made again (it would
    /// hide the numbers hashed for want of it).
    static let maxTables = 64
    /// The largest sequence the dense tables hold; larger ones go to the hash table.
    private static let denseLimit = 1 << 22
    private var keys: [String] = []
    /// Entry number + 1 in the low 32 bits (0: empty), the value in the high 32 bits, so that a
    /// lookup touches one slot and one key; a power of two, at most half full.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 1024)
    /// Every entry, once a key that is not ASCII has been seen.
    private var dictionary: [String: Int]?

    subscript(key: String) -> Int? {
        get { self[key, CaseKey(key)] }
        set {
            if dictionary == nil, let newValue, let value = UInt32(exactly: newValue), value < UInt32.max {
                if let place = Self.densePlace(CaseKey(key)), let table = tableOrNew(place) {
                    setDense(value, table: table, sequence: place.sequence)
                    return
                }
                if let hash = Self.asciiHash(key) {
                    set(value, for: key, hash: hash)
                    return
                }
            }
            if dictionary == nil {
                var all: [String: Int] = [:]
                all.reserveCapacity(keys.count + 1)
                for stored in slots where stored != 0 { all[keys[Int(stored & 0xFFFF_FFFF) - 1]] = Int(stored >> 32) }
                for table in tables {
                    for (sequence, stored) in table.values.enumerated() where stored != 0 {
                        all[CaseKey.text(office: table.office, tag: table.tag, sequence: sequence)] = Int(stored - 1)
                    }
                }
                dictionary = all
                keys = []
                slots = []
                tables = []
                tableSlots = []
            }
            dictionary?[key] = newValue
        }
    }

    /// The value of `key`, whose ``CaseKey`` is `caseKey` (it must be `CaseKey(key)`): a number
    /// with a dense table is found from its key, without its text being read again.
    subscript(key: String, caseKey: CaseKey) -> Int? {
        if let dictionary { return dictionary[key] }
        if let place = Self.densePlace(caseKey), let answer = dense(place) { return answer }
        var key = key
        var hash = Self.asciiHash(key)
        if hash == nil {
            // Not ASCII, but it may still equal an ASCII key (U+212A KELVIN SIGN is "K"): then its
            // canonical composition is that key. If the composition is not ASCII, no key here equals it.
            key = key.precomposedStringWithCanonicalMapping
            hash = Self.asciiHash(key)
            if hash != nil, let place = Self.densePlace(CaseKey(key)), let answer = dense(place) { return answer }
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

    /// The value of the number whose key is `caseKey`, when the key alone answers (a number with
    /// a dense table, or any number with a key while nothing is hashed): `.some(nil)`
    /// when it is not in the index. Nil when the number's text must be looked up. (A caller that
    /// holds the text in an event need not copy it.)
    @inline(__always)
    func value(of caseKey: CaseKey) -> Int?? {
        guard dictionary == nil, let place = Self.densePlace(caseKey) else { return nil }
        if let answer = dense(place) { return answer }
        return keys.isEmpty ? .some(nil) : nil
    }

    /// Adds `key` with `value` unless the index has it already: false, changing nothing, when it
    /// does. One reading of the key where a lookup and then a setting would read it twice (the
    /// case book adds every case this way).
    mutating func insertNew(_ key: String, value: Int) -> Bool {
        insertNew(key, caseKey: CaseKey(key), value: value)
    }

    /// ``insertNew(_:value:)`` for a key whose ``CaseKey`` is known already (it must be `CaseKey(key)`).
    mutating func insertNew(_ key: String, caseKey: CaseKey, value: Int) -> Bool {
        if dictionary == nil, let stored = UInt32(exactly: value), stored < UInt32.max,
           let place = Self.densePlace(caseKey), let table = tableOrNew(place) {
            guard tables[table].value(of: place.sequence) == nil else { return false }
            setDense(stored, table: table, sequence: place.sequence)
            return true
        }
        guard self[key] == nil else { return false }
        self[key] = value
        return true
    }

    /// Takes every entry of `other` with `offset` added to its value, when `other` holds only
    /// case numbers in dense tables (and this one maybe hashed numbers too): then the
    /// tables are merged slot by slot, without a case number being read.
    /// - Returns: nil, changing nothing, when `other` must be taken key by key instead; false,
    ///   changing nothing, when a case number is in both; true when merged.
    mutating func absorbDense(_ other: CaseIndex, offset: Int) -> Bool? {
        guard dictionary == nil, other.dictionary == nil, other.keys.isEmpty else { return nil }
        var largest: UInt32 = 0
        var missing = 0
        for theirs in other.tables {
            largest = max(largest, theirs.values.max() ?? 0)
            guard let table = table(office: theirs.office, tag: theirs.tag) else {
                missing += 1
                continue
            }
            let mine = tables[table].values
            for sequence in 0..<min(mine.count, theirs.values.count) where mine[sequence] != 0 && theirs.values[sequence] != 0 {
                return false
            }
        }
        // Within the limit, no number of the tables made here was hashed for want of one.
        guard tables.count + missing <= Self.maxTables else { return nil }
        guard UInt64(largest) + UInt64(offset) < UInt64(UInt32.max) else { return nil }
        let shift = UInt32(offset)
        for theirs in other.tables {
            let place = (office: theirs.office, tag: theirs.tag, sequence: 0)
            guard let table = tableOrNew(place) else { preconditionFailure("counted above") }
            if tables[table].values.count < theirs.values.count {
                tables[table].values.append(contentsOf: repeatElement(0, count: theirs.values.count - tables[table].values.count))
            }
            for (sequence, stored) in theirs.values.enumerated() where stored != 0 { tables[table].values[sequence] = stored + shift }
            tables[table].run = DenseRun(of: tables[table].values)
        }
        return true
    }

    /// Where a number's key puts it in the dense tables: its office, the office's length, the
    /// sequence's digits and the year (`tag`), and its sequence. Nil when it has no place there
    /// (no key, an office that is not ASCII, a sequence past ``denseLimit``).
    @inline(__always)
    private static func densePlace(_ caseKey: CaseKey) -> (office: UInt64, tag: UInt64, sequence: Int)? {
        guard caseKey.exists, caseKey.office & 0x8080_8080_8080_8080 == 0, caseKey.sequence < denseLimit else { return nil }
        return (caseKey.office, caseKey.tag, caseKey.sequence)
    }

    /// The answer of the dense tables for `place`: nil when it has no table (the number may be
    /// hashed), else the value, or `.some(nil)` when it is not in the index.
    @inline(__always)
    private func dense(_ place: (office: UInt64, tag: UInt64, sequence: Int)) -> Int?? {
        guard let table = table(office: place.office, tag: place.tag) else { return nil }
        return .some(tables[table].value(of: place.sequence))
    }

    /// The index of the table of `office` and `tag`, if there is one.
    @inline(__always)
    private func table(office: UInt64, tag: UInt64) -> Int? {
        var slot = DenseTable.slot(office: office, tag: tag)
        let mask = tableSlots.count - 1
        while true {
            let stored = Int(tableSlots[slot & mask])
            if stored == 0 { return nil }
            if tables[stored - 1].office == office, tables[stored - 1].tag == tag { return stored - 1 }
            slot += 1
        }
    }

    /// The index of the table for `place`, made empty when there is none yet; nil when there are
    /// ``maxTables`` already (the number is then hashed, as every later one of its table).
    private mutating func tableOrNew(_ place: (office: UInt64, tag: UInt64, sequence: Int)) -> Int? {
        if let existing = table(office: place.office, tag: place.tag) { return existing }
        guard tables.count < Self.maxTables else { return nil }
        tables.append(DenseTable(office: place.office, tag: place.tag))
        let mask = tableSlots.count - 1
        var slot = DenseTable.slot(office: place.office, tag: place.tag)
        while tableSlots[slot & mask] != 0 { slot += 1 }
        tableSlots[slot & mask] = UInt8(tables.count)
        return tables.count - 1
    }

    private mutating func setDense(_ value: UInt32, table: Int, sequence: Int) {
        if sequence >= tables[table].values.count {
            let size = max(sequence + 1, tables[table].values.count * 2, 1024)
            tables[table].values.append(contentsOf: repeatElement(0, count: size - tables[table].values.count))
        }
        tables[table].values[sequence] = value + 1
        tables[table].run.note(sequence: sequence, value: Int(value))
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

/// The numbers of one office, year and number of digits: the value + 1 of each sequence (0: none).
private struct DenseTable: Sendable {
    /// The office code with its dash, as ``CaseKey/office``.
    let office: UInt64
    /// ``CaseKey/tag``: the office's length, the sequence's digits and the year.
    let tag: UInt64
    var values: [UInt32] = []
    /// Whether its numbers form a run whose values follow them.
    var run = DenseRun()

    init(office: UInt64, tag: UInt64) {
        self.office = office
        self.tag = tag
    }

    /// The value of number `sequence`, if it is in the table.
    @inline(__always)
    func value(of sequence: Int) -> Int? {
        if let value = run.value(of: sequence) { return value }
        guard !run.holds, sequence < values.count else { return nil }
        let stored = values[sequence]
        return stored == 0 ? nil : Int(stored - 1)
    }

    /// Where the table of `office` and `tag` is looked for first among ``CaseIndex``'s table slots.
    @inline(__always)
    static func slot(office: UInt64, tag: UInt64) -> Int {
        Int(truncatingIfNeeded: ((office ^ tag &* 0x9E37_79B9) &* 0xBF58_476D_1CE4_E5B9) >> 57)
    }
}

/// A table's numbers seen as a run: `first...last`, each with the value `offset + sequence`.
///
/// It holds while the numbers come one after the other with values one after the other (then
/// the dense table holds exactly the run, and a lookup needs no table); the first number out of
/// step ends it for good, and the table answers from then on.
private struct DenseRun: Sendable {
    /// Whether every number of the table so far is in the run (true while there is none).
    private(set) var holds = true
    private var first = 0
    private var last = -1
    private var offset = 0

    init() {}

    /// The run a table holds, if it holds one (`values`: value + 1 per sequence, 0 for none).
    init(of values: [UInt32]) {
        for (sequence, stored) in values.enumerated() where stored != 0 {
            note(sequence: sequence, value: Int(stored) - 1)
            if !holds { return }
        }
    }

    /// Takes number `sequence` with `value`: the run goes on, or ends for good.
    mutating func note(sequence: Int, value: Int) {
        guard holds else { return }
        if last < first {
            (first, last, offset) = (sequence, sequence, value - sequence)
        } else if sequence == last + 1 && value == offset + sequence {
            last = sequence
        } else {
            holds = false
        }
    }

    /// The value of `sequence` when the run holds: nil when it is not in the run (so not in the year).
    @inline(__always)
    func value(of sequence: Int) -> Int? {
        guard holds, sequence >= first, sequence <= last else { return nil }
        return offset + sequence
    }
}
