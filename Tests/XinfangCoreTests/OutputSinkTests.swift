import Foundation
import XCTest
@testable import XinfangCore

/// ``OutputSink`` writing to a descriptor: small pieces through its buffer, large ones as they are.
final class OutputSinkTests: XCTestCase {
    /// Small and large pieces, in turn, come out whole and in order.
    func testPiecesOfEverySizeComeOutInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        let sink = OutputSink(descriptor: descriptor, name: "<test>")
        var expected: [UInt8] = []
        for (index, size) in [10, 200_000, 3, 64 * 1024, 70_000, 1, 65_535, 5].enumerated() {
            let piece = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: size)
            sink.write(piece)
            expected += piece
        }
        sink.flush()
        close(descriptor)
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), expected)
        XCTAssertFalse(sink.isClosed)
        XCTAssertNil(sink.failure)
    }

    /// A reader that went away closes the sink quietly, for large pieces too.
    func testAClosedPipeClosesTheSinkWithoutAFailure() {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        close(ends[0])
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous); close(ends[1]) }
        let sink = OutputSink(descriptor: ends[1], name: "<test>")
        sink.write([UInt8](repeating: 0x41, count: 100_000))
        XCTAssertTrue(sink.isClosed)
        XCTAssertNil(sink.failure)
        sink.write([0x42])
        sink.flush()
        XCTAssertTrue(sink.isClosed)
    }
}
