// BatchPreparationTests.swift
// A batch prepared on helper threads gives every record's preparation once, in input order, with
// the batch's time, however many helpers there are and however the pieces fall.

import Foundation
import XCTest
@testable import XinfangCore

final class BatchPreparationTests: XCTestCase {
    /// Counts how often each line was prepared, from any thread.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int: Int] = [:]
        func count(_ line: Int) { lock.withLock { counts[line, default: 0] += 1 } }
        var all: [Int: Int] { lock.withLock { counts } }
    }

    private func records(_ count: Int) -> [InputRecord] {
        (0..<count).map { InputRecord(source: "batch.ndjson", line: $0 + 1, line: Array("{\"n\":\($0)}".utf8)) }
    }

    func testEveryRecordIsPreparedOnceInOrderWithTheBatchTime() {
        let piece = BatchPreparation<String>.pieceSize
        let now = Instant(seconds: 1_764_460_800)
        for count in [0, 1, piece - 1, piece, piece + 1, 2 * piece, 2_000, 2_001] {
            for helpers in [0, 1, 3, 16] {
                let tally = Tally()
                let batch = BatchPreparation(records: records(count), now: now, helpers: helpers) { record, time in
                    tally.count(record.line)
                    return "\(record.line)@\(time.seconds):\(record.text)"
                }
                let prepared = batch.take()
                XCTAssertEqual(prepared, (0..<count).map { "\($0 + 1)@\(now.seconds):{\"n\":\($0)}" }, "\(count) records, \(helpers) helpers")
                XCTAssertEqual(tally.all, Dictionary(uniqueKeysWithValues: (0..<count).map { ($0 + 1, 1) }), "\(count) records, \(helpers) helpers")
                XCTAssertEqual(batch.records.count, count)
            }
        }
    }

    /// A batch dropped before it is taken (the session stopped on a fatal error) releases what
    /// was prepared of it, once each, and nothing else.
    func testABatchNeverTakenReleasesWhatWasPrepared() {
        for helpers in [0, 1, 3] {
            weak var dropped: BatchPreparation<Counted>?
            do {
                let batch = BatchPreparation(records: records(1_000), now: Instant(seconds: 0), helpers: helpers) { _, _ in
                    Counted()
                }
                dropped = batch
            }
            // Helpers still preparing keep the batch until they stop; then it is freed. (A weak
            // reference reads nil as soon as freeing starts, so the count is waited for too.)
            let deadline = Date().addingTimeInterval(10)
            while (dropped != nil || Counted.alive > 0) && Date() < deadline { usleep(1_000) }
            XCTAssertNil(dropped, "\(helpers) helpers: the batch is still alive after 10 s")
            XCTAssertEqual(Counted.alive, 0, "\(helpers) helpers")
        }
    }
}

/// Counts its live instances.
private final class Counted: Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var count = 0
    static var alive: Int { lock.withLock { count } }
    init() { Self.lock.withLock { Self.count += 1 } }
    deinit { Self.lock.withLock { Self.count -= 1 } }
}
