import Foundation

/// Reads one byte range of an open file with `pread`, so that several readers can share the descriptor.
///
/// The range ends at `end`, or at the end of the file when `end` is nil (the file may still be
/// growing, as a journal does while writers append to it).
public struct FileRangeSource: ByteSource {
    public let descriptor: Int32
    public let name: String
    /// The next byte to read.
    public private(set) var offset: Int
    public let end: Int?

    public init(descriptor: Int32, name: String, offset: Int, end: Int?) {
        self.descriptor = descriptor
        self.name = name
        self.offset = offset
        self.end = end
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
        let wanted = end.map { min(buffer.count, max(0, $0 - offset)) } ?? buffer.count
        guard wanted > 0 else { return 0 }
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
            if count >= 0 {
                offset += count
                return count
            }
            if errno == EINTR { continue }
            throw IOFailure(operation: "read", path: name, code: errno)
        }
    }
}
