import XCTest
@testable import XinfangCore

/// The fast journal decoder against the reference path (JSON tree, then the event read from it):
/// the same events, the same refusals with the same words, the same case book. Its strings are
/// found from `LineMasks` where the processor has AVX2 (``JournalDecoderBytewiseTests`` runs every
/// test here with the byte-by-byte scan too).
class JournalDecoderTests: XCTestCase {
    private let zone = OfficeTimeZone.shanghai

    /// Whether the decoders made here find strings from `LineMasks` (where the processor can).
    var usesLineMasks: Bool { true }

    private func makeDecoder(texts: EventTexts = .all) -> JournalLineDecoder {
        JournalLineDecoder(timeZone: zone, texts: texts, usesLineMasks: usesLineMasks)
    }

    private enum Reference {
        case success(JournalEvent)
        case failure(String)
    }

    private func reference(_ line: [UInt8]) -> Reference {
        line.withUnsafeBytes { bytes in
            do {
                return .success(try JournalScanner.referenceEvent(bytes, timeZone: zone))
            } catch {
                return .failure("\(error)")
            }
        }
    }

    private func fast(_ line: [UInt8], _ decoder: inout JournalLineDecoder) -> JournalEvent? {
        line.withUnsafeBytes { decoder.decode($0) }
    }

    /// Checks one line both ways; returns whether the fast path decided it.
    @discardableResult
    private func assertSame(_ line: [UInt8], _ decoder: inout JournalLineDecoder, file: StaticString = #filePath, line number: UInt = #line) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        guard let event = fast(line, &decoder) else { return false }
        switch reference(line) {
        case .success(let expected):
            XCTAssertEqual(event, expected, text, file: file, line: number)
        case .failure(let message):
            XCTFail("fast path accepted what the reference refuses (\(message)): \(text)", file: file, line: number)
        }
        return true
    }

    func testEveryCanonicalLineIsDecodedOnTheFastPathExactlyAsTheReferenceDoes() {
        let events = JournalSamples.events(cases: 300, seed: 7)
        XCTAssertEqual(Set(events.map(\.kind)), Set(EventKind.allCases))
        var decoder = makeDecoder()
        for line in JournalSamples.canonicalLines(events) {
            let body = Array(line.dropLast())
            XCTAssertTrue(assertSame(body, &decoder), "left to the reference path: \(String(decoding: body, as: UTF8.self))")
        }
    }

    func testRewrittenLinesWithOtherOrdersSpacesEscapesAndUnknownMembersGiveTheSameEvents() {
        let events = JournalSamples.events(cases: 300, seed: 11)
        let lines = JournalSamples.wildLines(JournalSamples.canonicalLines(events), seed: 12)
        var decoder = makeDecoder()
        var decided = 0
        for line in lines {
            let body = Array(line.dropLast())
            if case .failure(let message) = reference(body) { XCTFail("sample line refused: \(message)") }
            if assertSame(body, &decoder) { decided += 1 }
        }
        // Only keys written with escapes (one line in twenty here) are left to the reference path.
        XCTAssertGreaterThan(decided, lines.count * 9 / 10)
    }

    func testLinesAsPythonWritesThemAreDecodedOnTheFastPathExactlyAsTheReferenceDoes() {
        // A journal written by another tool: `json.dumps`' separators and every Chinese character
        // as `\uXXXX`. Escaped names must be the same names (and the same events) as plain ones.
        let events = JournalSamples.events(cases: 200, seed: 21)
        var decoder = makeDecoder()
        var escaped = 0
        for line in JournalSamples.canonicalLines(events) {
            let python = JournalSamples.pythonStyle(Array(line.dropLast()))
            XCTAssertTrue(assertSame(python, &decoder), "left to the reference path: \(String(decoding: python, as: UTF8.self))")
            if python.contains(UInt8(ascii: "\\")) { escaped += 1 }
        }
        XCTAssertGreaterThan(escaped, 200)
        for texts in [EventTexts.caseBook(retainTexts: false), .caseBookWithoutPetitioners, .filings] {
            var plain = makeDecoder(texts: texts), python = makeDecoder(texts: texts)
            for line in JournalSamples.canonicalLines(events) {
                let body = Array(line.dropLast())
                XCTAssertEqual(fast(JournalSamples.pythonStyle(body), &python), fast(body, &plain), String(decoding: body, as: UTF8.self))
            }
        }
    }

    func testTimestampsWithFractionsOrZAreDecodedOnTheFastPathAsTheSameInstants() throws {
        // Another tool's journal may write `recorded` as Python's `isoformat()` does, with
        // microseconds, or every time in UTC: the same events, and no line left to the reference path.
        let events = JournalSamples.events(cases: 100, seed: 31)
        var decoder = makeDecoder(), plain = makeDecoder()
        var random = SeededRandom(seed: 32)
        var respelled = 0
        for line in JournalSamples.canonicalLines(events) {
            let body = Array(line.dropLast())
            var object = try body.withUnsafeBytes { try JSONParser.parseObjectLine($0) }
            for index in object.members.indices where ["at", "recorded"].contains(object.members[index].key) {
                guard case .string(let text) = object.members[index].value,
                      let spelled = JournalSamples.otherTimestampSpelling(text, &random) else { continue }
                object.members[index].value = .string(spelled)
                respelled += 1
            }
            let other = JournalSamples.pythonStyle(object)
            XCTAssertTrue(assertSame(other, &decoder), "left to the reference path: \(String(decoding: other, as: UTF8.self))")
            XCTAssertEqual(fast(other, &decoder), fast(body, &plain), String(decoding: other, as: UTF8.self))
        }
        XCTAssertGreaterThan(respelled, 2 * events.count - 100)
    }

    func testWholeJournalScansAndFoldsIdenticallyBothWays() throws {
        let events = JournalSamples.events(cases: 250, seed: 21)
        var bytes = JournalSamples.wildLines(JournalSamples.canonicalLines(events), seed: 22).flatMap { $0 }
        bytes += Array(#"{"seq":"oops"}"#.utf8) + [0x0A]
        bytes += Array(#"{"seq":9999,"event":"rated","case":"XF-2026-000001","at":"2027-01-01T00:00:00+08:00","recorded":"2027-01-01","satisfaction":"satisfied","via":" phone "}"#.utf8) + [0x0A]
        let fastScan = try scan(bytes, decodesFast: true)
        let referenceScan = try scan(bytes, decodesFast: false)
        XCTAssertEqual(fastScan.items, referenceScan.items)
        XCTAssertEqual(fastScan.items.filter { $0.hasPrefix("event ") }.count, events.count + 1)
        XCTAssertEqual(fastScan.position, referenceScan.position)
        XCTAssertEqual(fastScan.book, referenceScan.book)
        XCTAssertTrue(fastScan.items.contains { $0.hasPrefix("problem malformed") })
    }

    func testCanonicalJournalKeepsItsPositionAndHash() throws {
        let events = JournalSamples.events(cases: 40, seed: 5)
        let lines = JournalSamples.canonicalLines(events)
        let scanned = try scan(lines.flatMap { $0 }, decodesFast: true)
        let lastHash = String(decoding: lines[lines.count - 1].dropLast(3).suffix(64), as: UTF8.self)
        XCTAssertEqual(scanned.position, JournalPosition(offset: lines.reduce(0) { $0 + $1.count }, lines: lines.count,
                                                         seq: events.count, hash: lastHash))
    }

    func testOddAndBrokenLinesAreLeftToTheReferencePathOrDecodedTheSame() {
        let base = #"{"seq":3,"event":"filed","case":"XF-2026-000003","at":"2026-03-04T09:15:00+08:00","recorded":"2026-03-04T09:15:02+08:00","channel":"letter","summary":"工资","region":"广州市","category":"劳动社保","petitioner":{"name":"王伟","phone":"138"},"people":2,"respondent":"某公司","hash":"ab"}"#
        let assigned = #"{"seq":4,"event":"assigned","case":"XF-2026-000003","at":"2026-03-05T09:15:00+08:00","recorded":"2026-03-05T09:15:00Z","unit":"市人社局","rule":3}"#
        let rated = #"{"seq":5,"event":"rated","case":"XF-2026-000003","at":"2026-03-06","recorded":"2026-03-06T01:00:00Z","satisfaction":"satisfied"}"#
        let variants: [(String, String)] = [
            (#""seq":3"#, #""seq":0"#), (#""seq":3"#, #""seq":-3"#), (#""seq":3"#, #""seq":3.0"#), (#""seq":3"#, #""seq":3e0"#),
            (#""seq":3"#, #""seq":03"#), (#""seq":3"#, #""seq":"3""#), (#""seq":3"#, #""seq":null"#), (#""seq":3,"#, ""),
            (#""seq":3"#, #""seq":99999999999999999999999"#), (#""seq":3"#, #""seq":3,"seq":3"#),
            (#""event":"filed""#, #""event":"Filed""#), (#""event":"filed""#, #""event":"fil\u0065d""#),
            (#""case":"XF-2026-000003""#, #""case":"   ""#), (#""case":"XF-2026-000003""#, #""case":"\u3000XF-2026-000003 ""#),
            (#""case":"XF-2026-000003""#, #""case":7"#),
            (#"09:15:00+08:00","recorded""#, #"09:15+08:00","recorded""#), (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"2026-03-04 09:15""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"2026-02-30""#), (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"2026-03-04t09:15:00z""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"2026-03-04T09:15:00.5+08:00""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"2026-03-04T24:15:00+08:00""#),
            // Times the journal cannot record: before 1970, or too late to write back in every offset.
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"0026-01-01T00:00:00+08:00""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"1969-12-31T23:59:59Z""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"1970-01-01T08:00:00+08:00""#),
            (#""at":"2026-03-04T09:15:00+08:00""#, #""at":"9999-12-31T23:00:00+08:00""#),
            (#""recorded":"2026-03-04T09:15:02+08:00""#, #""recorded":"1969-12-31""#),
            (#""channel":"letter""#, #""channel":"来信""#), (#""channel":"letter""#, #""channel":"fax""#), (#""channel":"letter""#, #""channel":" letter""#),
            (#""summary":"工资""#, #""summary":"""#), (#""summary":"工资""#, #""summary":"a\qb""#), (#""summary":"工资""#, #""summary":"\ud800x""#),
            (#""summary":"工资""#, #""summary":"\udc00""#), (#""summary":"工资""#, #""summary":"\ud83d\ude00 ok""#),
            (#""summary":"工资""#, "\"summary\":\"tab\traw\""), (#""summary":"工资""#, #""summary":"\u00""#), (#""summary":"工资""#, #""summary":"end\\""#),
            (#""region":"广州市""#, #""region":"  ""#), (#""region":"广州市""#, #""region":null"#),
            // Escaped names: each spelling is an entry of the name table, made the first time (twice: the second is found).
            (#""region":"广州市""#, #""region":"\u5e7f\u5dde\u5e02""#), (#""region":"广州市""#, #""region":"\u5e7f\u5dde\u5e02""#),
            (#""region":"广州市""#, #""region":"\u5E7F\u5dde\u5e02""#), (#""region":"广州市""#, #""region":"\ud800\u5dde""#),
            (#""region":"广州市""#, #""region":"\ud800\u5dde""#), (#""category":"劳动社保""#, #""category":" \u52b3\u52a8\u793e\u4fdd\t""#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":null"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":"王伟""#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":{}"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":{"name":" ","phone":"138"}"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":{"name":"王伟","name":"王伟"}"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":{"phone":"  ","extra":[1,{"a":[]}],"name":"王伟 ","address":null}"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""petitioner":{"name":"王伟","x":1,"x":2}"#),
            (#""petitioner":{"name":"王伟","phone":"138"}"#, #""anonymous":true"#),
            (#""people":2"#, #""people":0"#), (#""people":2"#, #""people":1000001"#), (#""people":2"#, #""people":null"#),
            (#""respondent":"某公司""#, #""respondent":"  ""#), (#""respondent":"某公司""#, #""respondent":1"#),
            (#""hash":"ab""#, #""hash":5"#), (#""hash":"ab""#, #""hash":{"deep":[true,false,null]}"#), (#""hash":"ab""#, #""hash":"ab","x":[]"#),
            (#""hash":"ab""#, #""x":1,"x":2"#), (#""hash":"ab""#, #""x":1,"y":2,"x":3"#), (#""hash":"ab""#, #""\u0078":1"#),
            (#""hash":"ab""#, #""sum\u006dary":"x""#), (#""hash":"ab""#, #""unit":{"a":1,"a":2}"#), (#""hash":"ab""#, #""unit":5"#),
            (#""hash":"ab""#, #""confidential":true"#), (#""hash":"ab""#, #""confidential":null"#), (#""hash":"ab""#, #""confidential":"yes""#),
            (#""hash":"ab""#, #""n":-0.5e-3,"m":1E+2,"o":-0"#), (#""hash":"ab""#, #""n":1.e3"#), (#""hash":"ab""#, #""n":-"#),
            (#""hash":"ab""#, #""n":tru"#), (#""hash":"ab""#, #""n":nulll"#), (#""hash":"ab""#, #""n":[1,]"#),
            (#""hash":"ab""#, #""deep":"# + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)),
            (#""hash":"ab""#, #""deep":"# + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)),
            (#"}"#, #"} "#), (#"}"#, #"}x"#), (#"}"#, #""#), (#"{"seq""#, #" { "seq" "#), (#","#, #" , "#),
        ]
        var lines = variants.map { Array(base.replacingOccurrences(of: $0.0, with: $0.1).utf8) }
        lines += [
            Array(assigned.utf8), Array(rated.utf8),
            Array(assigned.replacingOccurrences(of: #""rule":3"#, with: #""rule":-0"#).utf8),
            Array(assigned.replacingOccurrences(of: #""rule":3"#, with: #""rule":0,"from":"  ","leader":null,"note":"\n""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"\t市人社局 ""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"\t\u5e02\u4eba\u793e\u5c40 ""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"\t\u5e02\u4eba\u793e\u5c40 ""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"\u0020""#).utf8),
            Array(rated.replacingOccurrences(of: #""satisfied""#, with: #""basically_satisfied","via":" phone ""#).utf8),
            Array(rated.replacingOccurrences(of: #""satisfied""#, with: #""satisfied","via":"fax""#).utf8),
            Array(rated.replacingOccurrences(of: #""satisfied""#, with: #""满意""#).utf8),
            Array(rated.replacingOccurrences(of: #""satisfied""#, with: #""unsatisfied","via":null"#).utf8),
            // Empty names, twice each (the second time they are found in the name table).
            Array(base.replacingOccurrences(of: #""region":"广州市""#, with: #""region":"""#).utf8),
            Array(base.replacingOccurrences(of: #""region":"广州市""#, with: #""region":"""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"""#).utf8),
            Array(assigned.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"""#).utf8),
            Array("[1,2]".utf8), Array("".utf8), Array("   ".utf8), Array("{}".utf8), [0xEF, 0xBB, 0xBF] + Array(rated.utf8),
            Array(rated.utf8).map { $0 == UInt8(ascii: "d") ? 0xFF : $0 },
            Array(base.utf8).map { $0 == 0xA5 ? 0xC0 : $0 },  // breaks a Chinese character
            Array(base.replacingOccurrences(of: #""hash":"ab""#, with: #""x":"é""#).utf8).map { $0 == 0xA9 ? 0x29 : $0 },
        ]
        var decoder = makeDecoder()
        var decided = 0
        for line in lines where assertSame(line, &decoder) { decided += 1 }
        XCTAssertGreaterThan(decided, 20)  // the valid odd lines are decided fast, not all left to the reference
    }

    func testUnknownObjectsAndArraysAreSkippedOnTheFastPathAsTheStrictParserChecksThem() {
        // Another tool's journal may carry members of its own with objects or arrays in them.
        let rated = #"{"seq":5,"event":"rated","case":"XF-2026-000003","at":"2026-03-06T09:00:00+08:00","recorded":"2026-03-06T09:00:00+08:00","satisfaction":"satisfied"}"#
        func with(_ member: String) -> [UInt8] { Array((rated.dropLast() + "," + member + "}").utf8) }
        let deepest = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)  // the line's object is depth 1
        let decidedFast = [
            #""operator":{"id":17,"name":"王芳","tags":["a","b"],"meta":{}}"#,
            #""x":[ 1 , -2.5e3 , "é" , true , null , [ ] , { "a" : { "a" : [ {"b":"\u0041"} ] } } ]"#,
            #""x":{"a":1,"b":{"a":2},"c":{"a":3}},"y":{"a":1}"#,
            #""deep":"# + deepest,
            #""x":{"a":[],"ab":{},"b":""}"#,
        ]
        let leftToReference = [
            #""x":{"a":1,"a":2}"#, #""x":{"a":{"b":1,"b":2}}"#, #""x":[1,]"#, #""x":{"a":1,}"#, #""x":{"a" 1}"#,
            #""x":{"é":1}"#, #""x":{"\u0061":1}"#, #""x":[1 2]"#, #""x":["\ud800"]"#, #""x":{1:2}"#, #""x":[}"#, #""x":[1"#,
            #""x":{"a":01}"#, #""deep":["# + deepest + "]",
            #""x":{"# + (0...64).map { #""k\#($0)":0"# }.joined(separator: ",") + "}",
        ]
        var decoder = makeDecoder()
        for member in decidedFast {
            XCTAssertTrue(assertSame(with(member), &decoder), "left to the reference path: \(member)")
        }
        for member in leftToReference {
            XCTAssertNil(fast(with(member), &decoder), member)
        }
        // After refusals, the decoder still reads a line with the same unknown keys.
        XCTAssertTrue(assertSame(with(decidedFast[2]), &decoder))
    }

    func testKeysOtherThanTheExpectedOneAfterATrainedOrderDecodeTheSame() {
        // The decoder expects each member's usual successor; lines that break that habit must
        // still give the reference path's events (or be left to it).
        var decoder = makeDecoder()
        for line in JournalSamples.canonicalLines(JournalSamples.events(cases: 60, seed: 3)) {
            XCTAssertTrue(assertSame(Array(line.dropLast()), &decoder))
        }
        let extended = #"{"seq":8,"event":"extended","case":"XF-2026-000008","at":"2026-03-05T09:15:00+08:00","recorded":"2026-03-05T09:15:00Z","unit":"市人社局","days":30}"#
        let valid = [
            // An unknown key that starts like the expected one, before it.
            extended.replacingOccurrences(of: #""event":"#, with: #""events":"x","eventx":1,"event":"#),
            extended.replacingOccurrences(of: #""seq":8"#, with: #""seq" :8"#),
            extended.replacingOccurrences(of: #","days":30"#, with: #", "days":30"#),
            extended.replacingOccurrences(of: #""unit":"市人社局","days":30"#, with: #""days":30,"unit":"市人社局""#),
            // Every member in reverse order; the short last members sit near the line's end.
            #"{"days":30,"unit":"市人社局","recorded":"2026-03-05T09:15:00Z","at":"2026-03-05T09:15:00+08:00","case":"XF-2026-000008","event":"extended","seq":8}"#,
            #"{"via":"phone","satisfaction":"satisfied","recorded":"2026-03-06","at":"2026-03-06","case":"XF-2026-000003","event":"rated","seq":9}"#,
        ]
        for line in valid {
            XCTAssertTrue(assertSame(Array(line.utf8), &decoder), "left to the reference path: \(line)")
        }
        let refused = [
            extended.replacingOccurrences(of: #""unit":"市人社局""#, with: #""unit":"市人社局","unit":"市人社局""#),
            extended.replacingOccurrences(of: #""case":"XF-2026-000008""#, with: #""case":"XF-2026-000008","case":"XF-2026-000009""#),
            extended.replacingOccurrences(of: #""event":"#, with: #""\u0065vent":"#),
            extended.replacingOccurrences(of: #""days":30"#, with: #""days":30,"days":30"#),
        ]
        for line in refused {
            XCTAssertFalse(assertSame(Array(line.utf8), &decoder), "decided on the fast path: \(line)")
        }
        // After all that, the usual order still decodes.
        for line in JournalSamples.canonicalLines(JournalSamples.events(cases: 20, seed: 4)) {
            XCTAssertTrue(assertSame(Array(line.dropLast()), &decoder))
        }
    }

    func testInvalidUTF8InAnyStringIsLeftToTheReferencePath() {
        // Strings are validated while they are scanned: every member, used or not, read or skipped.
        let line = #"{"seq":3,"event":"filed","case":"XF-2026-000003","at":"2026-03-04T09:15:00+08:00","recorded":"2026-03-04T09:15:02+08:00","channel":"letter","summary":"工资SUMMARY","region":"广州市REGION","category":"劳动社保","petitioner":{"name":"王伟NAME","phone":"138"},"people":2,"respondent":"某公司RESPONDENT","x":"未知UNKNOWN","hash":"ab"}"#
        let broken: [[UInt8]] = [
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE4, 0xB8], [0xE4],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xC1, 0xBF],
            [0x80], [0xBF, 0xBF], [0xC3], [0xE4, 0x41, 0x80], [0xE4, 0xB8, 0x41], [0xF0, 0x9F, 0x98], [0xFF],
        ]
        let fine: [[UInt8]] = [[0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xC2, 0x80],
                               [0xDF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF0, 0x9F, 0x98, 0x80]]
        for texts in [EventTexts.all, .caseBook(retainTexts: false)] {
            var decoder = makeDecoder(texts: texts)
            for marker in ["SUMMARY", "REGION", "NAME", "RESPONDENT", "UNKNOWN"] {
                let parts = line.components(separatedBy: marker)
                for bytes in broken {
                    let bad = Array(parts[0].utf8) + bytes + Array(parts[1].utf8)
                    XCTAssertNil(fast(bad, &decoder), "\(marker) \(bytes)")
                    if case .success = reference(bad) { XCTFail("the reference path accepts \(marker) \(bytes)") }
                }
                for bytes in fine {
                    let good = Array(parts[0].utf8) + bytes + Array(parts[1].utf8)
                    // Lean events leave texts out, so only the full ones compare equal to the reference.
                    if isAll(texts) {
                        XCTAssertTrue(assertSame(good, &decoder), "\(marker) \(bytes)")
                    } else {
                        XCTAssertNotNil(fast(good, &decoder), "\(marker) \(bytes)")
                    }
                }
            }
        }
    }

    /// Plain bytes are skipped 16 or 8 at a time: whatever stops the skip, at any place of a long
    /// string, is found (quote, escape, control character, DEL, Chinese, invalid UTF-8).
    func testEveryKindOfByteAtEveryPlaceOfALongStringIsReadAsTheReferenceReadsIt() {
        let line = #"{"seq":3,"event":"filed","case":"XF-2026-000003","at":"2026-03-04T09:15:00+08:00","recorded":"2026-03-04T09:15:02+08:00","channel":"letter","summary":"TEXT","region":"广州市","category":"劳动社保","people":2,"hash":"ab"}"#
        let parts = line.components(separatedBy: "TEXT")
        let stops: [[UInt8]] = [Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\u4e2d"#.utf8), [0x7F], Array("中".utf8),
                                [0x01], [0x1F], [0xFF], [0xE4, 0xB8], [UInt8(ascii: "\"")]]
        var decoder = makeDecoder()
        var decoded = 0, refused = 0
        for before in 0..<40 {
            for stop in stops {
                let text = [UInt8](repeating: UInt8(ascii: "a"), count: before) + stop + [UInt8](repeating: UInt8(ascii: "b"), count: 41 - before)
                let bytes = Array(parts[0].utf8) + text + Array(parts[1].utf8)
                switch reference(bytes) {
                case .success:
                    XCTAssertTrue(assertSame(bytes, &decoder), "left to the reference path: \(before) plain bytes, then \(stop)")
                    decoded += 1
                case .failure:
                    XCTAssertNil(fast(bytes, &decoder), "the fast path accepts \(before) plain bytes, then \(stop)")
                    refused += 1
                }
            }
        }
        // Escapes, DEL and 中 are read; a control byte, invalid UTF-8 and a bare quote inside the text are refused.
        XCTAssertEqual(decoded, 40 * 5)
        XCTAssertEqual(refused, 40 * 5)
    }

    func testAnEmptyNameAsTheNameTablesFirstEntryIsFoundAgain() {
        // The region is the first name a filing puts in the table; empty, it adds no bytes to it.
        let line = Array(#"{"seq":1,"event":"filed","case":"XF-2026-000001","at":"2026-03-04T09:15:00+08:00","recorded":"2026-03-04T09:15:02+08:00","channel":"letter","summary":"工资","region":"","category":"劳动社保","anonymous":true,"hash":"ab"}"#.utf8)
        var decoder = makeDecoder()
        for _ in 0..<3 { XCTAssertTrue(assertSame(line, &decoder)) }
    }

    func testReplayDecodingOnlyWhatTheBookKeepsFoldsToTheSameBook() throws {
        let events = JournalSamples.events(cases: 250, seed: 31)
        var bytes = JournalSamples.wildLines(JournalSamples.canonicalLines(events), seed: 32).flatMap { $0 }
        bytes += Array(#"{"seq":9999,"event":"returned","case":"XF-2026-000002","at":"2027-01-01T00:00:00+08:00","recorded":"2027-01-01","unit":"u","reason":" \t "}"#.utf8) + [0x0A]
        bytes += Array(#"{"seq":10000,"event":"replied","case":"XF-2026-000002","at":"2027-01-01T00:00:00+08:00","recorded":"2027-01-01","unit":"u","text":null}"#.utf8) + [0x0A]
        for retainTexts in [false, true] {
            let lean = try scan(bytes, decodesFast: true, texts: .caseBook(retainTexts: retainTexts), retainTexts: retainTexts)
            let reference = try scan(bytes, decodesFast: false, texts: .caseBook(retainTexts: retainTexts), retainTexts: retainTexts)
            XCTAssertEqual(lean.items, reference.items)
            XCTAssertEqual(lean.book, reference.book)
            XCTAssertEqual(lean.book.count, events.filter { $0.kind == .filed }.count)
        }
        var decoder = makeDecoder(texts: .caseBook(retainTexts: false))
        for line in JournalSamples.canonicalLines(events) {
            let body = Array(line.dropLast())
            guard case .success(let expected) = reference(body) else { return XCTFail("sample line refused") }
            guard let event = fast(body, &decoder) else { return XCTFail("left to the reference path") }
            XCTAssertEqual([event.seq, event.caseID, event.at, event.recorded, event.kind] as [AnyHashable],
                           [expected.seq, expected.caseID, expected.at, expected.recorded, expected.kind] as [AnyHashable])
        }
    }

    func testFilingsTextsKeepEveryFilingWholeAndOnlyTheBooksPartOfTheRest() throws {
        // What a writer's catch-up decodes for `file` (`FilingState.textsRead`): the filed events
        // exactly as the reference path reads them, the others as lean as the readers' events.
        let events = JournalSamples.events(cases: 250, seed: 33)
        let canonical = JournalSamples.canonicalLines(events)
        let lines = canonical + JournalSamples.wildLines(canonical, seed: 34)
        var filings = makeDecoder(texts: .filings), lean = makeDecoder(texts: .caseBook(retainTexts: false))
        var filed = 0
        for (number, line) in lines.enumerated() {
            let body = Array(line.dropLast())
            guard case .success(let expected) = reference(body) else { return XCTFail("sample line refused") }
            // A wild line may be left to the reference path (which reads every text), by both decoders alike.
            let event = fast(body, &filings), leanEvent = fast(body, &lean)
            XCTAssertEqual(event == nil, leanEvent == nil)
            guard let event, let leanEvent else {
                XCTAssertGreaterThanOrEqual(number, canonical.count, "a canonical line left to the reference path")
                continue
            }
            if expected.kind == .filed {
                XCTAssertEqual(event, expected)
                filed += 1
            } else {
                XCTAssertEqual(event, leanEvent)
            }
        }
        XCTAssertGreaterThan(filed, events.filter { $0.kind == .filed }.count)
        XCTAssertGreaterThan(lines.count, filed)
    }

    func testABookWithoutPetitionersKeepsWhatRoutingReadsAsTheFullBookDoes() throws {
        // `assign --auto`: summaries and respondents, decoded as the reference path decodes them; no petitioners.
        let canonical = JournalSamples.canonicalLines(JournalSamples.acceptedEvents(cases: 250, seed: 35, policy: Policy()))
        // The same events rewritten (other orders, spaces, escapes), so texts are unescaped both ways.
        let bytes = Array(JournalSamples.wildLines(canonical, seed: 36).joined())
        func fold(_ book: CaseBook, texts: EventTexts, decodesFast: Bool) throws -> CaseBook {
            var book = book
            let scanner = JournalScanner(timeZone: zone, verifyChain: false, decodesFast: decodesFast, texts: texts)
            let (_, damage) = try scanner.fold(MemorySource(bytes, chunkLimit: 4096), from: .start, into: &book)
            XCTAssertNil(damage)
            return book
        }
        let lean = CaseBook(policy: Policy(), retainTexts: true, retainPetitioners: false)
        XCTAssertEqual(lean.textsRead, .caseBookWithoutPetitioners)
        let routing = try fold(lean, texts: lean.textsRead, decodesFast: true)
        let full = try fold(CaseBook(policy: Policy(), retainTexts: true), texts: .all, decodesFast: false)
        XCTAssertEqual(routing.count, full.count)
        XCTAssertGreaterThan(full.cases.filter { $0.petitioner != nil }.count, 100)
        XCTAssertTrue(routing.cases.allSatisfy { $0.petitioner == nil })
        func withoutPetitioner(_ record: CaseRecord) -> [String] {
            [record.id, record.summary ?? "-", record.respondent ?? "-", record.region, record.category, "\(record.channel)",
             "\(record.phase)", record.unit ?? "-", record.repeatOf ?? "-"]
        }
        XCTAssertEqual(routing.cases.map(withoutPetitioner), full.cases.map(withoutPetitioner))
        XCTAssertGreaterThan(full.cases.filter { $0.respondent != nil }.count, 30)
    }

    // MARK: - Helpers

    private func isAll(_ texts: EventTexts) -> Bool {
        if case .all = texts { return true }
        return false
    }

    private struct Scan {
        var items: [String] = []
        var position = JournalPosition.start
        var book: [String] = []
    }

    private func scan(_ bytes: [UInt8], decodesFast: Bool, texts: EventTexts = .all, retainTexts: Bool = true) throws -> Scan {
        var result = Scan()
        var book = CaseBook(policy: Policy(), retainTexts: retainTexts)
        let scanner = JournalScanner(timeZone: zone, verifyChain: true, decodesFast: decodesFast, texts: texts)
        let outcome = try scanner.scan(MemorySource(bytes, chunkLimit: 4096), from: .start) { (item: JournalScanner.Item) throws(Never) in
            switch item {
            case .event(let event, let line):
                result.items.append(isAll(texts) ? "event \(line) \(event)" : "event \(line) \(event.seq) \(event.caseID)")
                do throws(LifecycleError) { try book.apply(event) } catch { result.items.append("refused \(error)") }
            case .problem(let problem):
                result.items.append("problem \(problem.kind.rawValue) \(problem)")
            }
        }
        result.position = outcome.position
        result.book = book.cases.map(Self.describe)
        return result
    }

    /// Every public property of a record.
    static func describe(_ r: CaseRecord) -> String {
        let fields: [Any?] = [r.id, r.received, r.receivedDay, r.channel, r.region, r.category, r.respondent, r.people, r.repeatOf,
                              r.confidential, r.summary, r.petitioner, r.phase, r.unit, r.firstAssigned, r.clockStart,
                              r.extensionDays, r.extended, r.closedAt, r.returns, r.verdict, r.verdictAt, r.lastAt, r.lastEvent]
        return fields.map { String(describing: $0) }.joined(separator: "|")
    }
}

/// ``JournalDecoderTests`` with every string read byte by byte: the way for lines with escapes or
/// control bytes, longer than 4 KiB, and for every line on a processor without AVX2. (Each test that
/// makes its own decoders is named again here: XCTest on Linux finds a test class by the test
/// methods it declares itself. The whole-journal scans go through `JournalScanner`, which reads
/// with the masks.)
final class JournalDecoderBytewiseTests: JournalDecoderTests {
    override var usesLineMasks: Bool { false }
    override func testEveryCanonicalLineIsDecodedOnTheFastPathExactlyAsTheReferenceDoes() { super.testEveryCanonicalLineIsDecodedOnTheFastPathExactlyAsTheReferenceDoes() }
    override func testRewrittenLinesWithOtherOrdersSpacesEscapesAndUnknownMembersGiveTheSameEvents() { super.testRewrittenLinesWithOtherOrdersSpacesEscapesAndUnknownMembersGiveTheSameEvents() }
    override func testLinesAsPythonWritesThemAreDecodedOnTheFastPathExactlyAsTheReferenceDoes() { super.testLinesAsPythonWritesThemAreDecodedOnTheFastPathExactlyAsTheReferenceDoes() }
    override func testOddAndBrokenLinesAreLeftToTheReferencePathOrDecodedTheSame() { super.testOddAndBrokenLinesAreLeftToTheReferencePathOrDecodedTheSame() }
    override func testKeysOtherThanTheExpectedOneAfterATrainedOrderDecodeTheSame() { super.testKeysOtherThanTheExpectedOneAfterATrainedOrderDecodeTheSame() }
    override func testInvalidUTF8InAnyStringIsLeftToTheReferencePath() { super.testInvalidUTF8InAnyStringIsLeftToTheReferencePath() }
    override func testEveryKindOfByteAtEveryPlaceOfALongStringIsReadAsTheReferenceReadsIt() { super.testEveryKindOfByteAtEveryPlaceOfALongStringIsReadAsTheReferenceReadsIt() }
    override func testAnEmptyNameAsTheNameTablesFirstEntryIsFoundAgain() { super.testAnEmptyNameAsTheNameTablesFirstEntryIsFoundAgain() }
    override func testReplayDecodingOnlyWhatTheBookKeepsFoldsToTheSameBook() throws { try super.testReplayDecodingOnlyWhatTheBookKeepsFoldsToTheSameBook() }
    override func testFilingsTextsKeepEveryFilingWholeAndOnlyTheBooksPartOfTheRest() throws { try super.testFilingsTextsKeepEveryFilingWholeAndOnlyTheBooksPartOfTheRest() }
    override func testABookWithoutPetitionersKeepsWhatRoutingReadsAsTheFullBookDoes() throws { try super.testABookWithoutPetitionersKeepsWhatRoutingReadsAsTheFullBookDoes() }
}
