import Foundation
import XCTest
@testable import XinfangCore

/// ``JournalFile/append(pieces:expectedSize:)``: the pieces land one after the other, as one array would.
final class JournalFileAppendTests: XCTestCase {
    /// 150 pieces of 0 to 3,000 bytes (more than one `writev` takes at a time, empty ones among
    /// them), appended twice to the same file.
    func testPiecesAreWrittenInOrderAcrossSeveralCalls() throws {
        var random = SeededRandom(seed: 47)
        let pieces: [[UInt8]] = (0..<150).map { index in
            let count = random.chance(0.1) ? 0 : random.below(3_000)
            return (0..<count).map { UInt8(truncatingIfNeeded: $0 &+ index) }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-pieces-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try JournalFile.openForWriting(path: path)
        let expected = pieces.flatMap { $0 }
        try journal.append(pieces: pieces, expectedSize: 0)
        try journal.append(pieces: pieces, expectedSize: expected.count)
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), expected + expected)
        XCTAssertEqual(try journal.size(), 2 * expected.count)
        // Nothing to write writes nothing; more empty pieces in a row than one call takes are passed over.
        try journal.append(pieces: [[], []], expectedSize: 2 * expected.count)
        XCTAssertEqual(try journal.size(), 2 * expected.count)
        try journal.append(pieces: [[1]] + [[UInt8]](repeating: [], count: 100) + [[2, 3]], expectedSize: 2 * expected.count)
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), expected + expected + [1, 2, 3])
    }
}
