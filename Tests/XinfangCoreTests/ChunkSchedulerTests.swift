import XCTest
@testable import XinfangCore

/// How the reading threads share a journal's chunks: own runs first, then the second half of
/// the longest run left.
final class ChunkSchedulerTests: XCTestCase {
    func testEachThreadReadsItsOwnRunThenTakesTheSecondHalfOfTheLongestRunLeft() {
        let scheduler = ChunkScheduler(chunks: 16, threads: 2)
        // Thread 1 reads one chunk of its run 8..<16 while thread 0 reads all of 0..<8.
        XCTAssertEqual(scheduler.nextChunk(for: 1), 8)
        XCTAssertEqual((0..<8).map { _ in scheduler.nextChunk(for: 0) }, Array(0..<8))
        // Thread 1 still has 9..<16 (seven chunks): thread 0 takes the last three.
        XCTAssertEqual(scheduler.nextChunk(for: 0), 13)
        XCTAssertEqual(scheduler.nextChunk(for: 1), 9)
        XCTAssertEqual(scheduler.nextChunk(for: 0), 14)
        XCTAssertEqual(scheduler.nextChunk(for: 0), 15)
        // Thread 1 has 10..<13 left: thread 0 takes 12, and then thread 1 has only 11 (not taken from it).
        XCTAssertEqual(scheduler.nextChunk(for: 0), 12)
        XCTAssertEqual(scheduler.nextChunk(for: 1), 10)
        XCTAssertNil(scheduler.nextChunk(for: 0))
        XCTAssertEqual(scheduler.nextChunk(for: 1), 11)
        XCTAssertNil(scheduler.nextChunk(for: 1))
        XCTAssertNil(scheduler.nextChunk(for: 0))
    }

    func testAStoppedSchedulerHandsOutNothing() {
        let scheduler = ChunkScheduler(chunks: 4, threads: 2)
        XCTAssertEqual(scheduler.nextChunk(for: 0), 0)
        scheduler.stop()
        XCTAssertNil(scheduler.nextChunk(for: 0))
        XCTAssertNil(scheduler.nextChunk(for: 1))
    }

    func testEveryChunkIsHandedOutOnceWhateverTheThreadsPace() {
        for threads in [2, 3, 5, 8] {
            let chunks = threads * 8
            let scheduler = ChunkScheduler(chunks: chunks, threads: threads)
            let taken = Parallel.map(threads) { thread -> [Int] in
                var mine: [Int] = []
                while let chunk = scheduler.nextChunk(for: thread) {
                    mine.append(chunk)
                    if thread == 0 { usleep(2_000) }  // one slow thread, whose run the others take over
                }
                return mine
            }
            XCTAssertEqual(taken.flatMap { $0 }.sorted(), Array(0..<chunks), "\(threads) threads")
            // The slow thread read fewer chunks than its run of eight.
            XCTAssertLessThan(taken[0].count, 8, "\(threads) threads")
        }
    }

    /// A small journal gets eight chunks a thread; a large one chunks of about 4 MiB, so that a
    /// thread that has finished waits for at most about one chunk's reading.
    func testALargeJournalIsCutIntoChunksOfAboutFourMiB() {
        XCTAssertEqual(JournalReplay.chunkCount(size: 20 << 20, readers: 2), 16)
        XCTAssertEqual(JournalReplay.chunkCount(size: 64 << 20, readers: 2), 16)
        XCTAssertEqual(JournalReplay.chunkCount(size: 339_041_317, readers: 2), 80)
        XCTAssertEqual(JournalReplay.chunkCount(size: 339_041_317, readers: 8), 80)
        XCTAssertEqual(JournalReplay.chunkCount(size: 339_041_317, readers: 16), 128)
    }
}
