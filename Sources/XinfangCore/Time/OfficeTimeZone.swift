// OfficeTimeZone: the office's IANA time zone, precomputed into an immutable offset table.
//
// Offsets: `init` asks Foundation once for every UTC-offset transition between
// 1900-01-01T00:00:00Z and 2101-01-01T00:00:00Z (`TimeZone.nextDaylightSavingTimeTransition
// (after:)`, which reports standard-offset changes as well as DST ones) and stores them as two
// immutable arrays: transition start (epoch seconds) and the offset that applies from it.
// `offset(at:)` then never calls Foundation inside that window:
//   * at or after the last transition — a constant (for Asia/Shanghai that is every instant
//     since 1991-09-14; for a zone with no transitions after 2100 the constant also covers
//     all later instants);
//   * earlier inside the window — a binary search over the table (Europe/Berlin: ~270 entries,
//     at most 9 probes).
// Outside the window (before 1900, or after 2100 in a zone that still has DST rules) the
// stored Foundation `TimeZone` is asked. Those instants do not occur in the office's journals.
//
// Local time → instant (gap/overlap rule), the same as Foundation's `Calendar.date(from:)`:
//   * a wall time skipped by a forward jump (spring gap) is read with the offset in force
//     before the jump, which moves it forward by the gap length:
//     Europe/Berlin 2026-03-29 02:30 → 2026-03-29T03:30:00+02:00;
//   * a wall time that occurs twice (autumn overlap) takes the earlier instant:
//     Europe/Berlin 2026-10-25 02:30 → 2026-10-25T02:30:00+02:00 (not +01:00).
//
// Output offsets: RFC 3339 offsets have whole minutes. Some historical local-mean-time offsets
// (Asia/Shanghai before 1901: +08:05:43) do not; those are written truncated to the minute
// (+08:05) with the local time computed from the written offset, so the text still names the
// exact instant.

import Foundation

/// Why an office time zone identifier was refused.
public enum OfficeTimeZoneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a time zone identifier this system knows (or not shaped like one at all).
    case unknownIdentifier(String)
    /// A name the system knows but which is not an IANA `Area/Location` identifier: an
    /// abbreviation such as `CST` or `EST`, or a legacy alias such as `PRC` or `GMT+8`.
    /// Abbreviations are ambiguous (CST is China, US Central and Cuba Standard Time).
    case notAnIANAIdentifier(String)

    public var description: String {
        switch self {
        case .unknownIdentifier(let id):
            return "unknown time zone identifier \(TimeText.quoted(id)) "
                + "(use an IANA identifier such as Asia/Shanghai)"
        case .notAnIANAIdentifier(let id):
            return "time zone \(TimeText.quoted(id)) is an abbreviation or legacy alias, "
                + "not an IANA Area/Location identifier (use e.g. Asia/Shanghai, or UTC)"
        }
    }
}

/// The office's time zone: converts between instants and office-local dates and times, and
/// formats instants as RFC 3339 with the office's offset at that instant.
///
/// The value is immutable after `init` and cheap to copy (it shares its offset table).
/// See the comment at the top of this file for the offset table and the gap/overlap rule.
public struct OfficeTimeZone: Sendable {
    /// Asia/Shanghai (UTC+08:00, no DST since 1991), the default office time zone.
    ///
    /// Should the platform lack time zone data, this falls back to a fixed +08:00 zone with the
    /// same identifier (correct for every instant since 1991-09-14) rather than trapping.
    public static let shanghai: OfficeTimeZone = {
        do {
            return try OfficeTimeZone(identifier: "Asia/Shanghai")
        } catch {
            return OfficeTimeZone(fixedIdentifier: "Asia/Shanghai", offsetSeconds: 28_800)
        }
    }()

    /// The IANA identifier as given, e.g. `Asia/Shanghai`.
    public let identifier: String

    // Offset table: `offsets[i]` applies from `starts[i]` (inclusive) up to `starts[i + 1]`.
    // `starts` is strictly increasing and never empty; `starts[0]` is the table start.
    private let starts: [Int64]
    private let offsets: [Int32]
    /// `starts.last` and its offset, kept apart for the constant fast path.
    private let tailStart: Int64
    private let tailOffset: Int
    /// The tail offset holds for `tailStart ..< tailEnd` (`Int64.max`: for ever).
    private let tailEnd: Int64
    /// Consulted outside the table's window; `nil` for the built-in fixed fallback zone.
    private let foundationZone: TimeZone?

    /// 1900-01-01T00:00:00Z and 2101-01-01T00:00:00Z: the window the table covers.
    static let tableStart: Int64 = -2_208_988_800
    static let tableEnd: Int64 = 4_133_980_800
    /// Instants are clamped to 0001-01-02T00:00:00Z ... 9999-12-30T23:59:59Z before being
    /// converted to local time, so every local date has a four-digit year in 1...9999.
    static let earliestLocalizable: Int64 = -62_135_596_800 + 86_400
    static let latestLocalizable: Int64 = 253_402_300_799 - 86_400
    /// The instants ``format(_:)`` writes exactly and ``parseTimestamp(_:)`` reads back: 0001-01-02 to 9999-12-30 UTC.
    public static let writableRange: ClosedRange<Int64> = earliestLocalizable...latestLocalizable

    /// Creates the office time zone for an IANA identifier such as `Asia/Shanghai` or
    /// `Europe/Berlin`, or `UTC`.
    ///
    /// Throws ``OfficeTimeZoneError/unknownIdentifier(_:)`` for anything `TimeZone(identifier:)`
    /// does not know, and ``OfficeTimeZoneError/notAnIANAIdentifier(_:)`` for abbreviations and
    /// legacy aliases without a `/` (`CST`, `EST`, `PRC`, `GMT+8`); `UTC` is the one exception.
    /// Identifiers are matched case-sensitively, exactly as IANA spells them.
    public init(identifier: String) throws(OfficeTimeZoneError) {
        guard Self.isWellFormed(identifier) else { throw .unknownIdentifier(identifier) }
        guard let zone = TimeZone(identifier: identifier) else { throw .unknownIdentifier(identifier) }
        guard identifier == "UTC" || identifier.utf8.contains(UInt8(ascii: "/")) else {
            throw .notAnIANAIdentifier(identifier)
        }
        self.identifier = identifier
        self.foundationZone = zone

        var starts: [Int64] = [Self.tableStart]
        var offsets: [Int32] = [Self.clampedOffset(zone.secondsFromGMT(for: Self.date(Self.tableStart)))]
        var cursor = Self.date(Self.tableStart)
        var complete = false      // reached the end of Foundation's transitions
        var reachedEnd = false    // saw a transition at or after tableEnd
        var remaining = 10_000    // far more than any zone has in two centuries
        while remaining > 0 {
            remaining -= 1
            guard let next = zone.nextDaylightSavingTimeTransition(after: cursor) else {
                complete = true
                break
            }
            let t = next.timeIntervalSince1970
            guard t.isFinite, t > cursor.timeIntervalSince1970 else { break }
            // The first whole second at or after the transition carries the new offset.
            let up = t.rounded(.up)
            if up >= Double(Self.tableEnd) {
                reachedEnd = true
                break
            }
            let seconds = Int64(up)   // within (1900, 2101): exact
            let offset = Self.clampedOffset(zone.secondsFromGMT(for: Self.date(seconds)))
            if seconds <= starts[starts.count - 1] {
                offsets[offsets.count - 1] = offset
            } else if offset != offsets[offsets.count - 1] {
                starts.append(seconds)
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        self.tailStart = starts[starts.count - 1]
        self.tailOffset = Int(offsets[offsets.count - 1])
        if complete {
            tailEnd = .max                 // no transitions after the table: fixed for ever
        } else if reachedEnd {
            tailEnd = Self.tableEnd        // DST continues after 2100: ask Foundation there
        } else {
            tailEnd = tailStart            // table incomplete: ask Foundation after its last entry
        }
    }

    /// A zone with one fixed offset at every instant (fallback for `shanghai` only).
    private init(fixedIdentifier: String, offsetSeconds: Int) {
        identifier = fixedIdentifier
        starts = [.min]
        offsets = [Self.clampedOffset(offsetSeconds)]
        tailStart = .min
        tailOffset = Int(offsets[0])
        tailEnd = .max
        foundationZone = nil
    }

    /// The office's offset from UTC at `instant`, in seconds east of UTC (Shanghai: 28800).
    public func offset(at instant: Instant) -> Int {
        let s = instant.seconds
        if s >= tailStart {
            if s < tailEnd { return tailOffset }
            return foundationOffset(s)
        }
        if s < starts[0] { return foundationOffset(s) }
        // Invariant: starts[lo] <= s < starts[hi].
        var lo = 0
        var hi = starts.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= s { lo = mid } else { hi = mid }
        }
        return Int(offsets[lo])
    }

    /// The office-local calendar date at `instant`.
    public func localDate(of instant: Instant) -> LocalDate {
        let s = Self.localizable(instant.seconds)
        let local = s + Int64(offset(at: Instant(seconds: s)))
        return LocalDate(dayNumber: Int(Self.floorDiv(local, 86_400)))
    }

    /// The first instant of `date` in the office time zone: local midnight, or — in a zone whose
    /// clocks skip midnight — the first instant after the skipped hour.
    public func startOfDay(_ date: LocalDate) -> Instant {
        instant(localDate: date, hour: 0, minute: 0, second: 0)
    }

    /// The instant at which the office's wall clock shows `localDate` `hour:minute:second`.
    ///
    /// Components are not range-checked here (the parsers do that): out-of-range values carry
    /// over like `Calendar` does (`hour: 24` is midnight of the next day); absurd magnitudes
    /// saturate instead of overflowing.
    ///
    /// Gap/overlap rule: a wall time skipped by a forward jump is read with the offset in force
    /// before the jump, moving it forward by the gap (Berlin 2026-03-29 02:30 → 03:30+02:00);
    /// a wall time that occurs twice resolves to the earlier instant (Berlin 2026-10-25 02:30 →
    /// 02:30+02:00). This matches Foundation's `Calendar.date(from:)`.
    public func instant(localDate: LocalDate, hour: Int, minute: Int, second: Int) -> Instant {
        let bound = 1 << 40   // keeps every product and the sum far inside Int64
        let h = Int64(Swift.min(Swift.max(hour, -bound), bound))
        let m = Int64(Swift.min(Swift.max(minute, -bound), bound))
        let s = Int64(Swift.min(Swift.max(second, -bound), bound))
        let local = Int64(localDate.dayNumber) * 86_400 + h * 3_600 + m * 60 + s
        return Instant(seconds: resolve(localSeconds: local))
    }

    /// Calendar days from the office-local date of `instant` to `date` ("days since X as of D").
    public func days(since instant: Instant, asOf date: LocalDate) -> Int {
        date.days(since: localDate(of: instant))
    }

    /// `instant` as RFC 3339 with the office's offset at that instant, always 25 characters:
    /// `2026-03-04T09:15:00+08:00`. A zero offset prints as `+00:00`, never `Z`.
    public func format(_ instant: Instant) -> String {
        String(unsafeUninitializedCapacity: Self.formattedLength) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            write(instant, to: base)
            return Self.formattedLength
        }
    }

    /// Appends exactly the bytes of ``format(_:)`` (25 ASCII bytes) to `buffer` without creating
    /// a `String`; for the NDJSON writer's hot path.
    public func format(_ instant: Instant, into buffer: inout [UInt8]) {
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)   // 32 bytes on the stack
        withUnsafeMutableBytes(of: &scratch) { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            write(instant, to: base)
            buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: Self.formattedLength))
        }
    }

    // MARK: - Internals

    static let formattedLength = 25

    /// Writes the 25 bytes of the RFC 3339 form of `instant` to `p`.
    @inline(__always)
    func write(_ instant: Instant, to p: UnsafeMutablePointer<UInt8>) {
        let s = Self.localizable(instant.seconds)
        let offsetMinutes = offset(at: Instant(seconds: s)) / 60   // truncates toward zero
        let local = s + Int64(offsetMinutes * 60)
        let days = Self.floorDiv(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let c = CivilCalendar.civilFromDays(Int(days))
        CivilCalendar.writeDate(year: c.year, month: c.month, day: c.day, to: p)
        p[10] = UInt8(ascii: "T")
        CivilCalendar.write(secondOfDay / 3_600, digits: 2, to: p + 11)
        p[13] = UInt8(ascii: ":")
        CivilCalendar.write(secondOfDay / 60 % 60, digits: 2, to: p + 14)
        p[16] = UInt8(ascii: ":")
        CivilCalendar.write(secondOfDay % 60, digits: 2, to: p + 17)
        p[19] = offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        let magnitude = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes
        CivilCalendar.write(magnitude / 60, digits: 2, to: p + 20)
        p[22] = UInt8(ascii: ":")
        CivilCalendar.write(magnitude % 60, digits: 2, to: p + 23)
    }

    /// Resolves a wall-clock reading (local seconds since 1970-01-01T00:00 local) to an instant
    /// by the gap/overlap rule documented on `instant(localDate:hour:minute:second:)`.
    func resolve(localSeconds local: Int64) -> Int64 {
        // Fast path: no transition within two days either side (Shanghai after 1991).
        if local - 172_800 >= tailStart && local + 172_800 < tailEnd {
            return local - Int64(tailOffset)
        }
        // Real offsets are within ±26 h, so the offsets in force a day before and a day after
        // the wall time bracket every candidate instant.
        let before = offset(at: Instant(seconds: local - 86_400))
        let after = offset(at: Instant(seconds: local + 86_400))
        let a = local - Int64(before)
        let b = local - Int64(after)
        let aHolds = offset(at: Instant(seconds: a)) == before
        let bHolds = offset(at: Instant(seconds: b)) == after
        switch (aHolds, bHolds) {
        case (true, true): return Swift.min(a, b)    // overlap (or no transition): earlier
        case (true, false): return a
        case (false, true): return b
        case (false, false): return a                // gap: offset before the jump
        }
    }

    private func foundationOffset(_ seconds: Int64) -> Int {
        guard let zone = foundationZone else {
            return seconds < starts[0] ? Int(offsets[0]) : tailOffset
        }
        let clamped = Swift.min(Swift.max(seconds, Self.earliestLocalizable), Self.latestLocalizable)
        return Int(Self.clampedOffset(zone.secondsFromGMT(for: Self.date(clamped))))
    }

    private static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Offsets are kept strictly inside ±24 h so a local date is never more than a day away.
    private static func clampedOffset(_ seconds: Int) -> Int32 {
        Int32(Swift.min(Swift.max(seconds, -86_399), 86_399))
    }

    @inline(__always)
    static func localizable(_ seconds: Int64) -> Int64 {
        Swift.min(Swift.max(seconds, earliestLocalizable), latestLocalizable)
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The shape of an IANA identifier: 1–64 ASCII bytes of letters, digits, `_`, `-`, `+`,
    /// in `/`-separated non-empty segments that each start with a letter. Rejecting everything
    /// else before Foundation sees it keeps paths like `../x` and control characters away from
    /// the time zone database lookup.
    private static func isWellFormed(_ identifier: String) -> Bool {
        let bytes = identifier.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        var atSegmentStart = true
        for b in bytes {
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if atSegmentStart {
                guard isLetter else { return false }
                atSegmentStart = false
            } else if b == UInt8(ascii: "/") {
                atSegmentStart = true
            } else {
                let isDigit = b >= 0x30 && b <= 0x39
                guard isLetter || isDigit || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                        || b == UInt8(ascii: "+") else { return false }
            }
        }
        return !atSegmentStart
    }
}
