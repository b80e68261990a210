import XCTest
import XinfangCore

final class LineReaderTests: XCTestCase {
    /// Reads `bytes` with a given chunk size and returns (number, text, terminated) per line.
    private func lines(_ bytes: [UInt8], chunk: Int, maxLength: Int = 1 << 20) -> [(Int, [UInt8], Bool, Bool)] {
        var result: [(Int, [UInt8], Bool, Bool)] = []
        var reader = LineReader(source: MemorySource(bytes, chunkLimit: chunk), chunkSize: chunk, maxLineLength: maxLength)
        try! reader.forEachLine { (line: Line) throws(Never) in
            result.append((line.number, Array(line.bytes), line.terminated, line.truncated))
        }
        return result
    }

    /// The oracle: the standard library's split on \n, dropping a final \r, no line after a final \n.
    private func oracle(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if bytes.last == 0x0A || bytes.isEmpty { parts.removeLast() }
        return parts.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
    }

    func testEveryChunkSizeGivesTheSameLines() {
        var generator = SplitMix64(seed: 7)
        var input: [UInt8] = []
        for index in 0..<120 {
            let length = Int(generator.next() % 90)
            input += (0..<length).map { _ in UInt8(0x20 + generator.next() % 90) }
            if index % 7 == 0 { input += Array("信访事项".utf8) }
            input += index % 5 == 0 ? [0x0D, 0x0A] : [0x0A]
            if index % 11 == 0 { input.append(0x0A) }  // empty lines
        }
        input += Array("no newline at the end".utf8)
        let expected = oracle(input)
        for chunk in 1...300 {
            let got = lines(input, chunk: chunk)
            XCTAssertEqual(got.map(\.1), expected, "chunk \(chunk)")
            XCTAssertEqual(got.map(\.0), Array(1...expected.count), "chunk \(chunk)")
            XCTAssertEqual(got.last?.2, false, "chunk \(chunk): last line is unterminated")
            XCTAssertTrue(got.dropLast().allSatisfy(\.2), "chunk \(chunk)")
        }
        print("line reader: 300 chunk sizes × \(expected.count) lines agree with split")
    }

    func testLongLinesAreTruncatedOnceAndReadingGoesOn() {
        let input = Array("short\n".utf8) + [UInt8](repeating: 0x61, count: 5000) + Array("\nafter\n".utf8)
        for chunk in [1, 7, 64, 4096] {
            let got = lines(input, chunk: chunk, maxLength: 1000)
            XCTAssertEqual(got.count, 3, "chunk \(chunk)")
            XCTAssertEqual(got[1].3, true)
            XCTAssertEqual(got[1].1.count, 1000)
            XCTAssertEqual(got[2].1, Array("after".utf8))
            XCTAssertEqual(got[2].0, 3)
        }
    }

    func testEmptyInputHasNoLines() {
        XCTAssertTrue(lines([], chunk: 10).isEmpty)
        XCTAssertEqual(lines([0x0A], chunk: 10).map(\.1), [[]])
    }
}

