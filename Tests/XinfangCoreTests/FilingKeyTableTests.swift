import XCTest
@testable import XinfangCore

/// ``FilingKeyTable`` against a `Dictionary` of the same keys' bytes.
final class FilingKeyTableTests: XCTestCase {
    /// Keys of every length from 0 to 300 (past a block's end too), many repeated, some sharing an
    /// array with other keys (as a prepared filing's do), through several growths of the table.
    func testLookupsInsertionsAndUpdatesAgreeWithADictionary() {
        var random = SeededRandom(seed: 31)
        var table = FilingKeyTable<Int>()
        var counts = FilingKeyTable<[Int]>()
        var expected: [[UInt8]: Int] = [:]
        var expectedCounts: [[UInt8]: [Int]] = [:]
        var pool: [[UInt8]] = []
        for step in 0..<20_000 {
            let bytes: [UInt8]
            if !pool.isEmpty && random.chance(0.3) {
                bytes = random.pick(pool)
            } else {
                bytes = (0..<random.below(random.chance(0.05) ? 300 : 40)).map { _ in UInt8(random.below(random.chance(0.5) ? 3 : 256)) }
                pool.append(bytes)
            }
            // The key as a range of a larger array, as a prepared filing's keys are.
            let prefix = (0..<random.below(20)).map { _ in UInt8(random.below(256)) }
            let key = FilingKey(storage: prefix + bytes + [7, 7], range: prefix.count..<(prefix.count + bytes.count))
            XCTAssertEqual(key, FilingKey(bytes))
            XCTAssertEqual(table[key], expected[bytes], "step \(step)")
            let inserted = table.insertIfAbsent(key, step)
            XCTAssertEqual(inserted, expected[bytes] == nil, "step \(step)")
            if expected[bytes] == nil { expected[bytes] = step }
            counts.update(key, insertingIfAbsent: [step]) { $0.append(step) }
            expectedCounts[bytes, default: []].append(step)
        }
        XCTAssertEqual(table.count, expected.count)
        XCTAssertEqual(counts.count, expectedCounts.count)
        for (bytes, value) in expected {
            XCTAssertEqual(table[FilingKey(bytes)], value)
            XCTAssertEqual(counts[FilingKey(bytes)], expectedCounts[bytes])
        }
        XCTAssertNil(table[FilingKey([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9])])
    }

    /// A table that absorbs another holds what one table given both tables' operations in turn
    /// would: the earlier value of a key in both, or the two merged (the empty key among them).
    func testAbsorbingALaterTableIsInsertingItsKeysAfterwards() {
        var random = SeededRandom(seed: 32)
        let keys = (0..<3_000).map { number -> [UInt8] in
            number == 0 ? [] : (0..<random.below(30)).map { _ in UInt8(random.below(random.chance(0.5) ? 4 : 256)) }
        }
        var earlier = FilingKeyTable<Int>(), later = FilingKeyTable<Int>(), whole = FilingKeyTable<Int>()
        var earlierLists = FilingKeyTable<[Int]>(), laterLists = FilingKeyTable<[Int]>(), wholeLists = FilingKeyTable<[Int]>()
        for step in 0..<8_000 {
            let key = FilingKey(random.pick(keys))
            if step < 5_000 {
                earlier.insertIfAbsent(key, step)
                earlierLists.update(key, insertingIfAbsent: [step]) { $0.append(step) }
            } else {
                later.insertIfAbsent(key, step)
                laterLists.update(key, insertingIfAbsent: [step]) { $0.append(step) }
            }
            whole.insertIfAbsent(key, step)
            wholeLists.update(key, insertingIfAbsent: [step]) { $0.append(step) }
        }
        earlier.absorb(later) { _, _ in }
        earlierLists.absorb(laterLists) { $0 += $1 }
        XCTAssertEqual(earlier.count, whole.count)
        XCTAssertGreaterThan(later.count, 500)
        for bytes in Set(keys) {
            XCTAssertEqual(earlier[FilingKey(bytes)], whole[FilingKey(bytes)], "\(bytes)")
            XCTAssertEqual(earlierLists[FilingKey(bytes)], wholeLists[FilingKey(bytes)], "\(bytes)")
        }
        XCTAssertNotNil(earlier[FilingKey([])])
    }

    /// A key longer than a block gets a block of its own, and the keys after it are still found.
    func testAKeyLongerThanABlockIsKept() {
        var table = FilingKeyTable<String>()
        let long = [UInt8](repeating: 0xE4, count: (1 << 20) + 5)
        XCTAssertTrue(table.insertIfAbsent(FilingKey([1, 2, 3]), "short"))
        XCTAssertTrue(table.insertIfAbsent(FilingKey(long), "long"))
        XCTAssertTrue(table.insertIfAbsent(FilingKey([4, 5]), "after"))
        XCTAssertFalse(table.insertIfAbsent(FilingKey(long), "again"))
        XCTAssertEqual(table[FilingKey(long)], "long")
        XCTAssertEqual(table[FilingKey([1, 2, 3])], "short")
        XCTAssertEqual(table[FilingKey([4, 5])], "after")
        XCTAssertNil(table[FilingKey(Array(long.dropLast()))])
    }
}
