import Dispatch

/// Lets go of a verb's finished state on another thread.
///
/// A writer's state holds every case of the journal (a record, index keys and texts for each),
/// and a reader's book every case's record: freeing them piece by piece takes tens of
/// milliseconds (17 ms for `stats` on 312,000 cases), and nothing waits for it once the verb has
/// printed everything, so the process need not either.
enum Leftovers {
    /// Drops `object` (the caller's last reference) on a background queue.
    static func dropInBackground(_ object: AnyObject) {
        let carrier = Carrier(object)
        DispatchQueue.global(qos: .utility).async { carrier.drop() }
    }

    /// Drops `value` (the caller's last copy: pass it with `consume`) on a background queue.
    static func dropInBackground<Value>(_ value: consuming Value) {
        dropInBackground(Holder(value))
    }

    /// A value made into an object, to be carried to the queue.
    private final class Holder<Value> {
        let value: Value

        init(_ value: consuming Value) {
            self.value = value
        }
    }

    /// Hands the reference over to the queue; only that queue touches it afterwards.
    private final class Carrier: @unchecked Sendable {
        private var object: AnyObject?

        init(_ object: AnyObject) {
            self.object = object
        }

        func drop() {
            object = nil
        }
    }
}
