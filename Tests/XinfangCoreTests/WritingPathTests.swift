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
}
