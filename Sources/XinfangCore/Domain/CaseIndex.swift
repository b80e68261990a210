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
/// Case numbers in their canonical form (`<office>-<YYYY>-<six digits, or seven without a leading
/// zero>`, the same office code as the first one seen, of at most seven characters) skip hashing
/// altogether: they sit in a dense table per year indexed by their sequence, one array access per
/// lookup. The canonical form is unique for a (year, sequence) pair, so the table agrees with
/// `String` equality too. A number's office, year and sequence are its ``CaseKey``; an event
/// decoded from the journal carries it (read from the line's bytes), and ``subscript(_:_:)`` and
/// ``insertNew(_:caseKey:value:)`` take it instead of reading the number's text again.
///
/// When a year's numbers were given out in order, one after the other, as their cases were
/// added (as `file` numbers them), a number's value is its sequence plus a constant: the year's
/// ``DenseRun`` says so, and a lookup then reads no table at all (the table of a province's
/// year is a megabyte or more, so reading a slot at random misses the processor's caches).
struct CaseIndex: Sendable {
    /// The office code and dash of the first canonical case number (`XF-`).
    private var officePrefix: [UInt8]? {
        didSet { officeKey = officePrefix.flatMap { Self.officeKey(of: $0) } }
    }
    /// ``officePrefix`` as a ``CaseKey``'s `office` and `officeLength`, when it has at most 8 bytes.
    private var officeKey: (office: UInt64, length: Int)?
    /// Per year, the value + 1 of each sequence number (0: none).
    private var byYear: [(year: Int, values: [UInt32])] = []
    /// For each table of ``byYear``, whether its numbers form a run whose values follow them.
    private var runs: [DenseRun] = []
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
                if officePrefix == nil { officePrefix = Self.canonicalPrefix(key) }
                if let (year, sequence) = canonical(key) {
                    setDense(value, year: year, sequence: sequence)
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
                if let officePrefix {
                    let office = String(decoding: officePrefix.dropLast(), as: UTF8.self)  // without its dash
                    for (year, values) in byYear {
                        for (sequence, stored) in values.enumerated() where stored != 0 {
                            all[CaseNumber(office: office, year: year, sequence: sequence).description] = Int(stored - 1)
                        }
                    }
                }
                dictionary = all
                keys = []
                slots = []
                byYear = []
                runs = []
                officePrefix = nil
            }
            dictionary?[key] = newValue
        }
    }

    /// The value of `key`, whose ``CaseKey`` is `caseKey` (it must be `CaseKey(key)`): a canonical
    /// number of this index's office is found from its key, without its text being read again.
    subscript(key: String, caseKey: CaseKey) -> Int? {
        if let dictionary { return dictionary[key] }
        if let (year, sequence) = canonical(caseKey) { return dense(year: year, sequence: sequence) }
        var key = key
        var hash = Self.asciiHash(key)
        if hash == nil {
            // Not ASCII, but it may still equal an ASCII key (U+212A KELVIN SIGN is "K"): then its
            // canonical composition is that key. If the composition is not ASCII, no key here equals it.
            key = key.precomposedStringWithCanonicalMapping
            hash = Self.asciiHash(key)
            if hash != nil, let (year, sequence) = canonical(key) { return dense(year: year, sequence: sequence) }
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

    /// The value of the number whose key is `caseKey`, when the key alone answers (a canonical
    /// number of this index's office): `.some(nil)` when it is not in the index. Nil when the
    /// number's text must be looked up. (A caller that holds the text in an event need not copy it.)
    @inline(__always)
    func value(of caseKey: CaseKey) -> Int?? {
        guard dictionary == nil, let (year, sequence) = canonical(caseKey) else { return nil }
        return .some(dense(year: year, sequence: sequence))
    }

    /// Adds `key` with `value` unless the index has it already: false, changing nothing, when it
    /// does. One reading of the key where a lookup and then a setting would read it twice (the
    /// case book adds every case this way).
    mutating func insertNew(_ key: String, value: Int) -> Bool {
        insertNew(key, caseKey: CaseKey(key), value: value)
    }

    /// ``insertNew(_:value:)`` for a key whose ``CaseKey`` is known already (it must be `CaseKey(key)`).
    mutating func insertNew(_ key: String, caseKey: CaseKey, value: Int) -> Bool {
        if dictionary == nil, let stored = UInt32(exactly: value), stored < UInt32.max {
            if officePrefix == nil { officePrefix = Self.canonicalPrefix(key) }
            if let (year, sequence) = canonical(caseKey) {
                guard dense(year: year, sequence: sequence) == nil else { return false }
                setDense(stored, year: year, sequence: sequence)
                return true
            }
        }
        guard self[key] == nil else { return false }
        self[key] = value
        return true
    }

    /// Takes every entry of `other` with `offset` added to its value, when both hold only the same
    /// office's canonical case numbers (and this one maybe other ASCII numbers): then the dense
    /// tables are merged slot by slot, without a case number being read.
    /// - Returns: nil, changing nothing, when `other` must be taken key by key instead; false,
    ///   changing nothing, when a case number is in both; true when merged.
    mutating func absorbDense(_ other: CaseIndex, offset: Int) -> Bool? {
        guard dictionary == nil, other.dictionary == nil, other.keys.isEmpty,
              let officePrefix, officePrefix == other.officePrefix else { return nil }
        var largest: UInt32 = 0
        for (year, values) in other.byYear {
            largest = max(largest, values.max() ?? 0)
            guard let table = byYear.firstIndex(where: { $0.year == year }) else { continue }
            let mine = byYear[table].values
            for sequence in 0..<min(mine.count, values.count) where mine[sequence] != 0 && values[sequence] != 0 { return false }
        }
        guard UInt64(largest) + UInt64(offset) < UInt64(UInt32.max) else { return nil }
        let shift = UInt32(offset)
        for (year, values) in other.byYear {
            let table = denseTable(for: year)
            if byYear[table].values.count < values.count {
                byYear[table].values.append(contentsOf: repeatElement(0, count: values.count - byYear[table].values.count))
            }
            for (sequence, stored) in values.enumerated() where stored != 0 { byYear[table].values[sequence] = stored + shift }
            runs[table] = DenseRun(of: byYear[table].values)
        }
        return true
    }

    /// The value of `year`'s number `sequence`, if it is in the index.
    @inline(__always)
    private func dense(year: Int, sequence: Int) -> Int? {
        guard let table = byYear.firstIndex(where: { $0.year == year }) else { return nil }
        if let value = runs[table].value(of: sequence) { return value }
        guard !runs[table].holds, sequence < byYear[table].values.count else { return nil }
        let stored = byYear[table].values[sequence]
        return stored == 0 ? nil : Int(stored - 1)
    }

    /// The index of `year`'s dense table, made empty when there is none yet.
    private mutating func denseTable(for year: Int) -> Int {
        if let existing = byYear.firstIndex(where: { $0.year == year }) { return existing }
        byYear.append((year, []))
        runs.append(DenseRun())
        return byYear.count - 1
    }

    private mutating func setDense(_ value: UInt32, year: Int, sequence: Int) {
        let table = denseTable(for: year)
        if sequence >= byYear[table].values.count {
            let size = max(sequence + 1, byYear[table].values.count * 2, 1024)
            byYear[table].values.append(contentsOf: repeatElement(0, count: size - byYear[table].values.count))
        }
        byYear[table].values[sequence] = value + 1
        runs[table].note(sequence: sequence, value: Int(value))
    }

    /// The (year, sequence) of `caseKey` when it is a canonical case number of this index's office, else nil.
    @inline(__always)
    private func canonical(_ caseKey: CaseKey) -> (Int, Int)? {
        guard let officeKey, caseKey.office == officeKey.office, caseKey.officeLength == officeKey.length,
              caseKey.sequence < Self.denseLimit else { return nil }
        return (caseKey.year, caseKey.sequence)
    }

    /// A prefix of 1 to 8 bytes as a ``CaseKey``'s `office` and `officeLength`; nil when longer
    /// (an office code of eight characters or more: its numbers are hashed like any other).
    private static func officeKey(of prefix: [UInt8]) -> (office: UInt64, length: Int)? {
        guard (1...8).contains(prefix.count) else { return nil }
        var office: UInt64 = 0
        for (index, byte) in prefix.enumerated() { office |= UInt64(byte) << UInt64(8 * index) }
        return (office, prefix.count)
    }

    /// The (year, sequence) of a canonical case number of this index's office, else nil.
    private func canonical(_ key: String) -> (Int, Int)? {
        canonical(CaseKey(key))
    }

    /// `XF-` for `XF-2026-000123` when the key is a canonical ASCII case number, else nil.
    private static func canonicalPrefix(_ key: String) -> [UInt8]? {
        guard let number = CaseNumber(parsing: key), number.description == key,
              number.office.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return Array(number.office.utf8) + [UInt8(ascii: "-")]
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

/// A year's canonical numbers seen as a run: `first...last`, each with the value `offset + sequence`.
///
/// It holds while the numbers come one after the other with values one after the other (then
/// the dense table holds exactly the run, and a lookup needs no table); the first number out of
/// step ends it for good, and the table answers from then on.
private struct DenseRun: Sendable {
    /// Whether every number of the year so far is in the run (true while there is none).
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
