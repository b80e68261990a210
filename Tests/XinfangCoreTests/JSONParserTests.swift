import XCTest
import XinfangCore

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONObject {
        try JSONParser.parseObjectLine(text)
    }

    private func error(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parseObjectLine(text)
            return nil
        } catch {
            return error
        }
    }

    func testObjectsKeepMemberOrderAndTypes() throws {
        let object = try parse(#"{"b":1,"a":"x","c":[true,null,{"d":-1.5e3}],"e":false}"#)
        XCTAssertEqual(object.keys, ["b", "a", "c", "e"])
        XCTAssertEqual(object["b"], .number("1"))
        XCTAssertEqual(object["a"], .string("x"))
        XCTAssertEqual(object["c"], .array([.bool(true), .null, .object(JSONObject(members: [.init(key: "d", value: .number("-1.5e3"))]))]))
        XCTAssertEqual(object["e"], .bool(false))
    }

    func testEscapesAndUnicode() throws {
        let object = try parse(#"{"s":"a\"b\\c\/d\n\t\u00e9\u4e2d\ud83d\ude00","t":"信访"}"#)
        XCTAssertEqual(object["s"], .string("a\"b\\c/d\n\té中😀"))
        XCTAssertEqual(object["t"], .string("信访"))
    }

    func testRejections() {
        XCTAssertEqual(error(""), .blankLine)
        XCTAssertEqual(error("  \t"), .blankLine)
        XCTAssertEqual(error("[]"), .notAnObject(found: "an array"))
        XCTAssertEqual(error("42"), .notAnObject(found: "a number"))
        XCTAssertEqual(error("\"x\""), .notAnObject(found: "a string"))
        XCTAssertEqual(error("null"), .notAnObject(found: "null"))
        XCTAssertEqual(error(#"{"a":1,"a":2}"#), .duplicateKey("a"))
        XCTAssertEqual(error(#"{"a":01}"#), .malformed(message: "number with a leading zero", column: 6))
        XCTAssertEqual(error(#"{"a":1,}"#), .malformed(message: "expected a quoted key", column: 8))
        XCTAssertEqual(error(#"{"a":"\x"}"#), .malformed(message: "invalid escape \\x", column: 7))
        XCTAssertEqual(error(#"{"a":"\ud800"}"#), .malformed(message: "lone surrogate \\ud800", column: 13))
        XCTAssertEqual(error(#"{"a":1} x"#), .malformed(message: "unexpected text after the object", column: 9))
        XCTAssertEqual(error(#"{"a":tru}"#), .malformed(message: "unexpected character 't'", column: 6))
        XCTAssertEqual(error("{\"a\":\"\u{01}\"}"), .malformed(message: "control character in string (escape it as \\u0001)", column: 7))
        XCTAssertEqual(error("\u{FEFF}{}"), .byteOrderMark)
        XCTAssertEqual(error(String(repeating: "[", count: 100)), .nestedTooDeep(limit: 64))
    }

    func testInvalidUTF8IsRejectedWithItsOffset() {
        for (bytes, offset) in [([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], 6),  // bad continuation
                                ([0x7B, 0xC0, 0xAF, 0x7D], 1),  // overlong
                                ([0x7B, 0xED, 0xA0, 0x80, 0x7D], 1),  // surrogate
                                ([0x7B, 0xF4, 0x90, 0x80, 0x80, 0x7D], 1),  // above U+10FFFF
                                ([0x7B, 0x22, 0xE4, 0xB8], 2)] as [([UInt8], Int)] {
            XCTAssertThrowsError(try bytes.withUnsafeBytes { try JSONParser.parseObjectLine($0) }) { error in
                XCTAssertEqual(error as? JSONSyntaxError, .invalidUTF8(offset: offset), "\(bytes)")
            }
        }
    }

    func testWriterRoundTripsThroughParser() throws {
        var line = NDJSONLine()
        line.field("case", "XF-2026-000001")
        line.field("text", "引号\"反斜杠\\换行\n制表\t控制\u{01}")
        line.field("n", 42)
        line.field("rate", 0.913)
        line.field("none", nil as Double?)
        line.field("flag", true)
        let bytes = line.finished()
        XCTAssertEqual(bytes.last, 0x0A)
        let object = try Array(bytes.dropLast()).withUnsafeBytes { try JSONParser.parseObjectLine($0) }
        XCTAssertEqual(object["text"], .string("引号\"反斜杠\\换行\n制表\t控制\u{01}"))
        XCTAssertEqual(object["rate"], .number("0.913"))
        XCTAssertEqual(object["none"], .null)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self),
                       #"{"case":"XF-2026-000001","text":"引号\"反斜杠\\换行\n制表\t控制\u0001","n":42,"rate":0.913,"none":null,"flag":true}"# + "\n")
    }
}

final class NDJSONLineEscapingTests: XCTestCase {
    /// The word-at-a-time escaper agrees with a byte-by-byte reference on every position of every special byte.
    func testEscapesEveryByteThatNeedsItWhereverItStands() throws {
        let specials: [UInt8] = Array(0x00..<0x20) + [0x22, 0x5C]
        for special in specials {
            for position in 0..<20 {
                var bytes = Array("信访abcdefgh0123456789".utf8.prefix(20))
                bytes[position] = special
                let text = String(decoding: bytes, as: UTF8.self)
                var line = NDJSONLine()
                line.appendString(text)
                var expected = "\""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\"": expected += "\\\""
                    case "\\": expected += "\\\\"
                    case "\n": expected += "\\n"
                    case "\r": expected += "\\r"
                    case "\t": expected += "\\t"
                    case _ where scalar.value < 0x20: expected += String(format: "\\u%04x", scalar.value)
                    default: expected.unicodeScalars.append(scalar)
                    }
                }
                expected += "\""
                XCTAssertEqual(line.text, expected, "byte \(special) at \(position)")
                let parsed = try JSONParser.parseObjectLine("{\"s\":\(line.text)}")
                XCTAssertEqual(parsed["s"], .string(text))
            }
        }
    }
}

extension NDJSONLineEscapingTests {
    /// Integers are written digit by digit as `String(_:)` writes them, at every length and both signs.
    func testIntegersAreWrittenAsTheirDescription() {
        var values = [0, 9, 10, -1, -9, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        for value in values {
            var line = NDJSONLine()
            line.appendInt(value)
            XCTAssertEqual(line.text, String(value))
            var whole = NDJSONLine()
            whole.appendDouble(Double(value))
            if abs(Double(value)) < 1e15 { XCTAssertEqual(whole.text, String(value)) }
        }
    }

    /// A name written once gives the bytes of the same name written each time, commas included.
    func testNamesWrittenOnceGiveTheSameLine() {
        var once = NDJSONLine(), each = NDJSONLine()
        let names = ["unit", "引号\"名", "rate"]
        let keys = names.map(NDJSONLine.Key.init)
        once.field(keys[0], "市人社局" as String?)
        once.field(keys[1], 12 as Int?)
        once.field(keys[2], 0.25 as Double?)
        once.field(keys[0], nil as String?)
        each.field(names[0], "市人社局" as String?)
        each.field(names[1], 12 as Int?)
        each.field(names[2], 0.25 as Double?)
        each.field(names[0], nil as String?)
        XCTAssertEqual(once.finished(), each.finished())
        XCTAssertEqual(once.text, #"{"unit":"市人社局","引号\"名":12,"rate":0.25,"unit":null}"# + "\n")
        var appended: [UInt8] = Array("x".utf8)
        NDJSONLine.appending(to: &appended) { line in
            line.field(keys[1], -3 as Int?)
            line.endLine()
        }
        XCTAssertEqual(String(decoding: appended, as: UTF8.self), "x" + #"{"引号\"名":-3}"# + "\n")
    }
}
