import Foundation

/// The journal file on disk: opening, the writers' exclusive lock, appending durably, and setting a torn tail aside.
///
/// The file is only ever appended to. A writer holds `flock(LOCK_EX)` from
/// catching up with other writers' lines to the `fsync` of its own, so lines
/// of concurrent writers never interleave and every case number is unique.
public final class JournalFile: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Opens an existing journal read-only.
    /// - Throws: ``JournalError/missing(path:)`` when there is no such file.
    public static func openForReading(path: String) throws(JournalError) -> JournalFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path: path) }
            throw .io(IOFailure(operation: "open", path: path, code: errno))
        }
        return JournalFile(path: path, descriptor: descriptor)
    }

    /// Opens the journal for appending, creating it readable and writable by its owner only (0600).
    /// - Throws: ``JournalError/notWritable(path:failure:)`` for a read-only journal or file system, or a
    ///   directory that does not exist or cannot be created into.
    public static func openForWriting(path: String) throws(JournalError) -> JournalFile {
        var operation = "write to"
        var descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            operation = "create"
            descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                // Make the new directory entry durable too.
                fsyncDirectory(of: path)
            }
        }
        guard descriptor >= 0 else { throw .notWritable(path: path, failure: IOFailure(operation: operation, path: path, code: errno)) }
        return JournalFile(path: path, descriptor: descriptor)
    }

    /// Takes the exclusive writer's lock, waiting for other writers.
    public func lock() throws(JournalError) {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw .io(IOFailure(operation: "lock", path: path, code: errno))
        }
    }

    /// Releases the writer's lock.
    public func unlock() {
        _ = flock(descriptor, LOCK_UN)
    }

    /// A source for the bytes from `offset` to `end` (nil: to the end of the file, however far it
    /// has grown by then), read with `pread`, so that sources of several ranges can be read at once.
    public func source(from offset: Int, to end: Int? = nil) -> FileRangeSource {
        FileRangeSource(descriptor: descriptor, name: path, offset: offset, end: end)
    }

    /// Where the line after the one holding byte `offset` starts (just after the next `\n` at or
    /// after `offset`); nil when there is no line break before `limit`.
    public func lineStart(after offset: Int, before limit: Int) throws(JournalError) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var position = offset
        while position < limit {
            let wanted = min(buffer.count, limit - position)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(position)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(IOFailure(operation: "read", path: path, code: errno))
            }
            if count == 0 { return nil }
            if let newline = buffer[0..<count].firstIndex(of: 0x0A) { return position + newline + 1 }
            position += count
        }
        return nil
    }

    /// The `count` bytes at `offset`, or nil when the file ends before them.
    /// - Throws: ``JournalError/io(_:)`` when reading fails.
    func bytes(at offset: Int, count: Int) throws(JournalError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var source = source(from: offset, to: offset + count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(IOFailure) in try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) }
            }
            switch read {
            case .success(let got):
                guard got > 0 else { return nil }
                filled += got
            case .failure(let failure):
                throw .io(failure)
            }
        }
        return bytes
    }

    /// The `hash` member that ends the complete line ending at `end` (just after its line break),
    /// exactly as ``JournalHash/splitBytes(_:)`` finds it; nil when the line does not end with one,
    /// or has more white space in its hash member than the 256 bytes read here hold (the caller
    /// then reads the line its own way).
    /// - Throws: ``JournalError/io(_:)`` when reading fails.
    func storedHash(ofLineEndingAt end: Int) throws(JournalError) -> String? {
        let window = Swift.min(end, 256)
        guard window >= JournalHash.suffixLength + 2 else { return nil }
        guard let tail = try bytes(at: end - window, count: window), tail[window - 1] == 0x0A else { return nil }
        // The line's start, when it is in the window; a trailing `\r` is left to the split, which takes it for white space.
        let start = tail[0..<(window - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        // Without its start in the window, the line's body may begin before it: only a split that
        // leaves some of the body in the window is sure.
        return tail.withUnsafeBytes { bytes in
            JournalHash.splitBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<(window - 1)])).map { String(decoding: $0.hash, as: UTF8.self) }
        }
    }

    /// The file's size in bytes.
    public func size() throws(JournalError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(IOFailure(operation: "stat", path: path, code: errno)) }
        return Int(info.st_size)
    }

    /// Appends the pieces' bytes (whole lines, one piece after the other) and flushes them to disk.
    /// The pieces are written as they are (`writev`), not copied into one array first.
    ///
    /// On failure the file is cut back to `expectedSize`, so no half line is left behind.
    /// - Parameter expectedSize: the file's size before the append (the caller holds the lock).
    public func append(pieces: [[UInt8]], expectedSize: Int) throws(JournalError) {
        var failure: IOFailure?
        var done = 0  // bytes of the pieces written so far
        let total = pieces.reduce(0) { $0 + $1.count }
        while done < total {
            let result = Self.writeVector(descriptor, pieces, from: done)
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                failure = IOFailure(operation: "write to", path: path, code: result < 0 ? errno : EIO)
                break
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = IOFailure(operation: "flush to disk", path: path, code: errno)
        }
        if let failure {
            _ = ftruncate(descriptor, off_t(expectedSize))
            _ = fsync(descriptor)
            throw .io(failure)
        }
    }

    /// The most pieces one `writev` takes here (the systems' limit is 1,024; a batch of lines has about 32).
    private static var piecesPerWrite: Int { 64 }

    /// One `writev` of the pieces' bytes from the `offset`-th on: of the next ``piecesPerWrite``
    /// pieces that are not empty.
    private static func writeVector(_ descriptor: Int32, _ pieces: [[UInt8]], from offset: Int) -> Int {
        var skip = offset
        var first = 0
        while first < pieces.count, skip >= pieces[first].count {
            skip -= pieces[first].count
            first += 1
        }
        // Each piece's storage is pinned for the call by nesting the scopes of their buffers.
        func write(from index: Int, skipping skip: Int, _ vectors: inout [iovec]) -> Int {
            guard index < pieces.count, vectors.count < piecesPerWrite else {
                return vectors.withUnsafeBufferPointer { Foundation.writev(descriptor, $0.baseAddress, Int32($0.count)) }
            }
            return pieces[index].withUnsafeBytes { raw in
                if raw.count > skip {
                    vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + skip), iov_len: raw.count - skip))
                }
                return write(from: index + 1, skipping: 0, &vectors)
            }
        }
        var vectors: [iovec] = []
        vectors.reserveCapacity(min(pieces.count - first, piecesPerWrite))
        return write(from: first, skipping: skip, &vectors)
    }

    /// Moves a torn last line into `<journal>.torn` and cuts it off the journal (the caller holds the lock).
    ///
    /// A torn line was never acknowledged (nothing was printed for it), so no
    /// acknowledged data is lost; its bytes are kept in the `.torn` file for
    /// inspection.
    /// - Returns: the path of the `.torn` file.
    @discardableResult
    public func setAsideTornTail(offset: Int, length: Int) throws(JournalError) -> String {
        guard var bytes = try self.bytes(at: offset, count: length) else {
            throw .io(IOFailure(operation: "read", path: path, code: EIO))
        }
        let tornPath = path + ".torn"
        let tornDescriptor = open(tornPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard tornDescriptor >= 0 else { throw .io(IOFailure(operation: "open", path: tornPath, code: errno)) }
        defer { close(tornDescriptor) }
        bytes.append(0x0A)
        let written = bytes.withUnsafeBytes { write(tornDescriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(tornDescriptor) == 0 else {
            throw .io(IOFailure(operation: "write to", path: tornPath, code: errno))
        }
        guard ftruncate(descriptor, off_t(offset)) == 0, fsync(descriptor) == 0 else {
            throw .io(IOFailure(operation: "truncate", path: path, code: errno))
        }
        return tornPath
    }

    private static func fsyncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
