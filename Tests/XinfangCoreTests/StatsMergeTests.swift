import Foundation
import XCTest
import XinfangCore

/// `stats --partial` on several offices' journals, merged with `stats --merge`, equals one pass over all the cases.
final class StatsMergeTests: XCTestCase {
    /// Three offices' journals, and one journal with every case of all three (as if one office had them all).
    private func journals() throws -> (parts: [URL], whole: URL) {
        var generator = SplitMix64(seed: 2026)
        let parts = [JournalBuilder(), JournalBuilder(), JournalBuilder()]
        let whole = JournalBuilder()
        let units = ["市人社局", "市住建局", "区信访局", "省生态环境厅"]
        let categories = ["劳动社保", "城乡建设", "环境保护"]
        for index in 0..<300 {
            let office = Int(generator.next() % 3)
            let caseID = "O\(office)-\(2025 + index % 2)-\(String(format: "%06d", index + 1))"
            let received = LocalDate(year: 2025 + index % 2, month: 1 + index % 12, day: 1 + index % 27)!
            let unit = units[Int(generator.next() % 4)]
            func day(_ offset: Int) -> String { received.adding(days: offset).description }
            var events: [(JournalBuilder) -> Void] = []
            let channel: Channel = [.online, .letter, .visit][Int(generator.next() % 3)]
            let category = categories[index % 3]
            events.append { $0.file(caseID, day(0), channel: channel, category: category) }
            let fate = generator.next() % 10
            let assigned = day(Int(generator.next() % 25)), closed = day(30 + Int(generator.next() % 50))
            if fate > 0 { events.append { $0.assign(caseID, assigned, to: unit) } }
            if fate > 3 { events.append { $0.close(caseID, closed, unit: unit) } }
            if fate > 5 { events.append { $0.rate(caseID, day(85), [.satisfied, .basicallySatisfied, .unsatisfied][index % 3]) } }
            if fate == 9 { events.append { $0.giveBack(caseID, day(90), to: unit) } }
            for event in events {
                event(parts[office])
                event(whole)
            }
        }
        return (try parts.map { try $0.write() }, try whole.write())
    }

    func testMergedPartialsEqualOnePass() throws {
        let (parts, whole) = try journals()
        for query in [["--by", "unit"], ["--by", "channel,month", "--from", "2026-01-01", "--to", "2027-01-01"], [],
                      ["--by", "category", "--from", "2026-03-01", "--to", "2026-09-01"]] {
            let flags = query + ["--as-of", "2026-11-30"]
            var partials = ""
            for part in parts {
                let result = runXinfang(["stats", "--partial"] + flags, in: part)
                XCTAssertEqual(result.status, 0, result.stderr)
                partials += result.stdout
            }
            // Partials may arrive in any order: shuffle the lines.
            let shuffled = partials.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
            for format in ["ndjson", "table"] {
                let merged = runXinfang(["stats", "--merge", "--format", format], in: parts[0], stdin: Array(shuffled.utf8))
                let single = runXinfang(["stats", "--format", format] + flags, in: whole)
                XCTAssertEqual(merged.status, 0, merged.stderr)
                XCTAssertEqual(merged.stdout, single.stdout, "\(flags) \(format)")
                XCTAssertFalse(single.stdout.isEmpty)
            }
        }
    }

    func testMergeRefusesPartialsOfDifferentQueries() throws {
        let (parts, _) = try journals()
        let first = runXinfang(["stats", "--partial", "--by", "unit", "--as-of", "2026-11-30"], in: parts[0]).stdout
        let second = runXinfang(["stats", "--partial", "--by", "unit", "--as-of", "2026-10-31"], in: parts[1]).stdout
        let result = runXinfang(["stats", "--merge"], in: parts[0], stdin: Array((first + second).utf8))
        XCTAssertEqual(result.status, 1)
        let firstLines = first.split(separator: "\n").count
        let rejected = result.stderr.split(separator: "\n")
        XCTAssertEqual(rejected.count, second.split(separator: "\n").count)
        XCTAssertEqual(rejected.first.map(String.init),
                       "xinfang stats: <stdin>:\(firstLines + 1): field \"as_of\": 2026-10-31 differs from the first partial's 2026-11-30; partials of different queries cannot be merged")
    }

    func testMergeUsageErrors() throws {
        let directory = try JournalBuilder().write()
        let flags = runXinfang(["stats", "--merge", "--by", "unit"], in: directory)
        XCTAssertEqual(flags.status, 2)
        XCTAssertEqual(flags.stderr.split(separator: "\n").first, "xinfang stats: option '--by': with --merge the query comes from the partials")
        let empty = runXinfang(["stats", "--merge"], in: directory, stdin: [])
        XCTAssertEqual(empty.status, 2)
        XCTAssertEqual(empty.stderr, "xinfang stats: no partial lines to merge (make them with 'xinfang stats --partial')\n")
        // An office with no cases in the period still says what it counted.
        let partial = runXinfang(["stats", "--partial", "--as-of", "2026-11-30"], in: directory)
        XCTAssertEqual(partial.stdout, #"{"partial":"xinfang-stats/1","from":null,"to":null,"as_of":"2026-11-30","by":[],"group":null,"filed":0,"repeats":0,"assigned":0,"accepted_in_time":0,"closed":0,"on_time":0,"rated":0,"satisfied":0,"basically_satisfied":0,"unsatisfied":0,"returned":0,"green":0,"yellow":0,"red":0,"filed_prev_year":null}"# + "\n")
    }
}
