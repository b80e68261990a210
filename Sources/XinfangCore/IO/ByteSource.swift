import Foundation

/// Something bytes are read from in chunks: a file descriptor, or memory in tests.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end.
    /// - Throws: ``IOFailure`` when the read fails.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int
}

/// A failed system call, with the path or stream it concerned.
public struct IOFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done: "read", "write", "open", ….
    public var operation: String
    /// The file or stream name.
    public var path: String
    /// `errno` at the failure.
    public var code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code)))"
    }
}

/// Reads from an open file descriptor, retrying interrupted reads.
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32
    public let name: String

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw IOFailure(operation: "read", path: name, code: errno)
        }
    }
}

/// Serves bytes from memory, at most `chunkLimit` per read (to test every chunk boundary).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkLimit: Int

    public init(_ bytes: [UInt8], chunkLimit: Int = .max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkLimit)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
        let count = min(buffer.count, chunkLimit, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
