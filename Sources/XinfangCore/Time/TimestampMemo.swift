/// Reads the journal's timestamps from their bytes, remembering the last date and offset seen.
///
/// A journal's lines come in time order, so one line's `at` and `recorded`, and the lines around
/// it, nearly always share the date and the UTC offset: for the writer's layout
/// `YYYY-MM-DDTHH:MM:SS±HH:MM`, a date or an offset equal to the remembered one is recognised
/// with one or two compares of its bytes, and only the six time digits are read. The same layout
/// with a fraction of a second or with `Z`, and with `t` or a space for `T`, is read the same
/// way; everything else goes to ``OfficeTimeZone/parseTimestamp(bytes:)``, and the answers are
/// that method's.
struct TimestampMemo {
    /// The last valid date's ten bytes, as they load from memory, and its day number.
    private var dateLow: UInt64 = 0
    private var dateHigh: UInt16 = 0
    private var days = 0
    private var hasDate = false
    /// The last valid offset's six bytes (`+08:00`), and its seconds east of UTC.
    private var offsetLow: UInt32 = 0
    private var offsetHigh: UInt16 = 0
    private var offsetSeconds = 0
    private var hasOffset = false

    /// The instant of the `count` bytes at `b`, exactly as `zone.parseTimestamp(bytes:)` reads them.
    @inline(__always)
    mutating func instant(_ b: UnsafePointer<UInt8>, _ count: Int, zone: OfficeTimeZone) -> Instant? {
        // 25 bytes may also be another layout: `…:SS.1234Z`.
        if count == Self.writerLayoutCount, let instant = instant(writerLayout: b) { return instant }
        return instant(otherLayout: b, count) ?? zone.parseTimestamp(bytes: UnsafeRawBufferPointer(start: b, count: count))
    }

    /// ``instant(_:_:zone:)`` for the writer's layout with a fraction of a second
    /// (`2026-03-04T09:15:00.123456+08:00`, as Python's `isoformat()` writes a time with
    /// microseconds) or with `Z` for its offset: the seconds and the offset are copied into the
    /// writer's layout (`+00:00` for `Z`; the fraction is truncated, as the parsers do) and read
    /// through the memo. Nil for any other layout, and for a bad timestamp of these layouts.
    mutating func instant(otherLayout b: UnsafePointer<UInt8>, _ count: Int) -> Instant? {
        guard count >= 20, let zone = TimestampScanner.zoneStart(UnsafeRawBufferPointer(start: b, count: count)) else { return nil }
        var layout: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &layout) { raw -> Instant? in
            let out = raw.baseAddress!
            out.copyMemory(from: b, byteCount: 19)
            if count == zone + 6 {
                (out + 19).copyMemory(from: b + zone, byteCount: 6)
            } else if count == zone + 1, b[zone] | 0x20 == UInt8(ascii: "z") {
                out.storeBytes(of: Self.utcOffset.low, toByteOffset: 19, as: UInt32.self)
                out.storeBytes(of: Self.utcOffset.high, toByteOffset: 23, as: UInt16.self)
            } else {
                return nil
            }
            return instant(writerLayout: out.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// `+00:00` as it loads from memory: four bytes, then two.
    private static let utcOffset = (low: UInt32(littleEndian: 0x3A30_302B), high: UInt16(littleEndian: 0x3030))

    /// The length of the writer's layout, `YYYY-MM-DDTHH:MM:SS±HH:MM`.
    static let writerLayoutCount = 25

    /// ``instant(_:_:zone:)`` for ``writerLayoutCount`` bytes at `b`, which needs no time zone.
    /// (The journal decoder calls it without one: handing over its own would copy it, since the
    /// call changes the decoder that holds both.)
    @inline(__always)
    mutating func instant(writerLayout b: UnsafePointer<UInt8>) -> Instant? {
        let raw = UnsafeRawPointer(b)
        let low = raw.loadUnaligned(as: UInt64.self)
        let high = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if !hasDate || low != dateLow || high != dateHigh {
            let bytes = UnsafeRawBufferPointer(start: b, count: Self.writerLayoutCount)
            guard let date = CivilCalendar.scanDate(bytes),
                  CivilCalendar.isValid(year: date.year, month: date.month, day: date.day) else { return nil }
            days = CivilCalendar.daysFromCivil(year: date.year, month: date.month, day: date.day)
            (dateLow, dateHigh, hasDate) = (low, high, true)
        }
        let zoneLow = raw.loadUnaligned(fromByteOffset: 19, as: UInt32.self)
        let zoneHigh = raw.loadUnaligned(fromByteOffset: 23, as: UInt16.self)
        if !hasOffset || zoneLow != offsetLow || zoneHigh != offsetHigh {
            let sign = b[19]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), b[22] == UInt8(ascii: ":") else { return nil }
            let hours = Self.twoDigits(b, 20), minutes = Self.twoDigits(b, 23)
            guard UInt(bitPattern: hours) <= 23, UInt(bitPattern: minutes) <= 59 else { return nil }
            let seconds = hours * 3_600 + minutes * 60
            offsetSeconds = sign == UInt8(ascii: "+") ? seconds : -seconds
            (offsetLow, offsetHigh, hasOffset) = (zoneLow, zoneHigh, true)
        }
        guard TimestampScanner.isDateTimeSeparator(b[10]), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        let hour = Self.twoDigits(b, 11), minute = Self.twoDigits(b, 14), second = Self.twoDigits(b, 17)
        // A non-digit gives a negative value, which the unsigned comparison also refuses.
        guard UInt(bitPattern: hour) <= 23, UInt(bitPattern: minute) <= 59, UInt(bitPattern: second) <= 60 else { return nil }
        let local = days * 86_400 + hour * 3_600 + minute * 60 + Swift.min(second, 59)
        return Instant(seconds: Int64(local - offsetSeconds))
    }

    /// The two ASCII digits at `b[offset]`, or -1.
    @inline(__always)
    private static func twoDigits(_ b: UnsafePointer<UInt8>, _ offset: Int) -> Int {
        let tens = b[offset] &- 0x30, ones = b[offset + 1] &- 0x30
        guard tens <= 9, ones <= 9 else { return -1 }
        return Int(tens) * 10 + Int(ones)
    }
}
