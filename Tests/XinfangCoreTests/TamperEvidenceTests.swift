import Foundation
import XCTest
import XinfangCore

/// Any change to an earlier line of the journal — a byte changed, a line deleted, two lines
/// swapped — is found by `audit --verify`, and the first problem it reports is on the first line
/// whose hash no longer chains (or whose seq no longer follows).
final class TamperEvidenceTests: XCTestCase {
    /// A clean journal of the sample letters, routed, replied to and rated (as in the demo).
    private func cleanJournal() throws -> [UInt8] {
        let directory = try writeJournal(nil)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try writeSampleJournal(in: directory)
    }

    private func verify(_ journal: [UInt8]) throws -> (status: Int32, firstLine: Int?) {
        let result = try runXinfang(["audit", "--verify"], journal: journal)
        let first = result.lines.first.flatMap { try? JSONParser.parseObjectLine($0) }
        if case .number(let text)? = first?["line"] { return (result.status, Int(text)) }
        return (result.status, nil)
    }

    private func lineStarts(_ journal: [UInt8]) -> [Int] {
        [0] + journal.indices.filter { journal[$0] == 0x0A && $0 + 1 < journal.count }.map { $0 + 1 }
    }

    func testEveryKindOfTamperingIsFoundAtItsLine() throws {
        let journal = try cleanJournal()
        XCTAssertEqual(try verify(journal).status, 0, "the untouched journal verifies clean")
        let starts = lineStarts(journal)
        var generator = SplitMix64(seed: 77)
        var detected = 0, trials = 0

        // 1. One byte changed anywhere in a line (not its line break): found on that line.
        for _ in 0..<60 {
            let line = Int(generator.next() % UInt64(starts.count - 1))
            let end = starts[line + 1] - 1
            let offset = starts[line] + Int(generator.next() % UInt64(end - starts[line]))
            var tampered = journal
            let original = tampered[offset]
            var replacement = UInt8(0x20 + generator.next() % 0x5F)
            if replacement == original || replacement == 0x0A { replacement = original == 0x41 ? 0x42 : 0x41 }
            tampered[offset] = replacement
            let (status, first) = try verify(tampered)
            trials += 1
            XCTAssertEqual(status, 3, "byte \(offset) of line \(line + 1) changed")
            XCTAssertEqual(first, line + 1, "byte \(offset) of line \(line + 1) changed")
            if status == 3 && first == line + 1 { detected += 1 }
        }
        // 2. A line deleted: found on the line that now follows its predecessor.
        for _ in 0..<20 {
            let line = Int(generator.next() % UInt64(starts.count - 1))
            let tampered = Array(journal[..<starts[line]] + journal[starts[line + 1]...])
            let (status, first) = try verify(tampered)
            trials += 1
            XCTAssertEqual(status, 3, "line \(line + 1) deleted")
            XCTAssertEqual(first, line + 1, "line \(line + 1) deleted")
            if status == 3 && first == line + 1 { detected += 1 }
        }
        // 3. Two neighbouring lines swapped: found on the first of them.
        for _ in 0..<20 {
            let line = Int(generator.next() % UInt64(starts.count - 2))
            let a = journal[starts[line]..<starts[line + 1]], b = journal[starts[line + 1]..<starts[line + 2]]
            let tampered = Array(journal[..<starts[line]] + b + a + journal[starts[line + 2]...])
            let (status, first) = try verify(tampered)
            trials += 1
            XCTAssertEqual(status, 3, "lines \(line + 1) and \(line + 2) swapped")
            XCTAssertEqual(first, line + 1, "lines \(line + 1) and \(line + 2) swapped")
            if status == 3 && first == line + 1 { detected += 1 }
        }
        print("tamper evidence: \(detected) of \(trials) tampered journals detected at the right line (\(starts.count) lines each)")
    }
}
