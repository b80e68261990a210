import XCTest
@testable import XinfangCore

/// The fast petition reader against the reference path (the strict JSON tree, then `PetitionForm`):
/// every line it accepts gives the very filing and receipt time the reference gives, and it takes
/// the plain lines a batch is made of.
final class PetitionReadingTests: XCTestCase {
    private let now = Instant(seconds: 1_795_917_600)  // 2026-11-29T10:00:00+08:00

    private func letters() throws -> [JSONObject] {
        let text = try String(contentsOf: GoldenCase.fixturesDirectory.appendingPathComponent("letters.ndjson"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parseObjectLine(String($0)) }
    }

    private func line(_ object: JSONObject) -> [UInt8] {
        var line = NDJSONLine()
        line.appendValue(.object(object))
        return line.bytes
    }

    private func record(_ bytes: [UInt8]) -> InputRecord {
        InputRecord(source: "t.ndjson", line: 1, line: bytes)
    }

    /// Checks one line both ways; returns whether the fast reader decided it.
    @discardableResult
    private func assertSame(_ bytes: [UInt8], form: PetitionForm, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let fast = bytes.withUnsafeBytes { PetitionLineReader(form: form).read($0, now: now) }
        guard let (filing, received) = fast else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        switch PreparedPetition.readStrictly(record(bytes), form: form, now: now) {
        case .filing(let expected):
            XCTAssertEqual(filing, expected.filing, text, file: file, line: line)
            XCTAssertEqual(received, expected.received, text, file: file, line: line)
        case .rejected(let message):
            XCTFail("fast reader accepted what the reference refuses (\(message)): \(text)", file: file, line: line)
        }
        return true
    }

    private var forms: [PetitionForm] {
        var defaults = PetitionForm.Defaults()
        defaults.channel = .letter
        defaults.region = "广州市"
        defaults.category = "其他"
        defaults.received = Instant(seconds: 1_777_564_800)
        return [PetitionForm(policy: .standard, defaults: PetitionForm.Defaults()), PetitionForm(policy: .standard, defaults: defaults)]
    }

    func testEveryPlainLetterIsReadOnTheFastPathExactlyAsTheReferenceReadsIt() throws {
        let letters = try letters()
        XCTAssertEqual(letters.count, 60)
        for form in forms {
            for letter in letters {
                XCTAssertTrue(assertSame(line(letter), form: form), "left to the reference: \(String(decoding: line(letter), as: UTF8.self))")
            }
        }
    }

    /// Values that are fine, odd, or wrong, field by field.
    private let variants: [(String, [JSONValue?])] = [
        ("channel", [nil, .null, .string("来信"), .string(" Letter "), .string("LETTER"), .string("pigeon"), .string(""), .string("\u{3000}"),
                     .number("1"), .string("领导信箱")]),
        ("summary", [nil, .null, .string("   "), .string("\u{3000}案件久拖不决\u{A0}"), .string("行一\n行二\"引号\"\\"), .string("尾\u{85}"),
                     .string("\u{1F}控制"), .number("42"), .string("x")]),
        ("region", [nil, .null, .string(""), .string(" 佛山市 "), .bool(true)]),
        ("category", [nil, .null, .string("检举控告"), .string("\u{2003}"), .array([])]),
        ("received", [nil, .null, .string("2027-01-01"), .string("2026-03-04T05:06:07+08:00"), .string(" 2026-03-04 "), .string("1969-12-31"),
                      .string("2026-13-01"), .string("2026-11-29T10:04:59+08:00"), .string("2026-11-29T10:05:01+08:00"),
                      .string("2026-11-29T10:05:00+08:00"), .string("2026/03/04"), .number("20260304")]),
        ("people", [nil, .null, .number("0"), .number("1"), .number("3"), .number("100000"), .number("100001"), .number("1.0"),
                    .number("1e2"), .number("-1"), .string("2"), .number("1000000000000000000000")]),
        ("anonymous", [nil, .null, .bool(true), .bool(false), .string("yes")]),
        ("confidential", [nil, .null, .bool(true), .bool(false), .number("1")]),
        ("respondent", [nil, .null, .string(""), .string(" 某公司 "), .number("3")]),
        ("source_id", [nil, .null, .string("SRC-1"), .string(" "), .object(JSONObject())]),
        ("petitioner", [nil, .null, .object(JSONObject()), .array([]), .string("张三")]),
        ("extra", [.number("1"), .null]),
    ]

    private let petitionerVariants: [(String, [JSONValue?])] = [
        ("name", [nil, .null, .string(""), .string(" 张三 "), .number("1")]),
        ("id_number", [nil, .null, .string(""), .string("441900195305073389"), .string("44190019530507338x"), .string(" 441900195305073388 "),
                       .string("11010519491231002X"), .string("11010519491231002x"), .string("4419001953050733")]),
        ("phone", [nil, .null, .string(""), .string("call me"), .string("+86 (20) 1234-5678"), .string("1234"), .string("123456789012345678901")]),
        ("address", [nil, .null, .string(" "), .number("5")]),
        ("nmae", [.string("x")]),
    ]

    func testChangedFieldsGiveTheSameFilingOrAreLeftToTheReference() throws {
        let letters = try letters()
        var decided = 0, total = 0
        for form in forms {
            for (index, letter) in letters.enumerated() {
                for (key, values) in variants {
                    for value in values {
                        var changed = letter
                        if let value { changed.set(key, value) } else { changed.remove(key) }
                        total += 1
                        if assertSame(line(changed), form: form) { decided += 1 }
                    }
                }
                guard case .object(let person)? = letter["petitioner"] else { continue }
                for (key, values) in petitionerVariants {
                    for value in values {
                        var changedPerson = person
                        if let value { changedPerson.set(key, value) } else { changedPerson.remove(key) }
                        var changed = letter
                        changed.set("petitioner", .object(changedPerson))
                        if index % 2 == 0 { changed.set("anonymous", .bool(false)) }
                        total += 1
                        if assertSame(line(changed), form: form) { decided += 1 }
                    }
                }
            }
        }
        // Plenty of the changed lines are still plain petitions, and plenty are refused or left to the reference.
        XCTAssertGreaterThan(decided, total / 4)
        XCTAssertLessThan(decided, total * 3 / 4)
    }

    func testSpacingOrderEscapesAndBrokenSyntaxGiveTheSameFilingOrAreLeftToTheReference() throws {
        let letters = try letters()
        let form = forms[0]
        var decided = 0
        for letter in letters {
            let plain = String(decoding: line(letter), as: UTF8.self)
            let spaced = plain.replacingOccurrences(of: "\":\"", with: "\" :\t\"")
                .replacingOccurrences(of: "\",\"", with: "\" ,\r\"")
                .replacingOccurrences(of: "{", with: " { ")
                .replacingOccurrences(of: "}", with: " } ")
            var texts: [String] = [spaced, " " + plain + "\t"]
            texts.append(plain.replacingOccurrences(of: "\"summary\":\"", with: "\"summary\":\"\\u4e2d"))
            texts.append(plain.replacingOccurrences(of: "\"summary\":\"", with: "\"summary\":\"\\\""))
            texts.append(plain.replacingOccurrences(of: "\"region\":", with: "\"region\":\"重复\",\"region\":"))
            texts.append(plain.replacingOccurrences(of: "\"name\":", with: "\"name\":\"重复\",\"name\":"))
            texts.append(plain.replacingOccurrences(of: "\"channel\"", with: "\"chan\\u006eel\""))
            texts += ["\u{FEFF}" + plain, plain + ",", plain + "}", String(plain.dropLast()), String(plain.dropLast()) + ",}"]
            texts += ["[" + plain + "]", "{}", "", "{\"channel\":\"letter\"", plain.replacingOccurrences(of: ":", with: "")]
            var variants = texts.filter { $0 != plain }.map { Array($0.utf8) }
            // Bytes that are not UTF-8 inside a value, and reordered members.
            var broken = Array(plain.utf8)
            if let quote = broken.lastIndex(of: UInt8(ascii: "\"")) { broken.insert(0xFF, at: quote) }
            variants.append(broken)
            var surrogate = Array(plain.utf8)
            if let quote = surrogate.lastIndex(of: UInt8(ascii: "\"")) { surrogate.insert(contentsOf: [0xED, 0xA0, 0x80], at: quote) }
            variants.append(surrogate)
            variants.append(line(JSONObject(members: letter.members.reversed())))
            for bytes in variants where assertSame(bytes, form: form) { decided += 1 }
        }
        // The spaced-out lines, the reordered ones, the ones with trailing white space and the two
        // with escaped summaries are read fast.
        XCTAssertEqual(decided, letters.count * 5)
    }

    func testLettersAsPythonWritesThemAreReadOnTheFastPathExactlyAsTheReferenceReadsThem() throws {
        // A batch another tool wrote: `json.dumps`' separators and every Chinese character as `\uXXXX`.
        for form in forms {
            for letter in try letters() {
                let python = JournalSamples.pythonStyle(line(letter))
                XCTAssertTrue(python.contains(UInt8(ascii: "\\")))
                XCTAssertTrue(assertSame(python, form: form), "left to the reference: \(String(decoding: python, as: UTF8.self))")
            }
        }
        // Escapes the strict parser refuses are left to it, which words the refusal; escaped white space is trimmed.
        let base = #"{"channel":"letter","summary":"SUMMARY","region":"广州市","category":"劳动社保","petitioner":{"name":"王伟"}}"#
        for (summary, fast) in [(#"\u5de5\u8d44"#, true), (#"\u0020\u5de5\t"#, true), (#"\ud83d\ude00"#, true), (#"a\/b"#, true),
                                (#"\ud800"#, false), (#"\q"#, false), (#"\u12"#, false), (#"x\"#, false)] {
            let bytes = Array(base.replacingOccurrences(of: "SUMMARY", with: summary).utf8)
            XCTAssertEqual(assertSame(bytes, form: forms[0]), fast, summary)
        }
    }

    func testCSVRowsAreNotReadAsNDJSONLines() {
        let plain = #"{"channel":"letter","summary":"s","region":"r","category":"c","anonymous":true}"#
        let row = InputRecord(source: "t.csv", line: 2, text: plain, object: .failure(InputError("the row's own reading")))
        guard case .rejected(let message) = PreparedPetition.read(row, form: forms[0], now: now) else {
            return XCTFail("a CSV row was read from its text")
        }
        XCTAssertEqual(message, "the row's own reading")
        guard case .filing = PreparedPetition.read(record(Array(plain.utf8)), form: forms[0], now: now) else {
            return XCTFail("the same text as an NDJSON line was refused")
        }
    }
}
