// Timestamp parsing: the accepted input forms, in the office time zone.
//
// Accepted by `parseTimestamp(_:)` (D = digit; `T` may also be `t` or a space; `Z` may be `z`):
//   YYYY-MM-DD                        start of that day in the office time zone
//   YYYY-MM-DDTHH:MM                  office-local wall time (minutes only)
//   YYYY-MM-DDTHH:MM:SS[.D+]          office-local wall time
//   YYYY-MM-DDTHH:MM:SS[.D+]Z         RFC 3339, UTC
//   YYYY-MM-DDTHH:MM:SS[.D+]±HH:MM    RFC 3339, explicit offset
// Fractional seconds are truncated (09:15:00.999 is 09:15:00). A leap second :60 is accepted
// (RFC 3339 allows it) and read as :59 of the same minute, so it never changes the date.
// Local wall times go through `OfficeTimeZone.instant(localDate:hour:minute:second:)` and its
// gap/overlap rule. Nothing else is accepted: no surrounding whitespace, no minutes-only time
// with an offset, no ISO week dates, no non-ASCII digits.
//
// `parseTimestamp(bytes:)` is the journal reader's hot path: the layouts with a time zone only
// (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.D+]Z`, `YYYY-MM-DDTHH:MM:SS[.D+]±HH:MM`, `T` also `t` or
// a space, `Z` also `z`), no Foundation, no allocation. Whatever it accepts,
// `parseTimestamp(_:)` accepts with the same result; on `nil` a caller can fall back to
// `parseTimestamp(_:)` for the lenient forms and for an error message.

/// Why a text is not an acceptable date or date-time.
public enum TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The layout is not one of the accepted forms. Carries the whole input.
    case notADate(String)
    /// The layout is right but the date does not exist (2026-02-30, 2026-13-01, 2026-00-10,
    /// year 0000). Carries the `YYYY-MM-DD` part.
    case nonexistentDate(String)
    /// Hour above 23, minute above 59 or second above 60. Carries the time part as written.
    case invalidTime(String)
    /// Offset hours above 23 or minutes above 59. Carries the offset as written.
    case invalidOffset(String)

    public var description: String {
        switch self {
        case .notADate(let text):
            return "not a date or date-time: \(TimeText.quoted(text)) (expected YYYY-MM-DD, "
                + "YYYY-MM-DD HH:MM[:SS] or RFC 3339 such as 2026-03-04T09:15:00+08:00)"
        case .nonexistentDate(let text):
            return "\(TimeText.quoted(text)) is not a date" + TimeText.dateProblem(text)
        case .invalidTime(let text):
            return "\(TimeText.quoted(text)) is not a valid time of day "
                + "(hours 00-23, minutes 00-59, seconds 00-60)"
        case .invalidOffset(let text):
            return "\(TimeText.quoted(text)) is not a valid UTC offset "
                + "(expected Z or +HH:MM/-HH:MM with hours 00-23 and minutes 00-59)"
        }
    }
}

extension OfficeTimeZone {
    /// Parses any accepted form (see the top of this file) into an instant; date-times without
    /// an offset and plain dates are read in this time zone.
    public func parseTimestamp(_ text: String) -> Result<Instant, TimestampError> {
        var utf8Text = text
        return utf8Text.withUTF8 { buffer -> Result<Instant, TimestampError> in
            let bytes = UnsafeRawBufferPointer(buffer)
            guard let f = TimestampScanner.scan(bytes) else { return .failure(.notADate(text)) }
            guard CivilCalendar.isValid(year: f.year, month: f.month, day: f.day) else {
                return .failure(.nonexistentDate(TimeText.ascii(bytes, 0 ..< 10)))
            }
            guard f.hour <= 23, f.minute <= 59, f.second <= 60 else {
                return .failure(.invalidTime(TimeText.ascii(bytes, f.timeRange)))
            }
            let days = Int64(CivilCalendar.daysFromCivil(year: f.year, month: f.month, day: f.day))
            let second = Swift.min(f.second, 59)
            guard let offset = f.offset else {
                if !f.hasTime { return .success(startOfDay(LocalDate(dayNumber: Int(days)))) }
                return .success(instant(localDate: LocalDate(dayNumber: Int(days)),
                                        hour: f.hour, minute: f.minute, second: second))
            }
            guard offset.hours <= 23, offset.minutes <= 59 else {
                return .failure(.invalidOffset(TimeText.ascii(bytes, f.offsetRange)))
            }
            let offsetSeconds = Int64(offset.hours * 3_600 + offset.minutes * 60)
            let local = days * 86_400 + Int64(f.hour * 3_600 + f.minute * 60 + second)
            return .success(Instant(seconds: offset.negative ? local + offsetSeconds : local - offsetSeconds))
        }
    }

    /// Hot-path parser for the layouts with a time zone only — `YYYY-MM-DDTHH:MM:SS+HH:MM`,
    /// `YYYY-MM-DDTHH:MM:SSZ` (either with a fraction of a second after the seconds, as
    /// Python's `isoformat()` writes, truncated) and `YYYY-MM-DD` (start of day in this time
    /// zone) — `T` also `t` or a space (as Python's `str()` writes), `Z` also `z`, no surrounding bytes.
    ///
    /// Returns `nil` if anything is off (layout, calendar, range); never traps, allocates or
    /// calls Foundation (a plain date in a year outside 1900…2100 may consult Foundation for the
    /// offset). Agrees with `parseTimestamp(_:)` on everything it accepts.
    public func parseTimestamp(bytes: UnsafeRawBufferPointer) -> Instant? {
        let n = bytes.count
        guard n == 10 || n >= 20, let date = CivilCalendar.scanDate(bytes),
              CivilCalendar.isValid(year: date.year, month: date.month, day: date.day) else { return nil }
        let days = CivilCalendar.daysFromCivil(year: date.year, month: date.month, day: date.day)
        if n == 10 { return startOfDay(LocalDate(dayNumber: days)) }
        guard TimestampScanner.isDateTimeSeparator(bytes[10]), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":") else { return nil }
        let hour = CivilCalendar.digits(bytes, 11, 2)
        let minute = CivilCalendar.digits(bytes, 14, 2)
        let second = CivilCalendar.digits(bytes, 17, 2)
        // `digits` returns -1 for a non-digit, which the unsigned comparison also refuses.
        guard UInt(bitPattern: hour) <= 23, UInt(bitPattern: minute) <= 59,
              UInt(bitPattern: second) <= 60, let zone = TimestampScanner.zoneStart(bytes) else { return nil }
        let local = days * 86_400 + hour * 3_600 + minute * 60 + Swift.min(second, 59)
        if n == zone + 1 {
            guard bytes[zone] | 0x20 == UInt8(ascii: "z") else { return nil }
            return Instant(seconds: Int64(local))
        }
        guard n == zone + 6 else { return nil }
        let sign = bytes[zone]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[zone + 3] == UInt8(ascii: ":") else { return nil }
        let offsetHours = CivilCalendar.digits(bytes, zone + 1, 2)
        let offsetMinutes = CivilCalendar.digits(bytes, zone + 4, 2)
        guard UInt(bitPattern: offsetHours) <= 23, UInt(bitPattern: offsetMinutes) <= 59 else { return nil }
        let offset = offsetHours * 3_600 + offsetMinutes * 60
        return Instant(seconds: Int64(sign == UInt8(ascii: "+") ? local - offset : local + offset))
    }

    /// Parses a `--from`/`--to`/`--as-of` style date: strictly `YYYY-MM-DD`.
    public func parseDate(_ text: String) -> Result<LocalDate, TimestampError> {
        var utf8Text = text
        return utf8Text.withUTF8 { buffer -> Result<LocalDate, TimestampError> in
            let bytes = UnsafeRawBufferPointer(buffer)
            guard bytes.count == 10, let f = CivilCalendar.scanDate(bytes) else {
                return .failure(.notADate(text))
            }
            guard let date = LocalDate(year: f.year, month: f.month, day: f.day) else {
                return .failure(.nonexistentDate(text))
            }
            return .success(date)
        }
    }
}

/// The lenient layout scanner behind `parseTimestamp(_:)` (internal).
enum TimestampScanner {
    struct Offset {
        var negative: Bool
        var hours: Int
        var minutes: Int
    }

    struct Fields {
        var year: Int, month: Int, day: Int
        var hasTime = false
        var hour = 0, minute = 0, second = 0
        /// nil: no offset written (office-local time).
        var offset: Offset?
        var timeRange = 0 ..< 0
        var offsetRange = 0 ..< 0
    }

    /// Whether `byte` may stand between a date and its time: `T`, `t` or a space (Python's
    /// `str()` of a `datetime` writes `2026-03-04 09:15:00+08:00`).
    @inline(__always)
    static func isDateTimeSeparator(_ byte: UInt8) -> Bool {
        byte | 0x20 == UInt8(ascii: "t") || byte == UInt8(ascii: " ")
    }

    /// Where the time zone starts in a date-time of at least 20 bytes: after the seconds
    /// (index 19) and their fraction, if any (`.` and at least one digit). Nil for a `.` without digits.
    @inline(__always)
    static func zoneStart(_ b: UnsafeRawBufferPointer) -> Int? {
        guard b[19] == UInt8(ascii: ".") else { return 19 }
        var p = 20
        while p < b.count && b[p] &- 0x30 <= 9 { p += 1 }
        return p > 20 ? p : nil
    }

    /// Checks the layout only (digits where digits belong, separators); ranges are validated
    /// by the caller. `nil` means the layout is not an accepted form.
    static func scan(_ b: UnsafeRawBufferPointer) -> Fields? {
        let n = b.count
        guard n >= 10, let date = CivilCalendar.scanDate(b) else { return nil }
        var f = Fields(year: date.year, month: date.month, day: date.day)
        if n == 10 { return f }
        guard isDateTimeSeparator(b[10]), n >= 16, b[13] == UInt8(ascii: ":") else { return nil }
        f.hour = CivilCalendar.digits(b, 11, 2)
        f.minute = CivilCalendar.digits(b, 14, 2)
        guard f.hour >= 0, f.minute >= 0 else { return nil }
        f.hasTime = true
        f.timeRange = 11 ..< 16
        if n == 16 { return f }                              // HH:MM, office-local
        guard n >= 19, b[16] == UInt8(ascii: ":") else { return nil }
        f.second = CivilCalendar.digits(b, 17, 2)
        guard f.second >= 0 else { return nil }
        var pos = 19
        if pos < n {
            guard let zone = zoneStart(b) else { return nil }
            pos = zone
        }
        f.timeRange = 11 ..< pos
        if pos == n { return f }                             // HH:MM:SS[.f], office-local
        let c = b[pos]
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
            guard pos + 1 == n else { return nil }
            f.offset = Offset(negative: false, hours: 0, minutes: 0)
            f.offsetRange = pos ..< n
            return f
        }
        guard c == UInt8(ascii: "+") || c == UInt8(ascii: "-"), n == pos + 6,
              b[pos + 3] == UInt8(ascii: ":") else { return nil }
        let hours = CivilCalendar.digits(b, pos + 1, 2)
        let minutes = CivilCalendar.digits(b, pos + 4, 2)
        guard hours >= 0, minutes >= 0 else { return nil }
        f.offset = Offset(negative: c == UInt8(ascii: "-"), hours: hours, minutes: minutes)
        f.offsetRange = pos ..< n
        return f
    }
}

/// Helpers for putting user-supplied text into error messages (internal).
enum TimeText {
    /// `text` in double quotes, at most 64 characters (then `…`), with quotes, backslashes,
    /// control characters and bidirectional-override characters escaped, so a hostile input
    /// cannot forge or hide parts of a message or a log line.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 64 {
                out += "…"
                break
            }
            count += 1
            let v = scalar.value
            switch v {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x00 ..< 0x20, 0x7F ..< 0xA0, 0x200E, 0x200F, 0x2028, 0x2029,
                 0x202A ... 0x202E, 0x2066 ... 0x2069, 0xFEFF:
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The bytes in `range` as a String (they are ASCII: the scanner checked them).
    static func ascii(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Why a `YYYY-MM-DD` text is not a date, as a parenthesised suffix; empty if unknown.
    static func dateProblem(_ text: String) -> String {
        var utf8Text = text
        let fields = utf8Text.withUTF8 { buffer in
            buffer.count == 10 ? CivilCalendar.scanDate(UnsafeRawBufferPointer(buffer)) : nil
        }
        guard let f = fields else { return "" }
        if f.year < 1 { return " (years run from 0001 to 9999)" }
        if f.month < 1 || f.month > 12 { return " (months run from 01 to 12)" }
        let last = CivilCalendar.daysInMonth(year: f.year, month: f.month)
        if f.day < 1 || f.day > last {
            return " (\(text.prefix(7)) has \(last) days)"
        }
        return ""
    }
}
