import XCTest
import XinfangCore
import XinfangLineMasks

/// `LineMasks` against plain loops: the quote (escaped ones left out), backslash and non-ASCII masks
/// bit by bit, and its verdict (no byte below 0x20, valid UTF-8) against `UTF8Validation`, for
/// every one- and two-byte sequence, three-byte sequences, four-byte edges, runs of backslashes
/// and random damage, placed across the 32- and 64-byte blocks it reads and at a line's end.
final class LineMasksTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(LineMasks.isAvailable, "this processor has no AVX2 (or XINFANG_LINE_MASKS=0)")
    }

    /// The masks and verdict `LineMasks.scan` gives, with one word more than it may write, set to
    /// a marker that must be overwritten by the zero word after the last.
    private struct Scanned {
        var verdict: LineMasks.Verdict
        var plain: Bool { verdict != .refused }
        var quotes: [UInt64]
        var backslashes: [UInt64]
        var nonASCII: [UInt64]
    }

    /// The masks and verdict `LineMasks.scan` gives, with one word more than it may write, set to
    /// a marker that must be overwritten by the zero word after the last.
    private func scan(_ line: [UInt8]) -> Scanned {
        let words = line.count / 64 + 1
        var quotes = [UInt64](repeating: 0xDEAD, count: words + 1)
        var backslashes = quotes
        var nonASCII = quotes
        // An empty line still needs an address.
        let bytes = line.isEmpty ? [0] : line
        let verdict = bytes.withUnsafeBufferPointer { bytes in
            quotes.withUnsafeMutableBufferPointer { q in
                backslashes.withUnsafeMutableBufferPointer { s in
                    nonASCII.withUnsafeMutableBufferPointer { n in
                        LineMasks.scan(bytes.baseAddress!, count: line.count, quotes: q.baseAddress!, backslashes: s.baseAddress!,
                                       nonASCII: n.baseAddress!)
                    }
                }
            }
        }
        return Scanned(verdict: verdict, quotes: quotes, backslashes: backslashes, nonASCII: nonASCII)
    }

    /// What the verdict must be: no control byte, valid UTF-8.
    private func expectedPlain(_ line: [UInt8]) -> Bool {
        guard !line.contains(where: { $0 < 0x20 }) else { return false }
        return line.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) } == nil
    }

    /// The masks, one bit per byte, by a loop: a quote counts unless the backslashes right before
    /// it are an odd run (the last of them escapes it).
    private func expectedMasks(_ line: [UInt8]) -> (quotes: [UInt64], backslashes: [UInt64], nonASCII: [UInt64]) {
        var quotes = [UInt64](repeating: 0, count: (line.count + 63) / 64)
        var backslashes = quotes
        var nonASCII = quotes
        var run = 0
        for (index, byte) in line.enumerated() {
            let bit: UInt64 = 1 << UInt64(index % 64)
            if byte == UInt8(ascii: "\"") && run % 2 == 0 { quotes[index / 64] |= bit }
            if byte == UInt8(ascii: "\\") { backslashes[index / 64] |= bit }
            if byte >= 0x80 { nonASCII[index / 64] |= bit }
            run = byte == UInt8(ascii: "\\") ? run + 1 : 0
        }
        return (quotes, backslashes, nonASCII)
    }

    private func assertAgrees(_ line: [UInt8], file: StaticString = #filePath, line number: UInt = #line) {
        let got = scan(line)
        XCTAssertEqual(got.plain, expectedPlain(line), "\(line)", file: file, line: number)
        guard got.plain else { return }
        let expected = expectedMasks(line)
        let words = expected.quotes.count
        XCTAssertEqual(Array(got.quotes[0..<words]), expected.quotes, "\(line)", file: file, line: number)
        XCTAssertEqual(Array(got.nonASCII[0..<words]), expected.nonASCII, "\(line)", file: file, line: number)
        XCTAssertEqual(got.quotes[words], 0, "the word after the last", file: file, line: number)
        XCTAssertEqual(got.nonASCII[words], 0, "the word after the last", file: file, line: number)
        // The backslash words are written only for a line that has a backslash (no one reads them otherwise).
        let hasBackslash = line.contains(UInt8(ascii: "\\"))
        XCTAssertEqual(got.verdict, hasBackslash ? .withBackslashes : .withoutBackslashes, "\(line)", file: file, line: number)
        if hasBackslash {
            XCTAssertEqual(Array(got.backslashes[0..<words]), expected.backslashes, "\(line)", file: file, line: number)
            XCTAssertEqual(got.backslashes[words], 0, "the word after the last", file: file, line: number)
        }
    }

    /// `bytes` placed at the line's start, across the 32- and 64-byte boundaries, and at its end.
    private func placements(_ bytes: [UInt8], filler: UInt8 = UInt8(ascii: "a")) -> [[UInt8]] {
        let pad = { (count: Int) in [UInt8](repeating: filler, count: count) }
        return [bytes + pad(5), pad(31) + bytes + pad(40), pad(62) + bytes + pad(70), pad(100) + bytes, bytes]
    }

    func testMasksMatchEveryByteOfRealisticLinesOfEveryLength() {
        var random = SplitMix64(seed: 20261130)
        let pieces: [[UInt8]] = [Array(#""summary":"#.utf8), Array("广州市石桥镇举报".utf8), Array(#"","#.utf8), Array("seq".utf8),
                                 Array(" 12 ".utf8), Array("é".utf8), Array("😀".utf8), [UInt8(ascii: "\"")], Array("{}".utf8)]
        for length in Array(0...300) + Array(4000...4096) {
            var line: [UInt8] = []
            while line.count < length { line += pieces[Int(random.next() % UInt64(pieces.count))] }
            // Cut at `length` may split a character: the verdict must say so.
            assertAgrees(Array(line.prefix(length)))
        }
    }

    func testEveryOneAndTwoByteSequenceInEveryPlace() {
        for first in 0...255 {
            for line in placements([UInt8(first)]) { assertAgrees(line) }
            for second in 0...255 {
                for line in placements([UInt8(first), UInt8(second)]) { assertAgrees(line) }
            }
        }
    }

    func testThreeByteSequencesFromEveryLeadInEveryPlace() {
        // Every lead from C0; after a three-byte lead every second byte, after the others the
        // edges of the ranges; third bytes at each edge; across both kinds of block boundary and
        // at the line's end.
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xDF, 0xE0, 0xEF, 0xF0, 0xF4, 0xFF]
        let thirds: [UInt8] = [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for lead in 0xC0...0xFF {
            for second in (0xE0...0xEF).contains(lead) ? Array(0...255) : edges.map(Int.init) {
                for third in thirds {
                    for line in placements([UInt8(lead), UInt8(second), third]).dropFirst().dropLast() { assertAgrees(line) }
                }
            }
        }
    }

    func testFourByteSequencesAtTheirEdges() {
        let edges: [UInt8] = [0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0]
        for lead in [0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF] as [UInt8] {
            for second in edges {
                for third in edges {
                    for fourth in edges {
                        for line in placements([lead, second, third, fourth], filler: 0xE4) where line.count > 4 {
                            // Between Chinese characters' leads: the filler itself is broken, unless it is completed here.
                            assertAgrees(line)
                        }
                        for line in placements([lead, second, third, fourth]) { assertAgrees(line) }
                    }
                }
            }
        }
    }

    func testRunsOfBackslashesOfEveryLengthBeforeAQuoteInEveryPlace() {
        // A run of 0 to 9 backslashes, then a quote or another byte, ending at every place of
        // three blocks: odd runs escape the quote, even ones do not, also when the run crosses
        // from one 64-byte block into the next (or fills one).
        for length in 0...9 {
            for after in [UInt8(ascii: "\""), UInt8(ascii: "u"), UInt8(ascii: "\\")] {
                let run = [UInt8](repeating: UInt8(ascii: "\\"), count: length) + [after]
                for offset in 0...(192 - run.count) {
                    let line = [UInt8](repeating: UInt8(ascii: "a"), count: offset) + run + [UInt8](repeating: UInt8(ascii: "\""), count: 3)
                    assertAgrees(line)
                }
            }
        }
        let full = [UInt8](repeating: UInt8(ascii: "\\"), count: 64)
        for tail in [[UInt8(ascii: "\"")], [UInt8(ascii: "\\"), UInt8(ascii: "\"")]] {
            assertAgrees(full + tail)
            assertAgrees(full + full + tail)
            assertAgrees([UInt8(ascii: "\\")] + full + tail)
        }
    }

    func testRandomEscapedStrings() {
        // Strings the way Python's `json.dumps` writes them (every non-ASCII character as `\uXXXX`),
        // mixed with escaped quotes and backslashes, at random lengths.
        var random = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [Array(#"\u5e7f"#.utf8), Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\\\""#.utf8), Array("\"".utf8),
                                 Array("广".utf8), Array(", ".utf8), Array(#"\ud83d\ude00"#.utf8), Array("x".utf8)]
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            let length = Int(random.next() % 400)
            while line.count < length { line += pieces[Int(random.next() % UInt64(pieces.count))] }
            assertAgrees(line)
        }
    }

    func testRandomDamageToChineseLines() {
        var random = SplitMix64(seed: 7)
        let base = Array(#"{"seq":3,"event":"filed","summary":"广州市新区派出所对报警不予立案","region":"广州市","petitioner":{"name":"徐丽","address":"广州市东城区西路194号"},"hash":"99f6d8d5d28ebad8fd17659c5e2be5e33cfc8fac4d2203d4a4d02c940c228efd"}"#.utf8)
        assertAgrees(base)
        XCTAssertTrue(scan(base).plain)
        let escaped = Array(#"{"seq": 3, "summary": "\u5e7f\u5dde \"\u5e02\" \\", "hash": "99f6"}"#.utf8)
        assertAgrees(escaped)
        XCTAssertTrue(scan(escaped).plain)
        for _ in 0..<20_000 {
            var line = base
            for _ in 0...(random.next() % 3) {
                line[Int(random.next() % UInt64(line.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            assertAgrees(line)
        }
    }

    func testJournalLinesTakeTheMaskedWay() {
        // The writer's lines, escapes or not, have no control byte outside an escape: the decoder
        // finds their strings from the masks.
        var escaped = 0
        for line in JournalSamples.canonicalLines(JournalSamples.events(cases: 50, seed: 9)) {
            let body = Array(line.dropLast())
            XCTAssertTrue(scan(body).plain, String(decoding: body, as: UTF8.self))
            assertAgrees(body)
            if body.contains(UInt8(ascii: "\\")) { escaped += 1 }
        }
        XCTAssertGreaterThan(escaped, 0)
    }
}
