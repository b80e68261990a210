/// The exit statuses every verb uses (SPEC §4).
public enum ExitStatus: Int32, Sendable {
    /// Everything applied.
    case success = 0
    /// Some input lines were rejected; the rest applied.
    case someRejected = 1
    /// A usage error: nothing done.
    case usage = 2
    /// The journal or policy is unreadable, corrupt or unwritable (also: `audit --verify` found a problem).
    case journal = 3
}
