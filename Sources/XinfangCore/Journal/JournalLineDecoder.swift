import Foundation
import XinfangLineMasks
#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Decodes one journal line straight from its bytes into a ``JournalEvent``: the journal reader's hot path.
///
/// The reference path parses a line into a general JSON tree (``JSONParser``) and reads the
/// event from it (``JournalEvent/init(journalObject:timeZone:)``). This decoder gives exactly
/// the same events without the tree: it walks the line's top-level members once, matches the
/// keys by their bytes (in any order), keeps each value as a byte range, and decodes only what
/// the event's kind needs: timestamps from their fixed layout, unit, region and category names
/// through a ``ByteStringTable`` (so equal names share one `String` and are validated once),
/// other strings directly (unescaping them when they hold a backslash). Unknown members are
/// skipped by the same scanners (objects and arrays in them too, with the strict parser's depth
/// limit and duplicate-key refusal), so they are checked as thoroughly as on the reference path.
/// Where a string ends is found from the line's ``LineMasks`` when the processor has AVX2 and
/// the line has no control byte (``MaskedStrings``, or ``MaskedEscapedStrings`` for a line with
/// a backslash: escaped quotes told apart and the UTF-8 checked in that pass), else byte by byte
/// (``BytewiseStrings``: UTF-8 checked while scanning).
///
/// It answers `nil` whenever a line is anything but a plainly valid event (bad JSON, invalid
/// UTF-8, a duplicate key, a missing or wrong field, a key written with escapes, a number that
/// is not a plain whole number, a timestamp the lenient parser must judge, …). The caller then
/// runs the reference path, which gives the same event or the exact error message; so the two
/// paths cannot disagree on what is refused or on what a refusal says.
struct JournalLineDecoder {
    let timeZone: OfficeTimeZone
    /// Which free texts the caller needs as `String`s.
    let texts: EventTexts
    /// Whether strings are found from ``LineMasks`` on the lines it takes (``MaskedStrings``,
    /// ``MaskedEscapedStrings``): on a processor with AVX2, for lines of at most 4 KiB with no control byte.
    let usesLineMasks: Bool
    /// The decoder's fixed tables and per-line slots, in one allocation (no array checks in the inner loop).
    private let storage: Storage
    /// Each field's value on the current line, indexed by ``Field``; valid where ``present`` has its bit.
    let values: UnsafeMutablePointer<RawValue>
    /// The key patterns and expected successors, in ``storage``.
    private let keys: KeyTables
    var present: UInt64 = 0
    /// Fields whose value is a string with escapes (checked before the event is built).
    var escapedFields: UInt64 = 0
    var names = ByteStringTable()
    var timestamps = TimestampMemo()
    private var unknownKeys: [Range<Int>] = []

    /// - Parameter usesLineMasks: whether to find strings from ``LineMasks`` where the processor
    ///   can (false: byte by byte on every line, as on a processor without AVX2).
    init(timeZone: OfficeTimeZone, texts: EventTexts = .all, usesLineMasks: Bool = true) {
        self.timeZone = timeZone
        self.texts = texts
        self.usesLineMasks = usesLineMasks && LineMasks.isAvailable
        storage = Storage()
        values = storage.values
        keys = storage.keys
    }

    /// The line's event, or nil when the reference path must decide (see the type's discussion).
    mutating func decode(_ line: UnsafeRawBufferPointer) -> JournalEvent? {
        // Offsets are kept in 32 bits (the scanner's lines are at most 4 MiB).
        guard let raw = line.baseAddress, line.count < Int(Int32.max) else { return nil }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        do {
            let masks = usesLineMasks && line.count <= LineMasks.maximumLength
                ? LineMasks.scan(bytes, count: line.count, quotes: storage.quotes, backslashes: storage.backslashes,
                                 nonASCII: storage.nonASCII)
                : .refused
            let strings = MaskedStrings(quotes: storage.quotes, nonASCII: storage.nonASCII, words: (line.count &+ 63) &>> 6)
            switch masks {
            case .withoutBackslashes:
                try scanMembers(bytes, line.count, strings)
            case .withBackslashes:
                try scanMembers(bytes, line.count, MaskedEscapedStrings(masks: strings, backslashes: storage.backslashes))
            case .refused:
                try scanMembers(bytes, line.count, BytewiseStrings())
            }
            return try build(bytes)
        } catch {
            return nil
        }
    }

    // MARK: - Scanning

    /// Reads the line's members into ``values``.
    private mutating func scanMembers<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ strings: S) throws(Fallback) {
        present = 0
        escapedFields = 0
        if !unknownKeys.isEmpty { unknownKeys.removeAll(keepingCapacity: true) }
        var p = 0
        Self.skipSpace(b, n, &p)
        guard p < n, b[p] == UInt8(ascii: "{") else { throw Fallback() }
        p += 1
        Self.skipSpace(b, n, &p)
        guard p < n, b[p] != UInt8(ascii: "}") else { throw Fallback() }
        var previous = KeyTables.objectStart
        while true {
            guard let field = try nextField(b, n, &p, after: previous, depth: 1, unknownFrom: 0, strings) else {
                if try Self.endOfMember(b, n, &p) { break }
                continue
            }
            let bit: UInt64 = 1 << UInt64(field.rawValue)
            if field == .petitioner, b[p] == UInt8(ascii: "{") {
                try scanPetitioner(b, n, &p, strings)
                values[field.rawValue] = RawValue(kind: .object, start: 0, end: 0)
            } else {
                // Strings inline: most values are strings.
                let value = b[p] == UInt8(ascii: "\"") ? try strings.scanString(b, n, &p) : try Self.scanValue(b, n, &p, depth: 1, strings)
                values[field.rawValue] = value
                if value.escaped { escapedFields |= bit }
                if field == .event, value.kind == .string, value.count > 0 {
                    // The kind's own members follow `recorded`: expect the first of them.
                    let first: Field = value.count != 5 ? .unit : b[value.start] == UInt8(ascii: "f") ? .channel : .satisfaction
                    keys.expected[Field.recorded.rawValue] = first
                }
            }
            previous = field.rawValue
            if try Self.endOfMember(b, n, &p) { break }
        }
        Self.skipSpace(b, n, &p)
        guard p == n else { throw Fallback() }
    }

    /// Reads the next member's `"key":` (the line's own at `depth` 1, the petitioner's at 2) and
    /// marks its field present; a field seen twice is for the reference path. Nil for an unknown
    /// key, whose value is then already skipped and checked.
    ///
    /// The member the writer puts after `previous` is tried first: its `"key":` is one or two
    /// 8-byte compares. Any other key is read and matched, and becomes the one expected next time.
    @inline(__always)
    private mutating func nextField<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, after previous: Int,
                                                             depth: Int, unknownFrom: Int, _ strings: S) throws(Fallback) -> Field? {
        let keys = self.keys
        let field: Field
        let expected = keys.expected[previous]
        if keys.matchesQuotedKey(expected, b, n, p) {
            field = expected
            // The pattern's 16 bytes were there, so its at most 15 leave `p` inside the line.
            p &+= Int(keys.patterns[expected.rawValue].quotedCount)
            if b[p] <= 0x20 {
                // One space after the colon, as `json.dumps` writes `": "`, then the value; else any white space.
                if b[p] == UInt8(ascii: " "), p &+ 1 < n, b[p &+ 1] > 0x20 {
                    p &+= 1
                } else {
                    Self.skipSpace(b, n, &p)
                    guard p < n else { throw Fallback() }
                }
            }
        } else {
            let key = try Self.scanKey(b, n, &p)
            guard let known = depth == 1 ? keys.topLevel(b, n, key) : keys.nested(b, n, key) else {
                try skipUnknown(b, n, &p, key: key, depth: depth, from: unknownFrom, strings)
                return nil
            }
            field = known
            keys.expected[previous] = field
        }
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard present & bit == 0 else { throw Fallback() }
        present |= bit
        return field
    }

    /// After a member's value: skips to the next key (false) or past the object's `}` (true).
    @inline(__always)
    private static func endOfMember(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) -> Bool {
        if p + 1 < n, b[p] == UInt8(ascii: ","), b[p + 1] == UInt8(ascii: "\"") {
            p += 1
            return false
        }
        // `, "` as `json.dumps` writes it.
        if p + 2 < n, b[p] == UInt8(ascii: ","), b[p + 1] == UInt8(ascii: " "), b[p + 2] == UInt8(ascii: "\"") {
            p += 2
            return false
        }
        skipSpace(b, n, &p)
        guard p < n else { throw Fallback() }
        if b[p] == UInt8(ascii: ",") {
            p += 1
            skipSpace(b, n, &p)
            return false
        }
        guard b[p] == UInt8(ascii: "}") else { throw Fallback() }
        p += 1
        return true
    }

    /// Reads the `petitioner` object's members (`p` at its `{`).
    private mutating func scanPetitioner<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int,
                                                                  _ strings: S) throws(Fallback) {
        p += 1
        Self.skipSpace(b, n, &p)
        guard p < n else { throw Fallback() }
        if b[p] == UInt8(ascii: "}") {
            p += 1
            return
        }
        // The object's own unknown keys are compared with each other only.
        let outerUnknown = unknownKeys.count
        var previous = KeyTables.petitionerStart
        while true {
            guard let field = try nextField(b, n, &p, after: previous, depth: 2, unknownFrom: outerUnknown, strings) else {
                if try Self.endOfMember(b, n, &p) { break }
                continue
            }
            let bit: UInt64 = 1 << UInt64(field.rawValue)
            let value = b[p] == UInt8(ascii: "\"") ? try strings.scanString(b, n, &p) : try Self.scanValue(b, n, &p, depth: 2, strings)
            values[field.rawValue] = value
            if value.escaped { escapedFields |= bit }
            previous = field.rawValue
            if try Self.endOfMember(b, n, &p) { break }
        }
        if unknownKeys.count > outerUnknown { unknownKeys.removeSubrange(outerUnknown...) }
    }

    /// Reads `"key"` and the `:` after it; keys with escapes or non-ASCII bytes are left to the reference path.
    @inline(__always)
    private static func scanKey(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) -> Range<Int> {
        guard p < n, b[p] == UInt8(ascii: "\"") else { throw Fallback() }
        p += 1
        let start = p
        while p < n {
            let byte = b[p]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { throw Fallback() }
            p += 1
        }
        guard p < n else { throw Fallback() }
        let key = start..<p
        p += 1
        skipSpace(b, n, &p)
        guard p < n, b[p] == UInt8(ascii: ":") else { throw Fallback() }
        p += 1
        skipSpace(b, n, &p)
        guard p < n else { throw Fallback() }
        return key
    }

    /// Skips an unknown member's value, checked as the strict parser checks it; a repeated unknown key is refused.
    private mutating func skipUnknown<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, key: Range<Int>,
                                                               depth: Int, from first: Int, _ strings: S) throws(Fallback) {
        try noteUnknownKey(b, key, from: first)
        try skipUnknownValue(b, n, &p, in: depth, strings)
    }

    /// Notes an unknown key of one object, whose keys are those of ``unknownKeys`` from `first` on;
    /// a key the object already had is for the reference path.
    @inline(__always)
    private mutating func noteUnknownKey(_ b: UnsafePointer<UInt8>, _ key: Range<Int>, from first: Int) throws(Fallback) {
        for seen in unknownKeys[first...] where seen.count == key.count {
            if memcmp(b + seen.lowerBound, b + key.lowerBound, key.count) == 0 { throw Fallback() }
        }
        unknownKeys.append(key)
    }

    /// Skips an unknown value (`p` at its first byte) in an object or array at `depth`, checked as
    /// the strict parser checks it.
    @inline(__always)
    private mutating func skipUnknownValue<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int,
                                                                    in depth: Int, _ strings: S) throws(Fallback) {
        if b[p] == UInt8(ascii: "{") || b[p] == UInt8(ascii: "[") {
            try skipContainer(b, n, &p, depth: depth + 1, strings)
        } else {
            let value = try Self.scanValue(b, n, &p, depth: depth, strings)
            try validate(value, b)
        }
    }

    /// Skips an object or an array in an unknown member's value (`p` at its `{` or `[`, which is
    /// at `depth` as ``JSONParser`` counts it), checking it as the strict parser would without
    /// building its tree: strings and numbers by the decoder's own scanners, nesting up to
    /// ``JSONParser/maxDepth``, no key twice in one object. A key with an escape or a non-ASCII
    /// byte (whose sameness is the strict parser's `String` comparison), or an object of more than
    /// 64 keys, is left to the reference path.
    private mutating func skipContainer<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int,
                                                                 depth: Int, _ strings: S) throws(Fallback) {
        guard depth <= JSONParser.maxDepth else { throw Fallback() }
        let isObject = b[p] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        p += 1
        Self.skipSpace(b, n, &p)
        guard p < n else { throw Fallback() }
        if b[p] == close {
            p += 1
            return
        }
        let keysFrom = unknownKeys.count
        while true {
            if isObject {
                let key = try Self.scanKey(b, n, &p)
                guard unknownKeys.count - keysFrom < 64 else { throw Fallback() }
                try noteUnknownKey(b, key, from: keysFrom)
            }
            try skipUnknownValue(b, n, &p, in: depth, strings)
            Self.skipSpace(b, n, &p)
            guard p < n else { throw Fallback() }
            if b[p] == UInt8(ascii: ",") {
                p += 1
                Self.skipSpace(b, n, &p)
                guard p < n else { throw Fallback() }
                continue
            }
            guard b[p] == close else { throw Fallback() }
            p += 1
            unknownKeys.removeSubrange(keysFrom...)
            return
        }
    }

    /// Reads one value starting at `p` (not at white space).
    @inline(__always)
    private static func scanValue<S: JournalStringScanner>(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, depth: Int,
                                                           _ strings: S) throws(Fallback) -> RawValue {
        switch b[p] {
        case UInt8(ascii: "\""):
            return try strings.scanString(b, n, &p)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try Self.scanNumber(b, n, &p)
        case UInt8(ascii: "t"):
            try Self.expect(b, n, &p, "true")
            return RawValue(kind: .trueValue, start: 0, end: 0)
        case UInt8(ascii: "f"):
            try Self.expect(b, n, &p, "false")
            return RawValue(kind: .falseValue, start: 0, end: 0)
        case UInt8(ascii: "n"):
            try Self.expect(b, n, &p, "null")
            return RawValue(kind: .null, start: 0, end: 0)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Rare: an object or array where the event has none. The strict parser checks it
            // (nesting depth and duplicate keys included); it expects valid UTF-8, checked after.
            let kind: RawValue.Kind = b[p] == UInt8(ascii: "{") ? .object : .array
            var parser = JSONParser(bytes: UnsafeRawBufferPointer(start: b, count: n))
            parser.position = p
            parser.depth = depth
            do { _ = try parser.parseValue() } catch { throw Fallback() }
            guard UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: b + p, count: parser.position - p)) == nil else {
                throw Fallback()
            }
            p = parser.position
            return RawValue(kind: kind, start: 0, end: 0)
        default:
            throw Fallback()
        }
    }

    /// Reads a string (`position` at its opening quote), noting escapes and validating its non-ASCII
    /// bytes as UTF-8 on the way (so no later pass needs to); 16 or 8 bytes at a time where it can.
    /// Nil when the line must go to the reference path (``JournalStringScanner`` explains why not a `throws`).
    @inline(__always)
    static func readString(_ b: UnsafePointer<UInt8>, _ n: Int, _ position: inout Int) -> RawValue? {
        // A local position, stored back once at the end, stays in a register: `position` itself
        // would be stored to memory at every step, since the line's bytes might alias it.
        var p = position &+ 1
        let start = p
        var nonASCII = false
        var escaped = false
        outer: while true {
            Self.skipPlainBytes(b, n, &p)
            while p < n {
                let byte = b[p]
                if byte >= 0x80 {
                    nonASCII = true
                    // Runs of Chinese characters: two characters per 8-byte load, then one per 4-byte
                    // load. 0xDFFE marks the leads E1–EC, EE and EF, whose second byte may be any
                    // continuation byte.
                    while p &+ 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self))
                        guard word & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0,
                              (0xDFFE as UInt64) >> (word & 0x0F) & (0xDFFE as UInt64) >> (word &>> 24 & 0x0F) & 1 != 0 else { break }
                        p &+= 6
                    }
                    while p &+ 4 <= n {
                        let word = UInt32(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt32.self))
                        guard word & 0x00C0_C0F0 == 0x0080_80E0, (0xDFFE as UInt32) >> (word & 0x0F) & 1 != 0 else { break }
                        p &+= 3
                    }
                    guard p < n, b[p] >= 0x80 else { continue }
                    let length = UTF8Validation.sequenceLength(b, p, n)
                    guard length > 0 else { return nil }
                    p &+= length
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    position = p &+ 1
                    return RawValue(kind: .string, start: start, end: p, escaped: escaped, nonASCII: nonASCII)
                }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    p &+= 2
                    continue outer
                }
                guard byte >= 0x20 else { return nil }
                p &+= 1
                continue outer
            }
            return nil
        }
    }

    /// Moves `p` to the first quote, backslash, control character or non-ASCII byte from `p` on
    /// (or to the end): 16 bytes at a time where the processor has SSE2 (every x86-64), else 8.
    @inline(__always)
    private static func skipPlainBytes(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) {
        #if arch(x86_64)
        while p &+ 16 <= n {
            let chunk = _mm_loadu_si128(UnsafeRawPointer(b + p).assumingMemoryBound(to: __m128i.self))
            // Compared as signed bytes, 0x80 and above are below 0x20 too.
            let special = _mm_or_si128(_mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)),
                                       _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(0x22)),
                                                    _mm_cmpeq_epi8(chunk, _mm_set1_epi8(0x5C))))
            let mask = _mm_movemask_epi8(special)
            if mask != 0 {
                p &+= Int(mask.trailingZeroBitCount)
                return
            }
            p &+= 16
        }
        #endif
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        while p &+ 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // The lowest flagged byte is exact: borrows only run upwards.
            let special = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word) | word) & tops
            if special != 0 {
                p &+= special.trailingZeroBitCount &>> 3
                return
            }
            p &+= 8
        }
    }

    /// Reads a number by RFC 8259's grammar; a plain whole number up to 18 digits is kept as `.integer`.
    @inline(__always)
    private static func scanNumber(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) -> RawValue {
        let start = p
        var plain = true
        if b[p] == UInt8(ascii: "-") {
            plain = false
            p += 1
        }
        guard p < n, b[p] &- UInt8(ascii: "0") <= 9 else { throw Fallback() }
        var value = 0
        let digitsStart = p
        if b[p] == UInt8(ascii: "0") {
            p += 1
            if p < n, b[p] &- UInt8(ascii: "0") <= 9 { throw Fallback() }
        } else {
            // Past 18 digits the value wraps, but such a number is not plain and its value unused.
            while p < n {
                let digit = b[p] &- UInt8(ascii: "0")
                guard digit <= 9 else { break }
                value = value &* 10 &+ Int(digit)
                p &+= 1
            }
        }
        if p - digitsStart > 18 { plain = false }
        if p < n, b[p] == UInt8(ascii: ".") {
            plain = false
            p += 1
            guard p < n, b[p] &- UInt8(ascii: "0") <= 9 else { throw Fallback() }
            while p < n, b[p] &- UInt8(ascii: "0") <= 9 { p += 1 }
        }
        if p < n, b[p] == UInt8(ascii: "e") || b[p] == UInt8(ascii: "E") {
            plain = false
            p += 1
            if p < n, b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") { p += 1 }
            guard p < n, b[p] &- UInt8(ascii: "0") <= 9 else { throw Fallback() }
            while p < n, b[p] &- UInt8(ascii: "0") <= 9 { p += 1 }
        }
        return RawValue(kind: plain ? .integer : .number, start: start, end: p, integer: value)
    }

    @inline(__always)
    private static func expect(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, _ literal: StaticString) throws(Fallback) {
        let count = literal.utf8CodeUnitCount
        guard p + count <= n, memcmp(b + p, literal.utf8Start, count) == 0 else { throw Fallback() }
        p += count
    }

    @inline(__always)
    private static func skipSpace(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) {
        while p < n {
            switch b[p] {
            case 0x20, 0x09, 0x0A, 0x0D: p += 1
            default: return
            }
        }
    }
}

/// The decoder's signal that the reference path must decide a line.
struct Fallback: Error {}

/// A member's value as found on the line: its kind and, for strings and numbers, where it is.
///
/// 24 bytes, so that scanning returns it in registers (lines are at most a few MiB: offsets fit 32 bits).
struct RawValue {
    enum Kind: UInt8 { case string, integer, number, trueValue, falseValue, null, object, array }
    /// For `.integer`, its value.
    var integer: Int
    private var startOffset: Int32
    private var endOffset: Int32
    var kind: Kind
    var escaped: Bool
    /// Whether the string has non-ASCII bytes (valid UTF-8: checked while scanning).
    var nonASCII: Bool

    init(kind: Kind, start: Int, end: Int, escaped: Bool = false, nonASCII: Bool = false, integer: Int = 0) {
        self.kind = kind
        startOffset = Int32(truncatingIfNeeded: start)
        endOffset = Int32(truncatingIfNeeded: end)
        self.escaped = escaped
        self.nonASCII = nonASCII
        self.integer = integer
    }

    /// For a string, where its content between the quotes starts and ends.
    var start: Int { Int(startOffset) }
    var end: Int { Int(endOffset) }
    var count: Int { Int(endOffset &- startOffset) }
}
