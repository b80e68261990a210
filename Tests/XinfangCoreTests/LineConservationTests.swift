import Foundation
import XCTest
import XinfangCore

/// SPEC §4: each input line yields exactly one output line or one rejection — checked on every
/// `assign` and `reply` golden case, with each rejection naming a distinct line of the input.
final class LineConservationTests: XCTestCase {
    func testEveryInputLineIsAnsweredOnce() throws {
        let root = GoldenCase.fixturesDirectory.appendingPathComponent("cases")
        let cases = try GoldenCase.all(under: root).filter { $0.name.hasPrefix("assign/") || $0.name.hasPrefix("reply/") }
        var checked = 0
        for goldenCase in cases {
            let commands = goldenCase.expected("cmd").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
            let words = ShellWords.split(try XCTUnwrap(commands.last))
            let input: String?
            if let redirect = words.firstIndex(of: "<") {
                input = words[redirect + 1]
            } else {
                input = words.last(where: { $0.hasSuffix(".ndjson") })
            }
            guard let input else { continue }  // --help
            let inputLines = goldenCase.expected(input).split(separator: "\n", omittingEmptySubsequences: false).dropLast().count
            let result = try goldenCase.run(now: GoldenCaseTests.fixedNow)
            if result.status == 3 { continue }  // journal or policy unusable: nothing was read, nothing done
            let outputLines = result.stdout.split(separator: "\n").count
            let located = try NSRegularExpression(pattern: #"^xinfang (assign|reply): [^:]+:(\d+): "#)
            var rejectedLines: [Int] = []
            for line in result.stderr.split(separator: "\n").map(String.init) {
                let range = NSRange(line.startIndex..., in: line)
                guard let match = located.firstMatch(in: line, range: range), let number = Range(match.range(at: 2), in: line) else {
                    XCTFail("\(goldenCase.name): unlocated message: \(line)")
                    continue
                }
                rejectedLines.append(Int(line[number])!)
            }
            XCTAssertEqual(Set(rejectedLines).count, rejectedLines.count, "\(goldenCase.name): a line rejected twice")
            XCTAssertEqual(rejectedLines, rejectedLines.sorted(), "\(goldenCase.name): rejections out of line order")
            XCTAssertEqual(outputLines + rejectedLines.count, inputLines, "\(goldenCase.name): lines in ≠ lines out + rejections")
            XCTAssertEqual(result.status, rejectedLines.isEmpty ? 0 : 1, "\(goldenCase.name): exit status")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 14)
    }
}
