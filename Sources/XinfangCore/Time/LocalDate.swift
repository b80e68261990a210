// LocalDate: a calendar date without a time of day or a time zone.
//
// Dates are stored as a day number (days since 1970-01-01) and converted to and from
// year/month/day with Howard Hinnant's integer algorithms `days_from_civil` and
// `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html). No Foundation
// `Calendar` is involved, so conversions are cheap and identical on every platform.

/// A calendar date in the proleptic Gregorian calendar, stored as a day number.
///
/// The supported range is 0001-01-01 through 9999-12-31 (`LocalDate.validDayNumbers`).
/// Every operation that could leave that range (``init(dayNumber:)``, ``adding(days:)``,
/// ``adding(years:)``) saturates at its ends instead of trapping, so a `LocalDate` always
/// prints as a four-digit-year `YYYY-MM-DD`.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01, which is day 0. Always within ``validDayNumbers``.
    public let dayNumber: Int

    /// Day numbers of 0001-01-01 through 9999-12-31, the range every `LocalDate` lies in.
    public static let validDayNumbers: ClosedRange<Int> =
        CivilCalendar.daysFromCivil(year: 1, month: 1, day: 1)
            ... CivilCalendar.daysFromCivil(year: 9999, month: 12, day: 31)

    /// Creates the date with the given day number (days since 1970-01-01).
    ///
    /// Day numbers outside ``validDayNumbers`` are clamped to 0001-01-01 or 9999-12-31.
    public init(dayNumber: Int) {
        self.dayNumber = Swift.min(Swift.max(dayNumber, Self.validDayNumbers.lowerBound),
                                   Self.validDayNumbers.upperBound)
    }

    /// Creates a date from its year, month (1–12) and day of month.
    ///
    /// Returns `nil` when the date does not exist (2026-02-30, 2026-13-01, 2026-00-10) or the
    /// year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.dayNumber = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// The year, 1...9999.
    public var year: Int { CivilCalendar.civilFromDays(dayNumber).year }

    /// The month, 1...12.
    public var month: Int { CivilCalendar.civilFromDays(dayNumber).month }

    /// The day of the month, 1...31.
    public var day: Int { CivilCalendar.civilFromDays(dayNumber).day }

    /// The date as `YYYY-MM-DD`, e.g. `2026-03-04`.
    public var description: String {
        let c = CivilCalendar.civilFromDays(dayNumber)
        return String(unsafeUninitializedCapacity: 10) { buffer in
            guard let p = buffer.baseAddress else { return 0 }
            CivilCalendar.writeDate(year: c.year, month: c.month, day: c.day, to: p)
            return 10
        }
    }

    /// Appends ``description`` (`YYYY-MM-DD`) to `bytes`, without making a `String`.
    func appendText(to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            guard let p = buffer.baseAddress else { return }
            writeText(to: p)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: 10))
        }
    }

    /// Writes ``description`` (`YYYY-MM-DD`, 10 bytes) at `p`.
    func writeText(to p: UnsafeMutablePointer<UInt8>) {
        let c = CivilCalendar.civilFromDays(dayNumber)
        CivilCalendar.writeDate(year: c.year, month: c.month, day: c.day, to: p)
    }

    /// The year and month as `YYYY-MM`, e.g. `2026-03`; used to group by month.
    public var monthKey: String {
        let c = CivilCalendar.civilFromDays(dayNumber)
        return String(unsafeUninitializedCapacity: 7) { buffer in
            guard let p = buffer.baseAddress else { return 0 }
            CivilCalendar.write(c.year, digits: 4, to: p)
            p[4] = UInt8(ascii: "-")
            CivilCalendar.write(c.month, digits: 2, to: p + 5)
            return 7
        }
    }

    /// Parses a date written strictly as `YYYY-MM-DD` (ASCII digits, exactly ten characters).
    ///
    /// Returns `nil` for any other layout (`2026-3-4`, surrounding spaces, a time part) and for
    /// dates that do not exist. Use `OfficeTimeZone.parseDate(_:)` to learn why a text was refused.
    public static func parse(_ text: String) -> LocalDate? {
        var text = text
        return text.withUTF8 { bytes -> LocalDate? in
            guard bytes.count == 10,
                  let fields = CivilCalendar.scanDate(UnsafeRawBufferPointer(bytes)),
                  CivilCalendar.isValid(year: fields.year, month: fields.month, day: fields.day)
            else { return nil }
            return LocalDate(dayNumber: CivilCalendar.daysFromCivil(
                year: fields.year, month: fields.month, day: fields.day))
        }
    }

    /// The date `days` days later (earlier when negative), saturating at the supported range.
    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return LocalDate(dayNumber: days > 0 ? Int.max : Int.min) }
        return LocalDate(dayNumber: sum)
    }

    /// The same month and day `years` years later (earlier when negative).
    ///
    /// When that day does not exist in the target year — only February 29 — the result is the
    /// last day of the month: 2024-02-29 + 1 year = 2025-02-28. Years outside 1...9999 saturate
    /// to 0001-01-01 or 9999-12-31.
    public func adding(years: Int) -> LocalDate {
        let c = CivilCalendar.civilFromDays(dayNumber)
        let (target, overflow) = c.year.addingReportingOverflow(years)
        if overflow || target > 9999 { return LocalDate(dayNumber: Int.max) }
        if target < 1 { return LocalDate(dayNumber: Int.min) }
        let day = Swift.min(c.day, CivilCalendar.daysInMonth(year: target, month: c.month))
        return LocalDate(dayNumber: CivilCalendar.daysFromCivil(year: target, month: c.month, day: day))
    }

    /// Calendar days from `other` to `self`: positive when `self` is later.
    ///
    /// `LocalDate(2026-03-04).days(since: LocalDate(2026-03-01))` is 3.
    public func days(since other: LocalDate) -> Int {
        dayNumber - other.dayNumber   // both are within validDayNumbers, so this cannot overflow
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }
}

/// Integer proleptic-Gregorian arithmetic shared by the time layer (internal).
enum CivilCalendar {
    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a (valid) civil date.
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400                                              // [0, 399]
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1  // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                      // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's `civil_from_days`. `days` must be within `LocalDate.validDayNumbers`
    /// (or at least far from `Int` overflow); all callers guarantee that.
    @inline(__always)
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365      // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                    // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11]
        let day = doy - (153 * mp + 2) / 5 + 1                               // [1, 31]
        let month = mp < 10 ? mp + 3 : mp - 9                                // [1, 12]
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    @inline(__always)
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    @inline(__always)
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether year/month/day name an existing date with year 1...9999.
    @inline(__always)
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12
            && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// Reads the ASCII decimal digits at `offset ..< offset + count`; -1 if any byte is not a digit.
    /// The caller guarantees the bytes exist.
    @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> Int {
        var value = 0
        var bad: UInt8 = 0
        for i in offset ..< offset + count {
            let d = bytes[i] &- 0x30
            bad |= d > 9 ? 1 : 0
            value = value &* 10 &+ Int(d)
        }
        return bad == 0 ? value : -1
    }

    /// Scans the layout `YYYY-MM-DD` at the start of `bytes` (which must hold at least 10 bytes)
    /// without validating the calendar; `nil` when the layout is off.
    @inline(__always)
    static func scanDate(_ bytes: UnsafeRawBufferPointer) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        let year = digits(bytes, 0, 4), month = digits(bytes, 5, 2), day = digits(bytes, 8, 2)
        guard year >= 0, month >= 0, day >= 0 else { return nil }
        return (year, month, day)
    }

    /// Writes `value` (0...9999 for 4 digits, 0...99 for 2) as zero-padded ASCII digits.
    @inline(__always)
    static func write(_ value: Int, digits count: Int, to p: UnsafeMutablePointer<UInt8>) {
        if count == 2 {
            write2(value, to: p)
        } else {
            write2(value / 100, to: p)
            write2(value % 100, to: p + 2)
        }
    }

    /// Writes `value` (0...99) as two ASCII digits.
    @inline(__always)
    static func write2(_ value: Int, to p: UnsafeMutablePointer<UInt8>) {
        p[0] = UInt8(truncatingIfNeeded: 0x30 + value / 10)
        p[1] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
    }

    /// Writes `YYYY-MM-DD` (10 bytes) to `p`.
    @inline(__always)
    static func writeDate(year: Int, month: Int, day: Int, to p: UnsafeMutablePointer<UInt8>) {
        write(year, digits: 4, to: p)
        p[4] = UInt8(ascii: "-")
        write(month, digits: 2, to: p + 5)
        p[7] = UInt8(ascii: "-")
        write(day, digits: 2, to: p + 8)
    }
}

extension ByteCursor {
    /// Writes `day` as `YYYY-MM-DD` (``LocalDate/description``).
    @inline(__always)
    mutating func date(_ day: LocalDate) {
        place(10) { day.writeText(to: $0) }
    }
}
