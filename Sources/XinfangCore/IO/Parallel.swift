import Dispatch

/// Work split over the machine's cores.
enum Parallel {
    /// `body(0) … body(count - 1)`, run at the same time on up to `count` threads, in order.
    ///
    /// Each call gets its own slot for its result, so `body` must only share what it reads; the
    /// calls may run in any order and on any thread (with one iteration, on this one).
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let work = Unchecked(value: body)
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let slots = Unchecked(value: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    (slots.value + index).initialize(to: work.value(index))
                }
                initialized = count
            }
        }
    }

    /// Runs `body(0) … body(count - 1)` on `count` threads at once (this one among them) and returns when all are done.
    ///
    /// The workers share what `body` shares: it must do its own locking (see ``PartJoiner``).
    static func forEachWorker(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else { return body(0) }
        withoutActuallyEscaping(body) { body in
            let work = Unchecked(value: body)
            DispatchQueue.concurrentPerform(iterations: count) { work.value($0) }
        }
    }

    /// A value handed to the threads as is: each thread writes only its own slot, and the
    /// closure only reads what the caller shares.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
    }
}
