/// One instant's text (``OfficeTimeZone/format(_:)``, 25 bytes), kept to be written again while the
/// instant does not change.
struct InstantText {
    private var seconds: Int64?
    private var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    private mutating func update(_ instant: Instant, timeZone: OfficeTimeZone) {
        guard seconds != instant.seconds else { return }
        seconds = instant.seconds
        withUnsafeMutableBytes(of: &text) { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            timeZone.write(instant, to: base)
        }
    }

    /// Writes `instant`'s text, made again only when it differs from the last one.
    mutating func write(_ instant: Instant, timeZone: OfficeTimeZone, to out: inout ByteCursor) {
        update(instant, timeZone: timeZone)
        withUnsafeBytes(of: &text) { raw in
            out.bytes(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: OfficeTimeZone.formattedLength))
        }
    }
}
