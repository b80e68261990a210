import XCTest
@testable import XinfangCore

/// The journal decoder's escape decoding against the strict parser and plain loops: `hex4`'s
/// four digits at once for every byte in every place, and `decode` and `isValid` on random strings
/// of valid and invalid escapes (they must give the parser's text, or refuse what it refuses).
final class JSONEscapeTests: XCTestCase {
    /// Four hex digits one at a time.
    private func plainHex4(_ bytes: [UInt8]) -> UInt16? {
        var value: UInt16 = 0
        for byte in bytes {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue, byte < 0x80 else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hex4(_ bytes: [UInt8]) -> UInt16? {
        bytes.withUnsafeBufferPointer { JSONEscape.hex4($0.baseAddress!, 0, 4) }
    }

    func testHex4ReadsEveryByteInEveryPlaceAsALoopDoes() {
        let digits = Array("0123456789abcdefABCDEF".utf8)
        for place in 0..<4 {
            for byte in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 4)
                bytes[place] = UInt8(byte)
                XCTAssertEqual(hex4(bytes), plainHex4(bytes), "\(bytes)")
            }
        }
        var random = SplitMix64(seed: 5)
        for _ in 0..<50_000 {
            let bytes = (0..<4).map { _ in digits[Int(random.next() % UInt64(digits.count))] }
            XCTAssertEqual(hex4(bytes), plainHex4(bytes), "\(bytes)")
        }
        XCTAssertEqual(hex4(Array("5e7F".utf8)), 0x5E7F)
        XCTAssertEqual(hex4(Array("0000".utf8)), 0)
        XCTAssertEqual(hex4(Array("ffff".utf8)), 0xFFFF)
        // Short of four bytes before `end`: nil, not a read past it.
        XCTAssertNil(Array("12345".utf8).withUnsafeBufferPointer { JSONEscape.hex4($0.baseAddress!, 2, 5) })
    }

    func testTheOneWordEscapeCheckTakesExactlyTheEscapesBelowSurrogates() {
        // Every byte in each of the eight places of `\u4e2d` and the two bytes after it, which must not matter.
        let base = Array(#"\u4e2dxy"#.utf8)
        func expected(_ bytes: [UInt8]) -> Bool {
            bytes[0] == UInt8(ascii: "\\") && bytes[1] == UInt8(ascii: "u") && (plainHex4(Array(bytes[2..<6])).map { $0 < 0xD000 } ?? false)
        }
        func taken(_ bytes: [UInt8]) -> Bool {
            JSONEscape.isEscapeBelowSurrogates(UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
        }
        var takenCount = 0
        for place in 0..<8 {
            for byte in 0...255 {
                var bytes = base
                bytes[place] = UInt8(byte)
                XCTAssertEqual(taken(bytes), expected(bytes), "\(bytes)")
                if taken(bytes) { takenCount += 1 }
            }
        }
        // `\` and `u` one byte each; the first digit 0-9, a-c, A-C; the other three any of 22 hex digits; the last two places any byte.
        XCTAssertEqual(takenCount, 1 + 1 + 16 + 3 * 22 + 2 * 256)
        for (text, isTaken) in [(#"\u0000xy"#, true), (#"\ucfffxy"#, true), (#"\uCFFFxy"#, true), (#"\ud000xy"#, false),
                                (#"\uD7FFxy"#, false), (#"\ud83dxy"#, false), (#"\ue000xy"#, false), (#"\U4e2dxy"#, false)] {
            XCTAssertEqual(taken(Array(text.utf8)), isTaken, text)
        }
    }

    /// What the strict parser makes of the string content `content`: its text, or nil when it refuses it.
    private func parsed(_ content: [UInt8]) -> String? {
        let line = Array(#"{"k":""#.utf8) + content + Array(#""}"#.utf8)
        guard let object = try? line.withUnsafeBytes({ try JSONParser.parseObjectLine($0) }),
              case .string(let text) = object["k"] else { return nil }
        return text
    }

    private func decoded(_ content: [UInt8]) -> String? {
        var out = [UInt8](repeating: 0, count: content.count + 1)
        let count = content.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { JSONEscape.decode(input.baseAddress!, 0, content.count, into: $0.baseAddress!) }
        }
        return count.map { String(decoding: out[..<$0], as: UTF8.self) }
    }

    func testDecodeAndIsValidGiveTheParsersTextOrRefuseWhatItRefuses() {
        let pieces: [String] = [
            #"\u5e7f"#, #"\u5E7F"#, #"\u0041"#, #"\u00e9"#, #"\u07ff"#, #"\u0800"#, #"\uffff"#, #"\ud83d\ude00"#, #"\uDBFF\uDFFF"#,
            #"\ucfff"#, #"\uCAFE"#, #"\ud7a3"#, #"\ue000"#, #"\u4e2d\u6587"#,
            #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#, "广州", "x", " ", "é", "😀",
            // Refused: unknown escapes, short or bad hex, lone or reversed surrogates, a control byte.
            #"\q"#, #"\u12"#, #"\u00G0"#, #"\ud800x"#, #"\udc00"#, #"\ude00\ud83d"#, #"\ud83d\u0041"#, "\u{1}", #"\U0041"#,
        ]
        var random = SplitMix64(seed: 9)
        var accepted = 0, refused = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 6) + 1
            var content = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            // A backslash with nothing after it (only last: before a piece it would start another escape).
            if random.next() % 10 == 0 { content += #"\"# }
            let bytes = Array(content.utf8)
            let expected = parsed(bytes)
            XCTAssertEqual(decoded(bytes), expected, content)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { JSONEscape.isValid($0.baseAddress!, 0, bytes.count) }, expected != nil, content)
            if expected == nil { refused += 1 } else { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 2_000)
        XCTAssertGreaterThan(refused, 2_000)
    }

    func testDecodeNeverWritesMoreThanItReads() {
        // The decoder writes into room for the input's length: every escape is longer than what it stands for.
        for content in [#"\u0041"#, #"\u07ff"#, #"\uffff"#, #"\ud83d\ude00"#, #"\n"#, #"\\"#] {
            let bytes = Array(content.utf8)
            var out = [UInt8](repeating: 0xAA, count: bytes.count + 8)
            let count = bytes.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { JSONEscape.decode(input.baseAddress!, 0, bytes.count, into: $0.baseAddress!) }
            }
            XCTAssertLessThan(try XCTUnwrap(count), bytes.count, content)
            XCTAssertEqual(out[bytes.count...].filter { $0 != 0xAA }.count, 0, content)
        }
    }
}
