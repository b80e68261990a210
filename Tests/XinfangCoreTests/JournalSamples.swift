@testable import XinfangCore

/// A small seeded generator (SplitMix64) for test data that must be the same on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Journals for the reader's tests: every event kind and optional field, texts with quotes,
/// backslashes, control characters, accents, emoji and padding, and the same events written
/// with members in other orders, other white space, other escapes and unknown members.
enum JournalSamples {
    static let texts = [
        "请尽快处理", "He said \"no\"", #"C:\path\to\file"#, "line one\nline two", "tab\there", "café é",
        "emoji 😀👍🏽 ok", "  padded  ", "\u{3000}全角空格\u{3000}", "中文文本，包含标点。", "/slashes/", "\u{1}control",
        "K\u{212A}", "e\u{301}", "\r\n", "x", "末尾空格 ", "\u{A0}nbsp",
    ]
    static let units = ["市人社局", " 市住建局 ", "Unit \"A\"", #"区\局"#, "市卫健委\u{3000}", "Bureau é", "省纪委监委"]

    /// Events for `cases` cases with valid lifecycles, interleaved across cases, numbered 1, 2, ….
    static func events(cases: Int, seed: UInt64) -> [JournalEvent] {
        var random = SeededRandom(seed: seed)
        var lives: [[JournalEvent]] = []
        for number in 1...cases {
            lives.append(life(number: number, random: &random))
        }
        var events: [JournalEvent] = []
        var cursors = [Int](repeating: 0, count: lives.count)
        var open = Array(lives.indices)
        while !open.isEmpty {
            let slot = random.below(open.count)
            let life = open[slot]
            var event = lives[life][cursors[life]]
            event.seq = events.count + 1
            events.append(event)
            cursors[life] += 1
            if cursors[life] == lives[life].count { open.remove(at: slot) }
        }
        return events
    }

    private static func optionalText(_ random: inout SeededRandom, _ p: Double = 0.4) -> String? {
        random.chance(p) ? random.pick(texts) : nil
    }

    private static func life(number: Int, random: inout SeededRandom) -> [JournalEvent] {
        let padded = number % 17 == 0
        let id = padded ? " XF-2026-\(String(repeating: "0", count: 6 - String(number).count))\(number) "
                        : "XF-2026-\(String(repeating: "0", count: 6 - String(number).count))\(number)"
        var at = Instant(seconds: 1_767_225_600 + Int64(number) * 3_600)
        var out: [JournalEvent] = []
        func add(_ payload: JournalEvent.Payload, random: inout SeededRandom) {
            at = Instant(seconds: at.seconds + Int64(random.below(5) * 86_400 + random.below(3_600)))
            let recorded = Instant(seconds: at.seconds + Int64(random.below(600)))
            out.append(JournalEvent(seq: 0, caseID: id, at: at, recorded: recorded, payload: payload))
        }
        let petitioner: Petitioner? = random.chance(0.15) ? nil : Petitioner(
            name: random.pick(["王伟", "Zoë \"Z\"", "李\\娜", "张三"]),
            idNumber: random.chance(0.6) ? "44010319900307001X" : nil,
            phone: random.chance(0.5) ? "13800138000" : nil,
            address: optionalText(&random))
        add(.filed(Filing(
            channel: random.pick(Channel.allCases), summary: random.pick(texts), region: random.pick(["广州市", "深圳市", " 佛山市", "Zürich"]),
            category: random.pick(["劳动社保", "城乡建设", "检举控告"]), petitioner: petitioner,
            people: random.chance(0.2) ? 1 + random.below(40) : 1, respondent: optionalText(&random, 0.3),
            sourceID: random.chance(0.3) ? "LX-\(number)" : nil, repeatOf: number > 3 && random.chance(0.1) ? "XF-2026-000001" : nil,
            confidential: random.chance(0.1))), random: &random)
        guard random.chance(0.9) else { return out }
        var unit = random.pick(units).trimmingSpaces()
        add(.assigned(Assignment(unit: unit, leader: optionalText(&random, 0.2), note: optionalText(&random, 0.3),
                                 rule: random.chance(0.2) ? random.below(30) : nil)), random: &random)
        if random.chance(0.2) {
            var other = random.pick(units).trimmingSpaces()
            if other == unit { other = unit + "二" }
            add(.assigned(Assignment(unit: other, from: unit, note: optionalText(&random))), random: &random)
            unit = other
        }
        for round in 0..<(random.chance(0.2) ? 2 : 1) {
            if random.chance(0.3) {
                add(.replied(Reply(unit: unit, text: random.pick(texts), closes: false)), random: &random)
            }
            if random.chance(0.2) {
                add(.extended(Extension(unit: unit, days: 1 + random.below(30), text: optionalText(&random))), random: &random)
            }
            guard random.chance(0.85) else { return out }
            add(.replied(Reply(unit: unit, text: random.pick(texts), closes: true)), random: &random)
            for _ in 0..<random.below(3) {
                add(.rated(Verdict(satisfaction: random.pick(Satisfaction.allCases),
                                   via: random.chance(0.7) ? random.pick(VerdictSource.allCases) : nil)), random: &random)
            }
            if round == 0, random.chance(0.25) {
                add(.returned(Return(unit: unit, reason: random.pick(["答复不全面", "Not \"good\"", "理由\n第二行", "  redo  "]),
                                     leader: optionalText(&random, 0.2), note: optionalText(&random, 0.2))), random: &random)
            }
        }
        return out
    }

    /// The sample events the lifecycle accepts (the samples mix in some it refuses), numbered anew.
    static func acceptedEvents(cases: Int, seed: UInt64, policy: Policy) -> [JournalEvent] {
        var book = CaseBook(policy: policy, retainTexts: false)
        var accepted: [JournalEvent] = []
        for var event in events(cases: cases, seed: seed) {
            event.seq = accepted.count + 1
            do throws(LifecycleError) {
                try book.apply(event)
                accepted.append(event)
            } catch {}
        }
        return accepted
    }

    /// The events as the journal writes them, hash-chained.
    static func canonicalLines(_ events: [JournalEvent]) -> [[UInt8]] {
        var previous = JournalEvent.genesisHash
        return events.map { event in
            let (line, hash) = event.journalLine(previousHash: previous, timeZone: .shanghai)
            previous = hash
            return line
        }
    }

    /// Each canonical line rewritten: members shuffled, white space, escapes, unknown members, nulls for absent fields.
    static func wildLines(_ canonical: [[UInt8]], seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return canonical.map { line in
            let body = Array(line.dropLast())
            guard var object = try? body.withUnsafeBytes({ try JSONParser.parseObjectLine($0) }) else { return line }
            if random.chance(0.3) { object.members.shuffle(using: &random) }
            if random.chance(0.3) {
                object.members.insert(.init(key: random.pick(["x_note", "comment", "meta"]), value: unknownValue(&random, depth: 0)),
                                      at: random.below(object.members.count + 1))
            }
            if random.chance(0.2) {
                for key in ["at", "recorded"] {
                    guard case .string(let text)? = object[key], let spelled = otherTimestampSpelling(text, &random),
                          let index = object.members.firstIndex(where: { $0.key == key }) else { continue }
                    object.members[index].value = .string(spelled)
                }
            }
            if random.chance(0.2) {
                let absent = ["note", "leader", "from", "respondent", "via", "text", "source_id"].filter { object[$0] == nil }
                if let key = absent.first { object.members.append(.init(key: key, value: .null)) }
            }
            var writer = WildWriter(random: random)
            writer.keyEscapes = random.chance(0.05) ? 0.2 : 0
            writer.object(object)
            random = writer.random
            return writer.bytes + [0x0A]
        }
    }

    /// The same instant as `text` (in the writer's layout) spelled as other tools write it: with a
    /// fraction of a second (Python's `isoformat()` with microseconds), in UTC with `Z`, or both;
    /// or with a space for `T` (Python's `str()`), with or without a fraction.
    static func otherTimestampSpelling(_ text: String, _ random: inout SeededRandom) -> String? {
        guard text.utf8.count == 25, case .success(let instant) = OfficeTimeZone.shanghai.parseTimestamp(text) else { return nil }
        // With `Z`, ".1234" makes 25 bytes, the length of the writer's own layout.
        let fraction = random.pick(["", ".5", ".1234", ".123456", ".000001"])
        if random.chance(0.25) { return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + fraction + String(text.suffix(6)) }
        if random.chance(0.5) { return String(text.prefix(19)) + (fraction.isEmpty ? ".9" : fraction) + String(text.suffix(6)) }
        let utc = try! OfficeTimeZone(identifier: "UTC").format(instant)
        return String(utc.prefix(19)) + fraction + "Z"
    }

    /// `line` (one JSON object) as Python's `json.dumps` writes it by default: `", "` and `": "`
    /// between members, every non-ASCII character as `\uXXXX` (a surrogate pair above U+FFFF).
    static func pythonStyle(_ line: [UInt8]) -> [UInt8] {
        guard let object = try? line.withUnsafeBytes({ try JSONParser.parseObjectLine($0) }) else { return line }
        return pythonStyle(object)
    }

    /// A journal's lines as Python's `json.dumps` writes them (``pythonStyle(_:)``), each with its
    /// `hash` member last, chained anew over the new bytes as docs/journal.md defines it.
    static func pythonStyleJournal(_ journal: [UInt8]) -> [UInt8] {
        var previous = JournalEvent.genesisHash
        var out: [UInt8] = []
        for line in journal.split(separator: 0x0A) {
            guard var object = try? Array(line).withUnsafeBytes({ try JSONParser.parseObjectLine($0) }) else { return journal }
            object.members.removeAll { $0.key == "hash" }
            let body = Array(pythonStyle(object).dropLast())
            previous = JournalHash.chain(previous: previous, body: body)
            out += body + Array(#", "hash": "\#(previous)"}"#.utf8) + [0x0A]
        }
        return out
    }

    static func pythonStyle(_ object: JSONObject) -> [UInt8] {
        var out: [UInt8] = []
        func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for unit in text.utf16 {
                switch unit {
                case 0x22: out += Array(#"\""#.utf8)
                case 0x5C: out += Array(#"\\"#.utf8)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x20..<0x7F: out.append(UInt8(unit))
                default:
                    let hex = String(unit, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func write(_ value: JSONValue) {
            switch value {
            case .null: out += Array("null".utf8)
            case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
            case .number(let text): out += Array(text.utf8)
            case .string(let text): string(text)
            case .object(let object):
                out.append(UInt8(ascii: "{"))
                for (index, member) in object.members.enumerated() {
                    if index > 0 { out += Array(", ".utf8) }
                    string(member.key)
                    out += Array(": ".utf8)
                    write(member.value)
                }
                out.append(UInt8(ascii: "}"))
            case .array(let elements):
                out.append(UInt8(ascii: "["))
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += Array(", ".utf8) }
                    write(element)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        write(.object(object))
        return out
    }

    private static func unknownValue(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        switch random.below(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .number(random.pick(["0", "-12", "3.25", "1e9", "-0.5E-3", "123456789012345678901234"]))
        case 3, 4: return .string(random.pick(texts))
        case 5: return .array((0..<random.below(3)).map { _ in unknownValue(&random, depth: depth + 1) })
        default:
            return .object(JSONObject(members: (0..<random.below(3)).map { index in
                .init(key: "k\(index)\(random.pick(["", "é", "\"q\""]))", value: unknownValue(&random, depth: depth + 1))
            }))
        }
    }
}

extension SeededRandom: RandomNumberGenerator {}

/// Writes JSON with random (valid) white space and escapes.
struct WildWriter {
    var random: SeededRandom
    var bytes: [UInt8] = []
    /// How often a key's character is escaped (the reader leaves such lines to the reference path).
    var keyEscapes = 0.0

    mutating func space() {
        if random.chance(0.1) { bytes.append(contentsOf: Array(random.pick([" ", "  ", "\t", " \t "]).utf8)) }
    }

    mutating func object(_ object: JSONObject) {
        space()
        bytes.append(UInt8(ascii: "{"))
        for (index, member) in object.members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            space()
            string(member.key, escapes: keyEscapes)
            space()
            bytes.append(UInt8(ascii: ":"))
            space()
            value(member.value)
            space()
        }
        bytes.append(UInt8(ascii: "}"))
        space()
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: Array("null".utf8))
        case .bool(let flag): bytes.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .number(let text): bytes.append(contentsOf: Array(text.utf8))
        case .string(let text): string(text, escapes: 0.15)
        case .object(let object): self.object(object)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                space()
                self.value(element)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    mutating func string(_ text: String, escapes p: Double) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: bytes.append(contentsOf: Array((random.chance(0.5) ? "\\\"" : "\\u0022").utf8))
            case 0x5C: bytes.append(contentsOf: Array((random.chance(0.5) ? "\\\\" : "\\u005C").utf8))
            case 0x0A: bytes.append(contentsOf: Array((random.chance(0.5) ? "\\n" : "\\u000a").utf8))
            case 0x0D: bytes.append(contentsOf: Array("\\r".utf8))
            case 0x09: bytes.append(contentsOf: Array("\\t".utf8))
            case 0x08: bytes.append(contentsOf: Array("\\b".utf8))
            case 0x0C: bytes.append(contentsOf: Array("\\f".utf8))
            case 0..<0x20: escape(UInt16(v))
            case 0x2F where random.chance(0.3): bytes.append(contentsOf: Array("\\/".utf8))
            default:
                if random.chance(p) {
                    if v > 0xFFFF {
                        let offset = v - 0x10000
                        escape(UInt16(0xD800 + (offset >> 10)))
                        escape(UInt16(0xDC00 + (offset & 0x3FF)))
                    } else {
                        escape(UInt16(v))
                    }
                } else {
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func escape(_ unit: UInt16) {
        var hex = String(unit, radix: 16, uppercase: random.chance(0.5))
        hex = String(repeating: "0", count: 4 - hex.count) + hex
        bytes.append(contentsOf: Array("\\u\(hex)".utf8))
    }
}
