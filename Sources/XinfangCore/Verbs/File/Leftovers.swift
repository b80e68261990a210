import Dispatch

/// Lets go of a verb's finished state on another thread.
///
/// A writer's state holds every case of the journal (a record, index keys and texts for each):
/// freeing it piece by piece takes tens of milliseconds for 100,000 cases, and nothing waits
/// for it once the verb has printed and flushed everything, so the process need not either.
enum Leftovers {
    /// Drops `object` (the caller's last reference) on a background queue.
    static func dropInBackground(_ object: AnyObject) {
        let carrier = Carrier(object)
        DispatchQueue.global(qos: .utility).async { carrier.drop() }
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
