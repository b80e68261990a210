/// State built from the journal's events, which a writing verb consults before adding its own.
public protocol JournalFold {
    /// Records `event`, or throws when the event breaks the lifecycle (and then records nothing).
    mutating func apply(_ event: JournalEvent) throws(LifecycleError)
}

extension CaseBook: JournalFold {}
