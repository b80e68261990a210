import Foundation

/// Decodes one journal line straight from its bytes into a ``JournalEvent``: the journal reader's hot path.
///
/// The reference path parses a line into a general JSON tree (``JSONParser``) and reads the
/// event from it (``JournalEvent/init(journalObject:timeZone:)``). This decoder gives exactly
/// the same events without the tree: it walks the line's top-level members once, matches the
/// keys by their bytes (in any order), keeps each value as a byte range, and decodes only what
/// the event's kind needs: timestamps from their fixed layout, unit, region and category names
/// through a ``ByteStringTable`` (so equal names share one `String` and are validated once),
/// other strings directly (unescaping them when they hold a backslash). Unknown members are
/// skipped with the strict parser, so they are checked as thoroughly as on the reference path.
///
/// It answers `nil` whenever a line is anything but a plainly valid event (bad JSON, invalid
/// UTF-8, a duplicate key, a missing or wrong field, a key written with escapes, a number that
/// is not a plain whole number, a timestamp the lenient parser must judge, …). The caller then
/// runs the reference path, which gives the same event or the exact error message; so the two
/// paths cannot disagree on what is refused or on what a refusal says.
struct JournalLineDecoder {
    /// Which free texts the caller needs as `String`s.
    enum Texts: Sendable {
        /// Every field, as the reference path gives them.
        case all
        /// Only what a ``CaseBook`` keeps: summaries and petitioners when it retains texts, never
        /// the texts of replies, extensions and returns, notes, leaders, `from` or `source_id`.
        /// Those are checked exactly as on the reference path (type, blankness, UTF-8, escapes)
        /// but left empty (`""` or nil) in the event, which must then only be folded into a book.
        case caseBook(retainTexts: Bool)
    }

    let timeZone: OfficeTimeZone
    let texts: Texts
    /// Each field's value on the current line, indexed by ``Field``; valid where ``present`` has its bit.
    private var values: [RawValue]
    private var present: UInt64 = 0
    /// Fields read while building the event; what is present and not read is still validated.
    private var consumed: UInt64 = 0
    private var names = ByteStringTable()
    private var scratch: [UInt8] = []
    private var unknownKeys: [Range<Int>] = []

    init(timeZone: OfficeTimeZone, texts: Texts = .all) {
        self.timeZone = timeZone
        self.texts = texts
        values = [RawValue](repeating: RawValue(kind: .null, start: 0, end: 0), count: Field.allCases.count)
        scratch.reserveCapacity(256)
    }

    /// The line's event, or nil when the reference path must decide (see the type's discussion).
    mutating func decode(_ line: UnsafeRawBufferPointer) -> JournalEvent? {
        guard let raw = line.baseAddress else { return nil }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        do {
            try scanMembers(bytes, line.count)
            return try build(bytes)
        } catch {
            return nil
        }
    }

    // MARK: - Scanning

    /// Reads the line's members into ``values``.
    private mutating func scanMembers(_ b: UnsafePointer<UInt8>, _ n: Int) throws(Fallback) {
        present = 0
        consumed = 0
        unknownKeys.removeAll(keepingCapacity: true)
        var p = 0
        Self.skipSpace(b, n, &p)
        guard p < n, b[p] == UInt8(ascii: "{") else { throw Fallback() }
        p += 1
        Self.skipSpace(b, n, &p)
        guard p < n, b[p] != UInt8(ascii: "}") else { throw Fallback() }
        while true {
            let key = try Self.scanKey(b, n, &p)
            if let field = Field.topLevel(b + key.lowerBound, key.count) {
                let bit: UInt64 = 1 << UInt64(field.rawValue)
                guard present & bit == 0 else { throw Fallback() }
                present |= bit
                if field == .petitioner, b[p] == UInt8(ascii: "{") {
                    try scanPetitioner(b, n, &p)
                    values[field.rawValue] = RawValue(kind: .object, start: 0, end: 0)
                } else {
                    values[field.rawValue] = try scanValue(b, n, &p, depth: 1)
                }
            } else {
                try skipUnknown(b, n, &p, key: key, depth: 1)
            }
            Self.skipSpace(b, n, &p)
            guard p < n else { throw Fallback() }
            if b[p] == UInt8(ascii: ",") {
                p += 1
                Self.skipSpace(b, n, &p)
                continue
            }
            guard b[p] == UInt8(ascii: "}") else { throw Fallback() }
            p += 1
            break
        }
        Self.skipSpace(b, n, &p)
        guard p == n else { throw Fallback() }
    }

    /// Reads the `petitioner` object's members (`p` at its `{`).
    private mutating func scanPetitioner(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) {
        p += 1
        Self.skipSpace(b, n, &p)
        guard p < n else { throw Fallback() }
        if b[p] == UInt8(ascii: "}") {
            p += 1
            return
        }
        let outerUnknown = unknownKeys
        unknownKeys.removeAll(keepingCapacity: true)
        while true {
            let key = try Self.scanKey(b, n, &p)
            if let field = Field.nested(b + key.lowerBound, key.count) {
                let bit: UInt64 = 1 << UInt64(field.rawValue)
                guard present & bit == 0 else { throw Fallback() }
                present |= bit
                values[field.rawValue] = try scanValue(b, n, &p, depth: 2)
            } else {
                try skipUnknown(b, n, &p, key: key, depth: 2)
            }
            Self.skipSpace(b, n, &p)
            guard p < n else { throw Fallback() }
            if b[p] == UInt8(ascii: ",") {
                p += 1
                Self.skipSpace(b, n, &p)
                continue
            }
            guard b[p] == UInt8(ascii: "}") else { throw Fallback() }
            p += 1
            break
        }
        unknownKeys = outerUnknown
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

    /// Skips an unknown member's value, checked by the strict parser; a repeated unknown key is refused.
    private mutating func skipUnknown(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, key: Range<Int>, depth: Int) throws(Fallback) {
        for seen in unknownKeys where seen.count == key.count {
            if memcmp(b + seen.lowerBound, b + key.lowerBound, key.count) == 0 { throw Fallback() }
        }
        unknownKeys.append(key)
        let value = try scanValue(b, n, &p, depth: depth)
        try validate(value, b)
    }

    /// Reads one value starting at `p` (not at white space).
    @inline(__always)
    private func scanValue(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int, depth: Int) throws(Fallback) -> RawValue {
        switch b[p] {
        case UInt8(ascii: "\""):
            return try Self.scanString(b, n, &p)
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

    /// Reads a string (`p` at its opening quote), noting escapes and non-ASCII bytes; 8 bytes at a time where it can.
    @inline(__always)
    private static func scanString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) -> RawValue {
        p += 1
        let start = p
        var high: UInt64 = 0
        var escaped = false
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        outer: while true {
            while p + 8 <= n {
                let word = UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if special & tops != 0 { break }
                high |= word
                p += 8
            }
            while p < n {
                let byte = b[p]
                if byte == UInt8(ascii: "\"") {
                    let value = RawValue(kind: .string, start: start, end: p, escaped: escaped, nonASCII: high & tops != 0)
                    p += 1
                    return value
                }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    p += 2
                    continue outer
                }
                guard byte >= 0x20 else { throw Fallback() }
                high |= UInt64(byte)
                p += 1
            }
            throw Fallback()
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
            while p < n, b[p] &- UInt8(ascii: "0") <= 9 {
                if p - digitsStart < 18 { value = value &* 10 &+ Int(b[p] &- UInt8(ascii: "0")) }
                p += 1
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

    // MARK: - Building the event

    private mutating func build(_ b: UnsafePointer<UInt8>) throws(Fallback) -> JournalEvent {
        let lean: Bool
        let keepsFiling: Bool
        switch texts {
        case .all: (lean, keepsFiling) = (false, true)
        case .caseBook(let retainTexts): (lean, keepsFiling) = (true, retainTexts)
        }
        guard let seq = try optionalInt(.seq, 1...Int.max, b) else { throw Fallback() }
        let kind = try eventKind(b)
        let caseID = try requiredText(.caseID, b, shared: false)
        guard let at = try instant(.at, b), let recorded = try instant(.recorded, b) else { throw Fallback() }
        let payload: JournalEvent.Payload
        switch kind {
        case .filed:
            let channel = try self.channel(b)
            var petitioner: Petitioner?
            if !keepsFiling {
                try checkPetitioner(b)
            } else if let value = take(.petitioner) {
                switch value.kind {
                case .null: break
                case .object:
                    petitioner = Petitioner(
                        name: try requiredText(.name, b, shared: false),
                        idNumber: try optionalText(.idNumber, b, shared: false),
                        phone: try optionalText(.phone, b, shared: false),
                        address: try optionalText(.address, b, shared: false))
                default: throw Fallback()
                }
            }
            payload = .filed(Filing(
                channel: channel,
                summary: keepsFiling ? try requiredString(.summary, b) : try check(.summary, b, required: true, nonBlank: false),
                region: try requiredName(.region, b),
                category: try requiredName(.category, b),
                petitioner: petitioner,
                people: try optionalInt(.people, 1...1_000_000, b) ?? 1,
                respondent: try optionalText(.respondent, b, shared: true),
                sourceID: lean ? try checkOptional(.sourceID, b) : try optionalText(.sourceID, b, shared: false),
                repeatOf: try optionalText(.repeatOf, b, shared: false),
                confidential: try flag(.confidential)))
        case .assigned:
            payload = .assigned(Assignment(
                unit: try requiredText(.unit, b, shared: true),
                from: lean ? try checkOptional(.from, b) : try optionalText(.from, b, shared: true),
                leader: lean ? try checkOptional(.leader, b) : try optionalText(.leader, b, shared: true),
                note: lean ? try checkOptional(.note, b) : try optionalText(.note, b, shared: true),
                rule: try optionalInt(.rule, 0...Int.max, b)))
        case .returned:
            payload = .returned(Return(
                unit: try requiredText(.unit, b, shared: true),
                reason: lean ? try check(.reason, b, required: true, nonBlank: true) : try requiredText(.reason, b, shared: true),
                leader: lean ? try checkOptional(.leader, b) : try optionalText(.leader, b, shared: true),
                note: lean ? try checkOptional(.note, b) : try optionalText(.note, b, shared: true)))
        case .replied:
            payload = .replied(Reply(
                unit: try requiredText(.unit, b, shared: true),
                text: lean ? try check(.text, b, required: true, nonBlank: false) : try requiredString(.text, b),
                closes: try flag(.closes)))
        case .extended:
            guard let days = try optionalInt(.days, 1...3650, b) else { throw Fallback() }
            payload = .extended(Extension(unit: try requiredText(.unit, b, shared: true), days: days,
                                          text: lean ? try checkOptional(.text, b) : try optionalText(.text, b, shared: true)))
        case .rated:
            payload = .rated(Verdict(satisfaction: try satisfaction(b), via: try via(b)))
        }
        // Members the kind does not use are not read, but the reference path checks their UTF-8 and escapes too.
        var unread = present & ~consumed
        while unread != 0 {
            let index = unread.trailingZeroBitCount
            unread &= unread - 1
            try validate(values[index], b)
        }
        return JournalEvent(seq: seq, caseID: caseID, at: at, recorded: recorded, payload: payload)
    }

    /// The field's value when present, marking it read.
    @inline(__always)
    private mutating func take(_ field: Field) -> RawValue? {
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard present & bit != 0 else { return nil }
        consumed |= bit
        return values[field.rawValue]
    }

    /// Checks a text the caller does not need as the reference path would read it (its UTF-8 and
    /// escapes are checked with the other unread members); returns the empty placeholder.
    private mutating func check(_ field: Field, _ b: UnsafePointer<UInt8>, required: Bool, nonBlank: Bool) throws(Fallback) -> String {
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard present & bit != 0, values[field.rawValue].kind != .null else {
            if required { throw Fallback() }
            return ""
        }
        let value = values[field.rawValue]
        guard value.kind == .string else { throw Fallback() }
        if nonBlank, value.escaped || !Self.hasSolidEdges(b + value.start, value.count) {
            guard try texts(value, b, shared: false).trimmed != nil else { throw Fallback() }
        }
        return ""
    }

    /// ``check(_:_:required:nonBlank:)`` for an optional text: nil.
    private mutating func checkOptional(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String? {
        _ = try check(field, b, required: false, nonBlank: false)
        return nil
    }

    /// Checks the petitioner the caller does not keep: null, or an object with a name that is not blank.
    private mutating func checkPetitioner(_ b: UnsafePointer<UInt8>) throws(Fallback) {
        let bit: UInt64 = 1 << UInt64(Field.petitioner.rawValue)
        guard present & bit != 0 else { return }
        switch values[Field.petitioner.rawValue].kind {
        case .null: return
        case .object:
            _ = try check(.name, b, required: true, nonBlank: true)
            for field in [Field.idNumber, .phone, .address] { _ = try check(field, b, required: false, nonBlank: false) }
        default: throw Fallback()
        }
    }

    /// `optionalInt`: absent or null is nil; a plain whole number in `range`; anything else is for the reference path.
    private mutating func optionalInt(_ field: Field, _ range: ClosedRange<Int>, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Int? {
        guard let value = take(field), value.kind != .null else { return nil }
        guard value.kind == .integer, range.contains(value.integer) else { throw Fallback() }
        return value.integer
    }

    /// `flag`: absent or null is false.
    private mutating func flag(_ field: Field) throws(Fallback) -> Bool {
        guard let value = take(field) else { return false }
        switch value.kind {
        case .null, .falseValue: return false
        case .trueValue: return true
        default: throw Fallback()
        }
    }

    /// `requiredString`: the string as written (not trimmed).
    private mutating func requiredString(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        return try string(value, b)
    }

    /// `requiredString` for a name that recurs (region, category), shared through the table.
    private mutating func requiredName(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        return try texts(value, b, shared: true).text
    }

    /// `requiredText`: trimmed, not blank.
    private mutating func requiredText(_ field: Field, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string, let trimmed = try texts(value, b, shared: shared).trimmed else {
            throw Fallback()
        }
        return trimmed
    }

    /// `optionalText`: absent, null or blank is nil; else trimmed.
    private mutating func optionalText(_ field: Field, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String? {
        guard let value = take(field), value.kind != .null else { return nil }
        guard value.kind == .string else { throw Fallback() }
        return try texts(value, b, shared: shared).trimmed
    }

    /// `optionalInstant`, required: the canonical layouts from the bytes, the lenient forms through the text parser.
    private mutating func instant(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Instant? {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        if !value.escaped, let instant = timeZone.parseTimestamp(bytes: UnsafeRawBufferPointer(start: b + value.start, count: value.count)) {
            return instant
        }
        guard case .success(let instant) = timeZone.parseTimestamp(try string(value, b)) else { throw Fallback() }
        return instant
    }

    private mutating func eventKind(_ b: UnsafePointer<UInt8>) throws(Fallback) -> EventKind {
        guard let value = take(.event), value.kind == .string else { throw Fallback() }
        if value.escaped {
            guard let kind = EventKind(rawValue: try unescape(value, b)) else { throw Fallback() }
            return kind
        }
        let p = b + value.start
        switch value.count {
        case 5 where Self.equal(p, "filed"): return .filed
        case 5 where Self.equal(p, "rated"): return .rated
        case 7 where Self.equal(p, "replied"): return .replied
        case 8 where Self.equal(p, "assigned"): return .assigned
        case 8 where Self.equal(p, "returned"): return .returned
        case 8 where Self.equal(p, "extended"): return .extended
        default: throw Fallback()
        }
    }

    private mutating func channel(_ b: UnsafePointer<UInt8>) throws(Fallback) -> Channel {
        guard let value = take(.channel), value.kind == .string, let channel = Channel(rawValue: try string(value, b)) else {
            throw Fallback()
        }
        return channel
    }

    private mutating func satisfaction(_ b: UnsafePointer<UInt8>) throws(Fallback) -> Satisfaction {
        guard let value = take(.satisfaction), value.kind == .string else { throw Fallback() }
        if value.escaped {
            guard let satisfaction = Satisfaction(rawValue: try unescape(value, b)) else { throw Fallback() }
            return satisfaction
        }
        let p = b + value.start
        switch value.count {
        case 9 where Self.equal(p, "satisfied"): return .satisfied
        case 11 where Self.equal(p, "unsatisfied"): return .unsatisfied
        case 19 where Self.equal(p, "basically_satisfied"): return .basicallySatisfied
        default: throw Fallback()
        }
    }

    private mutating func via(_ b: UnsafePointer<UInt8>) throws(Fallback) -> VerdictSource? {
        guard let value = take(.via), value.kind != .null else { return nil }
        guard value.kind == .string else { throw Fallback() }
        let p = b + value.start
        if !value.escaped {
            switch value.count {
            case 5 where Self.equal(p, "phone"): return .phone
            case 6 where Self.equal(p, "online"): return .online
            case 8 where Self.equal(p, "callback"): return .callback
            default: break
            }
        }
        // Escaped, or spaces around it: as `optionalText` then the verdict source's name.
        guard let trimmed = try texts(value, b, shared: false).trimmed else { return nil }
        guard let source = VerdictSource(rawValue: trimmed) else { throw Fallback() }
        return source
    }

    @inline(__always)
    private static func equal(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        memcmp(p, literal.utf8Start, literal.utf8CodeUnitCount) == 0
    }

    // MARK: - Strings

    /// The string's text as decoded by the reference path.
    private mutating func string(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        let bytes = UnsafeRawBufferPointer(start: b + value.start, count: value.count)
        if value.escaped { return try unescape(value, b) }
        if value.nonASCII {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Fallback() }
            return text
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The string's text and its trimmed form (nil when blank); recurring names come from the table.
    private mutating func texts(_ value: RawValue, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> (text: String, trimmed: String?) {
        if shared, !value.escaped {
            guard let entry = names.lookup(UnsafeRawBufferPointer(start: b + value.start, count: value.count),
                                           needsValidation: value.nonASCII) else { throw Fallback() }
            return entry
        }
        let text = try string(value, b)
        if !value.escaped, Self.hasSolidEdges(b + value.start, value.count) { return (text, text) }
        let trimmed = text.trimmingSpaces()
        return (text, trimmed.isEmpty ? nil : trimmed)
    }

    /// True when the (valid UTF-8) text certainly neither starts nor ends with white space, so
    /// trimming leaves it as it is: its first and last characters are visible ASCII or CJK
    /// ideographs (U+4000–U+9FFF, lead bytes E4–E9), which never join a cluster that starts with white space.
    @inline(__always)
    private static func hasSolidEdges(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0 else { return false }
        let first = p[0]
        guard (first > 0x20 && first < 0x7F) || (first >= 0xE4 && first <= 0xE9) else { return false }
        let last = p[count - 1]
        if last > 0x20 && last < 0x7F { return true }
        return count >= 3 && p[count - 3] >= 0xE4 && p[count - 3] <= 0xE9
    }

    /// Checks a value the event does not use the way the reference path would: its raw UTF-8 and its escapes.
    private mutating func validate(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) {
        guard value.kind == .string else { return }
        if value.escaped {
            _ = try unescape(value, b)
        } else if value.nonASCII,
                  UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: b + value.start, count: value.count)) != nil {
            throw Fallback()
        }
    }

    /// Decodes a string with escapes exactly as ``JSONParser`` does (surrogate pairs joined, lone surrogates refused).
    private mutating func unescape(_ value: RawValue, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: b + value.start, count: value.count)) == nil else {
            throw Fallback()
        }
        scratch.removeAll(keepingCapacity: true)
        var p = value.start
        let end = value.end
        while p < end {
            let byte = b[p]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw Fallback() }
                scratch.append(byte)
                p += 1
                continue
            }
            guard p + 1 < end else { throw Fallback() }
            let escape = b[p + 1]
            p += 2
            switch escape {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let high = Self.hex4(b, p, end) else { throw Fallback() }
                p += 4
                var scalar = UInt32(high)
                if (0xD800...0xDBFF).contains(high) {
                    guard p + 6 <= end, b[p] == UInt8(ascii: "\\"), b[p + 1] == UInt8(ascii: "u"),
                          let low = Self.hex4(b, p + 2, end), (0xDC00...0xDFFF).contains(low) else { throw Fallback() }
                    p += 6
                    scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(high) {
                    throw Fallback()
                }
                Self.appendUTF8(scalar, to: &scratch)
            default:
                throw Fallback()
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private static func hex4(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> UInt16? {
        guard p + 4 <= end else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = b[p + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// The decoder's signal that the reference path must decide a line.
struct Fallback: Error {}

/// A member's value as found on the line: its kind and, for strings and numbers, where it is.
struct RawValue {
    enum Kind: UInt8 { case string, integer, number, trueValue, falseValue, null, object, array }
    var kind: Kind
    /// For a string, its content between the quotes.
    var start: Int
    var end: Int
    var escaped = false
    var nonASCII = false
    /// For `.integer`, its value.
    var integer = 0

    var count: Int { end - start }
}
