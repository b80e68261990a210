/// Events waiting to be folded: a few at a time, so that the state can read ahead for all of them.
///
/// The events are kept in memory of its own, moved in as they come and moved out to be applied:
/// an event read out of an array to be applied would be copied (its texts retained and released).
final class FoldBatch {
    /// Events per batch: enough for their cache misses to overlap, few enough to stay in the first-level cache.
    static let capacity = 16

    private let events = UnsafeMutablePointer<JournalEvent>.allocate(capacity: capacity)
    private let lines = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    /// How many events are waiting (initialized at the start of ``events``).
    private var count = 0

    deinit {
        events.deinitialize(count: count)
        events.deallocate()
        lines.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `event` (of journal line `line`); true when the batch is full.
    func append(_ event: consuming JournalEvent, line: Int) -> Bool {
        (events + count).initialize(to: event)
        lines[count] = line
        count += 1
        return count == Self.capacity
    }

    /// Applies the waiting events, if any (see ``apply(to:)``), and keeps the refusal in `damage`.
    func apply<State: JournalFold>(to state: inout State, noting damage: inout JournalProblem?) {
        guard !isEmpty else { return }
        if let refused = apply(to: &state) { damage = refused }
    }

    /// Reads ahead for the batch, applies its events in order and empties it. Returns the damage
    /// when an event is refused: the events after it are dropped, not applied.
    func apply<State: JournalFold>(to state: inout State) -> JournalProblem? {
        state.readAhead(for: UnsafeBufferPointer(start: events, count: count))
        let waiting = count
        count = 0
        for index in 0..<waiting {
            let event = (events + index).move()
            do throws(LifecycleError) {
                try state.apply(event)
            } catch {
                (events + index + 1).deinitialize(count: waiting - index - 1)
                return JournalProblem(line: lines[index], kind: .lifecycle, message: error.description)
            }
        }
        return nil
    }
}
