import Dispatch
import XCTest
@testable import XinfangCore

/// The writing path's shortcuts give exactly what the straightforward code gives.
final class WritingPathTests: XCTestCase {
    /// Trimming by scalars, as `trimmingSpaces` did before it looked at bytes first.
    private func reference(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[start...end])
    }

    func testTrimmingSpacesMatchesTrimmingByScalars() {
        let spaces = ["\t", "\n", "\r", "\u{0B}", "\u{0C}", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
                      "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        // Not spaces, though some share bytes with spaces: 一 ends in 0x80 like U+3000, U+200B is E2 80 8B.
        let others = ["a", "一", "信访", "\u{200B}", "\u{2030}", "\u{86}", "😀", "\u{1F}", "é"]
        var cases = ["", " ", "\u{3000}\u{3000}", "一二三"]
        for space in spaces {
            for other in others {
                cases += [space + other, other + space, space + other + space, other + space + other, space, other]
            }
        }
        for text in cases {
            XCTAssertEqual(text.trimmingSpaces(), reference(text), "trimming \(Array(text.unicodeScalars.map(\.value)))")
        }
        XCTAssertEqual("\u{3000}广州市\u{A0}".trimmingSpaces(), "广州市")
        XCTAssertEqual("广州市一".trimmingSpaces(), "广州市一")
    }

    func testNDJSONLineNestsDeeperThanSixtyFourObjects() {
        var value = JSONValue.null
        var expected = "null"
        for _ in 0..<70 {
            value = .object(JSONObject(members: [.init(key: "x", value: .array([.number("1"), .number("2")])),
                                                 .init(key: "y", value: value), .init(key: "z", value: .bool(true))]))
            expected = "{\"x\":[1,2],\"y\":" + expected + ",\"z\":true}"
        }
        var line = NDJSONLine()
        line.field("a", 1)
        line.field("b", value)
        line.field("c", "d")
        XCTAssertEqual(line.text, "{\"a\":1,\"b\":" + expected + ",\"c\":\"d\"")
        XCTAssertEqual(line.finished(), Array(("{\"a\":1,\"b\":" + expected + ",\"c\":\"d\"}\n").utf8))
    }

    func testNDJSONLineWritesInstantsAsFormatDoes() {
        let zone = OfficeTimeZone.shanghai
        let instant = Instant(seconds: 1_795_917_600)
        var line = NDJSONLine()
        line.field("at", instant, in: zone)
        line.field("recorded", zone.format(instant))
        XCTAssertEqual(line.text, "{\"at\":\"\(zone.format(instant))\",\"recorded\":\"2026-11-29T10:00:00+08:00\"")
    }

    /// A batch of lines hashed on the hashing queue (or inline) is exactly the lines written one by one.
    func testJournalLineBatchGivesTheLinesAndEchoesOfJournalLine() {
        let events = JournalSamples.events(cases: 120, seed: 3)
        XCTAssertGreaterThan(events.count, 3 * JournalLineBatch.linesPerChunk)
        let start = "ab" + String(repeating: "0", count: 62)
        var expected: [UInt8] = []
        var expectedEchoes: [[UInt8]] = []
        var previous = start
        let prefix = FileVerb.echoPrefix(caseID: "GD-2026-000001", status: "filed", received: Instant(seconds: 0), policy: .standard).bytes
        for event in events {
            let (line, hash, fields) = event.journalLineWithFields(previousHash: previous, timeZone: .shanghai)
            expected += line
            expectedEchoes.append(LineOutcome.Echo.fields(after: prefix).bytes(journalLine: line, fields: fields))
            previous = hash
        }
        for queue in [DispatchQueue(label: "test-hash"), nil] {
            let batch = JournalLineBatch(previousHash: start, timeZone: .shanghai, queue: queue)
            var echoes: [[UInt8]] = []
            var length = 0
            for event in events {
                var echo: [UInt8] = []
                length += batch.append(event, fields: nil, echo: .fields(after: prefix), printingTo: &echo)
                echoes.append(echo)
            }
            let (bytes, last) = batch.finish()
            XCTAssertEqual(bytes, expected)
            XCTAssertEqual(length, expected.count)
            XCTAssertEqual(last, previous)
            XCTAssertEqual(echoes, expectedEchoes)
        }
        let empty = JournalLineBatch(previousHash: start, timeZone: .shanghai, queue: nil).finish()
        XCTAssertEqual(empty.bytes, [])
        XCTAssertEqual(empty.lastHash, start)
    }

    func testSHA256HexFinalizeMatchesTheDigest() {
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var hasher = SHA256()
            hasher.update(message)
            var digits = [UInt8](repeating: 0, count: 64)
            digits.withUnsafeMutableBufferPointer { hasher.finalize(hexInto: $0.baseAddress!) }
            XCTAssertEqual(String(decoding: digits, as: UTF8.self), SHA256.hexDigest(message), "length \(length)")
        }
    }

    func testCaseNumbersAreWrittenAsBefore() {
        func reference(_ number: CaseNumber) -> String {
            let digits = String(number.sequence)
            let padded = digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
            return "\(number.office)-\(number.year)-\(padded)"
        }
        for office in ["GD", "XF", "粤信", ""] {
            for year in [999, 1000, 2026, 9999, 10000, -5] {
                for sequence in [0, 1, 9, 10, 123, 99_999, 100_000, 999_999, 1_000_000, 12_345_678, -3] {
                    let number = CaseNumber(office: office, year: year, sequence: sequence)
                    XCTAssertEqual(number.description, reference(number))
                }
            }
        }
        XCTAssertEqual(CaseNumber(office: "GD", year: 2026, sequence: 42).description, "GD-2026-000042")
    }
}
