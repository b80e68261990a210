import Foundation
import XCTest
import XinfangCore


private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
private func four(_ v: Int) -> String { String(repeating: "0", count: 4 - String(v).count) + String(v) }

/// Epoch seconds of an RFC 3339 text according to Foundation (test oracle only).
private func foundationSeconds(_ text: String, fractional: Bool = false) -> Int64? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { return nil }
    return Int64(date.timeIntervalSince1970.rounded(.down))
}

private func zone(_ identifier: String) -> OfficeTimeZone {
    do { return try OfficeTimeZone(identifier: identifier) } catch {
        XCTFail("\(identifier): \(error)")
        return .shanghai
    }
}

private func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
    guard let date = LocalDate(year: y, month: m, day: d) else {
        XCTFail("\(y)-\(m)-\(d) should exist")
        return LocalDate(dayNumber: 0)
    }
    return date
}

private extension OfficeTimeZone {
    /// Parses or fails the test, returning epoch seconds.
    func seconds(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        switch parseTimestamp(text) {
        case .success(let instant): return instant.seconds
        case .failure(let error):
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func bytesParse(_ text: String) -> Instant? {
        Array(text.utf8).withUnsafeBytes { parseTimestamp(bytes: $0) }
    }
}

final class TimeTests: XCTestCase {
    let shanghai = OfficeTimeZone.shanghai

    // MARK: - LocalDate

    func testCivilConversionsMatchFoundationEveryDay1900To2100() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = date(1900, 1, 1).dayNumber
        let last = date(2100, 12, 31).dayNumber
        XCTAssertEqual(last - first + 1, 73_414)
        var mismatches: [String] = []
        for day in first ... last {
            let local = LocalDate(dayNumber: day)
            let c = calendar.dateComponents([.year, .month, .day],
                                            from: Date(timeIntervalSince1970: TimeInterval(day) * 86_400))
            if local.year != c.year || local.month != c.month || local.day != c.day
                || LocalDate(year: c.year!, month: c.month!, day: c.day!)?.dayNumber != day {
                mismatches.append("day \(day): \(local) vs \(c)")
            }
        }
        XCTAssertEqual(mismatches.count, 0, mismatches.prefix(5).joined(separator: "; "))
    }

    func testCivilConversionsRoundTripOverWholeRange() {
        var previous: (year: Int, month: Int, day: Int)? = nil
        var failures = 0
        for day in LocalDate.validDayNumbers {
            let local = LocalDate(dayNumber: day)
            let c = (year: local.year, month: local.month, day: local.day)
            if LocalDate(year: c.year, month: c.month, day: c.day)?.dayNumber != day { failures += 1 }
            if let p = previous {
                // Each day follows the previous one: same month +1, or the 1st of the next month.
                let sameMonth = c.year == p.year && c.month == p.month && c.day == p.day + 1
                let nextMonth = c.day == 1 && ((c.year == p.year && c.month == p.month + 1)
                    || (c.year == p.year + 1 && c.month == 1 && p.month == 12))
                if !(sameMonth || nextMonth) { failures += 1 }
            }
            previous = c
        }
        XCTAssertEqual(failures, 0)
        XCTAssertEqual(LocalDate(dayNumber: LocalDate.validDayNumbers.lowerBound).description, "0001-01-01")
        XCTAssertEqual(LocalDate(dayNumber: LocalDate.validDayNumbers.upperBound).description, "9999-12-31")
    }

    func testKnownDayNumbers() {
        XCTAssertEqual(date(1970, 1, 1).dayNumber, 0)
        XCTAssertEqual(date(1969, 12, 31).dayNumber, -1)
        XCTAssertEqual(date(2000, 3, 1).dayNumber, 11_017)
        XCTAssertEqual(date(1, 1, 1).dayNumber, -719_162)
        XCTAssertEqual(date(9999, 12, 31).dayNumber, 2_932_896)
        XCTAssertEqual(LocalDate.validDayNumbers, -719_162 ... 2_932_896)
    }

    func testLeapYears() {
        XCTAssertNotNil(LocalDate(year: 2000, month: 2, day: 29))
        XCTAssertNotNil(LocalDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(LocalDate(year: 1900, month: 2, day: 29))
        XCTAssertNil(LocalDate(year: 2026, month: 2, day: 29))
        XCTAssertNil(LocalDate(year: 2100, month: 2, day: 29))
        XCTAssertEqual(date(2000, 3, 1).days(since: date(2000, 2, 28)), 2)
        XCTAssertEqual(date(1900, 3, 1).days(since: date(1900, 2, 28)), 1)
        XCTAssertEqual(date(2024, 3, 1).days(since: date(2024, 2, 28)), 2)
        XCTAssertEqual(date(2026, 3, 1).days(since: date(2026, 2, 28)), 1)
        XCTAssertEqual(LocalDate.parse("2024-02-29"), date(2024, 2, 29))
        XCTAssertNil(LocalDate.parse("2026-02-29"))
    }

    func testLocalDateBasics() {
        let d = date(2026, 3, 4)
        XCTAssertEqual(d.description, "2026-03-04")
        XCTAssertEqual("\(date(7, 1, 9))", "0007-01-09")
        XCTAssertEqual(d.monthKey, "2026-03")
        XCTAssertEqual(date(2026, 12, 31).monthKey, "2026-12")
        XCTAssertEqual(LocalDate.parse("2026-03-04"), d)
        XCTAssertEqual(d.adding(days: 28), date(2026, 4, 1))
        XCTAssertEqual(d.adding(days: -4), date(2026, 2, 28))
        XCTAssertEqual(d.days(since: date(2025, 3, 4)), 365)
        XCTAssertEqual(date(2025, 3, 4).days(since: d), -365)
        XCTAssertLessThan(date(2026, 3, 3), d)
        XCTAssertEqual(Set([d, date(2026, 3, 4), date(2026, 3, 5)]).count, 2)
        for bad in ["", "2026-3-4", "2026-03-04 ", " 2026-03-04", "2026/03/04", "2026-03-04T00:00:00",
                    "２０２６-03-04", "20260304", "2026-03-4x", "+026-03-04", "-026-03-04"] {
            XCTAssertNil(LocalDate.parse(bad), bad)
        }
    }

    func testAddingYearsClampsFebruary29() {
        let leap = date(2024, 2, 29)
        XCTAssertEqual(leap.adding(years: 1), date(2025, 2, 28))
        XCTAssertEqual(leap.adding(years: -1), date(2023, 2, 28))
        XCTAssertEqual(leap.adding(years: 4), date(2028, 2, 29))
        XCTAssertEqual(leap.adding(years: 76), date(2100, 2, 28))
        XCTAssertEqual(leap.adding(years: 0), leap)
        XCTAssertEqual(date(2026, 3, 4).adding(years: 1), date(2027, 3, 4))
        XCTAssertEqual(date(2026, 1, 31).adding(years: -26), date(2000, 1, 31))
        // Saturation instead of traps.
        XCTAssertEqual(date(9999, 6, 1).adding(years: 1).description, "9999-12-31")
        XCTAssertEqual(date(1, 6, 1).adding(years: -1).description, "0001-01-01")
        XCTAssertEqual(leap.adding(years: .max).description, "9999-12-31")
        XCTAssertEqual(leap.adding(years: .min).description, "0001-01-01")
        XCTAssertEqual(leap.adding(days: .max).description, "9999-12-31")
        XCTAssertEqual(leap.adding(days: .min).description, "0001-01-01")
        XCTAssertEqual(LocalDate(dayNumber: .max).description, "9999-12-31")
        XCTAssertEqual(LocalDate(dayNumber: .min).description, "0001-01-01")
    }

    // MARK: - Rejections

    func testNonexistentDatesRejectedWithTheRightCase() {
        for text in ["2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01",
                     "1900-02-29"] {
            XCTAssertEqual(shanghai.parseDate(text), .failure(.nonexistentDate(text)), text)
            XCTAssertEqual(shanghai.parseTimestamp(text), .failure(.nonexistentDate(text)), text)
            XCTAssertEqual(shanghai.parseTimestamp(text + "T10:00:00+08:00"), .failure(.nonexistentDate(text)))
            XCTAssertEqual(shanghai.parseTimestamp(text + " 10:00"), .failure(.nonexistentDate(text)))
            XCTAssertNil(LocalDate.parse(text))
            XCTAssertNil(shanghai.bytesParse(text))
            XCTAssertNil(shanghai.bytesParse(text + "T10:00:00Z"))
        }
        XCTAssertEqual(TimestampError.nonexistentDate("2026-02-30").description,
                       "\"2026-02-30\" is not a date (2026-02 has 28 days)")
        XCTAssertEqual(TimestampError.nonexistentDate("2026-13-01").description,
                       "\"2026-13-01\" is not a date (months run from 01 to 12)")
        XCTAssertEqual(TimestampError.nonexistentDate("0000-01-01").description,
                       "\"0000-01-01\" is not a date (years run from 0001 to 9999)")
    }

    func testMalformedLayoutsAreNotADate() {
        let bad = ["", "x", "2026", "2026-03", "2026-3-04", "2026/03/04", "20260304", "2026-03-04T",
                   "2026-03-04T09", "2026-03-04T9:15", "2026-03-04T09:15:0", "2026-03-04T09:15+08:00",
                   "2026-03-04T09:15Z", "2026-03-04T09:15:00.", "2026-03-04T09:15:00.Z",
                   "2026-03-04T09:15:00+0800", "2026-03-04T09:15:00+08", "2026-03-04T09:15:00 +08:00",
                   "2026-03-04T09:15:00Z ", " 2026-03-04T09:15:00Z", "2026-03-04X09:15:00Z",
                   "2026-03-04T09:15:00ZZ", "2026-03-04T09:15:00+08:00:00", "2026-03-04T09-15-00Z",
                   "2026-03-04T09:15:00UTC", "2026-03-04T09:15:00CST", "２０２６-03-04", "2026-03-04\n",
                   "2026-03-04T09:15:00\u{0}", "\u{0}", "2026-03-04T09:15:00.1a", "2026-03-04Z"]
        for text in bad {
            XCTAssertEqual(shanghai.parseTimestamp(text), .failure(.notADate(text)), text.debugDescription)
            XCTAssertNil(shanghai.bytesParse(text), text.debugDescription)
        }
        for text in ["2026-03-04T09:15:00Z", "2026-03-04 09:15", "26-03-04", "2026-03-04 "] {
            XCTAssertEqual(shanghai.parseDate(text), .failure(.notADate(text)), text)
        }
        XCTAssertEqual(TimestampError.notADate("2026-3-4").description,
                       "not a date or date-time: \"2026-3-4\" (expected YYYY-MM-DD, "
                       + "YYYY-MM-DD HH:MM[:SS] or RFC 3339 such as 2026-03-04T09:15:00+08:00)")
    }

    func testInvalidTimesAndOffsets() {
        let cases: [(String, TimestampError)] = [
            ("2026-03-04T24:00:00Z", .invalidTime("24:00:00")),
            ("2026-03-04T99:00:00+08:00", .invalidTime("99:00:00")),
            ("2026-03-04T09:60:00+08:00", .invalidTime("09:60:00")),
            ("2026-03-04T09:15:61Z", .invalidTime("09:15:61")),
            ("2026-03-04T09:15:99.5Z", .invalidTime("09:15:99.5")),
            ("2026-03-04 24:00", .invalidTime("24:00")),
            ("2026-03-04T23:60", .invalidTime("23:60")),
            ("2026-03-04T09:15:00+24:00", .invalidOffset("+24:00")),
            ("2026-03-04T09:15:00-08:60", .invalidOffset("-08:60")),
            ("2026-03-04T09:15:00.5+99:99", .invalidOffset("+99:99")),
        ]
        for (text, error) in cases {
            XCTAssertEqual(shanghai.parseTimestamp(text), .failure(error), text)
            XCTAssertNil(shanghai.bytesParse(text), text)
        }
        // Date errors are reported before time errors, time errors before offset errors.
        XCTAssertEqual(shanghai.parseTimestamp("2026-02-30T24:00:00+24:00"), .failure(.nonexistentDate("2026-02-30")))
        XCTAssertEqual(shanghai.parseTimestamp("2026-02-28T24:00:00+24:00"), .failure(.invalidTime("24:00:00")))
        XCTAssertTrue(TimestampError.invalidTime("24:00:00").description.contains("\"24:00:00\""))
        XCTAssertTrue(TimestampError.invalidOffset("+24:00").description.contains("\"+24:00\""))
        // A leap second is accepted and read as :59 of the same minute.
        XCTAssertEqual(shanghai.seconds("2016-12-31T23:59:60Z"), shanghai.seconds("2016-12-31T23:59:59Z"))
        XCTAssertEqual(shanghai.bytesParse("2016-12-31T23:59:60Z")?.seconds, shanghai.seconds("2016-12-31T23:59:59Z"))
        XCTAssertEqual(shanghai.seconds("2026-03-04 23:59:60"), shanghai.seconds("2026-03-04T23:59:59+08:00"))
    }

    // MARK: - Accepted layouts in Asia/Shanghai

    func testEachAcceptedLayoutInShanghai() {
        let expected: Int64 = 1_772_586_900              // 2026-03-04T01:15:00Z
        XCTAssertEqual(foundationSeconds("2026-03-04T09:15:00+08:00"), expected)
        let forms = [
            "2026-03-04T09:15:00+08:00", "2026-03-04T01:15:00Z", "2026-03-04t01:15:00z",
            "2026-03-04 01:15:00Z", "2026-03-04 09:15:00+08:00", "2026-03-03T20:15:00-05:00",
            "2026-03-04T01:15:00+00:00", "2026-03-04T01:15:00-00:00", "2026-03-04T06:45:00+05:30",
            "2026-03-04T09:15:00.123+08:00", "2026-03-04T09:15:00.999999999+08:00", "2026-03-04T01:15:00.5Z",
            "2026-03-04T09:15:00", "2026-03-04 09:15:00", "2026-03-04t09:15:00", "2026-03-04T09:15",
            "2026-03-04 09:15", "2026-03-04T09:15:00.999", "2026-03-04 09:15:00.000001",
        ]
        for form in forms {
            XCTAssertEqual(shanghai.seconds(form), expected, form)
        }
        // Cross-check the RFC 3339 forms that ISO8601DateFormatter understands.
        for form in ["2026-03-04T09:15:00+08:00", "2026-03-04T01:15:00Z", "2026-03-03T20:15:00-05:00",
                     "2026-03-04T06:45:00+05:30", "1999-12-31T23:59:59+08:00", "1970-01-01T00:00:00Z",
                     "1969-12-31T23:59:59Z", "2100-02-28T12:00:00-11:00", "2038-01-19T03:14:08Z"] {
            XCTAssertEqual(shanghai.parseTimestamp(form).map(\.seconds), .success(foundationSeconds(form)!), form)
        }
        for form in ["2026-03-04T09:15:00.123+08:00", "2026-03-04T01:15:00.999Z", "1969-12-31T23:59:59.5Z"] {
            XCTAssertEqual(shanghai.parseTimestamp(form).map(\.seconds),
                           .success(foundationSeconds(form, fractional: true)!), form)
        }
        // Office-local forms equal the same wall time with +08:00.
        XCTAssertEqual(shanghai.seconds("1999-12-31 23:59"), foundationSeconds("1999-12-31T23:59:00+08:00"))
        // Plain date: start of that day in Shanghai.
        XCTAssertEqual(shanghai.seconds("2026-03-04"), 1_772_553_600)
        XCTAssertEqual(shanghai.seconds("2026-03-04"), foundationSeconds("2026-03-04T00:00:00+08:00"))
        XCTAssertEqual(shanghai.parseDate("2026-03-04"), .success(date(2026, 3, 4)))
        // Shanghai observed DST 1986-1991: a local summer time then is +09:00.
        XCTAssertEqual(shanghai.seconds("1988-07-01 12:00"), foundationSeconds("1988-07-01T12:00:00+09:00"))
        XCTAssertEqual(shanghai.format(Instant(seconds: foundationSeconds("1988-07-01T12:00:00+09:00")!)),
                       "1988-07-01T12:00:00+09:00")
    }

    // MARK: - Formatting

    func testFormatting() {
        XCTAssertEqual(shanghai.format(Instant(seconds: 1_772_586_900)), "2026-03-04T09:15:00+08:00")
        XCTAssertEqual(shanghai.format(Instant(seconds: 0)), "1970-01-01T08:00:00+08:00")
        XCTAssertEqual(zone("UTC").format(Instant(seconds: 1_772_586_900)), "2026-03-04T01:15:00+00:00")
        XCTAssertEqual(zone("Etc/UTC").format(Instant(seconds: -1)), "1969-12-31T23:59:59+00:00")
        XCTAssertEqual(zone("America/New_York").format(Instant(seconds: 1_772_586_900)), "2026-03-03T20:15:00-05:00")
        XCTAssertEqual(zone("Asia/Kolkata").format(Instant(seconds: 1_772_586_900)), "2026-03-04T06:45:00+05:30")
        XCTAssertEqual(zone("Asia/Kathmandu").format(Instant(seconds: 1_772_586_900)), "2026-03-04T07:00:00+05:45")
        XCTAssertEqual(zone("America/St_Johns").format(Instant(seconds: 1_772_586_900)), "2026-03-03T21:45:00-03:30")

        var buffer = Array("prefix:".utf8)
        shanghai.format(Instant(seconds: 1_772_586_900), into: &buffer)
        shanghai.format(Instant(seconds: 0), into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self),
                       "prefix:2026-03-04T09:15:00+08:001970-01-01T08:00:00+08:00")
    }

    func testFormattingRoundTripsAndMatchesFoundation() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for identifier in ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
                           "America/St_Johns", "Australia/Lord_Howe", "UTC"] {
            let office = zone(identifier)
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: identifier)!
            formatter.formatOptions = [.withInternetDateTime]
            var failures: [String] = []
            for _ in 0 ..< 2_000 {
                let instant = Instant(seconds: Int64(rng.int(-2_208_988_800 ... 4_102_444_799)))
                let text = office.format(instant)
                var bytes: [UInt8] = []
                office.format(instant, into: &bytes)
                if Array(text.utf8) != bytes { failures.append("into: \(text)") }
                if text.utf8.count != 25 { failures.append("length: \(text)") }
                if office.parseTimestamp(text) != .success(instant) { failures.append("round trip: \(text)") }
                if office.bytesParse(text) != instant { failures.append("bytes round trip: \(text)") }
                if instant.seconds >= 0 {
                    // Foundation writes Z for a zero offset; we always write +00:00.
                    let oracle = formatter.string(from: instant.date).replacingOccurrences(of: "Z", with: "+00:00")
                    if oracle != text { failures.append("\(text) vs Foundation \(oracle)") }
                }
            }
            XCTAssertEqual(failures.count, 0, "\(identifier): " + failures.prefix(5).joined(separator: "; "))
        }
    }

    func testLocalMeanTimeOffsetsAreWrittenToTheMinuteAndRoundTrip() {
        // Asia/Shanghai before 1901 is local mean time, +08:05:43.
        let instant = Instant(seconds: -2_200_000_000)   // 1900-04-14
        XCTAssertEqual(shanghai.offset(at: instant), 29_143)
        let text = shanghai.format(instant)
        XCTAssertTrue(text.hasSuffix("+08:05"), text)
        XCTAssertEqual(shanghai.parseTimestamp(text), .success(instant))
    }

    // MARK: - Local dates, days since

    func testLocalDateAtMidnightBoundaries() throws {
        let lastSecond = try XCTUnwrap(shanghai.seconds("2026-03-04T23:59:59+08:00"))
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: lastSecond)), date(2026, 3, 4))
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: lastSecond + 1)), date(2026, 3, 5))
        let midnight = try XCTUnwrap(shanghai.seconds("2026-03-04T00:00:00+08:00"))
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: midnight)), date(2026, 3, 4))
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: midnight - 1)), date(2026, 3, 3))
        XCTAssertEqual(shanghai.startOfDay(date(2026, 3, 4)), Instant(seconds: midnight))
        // Before the epoch (negative floor division).
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: -28_800)), date(1970, 1, 1))
        XCTAssertEqual(shanghai.localDate(of: Instant(seconds: -28_801)), date(1969, 12, 31))

        let berlin = zone("Europe/Berlin")
        let summerMidnight = try XCTUnwrap(berlin.seconds("2026-07-01T00:00:00+02:00"))
        XCTAssertEqual(berlin.localDate(of: Instant(seconds: summerMidnight)), date(2026, 7, 1))
        XCTAssertEqual(berlin.localDate(of: Instant(seconds: summerMidnight - 1)), date(2026, 6, 30))
        XCTAssertEqual(berlin.startOfDay(date(2026, 7, 1)), Instant(seconds: summerMidnight))
    }

    func testDaysSinceCountsOfficeLocalCalendarDays() throws {
        // 2026-03-04T00:30+08:00 is still 2026-03-03 in UTC, but day 0 for the office.
        let earlyMorning = Instant(seconds: try XCTUnwrap(shanghai.seconds("2026-03-04T00:30:00+08:00")))
        XCTAssertEqual(shanghai.days(since: earlyMorning, asOf: date(2026, 3, 4)), 0)
        XCTAssertEqual(shanghai.days(since: earlyMorning, asOf: date(2026, 4, 3)), 30)
        let lateEvening = Instant(seconds: try XCTUnwrap(shanghai.seconds("2026-03-03T23:59:59+08:00")))
        XCTAssertEqual(shanghai.days(since: lateEvening, asOf: date(2026, 3, 4)), 1)
        XCTAssertEqual(shanghai.days(since: lateEvening, asOf: date(2026, 3, 1)), -2)
    }

    // MARK: - DST (Europe/Berlin)

    func testBerlinOffsetsAndFormattingAcrossDST() {
        let berlin = zone("Europe/Berlin")
        let spring: Int64 = 1_774_746_000   // 2026-03-29T01:00:00Z
        let autumn: Int64 = 1_792_890_000   // 2026-10-25T01:00:00Z
        XCTAssertEqual(berlin.offset(at: Instant(seconds: spring - 1)), 3_600)
        XCTAssertEqual(berlin.offset(at: Instant(seconds: spring)), 7_200)
        XCTAssertEqual(berlin.offset(at: Instant(seconds: autumn - 1)), 7_200)
        XCTAssertEqual(berlin.offset(at: Instant(seconds: autumn)), 3_600)
        XCTAssertEqual(berlin.format(Instant(seconds: spring - 1)), "2026-03-29T01:59:59+01:00")
        XCTAssertEqual(berlin.format(Instant(seconds: spring)), "2026-03-29T03:00:00+02:00")
        XCTAssertEqual(berlin.format(Instant(seconds: autumn - 1)), "2026-10-25T02:59:59+02:00")
        XCTAssertEqual(berlin.format(Instant(seconds: autumn)), "2026-10-25T02:00:00+01:00")
        XCTAssertEqual(berlin.format(Instant(seconds: 1_772_586_900)), "2026-03-04T02:15:00+01:00")
        XCTAssertEqual(berlin.format(Instant(seconds: 1_783_000_000)), "2026-07-02T15:46:40+02:00")
    }

    func testBerlinGapMovesForwardAndOverlapTakesEarlierInstant() {
        let berlin = zone("Europe/Berlin")
        // Spring gap: 02:30 does not exist on 2026-03-29 and becomes 03:30+02:00.
        let gap = berlin.parseTimestamp("2026-03-29T02:30:00")
        XCTAssertEqual(gap, berlin.parseTimestamp("2026-03-29T03:30:00+02:00"))
        XCTAssertEqual(gap.map { berlin.format($0) }, .success("2026-03-29T03:30:00+02:00"))
        XCTAssertEqual(berlin.instant(localDate: date(2026, 3, 29), hour: 2, minute: 0, second: 0).seconds,
                       1_774_746_000)
        XCTAssertEqual(berlin.format(berlin.instant(localDate: date(2026, 3, 29), hour: 1, minute: 59, second: 59)),
                       "2026-03-29T01:59:59+01:00")
        XCTAssertEqual(berlin.format(berlin.instant(localDate: date(2026, 3, 29), hour: 3, minute: 0, second: 0)),
                       "2026-03-29T03:00:00+02:00")
        // Autumn overlap: 02:30 happens twice on 2026-10-25; the earlier (+02:00) wins.
        let overlap = berlin.parseTimestamp("2026-10-25 02:30")
        XCTAssertEqual(overlap.map { berlin.format($0) }, .success("2026-10-25T02:30:00+02:00"))
        XCTAssertEqual(berlin.format(berlin.instant(localDate: date(2026, 10, 25), hour: 1, minute: 59, second: 59)),
                       "2026-10-25T01:59:59+02:00")
        XCTAssertEqual(berlin.format(berlin.instant(localDate: date(2026, 10, 25), hour: 3, minute: 0, second: 0)),
                       "2026-10-25T03:00:00+01:00")
        // Start of a DST-change day is still local midnight.
        XCTAssertEqual(berlin.format(berlin.startOfDay(date(2026, 3, 29))), "2026-03-29T00:00:00+01:00")
        XCTAssertEqual(berlin.format(berlin.startOfDay(date(2026, 10, 25))), "2026-10-25T00:00:00+02:00")
        XCTAssertEqual(berlin.format(berlin.startOfDay(date(2026, 10, 26))), "2026-10-26T00:00:00+01:00")
    }

    /// The gap/overlap rule equals Foundation's Calendar.date(from:) around every transition.
    func testLocalTimeResolutionMatchesFoundationCalendar() {
        for identifier in ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo",
                           "Asia/Shanghai", "Pacific/Apia", "Europe/Dublin"] {
            let office = zone(identifier)
            let foundationZone = TimeZone(identifier: identifier)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = foundationZone
            var failures: [String] = []
            var cursor = Date(timeIntervalSince1970: 0)   // 1970 ... 2040
            while let transition = foundationZone.nextDaylightSavingTimeTransition(after: cursor),
                  transition.timeIntervalSince1970 < 2_208_988_800 {
                cursor = transition
                let t = Int64(transition.timeIntervalSince1970)
                let before = foundationZone.secondsFromGMT(for: transition.addingTimeInterval(-1))
                let after = foundationZone.secondsFromGMT(for: transition)
                // Wall times around both readings of the transition, every 15 minutes.
                for wall in [t + Int64(before), t + Int64(after)] {
                    for step in stride(from: Int64(-5_400), through: 5_400, by: 900) {
                        let local = wall + step
                        let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
                        let secondOfDay = Int(local - Int64(day) * 86_400)
                        let d = LocalDate(dayNumber: day)
                        let ours = office.instant(localDate: d, hour: secondOfDay / 3_600,
                                                  minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
                        let comps = DateComponents(year: d.year, month: d.month, day: d.day,
                                                   hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60,
                                                   second: secondOfDay % 60)
                        guard let theirs = calendar.date(from: comps) else { continue }
                        if ours != Instant(theirs) {
                            failures.append("\(d) \(secondOfDay)s: \(office.format(ours)) vs \(office.format(Instant(theirs)))")
                        }
                    }
                }
            }
            XCTAssertEqual(failures.count, 0, "\(identifier): " + failures.prefix(5).joined(separator: "; "))
        }
    }

    // MARK: - Offset table vs Foundation

    func testOffsetTableMatchesFoundation() {
        var rng = SplitMix64(seed: 0x0FF5_E7)
        for identifier in ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                           "America/St_Johns", "Pacific/Apia", "Asia/Kolkata", "America/Sao_Paulo",
                           "Europe/Dublin", "Africa/Casablanca", "Asia/Urumqi", "Asia/Hong_Kong",
                           "Asia/Taipei", "UTC"] {
            let office = zone(identifier)
            let foundationZone = TimeZone(identifier: identifier)!
            var probes: [Int64] = []
            for _ in 0 ..< 3_000 { probes.append(Int64(rng.int(-2_300_000_000 ... 4_300_000_000))) }
            probes += [-62_135_596_800, -5_000_000_000, 253_402_300_799, 5_000_000_000]   // far outside the table
            var cursor = Date(timeIntervalSince1970: -2_208_988_800)
            while let transition = foundationZone.nextDaylightSavingTimeTransition(after: cursor),
                  transition.timeIntervalSince1970 < 4_200_000_000 {
                cursor = transition
                let t = Int64(transition.timeIntervalSince1970.rounded(.up))
                probes += [t - 1, t, t + 1]
            }
            var failures: [String] = []
            for s in probes {
                let expected = foundationZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(s)))
                let ours = office.offset(at: Instant(seconds: s))
                if ours != expected { failures.append("\(s): \(ours) vs \(expected)") }
            }
            XCTAssertEqual(failures.count, 0, "\(identifier): " + failures.prefix(5).joined(separator: "; "))
        }
    }

    func testShanghaiOffsetIsConstantSince1991() {
        XCTAssertEqual(shanghai.identifier, "Asia/Shanghai")
        var rng = SplitMix64(seed: 8)
        for _ in 0 ..< 10_000 {
            let s = Int64(rng.int(684_867_600 ... 253_402_300_799))
            XCTAssertEqual(shanghai.offset(at: Instant(seconds: s)), 28_800)
        }
        XCTAssertEqual(shanghai.offset(at: Instant(seconds: 684_867_599)), 32_400)   // 1991 DST
    }

    // MARK: - Byte parser vs String parser

    func testBytesParserAgreesWithStringParserOnRandomTimestamps() {
        var rng = SplitMix64(seed: 0xC0FF_EE00_1234)
        let berlin = zone("Europe/Berlin")
        var checked = 0
        var failures: [String] = []
        for i in 0 ..< 10_000 {
            let year = rng.int(0 ... 9) == 0 ? rng.int(1 ... 9999) : rng.int(1900 ... 2100)
            let month = rng.int(1 ... 12)
            let day = rng.int(1 ... (month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
                                     : [4, 6, 9, 11].contains(month) ? 30 : 31))
            let dateText = "\(four(year))-\(two(month))-\(two(day))"
            let time = "T\(two(rng.int(0 ... 23))):\(two(rng.int(0 ... 59))):\(two(rng.int(0 ... 60)))"
            let text: String
            switch rng.int(0 ... 2) {
            case 0: text = dateText
            case 1: text = dateText + time + "Z"
            default:
                text = dateText + time + (rng.int(0 ... 1) == 0 ? "+" : "-") + two(rng.int(0 ... 23)) + ":" + two(rng.int(0 ... 59))
            }
            let office = i % 2 == 0 ? shanghai : berlin
            let viaString = office.parseTimestamp(text)
            let viaBytes = office.bytesParse(text)
            guard case .success(let expected) = viaString, viaBytes == expected else {
                failures.append("\(text): \(viaString) vs \(String(describing: viaBytes))")
                continue
            }
            if text.utf8.count == 25, let oracle = foundationSeconds(text), year >= 1900,
               !text.contains(":60"), oracle != expected.seconds {
                failures.append("\(text): Foundation says \(oracle)")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 10_000)
        XCTAssertEqual(failures.count, 0, failures.prefix(5).joined(separator: "; "))
    }

    func testBytesParserReturnsNilOnTruncatedAndGarbledInput() {
        var rng = SplitMix64(seed: 0xBAD_BEEF)
        let valid = ["2026-03-04T09:15:00+08:00", "2026-03-04T01:15:00Z", "2026-03-04", "1999-12-31T23:59:60-11:30",
                     "2026-03-04T09:15:00.123456+08:00", "2026-03-04T01:15:00.5Z"]
        for text in valid {
            let bytes = Array(text.utf8)
            XCTAssertNotNil(shanghai.bytesParse(text), text)
            for length in 0 ..< bytes.count {
                let prefix = Array(bytes[0 ..< length])
                let result = prefix.withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) }
                if length == 10 {
                    XCTAssertEqual(result, shanghai.startOfDay(LocalDate.parse(text.prefix(10).description)!))
                } else {
                    XCTAssertNil(result, "prefix \(length) of \(text)")
                }
            }
            XCTAssertNil((bytes + [0x20]).withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) })
            XCTAssertNil(([0x20] + bytes).withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) })
        }
        // Empty buffer without a base address, and long random junk.
        XCTAssertNil(shanghai.parseTimestamp(bytes: UnsafeRawBufferPointer(start: nil, count: 0)))
        // `t` or a space for `T` and `z` for `Z` (Python's `str()` of a `datetime` writes a space): both parsers, one instant.
        for spelled in ["2026-03-04t01:15:00Z", "2026-03-04 01:15:00Z", "2026-03-04T01:15:00z", "2026-03-04 09:15:00+08:00",
                        "2026-03-04 09:15:00.123456+08:00", "2026-03-04t01:15:00.1z", "2026-03-04 23:59:60-05:30"] {
            XCTAssertEqual(shanghai.bytesParse(spelled).map { .success($0) }, shanghai.parseTimestamp(spelled), spelled)
            XCTAssertNotNil(shanghai.bytesParse(spelled), spelled)
        }
        XCTAssertEqual(shanghai.bytesParse("2026-03-04 09:15:00+08:00"), shanghai.bytesParse("2026-03-04T09:15:00+08:00"))
        // Times without a zone (office-local) are for the String parser only, as are other separators.
        for lenient in ["2026-03-04T09:15:00", "2026-03-04T09:15:00.5", "2026-03-04 09:15", "2026-03-04 09:15:00"] {
            XCTAssertNil(shanghai.bytesParse(lenient), lenient)
            XCTAssertNotNil(try? shanghai.parseTimestamp(lenient).get(), lenient)
        }
        for refused in ["2026-03-04_09:15:00+08:00", "2026-03-04\t09:15:00+08:00", "2026-03-04  09:15:00+08:00", "2026-03-04T09:15:00Y"] {
            XCTAssertNil(shanghai.bytesParse(refused), refused)
            XCTAssertNil(try? shanghai.parseTimestamp(refused).get(), refused)
        }
        // Random mutations: never trap; anything accepted must agree with the String parser.
        var accepted = 0
        var disagreements: [String] = []
        for _ in 0 ..< 20_000 {
            var bytes = Array(valid[rng.int(0 ... valid.count - 1)].utf8)
            for _ in 0 ... rng.int(0 ... 3) {
                let position = rng.int(0 ... bytes.count - 1)
                switch rng.int(0 ... 3) {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes[position] = UInt8(ascii: "0") + UInt8(rng.int(0 ... 9))
                case 2: bytes.remove(at: position); if bytes.isEmpty { bytes = [0] }
                default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
                }
            }
            let result = bytes.withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) }
            let text = String(decoding: bytes, as: UTF8.self)
            let stringResult = shanghai.parseTimestamp(text)
            if let result {
                accepted += 1
                if stringResult != .success(result) { disagreements.append(text) }
            }
        }
        XCTAssertEqual(disagreements.count, 0, disagreements.prefix(5).joined(separator: "; "))
        XCTAssertGreaterThan(accepted, 0)
        for _ in 0 ..< 1_000 {
            let junk = (0 ..< rng.int(0 ... 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = junk.withUnsafeBytes { shanghai.parseTimestamp(bytes: $0) }
            _ = shanghai.parseTimestamp(String(decoding: junk, as: UTF8.self))
            _ = shanghai.parseDate(String(decoding: junk, as: UTF8.self))
        }
    }

    func testBytesParserTruncatesFractionsAsTheStringParserDoes() {
        let cases: [(String, String)] = [
            ("2026-03-04T09:15:00.123456+08:00", "2026-03-04T09:15:00+08:00"),
            ("2026-03-04T09:15:00.999999999-05:30", "2026-03-04T09:15:00-05:30"),
            ("2026-03-04T01:15:00.5Z", "2026-03-04T01:15:00Z"),
            ("2026-03-04T23:59:60.9+08:00", "2026-03-04T23:59:59+08:00"),
        ]
        for (withFraction, without) in cases {
            XCTAssertEqual(shanghai.bytesParse(withFraction), shanghai.bytesParse(without), withFraction)
            XCTAssertEqual(shanghai.bytesParse(withFraction).map { .success($0) }, shanghai.parseTimestamp(withFraction), withFraction)
        }
        for refused in ["2026-03-04T09:15:00.+08:00", "2026-03-04T09:15:00.Z", "2026-03-04T09:15:00.1", "2026-03-04T09:15:00.1+0800",
                        "2026-03-04T09:15:00.1x+08:00", "2026-03-04T09:15:00,1+08:00", "2026-03-04T09:15:00.1+08:00Z"] {
            XCTAssertNil(shanghai.bytesParse(refused), refused)
        }
    }

    // MARK: - Time zone identifiers

    func testAbbreviationsAndUnknownIdentifiersAreRefused() {
        for abbreviation in ["CST", "EST", "PRC", "JST", "HST", "GMT", "GMT+8", "CST6CDT", "Japan"] {
            XCTAssertThrowsError(try OfficeTimeZone(identifier: abbreviation), abbreviation) { error in
                let known = TimeZone(identifier: abbreviation) != nil
                XCTAssertEqual(error as? OfficeTimeZoneError,
                               known ? .notAnIANAIdentifier(abbreviation) : .unknownIdentifier(abbreviation))
                XCTAssertTrue("\(error)".contains("\"\(abbreviation)\""), "\(error)")
            }
        }
        XCTAssertThrowsError(try OfficeTimeZone(identifier: "CST")) { error in
            XCTAssertEqual(error as? OfficeTimeZoneError, .notAnIANAIdentifier("CST"))
        }
        for unknown in ["", "Nowhere/Atlantis", "asia/shanghai", "Asia/Shanghai ", "Asia/Shanghai\n",
                        "../etc/passwd", "UTC+08:00", "/Asia/Shanghai", "Asia//Shanghai", "Asia/", "Asia/Shang hai",
                        String(repeating: "A", count: 100), "Asia/上海", "Europe/Berlin\u{0}"] {
            XCTAssertThrowsError(try OfficeTimeZone(identifier: unknown), unknown.debugDescription) { error in
                XCTAssertEqual(error as? OfficeTimeZoneError, .unknownIdentifier(unknown))
            }
        }
        for accepted in ["UTC", "Etc/UTC", "Asia/Shanghai", "Europe/Berlin", "America/Argentina/Buenos_Aires",
                         "Etc/GMT-8", "America/Port-au-Prince"] {
            XCTAssertEqual((try? OfficeTimeZone(identifier: accepted))?.identifier, accepted)
        }
        XCTAssertEqual(OfficeTimeZoneError.unknownIdentifier("A\nB").description,
                       "unknown time zone identifier \"A\\u{A}B\" (use an IANA identifier such as Asia/Shanghai)")
    }

    // MARK: - Never trap

    func testExtremeValuesDoNotTrap() {
        let berlin = zone("Europe/Berlin")
        for office in [shanghai, berlin] {
            XCTAssertEqual(String(office.format(Instant(seconds: .max)).prefix(10)), "9999-12-31")
            XCTAssertEqual(String(office.format(Instant(seconds: .min)).prefix(10)), "0001-01-02")
            XCTAssertEqual(office.localDate(of: Instant(seconds: .max)).description, "9999-12-31")
            XCTAssertEqual(office.localDate(of: Instant(seconds: .min)).description, "0001-01-02")
            _ = office.offset(at: Instant(seconds: .max))
            _ = office.offset(at: Instant(seconds: .min))
            _ = office.instant(localDate: date(2026, 3, 4), hour: .max, minute: .min, second: .max)
            _ = office.instant(localDate: LocalDate(dayNumber: .max), hour: .max, minute: .max, second: .max)
            _ = office.instant(localDate: LocalDate(dayNumber: .min), hour: .min, minute: .min, second: .min)
            _ = office.startOfDay(LocalDate(dayNumber: .min))
            _ = office.startOfDay(LocalDate(dayNumber: .max))
            XCTAssertEqual(office.format(office.instant(localDate: date(2026, 3, 4), hour: 24, minute: 0, second: 0)),
                           office.format(office.startOfDay(date(2026, 3, 5))))
            XCTAssertEqual(office.days(since: Instant(seconds: .min), asOf: LocalDate(dayNumber: .max)),
                           LocalDate.validDayNumbers.upperBound - LocalDate.validDayNumbers.lowerBound - 1)
            let huge = "2026-03-04T09:15:00." + String(repeating: "9", count: 100_000) + "Z"
            XCTAssertEqual(office.parseTimestamp(huge), office.parseTimestamp("2026-03-04T09:15:00Z"))
            XCTAssertEqual(office.parseTimestamp("0001-01-01T00:00:00Z"), .success(Instant(seconds: -62_135_596_800)))
            XCTAssertEqual(office.parseTimestamp("9999-12-31T23:59:59Z"), .success(Instant(seconds: 253_402_300_799)))
            _ = office.parseTimestamp("0001-01-01")
            _ = office.parseTimestamp("9999-12-31 23:59")
            _ = office.bytesParse("0001-01-01T00:00:00+23:59")
            _ = office.bytesParse("9999-12-31T23:59:59-23:59")
            _ = office.bytesParse("9999-12-31")
        }
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: .nan)).seconds, 0)
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: .infinity)).seconds, .max)
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: -.infinity)).seconds, .min)
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: 1e300)).seconds, .max)
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: 1.7)).seconds, 1)
        XCTAssertEqual(Instant(Date(timeIntervalSince1970: -0.5)).seconds, -1)
        XCTAssertEqual(Instant(seconds: 1_772_586_900).date, Date(timeIntervalSince1970: 1_772_586_900))
        XCTAssertEqual(Instant(Instant(seconds: -123).date), Instant(seconds: -123))
        XCTAssertLessThan(Instant(seconds: -1), Instant(seconds: 0))
        let hostile = TimestampError.notADate("\"\u{1B}[31m\u{202E}" + String(repeating: "x", count: 200)).description
        XCTAssertFalse(hostile.contains("\u{1B}"))
        XCTAssertFalse(hostile.contains("\u{202E}"))
        XCTAssertTrue(hostile.contains("…"))
    }
}
