import Dispatch
import Foundation

/// What a writing verb decided for one input record.
public enum LineOutcome {
    /// Refused; the message names the field and the value.
    case reject(String)
    /// Nothing to write; print this line (a duplicate, an unchanged assignment).
    case echo([UInt8])
    /// Write `event`, then print `echo`.
    case write(JournalEvent, echo: Echo)
    /// Write `event`, whose own fields are already encoded as `fields` (exactly as
    /// ``JournalEvent/appendPayload(to:)`` writes them), then print `echo`.
    case writeEncoded(JournalEvent, fields: ArraySlice<UInt8>, echo: Echo)

    /// What a writing verb prints for an event it wrote.
    public enum Echo {
        /// This line.
        case line([UInt8])
        /// `prefix` (the bytes of an object left open) followed by the event's own fields exactly as
        /// its journal line has them, so they are encoded once, not twice.
        case fields(after: [UInt8])

        /// The line to print, given the event's journal line and where its own fields are in it.
        public func bytes(journalLine: [UInt8], fields: Range<Int>) -> [UInt8] {
            var echo: [UInt8] = []
            write(journalLine: journalLine, fields: fields, to: &echo)
            return echo
        }

        /// Appends ``bytes(journalLine:fields:)`` to `output`.
        func write(journalLine: [UInt8], fields: Range<Int>, to output: inout [UInt8]) {
            switch self {
            case .line(let line):
                output.append(contentsOf: line)
            case .fields(let prefix):
                output.append(contentsOf: prefix)
                output.append(contentsOf: journalLine[fields])
                output.appendLiteral("}\n")
            }
        }
    }
}

/// Runs a writing verb's records against the journal in batches, durably.
///
/// Records are collected; a batch is committed when it is large or when the
/// input pauses. Committing takes the journal's exclusive lock, catches up
/// with lines other writers appended since the last batch, lets the verb
/// decide each record against the up-to-date state, appends the new events
/// with their sequence numbers and chained hashes, flushes them to disk,
/// releases the lock, and only then prints the results. A result on stdout
/// therefore always means a durable event.
///
/// What a verb can make of a record without the state (`Prepared`: for `file`, the
/// petition read and checked) is made for the whole batch before the lock is taken, on
/// other threads while the batch before is decided (``BatchPreparation``); deciding
/// against the state then goes through the records in order.
public final class WriterSession<State: JournalFold, Prepared: Sendable> {
    /// What the verb makes of one record on its own, given the batch's time (any thread may call it).
    public typealias Prepare = @Sendable (InputRecord, Instant) -> Prepared
    /// The verb's decision for one record, given the current state, the record prepared and the batch's time.
    /// (The record itself is not passed: no verb needs it then, and a copy of it would count references
    /// to its name and its bytes on the deciding thread, for every record; a refusal names it from the batch.)
    public typealias Decide = (inout State, Prepared, Instant) -> LineOutcome

    /// The most records one batch holds (bounds memory and lock time).
    public static var batchLimit: Int { 2000 }

    public private(set) var state: State
    private let context: Context
    private let policy: Policy
    private let journalPath: String
    private let dryRun: Bool
    private let rejections: RejectionReporter
    private let prepare: Prepare
    private let decide: Decide
    private var journal: JournalFile?
    private var position = JournalPosition.start
    private var pending: [InputRecord] = []
    /// A full batch being prepared on other threads while the batch before it is decided and
    /// the next one is read; decided when the next batch is full or the input pauses.
    private var preparing: BatchPreparation<Prepared>?
    /// How many threads a batch is prepared on (`$XINFANG_THREADS`, else one per core).
    private let threads: Int
    /// Where the hash chain of a batch is computed while the records are decided; nil with one thread.
    private let hashQueue: DispatchQueue?
    /// The fatal error that stopped the session, if any.
    public private(set) var fatal: JournalError?
    /// How many events were written.
    public private(set) var written = 0

    /// Reads a byte of each cache line that deciding the prepared records will touch first, in the
    /// records and in the state (see ``readAheadDistance``), and gives them mixed. The state is
    /// passed in place (`inout`, so that it is not copied); a read-ahead changes nothing.
    public typealias ReadAhead = (inout State, UnsafeBufferPointer<Prepared>) -> UInt8
    private let readAhead: ReadAhead?
    /// How many records a stretch read ahead has: while one stretch is decided, the next is read.
    ///
    /// A record is prepared on another core, so what deciding it touches (the prepared object, its
    /// arrays, its texts) is in that core's cache, and each first touch waits for it to come over:
    /// in the retain, the copy or the free that happens to come first. Read a few records ahead,
    /// with plain loads, those waits overlap one another instead of following one by one.
    static var readAheadDistance: Int { 16 }
    /// The bytes ``readAhead`` read, mixed: kept only so that the compiler keeps those reads.
    private var readAheadBytes: UInt8 = 0

    public init(context: Context, policy: Policy, journalPath: String, dryRun: Bool, rejections: RejectionReporter,
                state: State, prepare: @escaping Prepare, readAhead: ReadAhead? = nil, decide: @escaping Decide) {
        self.readAhead = readAhead
        self.context = context
        self.policy = policy
        self.journalPath = journalPath
        self.dryRun = dryRun
        self.rejections = rejections
        self.state = state
        self.prepare = prepare
        self.decide = decide
        threads = context.readerThreads
        hashQueue = threads > 1 ? DispatchQueue(label: "xinfang.journal-hash") : nil
    }

    /// Opens the journal and reads it to the end, so that usage problems show before any input is read.
    public func open() throws(JournalError) {
        if dryRun {
            do {
                journal = try JournalFile.openForReading(path: journalPath)
            } catch .missing {
                journal = nil
                return
            }
            try catchUp()
        } else {
            let file = try JournalFile.openForWriting(path: journalPath)
            journal = file
            try file.lock()
            defer { file.unlock() }
            try catchUp()
        }
    }

    /// Takes one input record; a batch is committed when full.
    ///
    /// With one thread a full batch is prepared, decided, appended, flushed and printed at once.
    /// With more, the work overlaps: a full batch is prepared on the other threads while the batch
    /// before it is decided and this thread reads on; it is decided when the next batch is full
    /// (or the input pauses), and appended, flushed and printed when the batch after it is decided,
    /// so that its hash chain is computed meanwhile. The journal stays locked from a batch's
    /// decisions until its lines are flushed, so nothing can come between them.
    public func submit(_ record: consuming InputRecord) {
        guard fatal == nil else { return }
        pending.append(record)
        if pending.count >= Self.batchLimit { commit(finishing: hashQueue == nil) }
    }

    /// Commits the pending records now, and any batch still being hashed (call when input pauses and at the end).
    public func commit() {
        commit(finishing: true)
    }

    private func commit(finishing: Bool) {
        guard fatal == nil else { return }
        do {
            let started = preparing
            preparing = pending.isEmpty ? nil : startPreparing()
            if let started { try decide(started) }
            if finishing {
                if let last = preparing {
                    preparing = nil
                    try decide(last)
                }
                try finishDecided()
            }
        } catch {
            fatal = error
        }
    }

    /// Starts preparing the pending records as a batch, on the threads other than this one.
    private func startPreparing() -> BatchPreparation<Prepared> {
        let batch = BatchPreparation(records: pending, now: context.environment.now(), helpers: threads - 1, prepare: prepare)
        pending.removeAll(keepingCapacity: true)
        return batch
    }

    /// Finishes the batch still being hashed, if any, keeping the first failure as fatal.
    private func finishDecidedBatch() {
        guard fatal == nil else { return }
        do { try finishDecided() } catch { fatal = error }
    }

    /// Feeds every input to the session, commits, and says how it went.
    ///
    /// NDJSON inputs are read line by line, committing whenever the input pauses; with
    /// `wholeFile`, each input is read whole and turned into records by it (CSV).
    /// - Returns: the exit status of SPEC §4: 3 when the journal or an input failed (what was
    ///   committed before stays), 2 when `wholeFile` refused an input, 1 when lines were rejected, else 0.
    public func run(inputs: InputFiles,
                    wholeFile: ((InputFiles.File, [UInt8]) throws(UsageError) -> [InputRecord])? = nil) -> ExitStatus {
        for file in inputs.files {
            let source = inputs.source(for: file, environment: context.environment)
            do throws(IOFailure) {
                if let wholeFile {
                    let bytes = try InputFiles.readAll(source)
                    let records: [InputRecord]
                    do throws(UsageError) { records = try wholeFile(file, bytes) } catch {
                        finishDecidedBatch()
                        context.error(error.message)
                        return .usage
                    }
                    for record in records { submit(record) }
                } else {
                    try NDJSONInput.read(source, name: file.name, beforeRead: {
                        self.commitIfInputIdle(descriptor: file.descriptor ?? STDIN_FILENO)
                    }, submit)
                }
            } catch {
                finishDecidedBatch()
                context.error("\(error)")
                commit()
                return .journal
            }
            commit()
        }
        rejections.finish()
        if let fatal {
            context.error("\(fatal)")
            return .journal
        }
        return rejections.count > 0 ? .someRejected : .success
    }

    /// Commits when records are waiting and the input has nothing more ready to read right now.
    public func commitIfInputIdle(descriptor: Int32?) {
        guard !pending.isEmpty || preparing != nil || decided != nil else { return }
        guard let descriptor else { return }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        if poll(&poller, 1, 0) == 0 { commit() }
    }

    /// A batch decided under the journal's lock whose lines may still be being hashed.
    private struct DecidedBatch {
        let lines: JournalLineBatch
        /// What to print for the batch, every line.
        let output: [UInt8]
        /// Where the journal ends after the batch (its hash comes from ``lines``).
        let next: JournalPosition
        let sizeBefore: Int
    }

    /// The batch decided and not yet appended; the journal is locked while there is one.
    private var decided: DecidedBatch?

    /// Waits for `preparation` (helping it), finishes the batch before it, then locks the journal,
    /// catches up and decides each record in order, leaving the batch to ``finishDecided()``.
    private func decide(_ preparation: BatchPreparation<Prepared>) throws(JournalError) {
        let batch = preparation.records, now = preparation.now
        let prepared = preparation.take()
        try finishDecided()
        if let journal, !dryRun {
            try journal.lock()
        }
        do {
            if journal != nil { try catchUp() }
        } catch {
            if !dryRun { journal?.unlock() }
            throw error
        }
        var output: [UInt8] = []
        output.reserveCapacity(batch.reduce(0) { $0 + $1.bytes.count } + 128 * batch.count)
        var next = position
        let lines = JournalLineBatch(previousHash: position.hash, timeZone: policy.timeZone, queue: hashQueue)
        for index in batch.indices {
            if index % Self.readAheadDistance == 0 { readAhead(prepared, stretchAfter: index) }
            var event: JournalEvent
            let fields: ArraySlice<UInt8>?, echo: LineOutcome.Echo
            switch decide(&state, prepared[index], now) {
            case .reject(let message):
                rejections.reject(batch[index], message)
                continue
            case .echo(let line):
                output.append(contentsOf: line)
                continue
            case .write(let written, let printed):
                (event, fields, echo) = (written, nil, printed)
            case .writeEncoded(let written, let encoded, let printed):
                (event, fields, echo) = (written, encoded, printed)
            }
            do {
                try state.apply(event)
            } catch {
                rejections.reject(batch[index], error.description)
                continue
            }
            event.seq = next.seq + 1
            let length = lines.append(event, fields: fields, echo: echo, printingTo: &output)
            next.seq = event.seq
            next.lines += 1
            next.offset += length
        }
        if let journal, !dryRun { lines.appendWhenHashed(to: journal, expectedSize: position.offset) }
        decided = DecidedBatch(lines: lines, output: output, next: next, sizeBefore: position.offset)
    }

    /// Reads ahead (``readAhead``) the stretch of records after the one that starts at `start`, and
    /// that one too when it is the first.
    private func readAhead(_ prepared: [Prepared], stretchAfter start: Int) {
        guard let readAhead else { return }
        let distance = Self.readAheadDistance
        let stretch = (start == 0 ? 0 : min(start + distance, prepared.count))..<min(start + 2 * distance, prepared.count)
        let mixed = prepared.withUnsafeBufferPointer { records in
            // In place: an element passed by value would be retained first.
            readAhead(&state, UnsafeBufferPointer(rebasing: records[stretch]))
        }
        readAheadBytes ^= mixed
    }

    /// Waits for the decided batch's hashes, appends its lines, flushes them to disk, releases
    /// the lock, and only then prints the batch's results.
    ///
    /// The lock is released before printing: printing can wait for a reader of this output, and
    /// that reader may be another writer of the same journal (`xinfang file … | xinfang assign
    /// --auto`), which must be able to take the lock meanwhile. The lines are durable by then.
    private func finishDecided() throws(JournalError) {
        guard let batch = decided else { return }
        decided = nil
        do {
            defer { if !dryRun { journal?.unlock() } }
            var next = batch.next
            if journal != nil && !dryRun {
                // Appended and flushed to disk once hashed (see ``decide(_:)``).
                let appended: Result<Void, JournalError>?
                (next.hash, appended) = batch.lines.finishAppended()
                if let appended {
                    do {
                        try appended.get()
                    } catch {
                        guard case .io(let failure) = error else { throw error }
                        throw .appendFailed(path: journalPath, failure: failure, acknowledged: written)
                    }
                    written += next.seq - position.seq
                }
            } else {
                let bytes: [UInt8]
                (bytes, next.hash) = batch.lines.finish()
                if !bytes.isEmpty && !dryRun { throw .io(IOFailure(operation: "write to", path: journalPath, code: EBADF)) }
            }
            position = next
        }
        context.stdout.write(batch.output)
        context.stdout.flush()
    }

    /// Reads lines other writers appended since the last catch-up into the state: the first time,
    /// the whole journal, in parts on every core when it is large (``PartsLoadable``). The position
    /// is the start only while the state has folded nothing (no line read, none written), so the
    /// state the parts give may take its place.
    private func catchUp() throws(JournalError) {
        guard let journal else { return }
        let outcome: JournalScanner.Outcome
        if position == .start, threads > 1, let loadable = state as? any PartsLoadable,
           let (loaded, partsOutcome) = try loadable.loadedInParts(file: journal, readers: threads) {
            state = loaded as! State  // `loadedInParts` gives its own type
            outcome = partsOutcome
        } else {
            let source = journal.source(from: position.offset)
            // Damage is fatal, so the state may be updated in place: it is not used after a throw.
            let damage: JournalProblem?
            do throws(IOFailure) {
                let scanner = JournalScanner(timeZone: policy.timeZone, verifyChain: false, decodesFast: true, texts: state.textsRead)
                (outcome, damage) = try scanner.fold(source, from: position, into: &state)
            } catch {
                throw .io(error)
            }
            if let damage { throw .damaged(path: journalPath, problem: damage) }
        }
        position = outcome.position
        if let torn = outcome.tornTail {
            if dryRun {
                context.error("journal \(journalPath): line \(torn.line) is torn (a write cut off by a crash, never acknowledged); it would be set aside")
            } else {
                let tornPath = try journal.setAsideTornTail(offset: torn.offset, length: torn.length)
                context.error("journal \(journalPath): line \(torn.line) was torn (a write cut off by a crash, never acknowledged); set aside in \(tornPath)")
                context.stderr.flush()  // the notice must not be lost if this writer dies too
            }
        }
    }
}

extension WriterSession where Prepared == Result<JSONObject, InputError> {
    /// A session whose verb decides each record from its parsed object; records that are not JSON
    /// objects are rejected with the parser's message, in line order with the others.
    public convenience init(context: Context, policy: Policy, journalPath: String, dryRun: Bool, rejections: RejectionReporter,
                            state: State, decide: @escaping (inout State, JSONObject, Instant) -> LineOutcome) {
        self.init(context: context, policy: policy, journalPath: journalPath, dryRun: dryRun, rejections: rejections, state: state,
                  prepare: { record, _ in record.object },
                  decide: { state, parsed, now in
                      switch parsed {
                      case .failure(let error): return .reject(error.message)
                      case .success(let object): return decide(&state, object, now)
                      }
                  })
    }
}
