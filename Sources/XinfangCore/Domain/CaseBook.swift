/// The state of every case, built by folding journal events in order, with the lifecycle rules enforced.
///
/// The same fold serves the writers (which check a new event with
/// ``check(_:)`` before writing it), `audit --verify` (which reports any
/// event the rules refuse) and the figures (`stats`, `audit`).
///
/// ```swift
/// var book = CaseBook(policy: policy)
/// try book.apply(event)        // throws LifecycleError when the event breaks the rules
/// ```
/// - Complexity: memory grows with the number of cases, not events.
public struct CaseBook: Sendable {
    public let policy: Policy
    /// Whether summaries and petitioners are kept (writers need them; the figures do not).
    public let retainTexts: Bool
    /// Cases in order of filing.
    public private(set) var cases: [CaseRecord] = []
    private var indexByID = CaseIndex()

    public init(policy: Policy, retainTexts: Bool = true) {
        self.policy = policy
        self.retainTexts = retainTexts
    }

    /// The case with `id`, if it was filed.
    public subscript(id: String) -> CaseRecord? {
        indexByID[id].map { cases[$0] }
    }

    /// The number of cases.
    public var count: Int { cases.count }

    /// Checks that `event` may happen now, without recording it.
    /// - Throws: ``LifecycleError`` naming the case and its state.
    public func check(_ event: JournalEvent) throws(LifecycleError) {
        _ = try transition(event)
    }

    /// Records `event`.
    /// - Throws: ``LifecycleError`` (and records nothing) when the event breaks the lifecycle.
    public mutating func apply(_ event: JournalEvent) throws(LifecycleError) {
        let (index, record) = try transition(event)
        if let index {
            cases[index] = record
        } else {
            indexByID[record.id] = cases.count
            cases.append(record)
        }
    }

    /// The case's record after `event`, and its index (nil for a new case).
    private func transition(_ event: JournalEvent) throws(LifecycleError) -> (Int?, CaseRecord) {
        let id = event.caseID
        let zone = policy.timeZone
        if case .filed(let filing) = event.payload {
            guard indexByID[id] == nil else { throw LifecycleError(caseID: id, message: "was already filed") }
            return (nil, CaseRecord(id: id, filing: filing, at: event.at, timeZone: zone, retainTexts: retainTexts))
        }
        guard let index = indexByID[id] else { throw LifecycleError.neverFiled(id) }
        var record = cases[index]
        // Only refusals need the state in words: computed when one is thrown, not for every event.
        // Every refusal below comes before `record` is changed.
        var state: String { record.stateDescription(timeZone: zone) }
        guard event.at >= record.lastAt else {
            throw LifecycleError(caseID: id, message: "is \(state): \"at\" \(zone.format(event.at)) is earlier than its latest event (\(record.lastEvent.rawValue) \(zone.format(record.lastAt)))")
        }
        switch event.payload {
        case .filed:
            break  // handled above
        case .assigned(let assignment):
            switch record.phase {
            case .closed:
                throw LifecycleError(caseID: id, message: "is \(state): a closed case is not assigned again; return it for redo with \"return\": true and a \"reason\"")
            case .filed:
                record.firstAssigned = event.at
            case .open:
                guard assignment.unit != record.unit else {
                    throw LifecycleError(caseID: id, message: "is \(state) already")
                }
            }
            record.phase = .open
            record.unit = assignment.unit
            record.clockStart = event.at
            record.extensionDays = 0
            record.extended = false
        case .returned(let ret):
            guard record.phase == .closed else {
                throw LifecycleError(caseID: id, message: "is \(state): only a closed case can be returned for redo")
            }
            record.phase = .open
            record.unit = ret.unit
            record.clockStart = event.at
            record.extensionDays = 0
            record.extended = false
            record.closedAt = nil
            record.verdict = nil
            record.verdictAt = nil
            record.returns += 1
        case .replied(let reply):
            switch record.phase {
            case .filed: throw LifecycleError(caseID: id, message: "is \(state): a reply needs an assigned case")
            case .closed: throw LifecycleError(caseID: id, message: "is \(state): a closed case takes no more replies; return it for redo first")
            case .open: break
            }
            guard reply.unit == record.unit else {
                throw LifecycleError(caseID: id, message: "is \(state): the reply comes from \(reply.unit), not from the unit in charge")
            }
            if reply.closes {
                record.phase = .closed
                record.closedAt = event.at
            }
        case .extended(let ext):
            guard record.phase == .open else {
                throw LifecycleError(caseID: id, message: "is \(state): only an open case can be extended")
            }
            guard ext.unit == record.unit else {
                throw LifecycleError(caseID: id, message: "is \(state): the extension is asked by \(ext.unit), not by the unit in charge")
            }
            guard !record.extended else {
                throw LifecycleError(caseID: id, message: "is \(state) and was already extended by \(record.extensionDays) days in this assignment; one extension per assignment")
            }
            guard ext.days >= 1, ext.days <= policy.maxExtensionDays else {
                throw LifecycleError(caseID: id, message: "is \(state): an extension of \(ext.days) days is over the limit of \(policy.maxExtensionDays)")
            }
            record.extended = true
            record.extensionDays = ext.days
        case .rated(let verdict):
            guard record.phase == .closed else {
                throw LifecycleError(caseID: id, message: "is \(state): only a closed case can be rated")
            }
            record.verdict = verdict.satisfaction
            record.verdictAt = event.at
        }
        record.lastAt = event.at
        record.lastEvent = event.kind
        return (index, record)
    }
}
