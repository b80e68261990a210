import Foundation

/// A buffered writer for stdout or stderr that never crashes on a closed pipe.
///
/// `xinfang audit | head -1` must end quietly: when the reader goes away the
/// write fails with `EPIPE`, the sink marks itself closed and drops further
/// output. Other write errors are kept in ``failure`` for the caller to report.
/// In tests a sink collects bytes in memory instead.
public final class OutputSink {
    private enum Target {
        case descriptor(Int32)
        case memory
    }

    private let target: Target
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024
    /// Everything written, for a memory sink.
    public private(set) var collected: [UInt8] = []
    /// True once the reader has gone away (`EPIPE`).
    public private(set) var isClosed = false
    /// The first write error other than `EPIPE`.
    public private(set) var failure: IOFailure?
    /// Name used in messages ("<stdout>").
    public let name: String

    /// A sink writing to `descriptor`.
    public init(descriptor: Int32, name: String) {
        self.target = .descriptor(descriptor)
        self.name = name
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// A sink collecting bytes in memory (for tests).
    public init(collectingAs name: String) {
        self.target = .memory
        self.name = name
    }

    /// The collected bytes as text (memory sinks).
    public var text: String { String(decoding: collected, as: UTF8.self) }

    public func write(_ bytes: [UInt8]) {
        guard !isClosed else { return }
        if bytes.count >= flushThreshold, case .descriptor(let descriptor) = target {
            // A large piece (a writer's batch of lines) goes out as it is, after what is buffered,
            // rather than being copied through the buffer.
            flush()
            writeOut(bytes, to: descriptor)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flush() }
    }

    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes `text` and a line break.
    public func writeLine(_ text: String) {
        write(Array(text.utf8) + [0x0A])
    }

    /// Writes out whatever is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        switch target {
        case .memory:
            collected.append(contentsOf: buffer)
        case .descriptor(let descriptor):
            writeOut(buffer, to: descriptor)
        }
    }

    /// Writes all of `bytes` to `descriptor`, unless the sink is closed or closes on the way.
    private func writeOut(_ bytes: [UInt8], to descriptor: Int32) {
        guard !isClosed else { return }
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let result = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result >= 0 {
                    written += result
                } else if errno == EINTR {
                    continue
                } else if errno == EPIPE {
                    isClosed = true
                    return
                } else {
                    if failure == nil { failure = IOFailure(operation: "write", path: name, code: errno) }
                    isClosed = true
                    return
                }
            }
        }
    }
}
