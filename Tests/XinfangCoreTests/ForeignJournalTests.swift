import Foundation
import XCTest
import XinfangCore

/// A journal written by another tool (Python's `json.dumps`: `", "` and `": "`, every Chinese
/// character as `\uXXXX`), its hash chain made over its own bytes as docs/journal.md defines it:
/// the hash member is found with white space around it, `audit --verify` finds it clean and still
/// finds a changed byte, the figures are those of the same journal as xinfang writes it, and a
/// writer chains its own lines onto it.
final class ForeignJournalTests: XCTestCase {
    private let digits = String(repeating: "0123456789abcdef", count: 4)

    private func split(_ line: String) -> (body: String, hash: String)? {
        Array(line.utf8).withUnsafeBytes { bytes in
            JournalHash.splitBytes(bytes).map { (String(decoding: $0.body, as: UTF8.self), String(decoding: $0.hash, as: UTF8.self)) }
        }
    }

    func testTheHashMemberIsFoundWithWhiteSpaceAroundIt() {
        let body = #"{"seq":1,"event":"filed""#
        // The body is the line up to, not including, the comma: white space before it is the body's.
        for (suffix, before) in [(#","hash":"\#(digits)"}"#, ""), (#", "hash": "\#(digits)"}"#, ""), (#" ,"hash" : "\#(digits)" } "#, " "),
                                 ("\t,\t\"hash\"\t:\t\"\(digits)\"\t}\r", "\t"), (#",   "hash":"\#(digits)"}"#, "")] {
            let found = split(body + suffix)
            XCTAssertEqual(found?.body, body + before, suffix)
            XCTAssertEqual(found?.hash, digits, suffix)
        }
        // Not a hash member that ends the line: each is refused.
        for line in [#"{"hash": "\#(digits)"}"#, #", "hash": "\#(digits)"}"#, body + #", "hash": "\#(digits.uppercased())"}"#,
                     body + #", "hash": "\#(digits.dropLast())"}"#, body + #", "hash": "\#(digits)"} x"#, body + #", "hash": "\#(digits)""#,
                     body + #", "hash" "\#(digits)"}"#, body + #" "hash": "\#(digits)"}"#, body + #", "Hash": "\#(digits)"}"#,
                     body + #", "hash": \#(digits)}"#, body + #", "hash": ""\#(digits)"}"#] {
            XCTAssertNil(split(line), line)
        }
    }

    func testAJournalAsPythonWritesItVerifiesGivesTheSameFiguresAndTakesNewLines() throws {
        let directory = try writeJournal(nil)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try writeSampleJournal(in: directory)
        let foreign = JournalSamples.pythonStyleJournal(journal)
        XCTAssertNotEqual(foreign, journal)
        XCTAssertTrue(foreign.starts(with: Array(#"{"seq": 1, "event": "filed", "case": "#.utf8)))
        XCTAssertFalse(String(decoding: foreign, as: UTF8.self).contains("广州"), "every Chinese character escaped")

        let verified = try runXinfang(["audit", "--verify"], journal: foreign)
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        XCTAssertEqual(verified.stdout, "")

        // The third line's `recorded` year changed: found there.
        let lineStarts = [0] + foreign.indices.filter { foreign[$0] == 0x0A }.map { $0 + 1 }
        var tampered = foreign
        let recorded = Array(#""recorded": "2"#.utf8)
        let at = try XCTUnwrap((lineStarts[2]..<lineStarts[3]).first { Array(tampered[$0..<($0 + recorded.count)]) == recorded })
        tampered[at + recorded.count] = UInt8(ascii: "1")
        let broken = try runXinfang(["audit", "--verify"], journal: tampered)
        XCTAssertEqual(broken.status, 3)
        XCTAssertTrue(broken.lines.first?.hasPrefix(#"{"line":3,"problem":"chain""#) ?? false, broken.stdout)

        for arguments in [["stats", "--by", "unit,category"], ["audit"], ["stats", "--by", "month", "--format", "table"]] {
            let plain = try runXinfang(arguments, journal: journal), other = try runXinfang(arguments, journal: foreign)
            XCTAssertEqual(other.status, 0, other.stderr)
            XCTAssertEqual(other.stdout, plain.stdout, "\(arguments)")
        }

        // A writer reads the last hash from the foreign line and chains its own line to it.
        try Data(foreign).write(to: directory.appendingPathComponent("xinfang.ndjson"))
        let letter = #"{"summary":"小区路灯损坏多月无人维修","region":"广州市","category":"城乡建设","petitioner":{"name":"李四"}}"#
        let filed = runXinfang(["file", "--channel", "letter"], in: directory, stdin: Array((letter + "\n").utf8))
        XCTAssertEqual(filed.status, 0, filed.stderr)
        let after = runXinfang(["audit", "--verify"], in: directory)
        XCTAssertEqual(after.status, 0, after.stdout + after.stderr)
        XCTAssertTrue(after.stderr.contains("clean"), after.stderr)
    }
}
