import Foundation

/// Building the event from the members found on the line, as ``JournalEvent/init(journalObject:timeZone:)`` reads them.
extension JournalLineDecoder {
    mutating func build(_ b: UnsafePointer<UInt8>) throws(Fallback) -> JournalEvent {
        // `lean`: the texts of events other than filings are left out.
        let lean: Bool, keepsFiling: Bool, keepsPetitioner: Bool, keepsSourceID: Bool
        switch texts {
        case .all: (lean, keepsFiling, keepsPetitioner, keepsSourceID) = (false, true, true, true)
        case .caseBook(let retainTexts): (lean, keepsFiling, keepsPetitioner, keepsSourceID) = (true, retainTexts, retainTexts, false)
        case .caseBookWithoutPetitioners: (lean, keepsFiling, keepsPetitioner, keepsSourceID) = (true, true, false, false)
        case .filings: (lean, keepsFiling, keepsPetitioner, keepsSourceID) = (true, true, true, true)
        }
        // Strings with escapes are rare: their escapes are checked first, read or not, as the reference path checks them.
        var escapes = escapedFields
        while escapes != 0 {
            let index = escapes.trailingZeroBitCount
            escapes &= escapes - 1
            try validate(values[index], b)
        }
        guard let seq = try optionalInt(.seq, 1...Int.max, b) else { throw Fallback() }
        let kind = try eventKind(b)
        let caseID = try requiredText(.caseID, b, shared: false)
        let caseKey = caseKey(of: caseID, b)
        guard let at = try instant(.at, b), let recorded = try instant(.recorded, b) else { throw Fallback() }
        // Each kind's event is made where it is returned, not copied through a payload variable.
        switch kind {
        case .filed:
            let channel = try self.channel(b)
            var petitioner: Petitioner?
            if !keepsPetitioner {
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
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded, payload: .filed(Filing(
                channel: channel,
                summary: keepsFiling ? try requiredString(.summary, b) : try check(.summary, b, required: true, nonBlank: false),
                region: try requiredName(.region, b),
                category: try requiredName(.category, b),
                petitioner: petitioner,
                people: try optionalInt(.people, 1...1_000_000, b) ?? 1,
                respondent: keepsFiling ? try optionalText(.respondent, b, shared: true) : try checkOptional(.respondent, b),
                sourceID: keepsSourceID ? try optionalText(.sourceID, b, shared: false) : try checkOptional(.sourceID, b),
                repeatOf: try optionalText(.repeatOf, b, shared: false),
                confidential: try flag(.confidential))))
        case .assigned:
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded, payload: .assigned(Assignment(
                unit: try requiredText(.unit, b, shared: true),
                from: lean ? try checkOptional(.from, b) : try optionalText(.from, b, shared: true),
                leader: lean ? try checkOptional(.leader, b) : try optionalText(.leader, b, shared: true),
                note: lean ? try checkOptional(.note, b) : try optionalText(.note, b, shared: true),
                rule: try optionalInt(.rule, 0...Int.max, b))))
        case .returned:
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded, payload: .returned(Return(
                unit: try requiredText(.unit, b, shared: true),
                reason: lean ? try check(.reason, b, required: true, nonBlank: true) : try requiredText(.reason, b, shared: true),
                leader: lean ? try checkOptional(.leader, b) : try optionalText(.leader, b, shared: true),
                note: lean ? try checkOptional(.note, b) : try optionalText(.note, b, shared: true))))
        case .replied:
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded, payload: .replied(Reply(
                unit: try requiredText(.unit, b, shared: true),
                text: lean ? try check(.text, b, required: true, nonBlank: false) : try requiredString(.text, b),
                closes: try flag(.closes))))
        case .extended:
            guard let days = try optionalInt(.days, 1...3650, b) else { throw Fallback() }
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded, payload: .extended(Extension(
                unit: try requiredText(.unit, b, shared: true), days: days,
                text: lean ? try checkOptional(.text, b) : try optionalText(.text, b, shared: true))))
        case .rated:
            return JournalEvent(seq: seq, caseID: caseID, caseKey: caseKey, at: at, recorded: recorded,
                                payload: .rated(Verdict(satisfaction: try satisfaction(b), via: try via(b))))
        }
    }

    /// The ``CaseKey`` of the event's case number `caseID`: read from the line's bytes when they are
    /// the number as written (no escape, nothing trimmed), else from the text.
    @inline(__always)
    func caseKey(of caseID: String, _ b: UnsafePointer<UInt8>) -> CaseKey {
        let value = values[Field.caseID.rawValue]
        guard !value.escaped, value.count == caseID.utf8.count else { return CaseKey(caseID) }
        return CaseKey(b + value.start, count: value.count)
    }

    /// The field's value when present.
    @inline(__always)
    func take(_ field: Field) -> RawValue? {
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard present & bit != 0 else { return nil }
        return values[field.rawValue]
    }

    /// Checks a text the caller does not need as the reference path would read it (its UTF-8 was
    /// checked when it was scanned, its escapes before the event is built); returns the empty placeholder.
    mutating func check(_ field: Field, _ b: UnsafePointer<UInt8>, required: Bool, nonBlank: Bool) throws(Fallback) -> String {
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard present & bit != 0, values[field.rawValue].kind != .null else {
            if required { throw Fallback() }
            return ""
        }
        let value = values[field.rawValue]
        guard value.kind == .string else { throw Fallback() }
        if nonBlank, value.escaped || !String.hasPlainEdges(b + value.start, value.count) {
            guard try trimmed(value, b, shared: false) != nil else { throw Fallback() }
        }
        return ""
    }

    /// ``check(_:_:required:nonBlank:)`` for an optional text: nil.
    mutating func checkOptional(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String? {
        _ = try check(field, b, required: false, nonBlank: false)
        return nil
    }

    /// Checks the petitioner the caller does not keep: null, or an object with a name that is not blank.
    mutating func checkPetitioner(_ b: UnsafePointer<UInt8>) throws(Fallback) {
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
    mutating func optionalInt(_ field: Field, _ range: ClosedRange<Int>, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Int? {
        guard let value = take(field), value.kind != .null else { return nil }
        guard value.kind == .integer, range.contains(value.integer) else { throw Fallback() }
        return value.integer
    }

    /// `flag`: absent or null is false.
    mutating func flag(_ field: Field) throws(Fallback) -> Bool {
        guard let value = take(field) else { return false }
        switch value.kind {
        case .null, .falseValue: return false
        case .trueValue: return true
        default: throw Fallback()
        }
    }

    /// `requiredString`: the string as written (not trimmed).
    mutating func requiredString(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        return try string(value, b)
    }

    /// `requiredString` for a name that recurs (region, category), shared through the table.
    mutating func requiredName(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        return try text(value, b, shared: true)
    }

    /// `requiredText`: trimmed, not blank.
    mutating func requiredText(_ field: Field, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String {
        guard let value = take(field), value.kind == .string, let trimmed = try trimmed(value, b, shared: shared) else {
            throw Fallback()
        }
        return trimmed
    }

    /// `optionalText`: absent, null or blank is nil; else trimmed.
    mutating func optionalText(_ field: Field, _ b: UnsafePointer<UInt8>, shared: Bool) throws(Fallback) -> String? {
        guard let value = take(field), value.kind != .null else { return nil }
        guard value.kind == .string else { throw Fallback() }
        return try trimmed(value, b, shared: shared)
    }

    /// `optionalInstant`, required: the canonical layouts from the bytes, the lenient forms through
    /// the text parser; a time the journal cannot record (before 1970, or past 9999-12-30) is left
    /// to the reference path, which words the refusal.
    mutating func instant(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Instant? {
        guard let instant = try parsedInstant(field, b), instant.seconds >= 0,
              OfficeTimeZone.writableRange.contains(instant.seconds) else { throw Fallback() }
        return instant
    }

    private mutating func parsedInstant(_ field: Field, _ b: UnsafePointer<UInt8>) throws(Fallback) -> Instant? {
        guard let value = take(field), value.kind == .string else { throw Fallback() }
        if !value.escaped {
            // The writer's layout without the time zone (see `TimestampMemo.instant(writerLayout:)`);
            // 25 bytes may also be another layout (`…:SS.1234Z`).
            if value.count == TimestampMemo.writerLayoutCount, let instant = timestamps.instant(writerLayout: b + value.start) {
                return instant
            }
            if let instant = otherLayoutInstant(b + value.start, value.count) { return instant }
        }
        guard case .success(let instant) = timeZone.parseTimestamp(try string(value, b)) else { throw Fallback() }
        return instant
    }

    /// A timestamp not in the writer's layout, read without making a `String`: with a fraction
    /// or `Z` through the memo, other canonical layouts by `parseTimestamp(bytes:)`. Out of line,
    /// so that the writer's layout keeps ``parsedInstant(_:_:)`` small.
    @inline(never)
    private mutating func otherLayoutInstant(_ p: UnsafePointer<UInt8>, _ count: Int) -> Instant? {
        timestamps.instant(otherLayout: p, count) ?? timeZone.parseTimestamp(bytes: UnsafeRawBufferPointer(start: p, count: count))
    }

    mutating func eventKind(_ b: UnsafePointer<UInt8>) throws(Fallback) -> EventKind {
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

    mutating func channel(_ b: UnsafePointer<UInt8>) throws(Fallback) -> Channel {
        guard let value = take(.channel), value.kind == .string else { throw Fallback() }
        if !value.escaped, let channel = Channel(name: b + value.start, count: value.count) { return channel }
        guard let channel = Channel(rawValue: try string(value, b)) else { throw Fallback() }
        return channel
    }

    mutating func satisfaction(_ b: UnsafePointer<UInt8>) throws(Fallback) -> Satisfaction {
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

    mutating func via(_ b: UnsafePointer<UInt8>) throws(Fallback) -> VerdictSource? {
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
        guard let trimmed = try trimmed(value, b, shared: false) else { return nil }
        guard let source = VerdictSource(rawValue: trimmed) else { throw Fallback() }
        return source
    }

    @inline(__always)
    static func equal(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        memcmp(p, literal.utf8Start, literal.utf8CodeUnitCount) == 0
    }
}
