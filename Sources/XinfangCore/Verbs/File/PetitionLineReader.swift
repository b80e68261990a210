import Foundation

/// Reads a plain petition line straight from its bytes into a ``Filing``, without the JSON tree.
///
/// It takes only what it plainly accepts: one object of `file`'s fields, each at most once;
/// strings in valid UTF-8 without control characters, escapes decoded as the strict parser
/// decodes them (keys without escapes); `true` or `false` for the flags; `people` as a plain whole
/// number; a `petitioner` object of its own fields with string values; JSON white space anywhere
/// between tokens. For anything else (`null`, a key with an escape, an invalid escape, a
/// number like `2.0`, an unknown or repeated key, any syntax error) and for every line
/// ``PetitionForm`` would refuse, it gives nil: the caller then reads the line the strict way
/// (``JSONParser``, then ``PetitionForm``), which words the refusal. A line it does accept gives
/// exactly what ``PetitionForm/read(_:now:)`` gives (`PetitionReadingTests` compares the two).
struct PetitionLineReader: Sendable {
    let form: PetitionForm

    /// The filing and its receipt time, or nil when the line is left to the strict path.
    func read(_ line: UnsafeRawBufferPointer, now: Instant) -> (Filing, Instant)? {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var scanner = Scanner(bytes: base, count: line.count)
        guard let fields = scanner.petition() else { return nil }
        return form.filing(from: fields, now: now)
    }

    /// The values of one line, nil when absent: strings trimmed (``String/trimmingSpaces()``) but
    /// `received`, which is as written.
    struct Fields {
        var channel: String?
        var summary: String?
        var region: String?
        var category: String?
        var anonymous = false
        var hasPetitioner = false
        var name: String?
        var idNumber: String?
        var phone: String?
        var address: String?
        var received: String?
        var people: Int?
        var respondent: String?
        var sourceID: String?
        var confidential = false
    }

    /// A byte cursor over one line.
    struct Scanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var position = 0

        init(bytes: UnsafePointer<UInt8>, count: Int) {
            self.bytes = bytes
            self.count = count
        }

        /// The line's fields, or nil when the line is not plainly a petition object.
        mutating func petition() -> Fields? {
            var fields = Fields()
            var seen: UInt32 = 0
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = key(), seen & (1 << key.rawValue) == 0 else { return nil }
                seen |= 1 << key.rawValue
                switch key {
                case .channel: guard let text = trimmedString() else { return nil }; fields.channel = text
                case .summary: guard let text = trimmedString() else { return nil }; fields.summary = text
                case .region: guard let text = trimmedString() else { return nil }; fields.region = text
                case .category: guard let text = trimmedString() else { return nil }; fields.category = text
                case .received: guard let text = string() else { return nil }; fields.received = text
                case .respondent: guard let text = trimmedString() else { return nil }; fields.respondent = text
                case .sourceID: guard let text = trimmedString() else { return nil }; fields.sourceID = text
                case .anonymous: guard let flag = flag() else { return nil }; fields.anonymous = flag
                case .confidential: guard let flag = flag() else { return nil }; fields.confidential = flag
                case .people: guard let number = wholeNumber() else { return nil }; fields.people = number
                case .petitioner:
                    guard petitioner(into: &fields) else { return nil }
                    fields.hasPetitioner = true
                }
                skipSpace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
            skipSpace()
            return position == count ? fields : nil
        }

        /// The members of `petitioner`, after its key.
        private mutating func petitioner(into fields: inout Fields) -> Bool {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return false }
            var seen: UInt8 = 0
            repeat {
                guard let key = petitionerKey(), seen & (1 << key) == 0, let text = trimmedString() else { return false }
                seen |= 1 << key
                switch key {
                case 0: fields.name = text
                case 1: fields.idNumber = text
                case 2: fields.phone = text
                default: fields.address = text
                }
                skipSpace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// A top-level key and its colon.
        private mutating func key() -> PetitionKey? {
            guard let (start, end) = keySpan() else { return nil }
            return PetitionKey(bytes + start, end - start)
        }

        /// A `petitioner` key (0 name, 1 id_number, 2 phone, 3 address) and its colon.
        private mutating func petitionerKey() -> Int? {
            guard let (start, end) = keySpan() else { return nil }
            let key = bytes + start, length = end - start
            func its(_ name: StaticString) -> Bool {
                name.utf8CodeUnitCount == length && memcmp(key, name.utf8Start, length) == 0
            }
            if its("name") { return 0 }
            if its("id_number") { return 1 }
            if its("phone") { return 2 }
            if its("address") { return 3 }
            return nil
        }

        /// Where a quoted key's letters are (plain ASCII, no escapes), after its colon.
        private mutating func keySpan() -> (Int, Int)? {
            skipSpace()
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
                position += 1
            }
            let end = position
            guard take(UInt8(ascii: "\"")) else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            return (start, end)
        }

        /// ``string()`` trimmed as ``String/trimmingSpaces()`` trims it: a string without escapes
        /// whose first and last bytes cannot be those of white space (``String/hasPlainEdges(_:_:)``)
        /// is taken as it is.
        private mutating func trimmedString() -> String? {
            let start = position + 1
            guard let (text, escaped) = quoted() else { return nil }
            return !escaped && String.hasPlainEdges(bytes + start, position - 1 - start) ? text : text.trimmingSpaces()
        }

        /// A string in valid UTF-8 without control characters, its escapes decoded as ``JSONParser`` decodes them.
        private mutating func string() -> String? {
            quoted()?.text
        }

        /// ``string()``, and whether it was written with escapes (as Python's `json.dumps` writes
        /// every Chinese character); nil for an invalid escape, a control character or bytes that
        /// are not UTF-8, which the strict path words.
        private mutating func quoted() -> (text: String, escaped: Bool)? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            var escaped = false
            while true {
                while position + 8 <= count {
                    let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
                    if NDJSONLine.wordNeedsEscape(word) { break }
                    position += 8
                }
                guard position < count else { return nil }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let end = position
                    position += 1
                    let raw = UnsafeRawBufferPointer(start: bytes + start, count: end - start)
                    guard escaped else { return Self.text(bytes + start, end - start).map { ($0, false) } }
                    guard UTF8Validation.firstInvalidOffset(raw) == nil, let text = JSONEscape.decodedText(raw) else { return nil }
                    return (text, true)
                }
                guard byte >= 0x20 else { return nil }
                if byte == UInt8(ascii: "\\") {
                    // The escaped byte is checked when the string is decoded.
                    escaped = true
                    position += 2
                } else {
                    position += 1
                }
            }
        }

        /// The text of `count` bytes at `start`, or nil when they are not valid UTF-8.
        ///
        /// `String(decoding:)` validates as it copies and puts U+FFFD in place of bad bytes; the text
        /// is therefore exactly the bytes only when they were valid (one pass, no generic validation call).
        private static func text(_ start: UnsafePointer<UInt8>, _ count: Int) -> String? {
            let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
            let same = text.utf8.withContiguousStorageIfAvailable { utf8 in
                utf8.count == count && (count == 0 || memcmp(utf8.baseAddress!, start, count) == 0)
            }
            return same == true ? text : nil
        }

        /// `true` or `false`.
        private mutating func flag() -> Bool? {
            if literal("true") { return true }
            if literal("false") { return false }
            return nil
        }

        /// A whole number of at most six digits without a leading zero, sign, fraction or exponent.
        private mutating func wholeNumber() -> Int? {
            var value = 0
            let start = position
            while position < count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int(bytes[position] &- UInt8(ascii: "0"))
                position += 1
            }
            let digits = position - start
            guard digits >= 1, digits <= 6, bytes[start] != UInt8(ascii: "0") else { return nil }
            if position < count {
                let next = bytes[position]
                guard next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || Self.isSpace(next) else { return nil }
            }
            return value
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard position + length <= count, memcmp(bytes + position, word.utf8Start, length) == 0 else { return false }
            position += length
            return true
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard position < count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// JSON white space, as ``JSONParser`` skips it.
        private mutating func skipSpace() {
            while position < count, Self.isSpace(bytes[position]) { position += 1 }
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
    }
}

/// The top-level keys of a petition line (``PetitionForm/fields``), by their bytes.
enum PetitionKey: Int {
    case channel, summary, region, category, petitioner, anonymous, received, people, respondent, sourceID, confidential

    init?(_ key: UnsafePointer<UInt8>, _ length: Int) {
        func its(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == length && memcmp(key, name.utf8Start, length) == 0
        }
        switch length {
        case 6:
            if its("region") { self = .region } else if its("people") { self = .people } else { return nil }
        case 7:
            if its("channel") { self = .channel } else if its("summary") { self = .summary } else { return nil }
        case 8:
            if its("category") { self = .category } else if its("received") { self = .received } else { return nil }
        case 9:
            if its("anonymous") { self = .anonymous } else if its("source_id") { self = .sourceID } else { return nil }
        case 10:
            if its("petitioner") { self = .petitioner } else if its("respondent") { self = .respondent } else { return nil }
        case 12:
            if its("confidential") { self = .confidential } else { return nil }
        default:
            return nil
        }
    }
}

extension PetitionForm {
    /// What ``read(_:now:)`` gives for a line with these values, or nil where it would refuse the line.
    ///
    /// Each check is the one ``read(_:now:)`` makes, through the same helpers (trimming, channel
    /// names, resident IDs, phone numbers, dates), so an accepted line gives the same filing.
    func filing(from fields: PetitionLineReader.Fields, now: Instant) -> (Filing, Instant)? {
        func text(_ trimmed: String?) -> String? {
            guard let trimmed, !trimmed.isEmpty else { return nil }
            return trimmed
        }
        let channel: Channel
        if let name = fields.channel {
            guard let trimmed = text(name), let parsed = Channel(exactName: trimmed) ?? Channel(parsing: trimmed) else { return nil }
            channel = parsed
        } else {
            guard let fallback = defaults.channel else { return nil }
            channel = fallback
        }
        guard let summary = text(fields.summary),
              let region = text(fields.region) ?? defaults.region,
              let category = text(fields.category) ?? defaults.category
        else { return nil }
        let petitioner: Petitioner?
        if fields.anonymous {
            guard !fields.hasPetitioner else { return nil }
            petitioner = nil
        } else {
            guard fields.hasPetitioner, let person = self.petitioner(from: fields) else { return nil }
            petitioner = person
        }
        let received: Instant
        if let stamp = fields.received {
            guard case .success(let instant) = policy.timeZone.parseTimestamp(stamp), instant.seconds >= 0,
                  OfficeTimeZone.writableRange.contains(instant.seconds)
            else { return nil }
            received = instant
        } else {
            received = defaults.received ?? now
        }
        guard received.seconds <= now.seconds + 300 else { return nil }
        if let people = fields.people, !(1...100_000).contains(people) { return nil }
        let filing = Filing(
            channel: channel, summary: summary, region: region, category: category, petitioner: petitioner,
            people: fields.people ?? 1, respondent: text(fields.respondent), sourceID: text(fields.sourceID),
            confidential: fields.confidential || policy.confidentialCategories.contains(category))
        return (filing, received)
    }

    /// The petitioner, checked as ``read(_:now:)`` checks it, or nil where it would refuse.
    private func petitioner(from fields: PetitionLineReader.Fields) -> Petitioner? {
        func text(_ trimmed: String?) -> String? {
            guard let trimmed, !trimmed.isEmpty else { return nil }
            return trimmed
        }
        guard let name = text(fields.name) else { return nil }
        var idNumber: String?
        if let given = text(fields.idNumber) {
            guard case .success(let id) = ResidentID.parse(given) else { return nil }
            idNumber = id.value
        }
        let phone = text(fields.phone)
        if let phone, !PetitionForm.isPhoneNumber(phone) { return nil }
        return Petitioner(name: name, idNumber: idNumber, phone: phone, address: text(fields.address))
    }
}
