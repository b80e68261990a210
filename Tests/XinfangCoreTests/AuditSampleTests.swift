import XCTest
import XinfangCore

/// `xinfang audit --sample`: a reproducible draw of closed cases for callback, and its generator.
final class AuditSampleTests: XCTestCase {
    /// Reference outputs computed with the Python version in docs/audit.md.
    func testSplitMix64MatchesTheReference() {
        var zero = SplitMix64(seed: 0)
        XCTAssertEqual([zero.next(), zero.next(), zero.next()], [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var generator = SplitMix64(seed: 1_234_567)
        XCTAssertEqual((0..<5).map { _ in generator.next() },
                       [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                        4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
        XCTAssertEqual(SplitMix64.sample(Array(1...10), count: 4, seed: 42), [4, 3, 5, 6])
        XCTAssertEqual(SplitMix64.sample(Array(1...10), count: 10, seed: 42), [4, 3, 5, 6, 9, 8, 1, 10, 7, 2])
        XCTAssertEqual(SplitMix64.sample(Array(1...10), count: 4, seed: 43), [1, 9, 10, 4])
        XCTAssertEqual(SplitMix64.sample(Array(1...3), count: 0, seed: 1), [])
        XCTAssertEqual(SplitMix64.sample([Int](), count: 5, seed: 1), [])
    }

    func testBoundedDrawsStayInRangeAndCoverIt() {
        var generator = SplitMix64(seed: 7)
        var seen = Set<UInt64>()
        for _ in 0..<1000 {
            let value = generator.next(below: 6)
            XCTAssertLessThan(value, 6)
            seen.insert(value)
        }
        XCTAssertEqual(seen, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(generator.next(below: 1), 0)
    }

    /// Ten cases closed in March 2026 (case 2 anonymous, case 3 already rated), one closed in April,
    /// one returned for redo (open again), one closed after the as-of day, one never closed.
    static func scenario() -> JournalBuilder {
        let journal = JournalBuilder()
        let wangWei = Petitioner(name: "王伟", phone: "13800138000")
        for number in 1...10 {
            let id = String(format: "XF-2026-%06d", number)
            let unit = number % 2 == 0 ? "市住建局" : "市人社局"
            journal.file(id, "2026-02-01T09:00:00", channel: .letter, petitioner: number == 2 ? nil : Petitioner(name: "李\(number)", phone: "1380013800\(number % 10)"))
            journal.assign(id, "2026-02-02T09:00:00", to: unit)
            journal.close(id, String(format: "2026-03-%02dT16:00:00", number + 1), unit: unit)
        }
        journal.rate("XF-2026-000003", "2026-03-20T10:00:00", .satisfied)
        journal.file("XF-2026-000011", "2026-03-01T09:00:00", channel: .letter, petitioner: wangWei)
        journal.assign("XF-2026-000011", "2026-03-01T10:00:00", to: "市人社局")
        journal.close("XF-2026-000011", "2026-04-01T00:10:00", unit: "市人社局")
        journal.file("XF-2026-000012", "2026-03-01T09:00:00", channel: .letter, petitioner: wangWei)
        journal.assign("XF-2026-000012", "2026-03-01T10:00:00", to: "市人社局")
        journal.close("XF-2026-000012", "2026-03-15T10:00:00", unit: "市人社局")
        journal.giveBack("XF-2026-000012", "2026-03-25T10:00:00", to: "市人社局")
        journal.file("XF-2026-000013", "2026-03-01T09:00:00", channel: .letter, petitioner: wangWei)
        journal.assign("XF-2026-000013", "2026-03-01T10:00:00", to: "市人社局")
        journal.close("XF-2026-000013", "2026-05-15T10:00:00", unit: "市人社局")
        journal.file("XF-2026-000014", "2026-03-01T09:00:00", channel: .letter, petitioner: wangWei)
        return journal
    }

    func sample(_ arguments: [String]) throws -> RunResult {
        try runXinfang(["audit", "--as-of", "2026-04-30", "--sample"] + arguments, journal: Self.scenario().bytes)
    }

    func cases(_ run: RunResult) -> [Int] {
        run.lines.compactMap { Int($0.dropFirst(17).prefix(6)) }
    }

    func testTheDrawIsReproducibleAndFollowsTheDocumentedGenerator() throws {
        // Eligible as of 2026-04-30, in case number order: 1…11 (12 was reopened, 13 closes in May).
        let first = try sample(["4", "--seed", "42"])
        let again = try sample(["4", "--seed", "42"])
        XCTAssertEqual(first.status, 0)
        XCTAssertEqual(first.stderr, "")
        XCTAssertEqual(first.stdout, again.stdout)
        XCTAssertEqual(cases(first), SplitMix64.sample(Array(1...11), count: 4, seed: 42))
        XCTAssertEqual(cases(first), [10, 3, 2, 8])
    }

    func testTheDrawChangesWithTheSeed() throws {
        let a = cases(try sample(["4", "--seed", "42"]))
        let b = cases(try sample(["4", "--seed", "43"]))
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(b, SplitMix64.sample(Array(1...11), count: 4, seed: 43))
    }

    func testAShorterDrawIsAPrefixOfALongerOne() throws {
        let long = cases(try sample(["8", "--seed", "2026"]))
        let short = cases(try sample(["3", "--seed", "2026"]))
        XCTAssertEqual(Array(long.prefix(3)), short)
    }

    func testMoreThanTheClosedCasesGivesThemAll() throws {
        let run = try sample(["50", "--seed", "1"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(cases(run).sorted(), Array(1...11))
        XCTAssertEqual(run.stderr, "xinfang audit: only 11 closed cases are eligible; drew all of them\n")
    }

    func testPeriodAndUnitSelectTheClosingDay() throws {
        // [2026-03-05, 2026-03-08): cases closed on 03-05, 03-06, 03-07 = cases 4, 5, 6.
        let period = try sample(["50", "--seed", "9", "--from", "2026-03-05", "--to", "2026-03-08"])
        XCTAssertEqual(cases(period).sorted(), [4, 5, 6])
        // Case 11 closed at 00:10 on 2026-04-01 office time (still March in UTC): an April closing.
        let april = try sample(["50", "--seed", "9", "--from", "2026-04-01"])
        XCTAssertEqual(cases(april), [11])
        let unit = try sample(["50", "--seed", "9", "--unit", "市住建局"])
        XCTAssertEqual(cases(unit).sorted(), [2, 4, 6, 8, 10])
        let later = try runXinfang(["audit", "--as-of", "2026-05-31", "--sample", "50", "--seed", "9", "--from", "2026-05-01"], journal: Self.scenario().bytes)
        XCTAssertEqual(cases(later), [13])
        let none = try sample(["5", "--seed", "9", "--from", "2027-01-01"])
        XCTAssertEqual(none.stdout, "")
        XCTAssertEqual(none.stderr, "xinfang audit: no closed case is eligible\n")
    }

    func testLinesAreReadyForReply() throws {
        let run = try sample(["11", "--seed", "42", "--from", "2026-03-03", "--to", "2026-03-05"])
        XCTAssertEqual(run.lines.sorted(), [
            #"{"case":"XF-2026-000002","unit":"市住建局","closed":"2026-03-03","region":"广州市","category":"劳动社保","channel":"letter","anonymous":true,"verdict":null,"via":"callback"}"#,
            #"{"case":"XF-2026-000003","unit":"市人社局","closed":"2026-03-04","region":"广州市","category":"劳动社保","channel":"letter","petitioner":{"name":"李3","phone":"13800138003"},"verdict":"satisfied","via":"callback"}"#,
        ])
        let redacted = try sample(["1", "--seed", "1", "--from", "2026-03-04", "--to", "2026-03-05", "--redact"])
        XCTAssertEqual(redacted.stdout,
            #"{"case":"XF-2026-000003","unit":"市人社局","closed":"2026-03-04","region":"广州市","category":"劳动社保","channel":"letter","petitioner":{"name":"李*","phone":"*******8003"},"verdict":"satisfied","via":"callback"}"# + "\n")
    }

    func testTableFormat() throws {
        let run = try sample(["2", "--seed", "42", "--from", "2026-03-03", "--to", "2026-03-05", "--format", "table"])
        XCTAssertEqual(run.stdout, """
        case            unit      closed      region  category  channel  name         phone        verdict
        --------------  --------  ----------  ------  --------  -------  -----------  -----------  ---------
        XF-2026-000003  市人社局  2026-03-04  广州市  劳动社保  letter   李3          13800138003  satisfied
        XF-2026-000002  市住建局  2026-03-03  广州市  劳动社保  letter   (anonymous)

        """)
    }

    func testUsageErrors() throws {
        func message(_ arguments: [String]) throws -> String {
            let run = try runXinfang(["audit"] + arguments, journal: Self.scenario().bytes)
            XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(run.stdout, "")
            return run.stderr.split(separator: "\n").first.map(String.init) ?? ""
        }
        XCTAssertEqual(try message(["--sample", "5"]),
                       "xinfang audit: --sample needs --seed S (a whole number 0…18446744073709551615), so the draw can be repeated")
        XCTAssertEqual(try message(["--sample", "5", "--seed", "1.5"]),
                       "xinfang audit: option '--seed': \"1.5\" is not a whole number 0…18446744073709551615")
        XCTAssertEqual(try message(["--sample", "5", "--seed", "-1"]),
                       "xinfang audit: option '--seed': \"-1\" is not a whole number 0…18446744073709551615")
        XCTAssertEqual(try message(["--sample", "5", "--seed", "18446744073709551616"]),
                       "xinfang audit: option '--seed': \"18446744073709551616\" is not a whole number 0…18446744073709551615")
        XCTAssertEqual(try message(["--sample", "0", "--seed", "1"]),
                       "xinfang audit: option '--sample': \"0\" is not a positive whole number of cases")
        XCTAssertEqual(try message(["--seed", "1"]), "xinfang audit: option '--seed' goes with --sample")
        XCTAssertEqual(try message(["--sample", "2", "--seed", "1", "--light", "red"]),
                       "xinfang audit: option '--light' filters the lights report, not --sample or --verify")
        XCTAssertEqual(try message(["--sample", "2", "--seed", "1", "--from", "2026-03-01", "--to", "2026-03-01"]),
                       "xinfang audit: --from 2026-03-01 --to 2026-03-01 is an empty period; --to is the day after the last one")
        XCTAssertEqual(try message(["--sample", "2", "--seed", "1", "--verify"]),
                       "xinfang audit: --sample and --verify are different reports; give one")
        // The largest seed is accepted.
        let largest = try sample(["1", "--seed", "18446744073709551615"])
        XCTAssertEqual(largest.status, 0)
        XCTAssertEqual(largest.lines.count, 1)
    }
}
