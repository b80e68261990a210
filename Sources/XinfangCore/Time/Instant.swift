// Instant: a point on the UTC timeline with whole-second precision.

import Foundation

/// A point in time, as whole seconds since 1970-01-01T00:00:00Z (the Unix epoch).
///
/// Sub-second precision is deliberately dropped everywhere in xinfang: timestamps are read
/// with their fractional seconds truncated and written without any.
///
/// Any `Int64` is a valid value. Time-zone operations (`OfficeTimeZone.format(_:)`,
/// `OfficeTimeZone.localDate(of:)`) clamp instants to the years 0001…9999 so they never trap.
public struct Instant: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z; negative before it.
    public var seconds: Int64

    /// Creates the instant `seconds` seconds after the Unix epoch.
    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// Creates the instant of the whole second containing `date`.
    ///
    /// The fraction is dropped towards the past (1.7 → 1, −0.5 → −1), the same as truncating
    /// the written fraction of a timestamp. Values beyond the `Int64` range saturate;
    /// a NaN date maps to the epoch.
    public init(_ date: Date) {
        let t = date.timeIntervalSince1970.rounded(.down)
        if t.isNaN {
            seconds = 0
        } else if t >= 9_223_372_036_854_775_808.0 {        // 2^63: not representable in Int64
            seconds = .max
        } else if t < -9_223_372_036_854_775_808.0 {
            seconds = .min
        } else {
            seconds = Int64(t)
        }
    }

    /// The same instant as a Foundation `Date`.
    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.seconds < rhs.seconds
    }
}
