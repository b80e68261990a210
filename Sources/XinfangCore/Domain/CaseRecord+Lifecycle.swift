/// The case lifecycle (SPEC §1, §3): which event may follow which, and what each one changes.
extension CaseRecord {
    /// Records `event` (any kind but `filed`) on this case.
    ///
    /// Every refusal is decided before anything changes, so a thrown error leaves the record as it was.
    /// - Throws: ``LifecycleError`` naming the case and its present state.
    mutating func record(_ event: JournalEvent, policy: Policy) throws(LifecycleError) {
        let id = self.id
        let zone = policy.timeZone
        // Only refusals need the state in words: computed when one is thrown, not for every event.
        var state: String { stateDescription(timeZone: zone) }
        guard event.at >= lastAt else {
            throw LifecycleError(caseID: id, message: "is \(state): \"at\" \(zone.format(event.at)) is earlier than its latest event (\(lastEvent.rawValue) \(zone.format(lastAt)))")
        }
        switch event.payload {
        case .filed:
            throw LifecycleError(caseID: id, message: "was already filed")
        case .assigned(let assignment):
            switch phase {
            case .closed:
                throw LifecycleError(caseID: id, message: "is \(state): a closed case is not assigned again; return it for redo with \"return\": true and a \"reason\"")
            case .filed:
                firstAssigned = event.at
            case .open:
                guard assignment.unit != unit else {
                    throw LifecycleError(caseID: id, message: "is \(state) already")
                }
            }
            startHandling(by: assignment.unit, at: event.at)
        case .returned(let ret):
            guard phase == .closed else {
                throw LifecycleError(caseID: id, message: "is \(state): only a closed case can be returned for redo")
            }
            startHandling(by: ret.unit, at: event.at)
            closedAt = nil
            verdict = nil
            verdictAt = nil
            returns += 1
        case .replied(let reply):
            switch phase {
            case .filed: throw LifecycleError(caseID: id, message: "is \(state): a reply needs an assigned case")
            case .closed: throw LifecycleError(caseID: id, message: "is \(state): a closed case takes no more replies; return it for redo first")
            case .open: break
            }
            guard reply.unit == unit else {
                throw LifecycleError(caseID: id, message: "is \(state): the reply comes from \(reply.unit), not from the unit in charge")
            }
            if reply.closes {
                phase = .closed
                closedAt = event.at
            }
        case .extended(let ext):
            guard phase == .open else {
                throw LifecycleError(caseID: id, message: "is \(state): only an open case can be extended")
            }
            guard ext.unit == unit else {
                throw LifecycleError(caseID: id, message: "is \(state): the extension is asked by \(ext.unit), not by the unit in charge")
            }
            guard !extended else {
                throw LifecycleError(caseID: id, message: "is \(state) and was already extended by \(extensionDays) days in this assignment; one extension per assignment")
            }
            guard ext.days >= 1, ext.days <= policy.maxExtensionDays else {
                throw LifecycleError(caseID: id, message: "is \(state): an extension of \(ext.days) days is over the limit of \(policy.maxExtensionDays)")
            }
            extended = true
            extensionDays = ext.days
        case .rated(let verdict):
            guard phase == .closed else {
                throw LifecycleError(caseID: id, message: "is \(state): only a closed case can be rated")
            }
            self.verdict = verdict.satisfaction
            verdictAt = event.at
        }
        lastAt = event.at
        lastEvent = event.kind
    }

    /// An assignment, transfer or return: `unit` is now in charge, and the handling clock (with
    /// this assignment's one extension) starts again at `at`.
    private mutating func startHandling(by unit: String, at: Instant) {
        phase = .open
        self.unit = unit
        clockStart = at
        extensionDays = 0
        extended = false
    }
}
