/// The case book's records in order of filing, kept in chunks that are never moved.
///
/// A province's book holds hundreds of thousands of 152-byte records. A plain array doubles as
/// it grows, copying every record (and touching fresh pages) each time; here every chunk is
/// reserved at ``chunkSize`` records once and filled in place. Reserving takes address space
/// only: a page is touched when a record is first written to it, so a small book stays small.
/// The books of a journal's parts are joined by handing over their chunks, not by copying their
/// records.
///
/// A record's position is its chunk's number times ``chunkSize`` plus its place in the chunk.
/// Once books are joined, a chunk may be partly filled before a full one, so positions are not
/// 0 ..< count; they are what the book's index stores.
public struct CaseList: Sequence, Sendable {
    static let chunkShift = 16
    /// 65,536 records (about 10 MB) a chunk.
    static let chunkSize = 1 << chunkShift

    private var chunks: [[CaseRecord]] = []
    /// The number of records.
    public private(set) var count = 0
    /// Shared by every copy of this list: a copy left behind by mistake makes the next change
    /// copy every chunk (tens of MiB), so the readers check ``hasNoOtherCopy()`` in debug builds.
    private var owner = Owner()
    private final class Owner: Sendable {}

    public var isEmpty: Bool { count == 0 }

    public func makeIterator() -> FlattenSequence<[[CaseRecord]]>.Iterator {
        chunks.joined().makeIterator()
    }

    /// The records cut into at most `count` runs of about equal numbers of records, in order (for
    /// counting them on several threads); at least one run, empty for an empty list. A run may
    /// begin or end inside a chunk.
    func runs(_ count: Int) -> [Run] {
        let runs = Swift.max(1, Swift.min(count, self.count))
        var cuts: [Run] = []
        var chunk = 0, place = 0  // where the next run starts
        for run in 0..<runs {
            var left = self.count * (run + 1) / runs - self.count * run / runs
            var pieces: [Run.Piece] = []
            while left > 0 {
                let taken = Swift.min(left, chunks[chunk].count - place)
                if taken > 0 { pieces.append(Run.Piece(chunk: chunk, places: place..<(place + taken))) }
                left -= taken
                place += taken
                if place == chunks[chunk].count { (chunk, place) = (chunk + 1, 0) }
            }
            cuts.append(Run(pieces: pieces))
        }
        return cuts
    }

    /// Consecutive records of a ``CaseList``: places in its chunks, in order.
    struct Run: Sendable {
        struct Piece: Sendable {
            let chunk: Int
            let places: Range<Int>
        }
        let pieces: [Piece]

        /// The positions of the run's records.
        var positions: [Int] { pieces.flatMap { piece in piece.places.map { piece.chunk << CaseList.chunkShift | $0 } } }
    }

    /// Calls `body` with each record of `run`, in order, where it lies: the pointer is valid only
    /// during the call. Reading a field through it copies that field alone, where walking the list,
    /// or handing a record to a function, copies the whole record (retaining every text of it).
    func forEachRecord(in run: Run, _ body: (UnsafePointer<CaseRecord>) -> Void) {
        for piece in run.pieces {
            chunks[piece.chunk].withUnsafeBufferPointer { records in
                guard let first = records.baseAddress else { return }
                for place in piece.places { body(first + place) }
            }
        }
    }

    /// The positions of the records in `phase`, in order. Only their phases are read: walking the
    /// list itself copies every record (retaining its texts), which costs more than the few that
    /// a caller then needs.
    func positions(in phase: CasePhase) -> [Int] {
        var positions: [Int] = []
        for (number, chunk) in chunks.enumerated() {
            for place in chunk.indices where chunk[place].phase == phase { positions.append(number << Self.chunkShift | place) }
        }
        return positions
    }

    /// The record at `position` (a value ``append(_:)`` returned).
    subscript(position: Int) -> CaseRecord {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
    }

    /// The figures of the record at `position`, read where it lies (see ``CaseFigures``).
    func figures(at position: Int, names: CaseFigures.Names) -> CaseFigures {
        chunks[position >> Self.chunkShift].withUnsafeBufferPointer { records in
            records.baseAddress![position & (Self.chunkSize - 1)].figures(names: names)
        }
    }

    /// The case number of the record at `position`, read without copying the rest of the record.
    func caseID(at position: Int) -> String {
        chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)].id
    }

    /// Reads one byte of every cache line the record at `position` spans, and answers them mixed:
    /// a caller that keeps the answer makes the record's memory come into the cache ahead of
    /// time (Swift has no prefetch instruction, but a load whose result is only kept does not hold
    /// up the work after it).
    func readAhead(_ position: Int) -> UInt8 {
        let place = position & (Self.chunkSize - 1)
        return chunks.withUnsafeBufferPointer { chunks in
            chunks[position >> Self.chunkShift].withUnsafeBytes { bytes in
                let first = place * MemoryLayout<CaseRecord>.stride
                let last = first + MemoryLayout<CaseRecord>.size - 1
                var mixed = bytes[first] ^ bytes[last]
                var line = (first | 63) + 1
                while line < last {
                    mixed ^= bytes[line]
                    line += 64
                }
                return mixed
            }
        }
    }

    /// Changes the record at `position` in place (no copy of it is made).
    mutating func update<E: Error>(at position: Int, _ body: (inout CaseRecord) throws(E) -> Void) throws(E) {
        try body(&chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)])
    }

    /// The position ``append(_:)`` gives the next record.
    var nextPosition: Int {
        guard let last = chunks.last else { return 0 }
        return last.count == Self.chunkSize ? chunks.count << Self.chunkShift : (chunks.count - 1) << Self.chunkShift | last.count
    }

    /// Appends `record`; returns its position (``nextPosition`` before the call).
    mutating func append(_ record: consuming CaseRecord) -> Int {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [CaseRecord] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        let chunk = chunks.count - 1
        chunks[chunk].append(record)
        count += 1
        return chunk << Self.chunkShift | (chunks[chunk].count - 1)
    }

    /// What to add to a position in a list appended next (``append(contentsOf:)``) to get its position here.
    var offsetOfNextList: Int { chunks.count << Self.chunkShift }

    /// Whether no other copy of this list exists (then changing it copies no chunk).
    mutating func hasNoOtherCopy() -> Bool { isKnownUniquelyReferenced(&owner) }

    /// Appends the records of `later` by taking over its chunks; they move by ``offsetOfNextList``.
    mutating func append(contentsOf later: CaseList) {
        chunks.append(contentsOf: later.chunks)
        count += later.count
    }

    /// Each record with its position.
    func forEachPosition(_ body: (CaseRecord, Int) -> Void) {
        for (number, chunk) in chunks.enumerated() {
            for (place, record) in chunk.enumerated() { body(record, number << Self.chunkShift | place) }
        }
    }
}
