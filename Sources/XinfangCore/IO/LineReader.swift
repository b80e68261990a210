import Foundation

/// One line handed out by ``LineReader``.
public struct Line {
    /// 1-based line number in its source.
    public let number: Int
    /// The line's bytes without `\n` (and without a final `\r`); valid only inside the callback.
    public let bytes: UnsafeRawBufferPointer
    /// Byte offset of the line's start in its source.
    public let offset: Int
    /// False for a last line that had no `\n`: in a journal, a write cut off by a crash.
    public let terminated: Bool
    /// True when the line was longer than the reader's limit; `bytes` then holds only its start.
    public let truncated: Bool

    /// The line as text, invalid UTF-8 replaced (for messages and rejects files only).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Splits a byte stream into lines, reading large chunks and searching for `0x0A` with `memchr`.
///
/// Lines are numbered from 1. A `\r` before the `\n` is dropped (JSON Lines
/// tolerates CRLF). An empty last line after the final `\n` is not a line. A
/// line longer than `maxLineLength` is handed out once, truncated and marked,
/// and reading goes on after its end.
///
/// ```swift
/// var reader = LineReader(source: FileDescriptorSource(descriptor: 0, name: "<stdin>"))
/// try reader.forEachLine { line in … }
/// ```
public struct LineReader<Source: ByteSource> {
    /// 64 KiB: larger buffers measured slower on the target machines.
    public static var defaultChunkSize: Int { 64 * 1024 }
    /// 1 MiB: far above any real petition, small enough to bound memory.
    public static var defaultMaxLineLength: Int { 1 << 20 }

    private var source: Source
    private let chunkSize: Int
    private let maxLineLength: Int

    public init(source: Source, chunkSize: Int = Self.defaultChunkSize, maxLineLength: Int = Self.defaultMaxLineLength) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        self.maxLineLength = max(1, maxLineLength)
    }

    /// Calls `body` for each line in order.
    ///
    /// - Parameter startingLine: the number given to the first line (when resuming mid-file).
    /// - Parameter startingOffset: the byte offset of the first byte read (when resuming mid-file).
    /// - Throws: what `source` or `body` throws.
    /// - Complexity: O(n) in the bytes read; memory O(chunk + longest line).
    public mutating func forEachLine<E: Error>(
        startingLine: Int = 1, startingOffset: Int = 0,
        _ body: (Line) throws(E) -> Void
    ) throws(LineReaderError<E>) {
        var capacity = max(chunkSize * 2, 4096)
        var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { storage.deallocate() }
        var start = 0  // first byte of the current (unfinished) line
        var end = 0  // end of valid bytes
        var scanFrom = 0  // where to resume searching for \n
        var lineNumber = startingLine
        var consumed = startingOffset  // source offset of storage[0]
        var skippingLongLine = false  // dropping the rest of an over-long line

        func emit(_ from: Int, _ to: Int, terminated: Bool, truncated: Bool) throws(E) {
            var stop = to
            if stop > from, storage[stop - 1] == 0x0D, !truncated { stop -= 1 }
            let line = Line(number: lineNumber, bytes: UnsafeRawBufferPointer(rebasing: storage[from..<stop]),
                            offset: consumed + from, terminated: terminated, truncated: truncated)
            lineNumber += 1
            try body(line)
        }

        var atEnd = false
        while true {
            // Hand out every complete line in the buffer.
            while scanFrom < end {
                let base = storage.baseAddress! + scanFrom
                guard let found = memchr(base, 0x0A, end - scanFrom) else {
                    scanFrom = end
                    break
                }
                let newline = scanFrom + (UnsafeMutableRawPointer(found) - base)
                if skippingLongLine {
                    skippingLongLine = false
                } else {
                    do { try emit(start, newline, terminated: true, truncated: false) } catch { throw .body(error) }
                }
                start = newline + 1
                scanFrom = start
            }
            if atEnd { break }
            // The unfinished line is too long: hand out its start once and skip the rest.
            if !skippingLongLine, end - start > maxLineLength {
                do { try emit(start, start + maxLineLength, terminated: true, truncated: true) } catch { throw .body(error) }
                skippingLongLine = true
            }
            if skippingLongLine {
                consumed += end
                start = 0; end = 0; scanFrom = 0
            } else if start > 0 {
                // Move the unfinished line to the front.
                let pending = end - start
                if pending > 0 {
                    storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending)
                }
                consumed += start
                start = 0; end = pending; scanFrom = pending
            }
            if capacity - end < chunkSize {
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
                grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
                storage.deallocate()
                storage = grown
                capacity *= 2
            }
            let target = UnsafeMutableRawBufferPointer(rebasing: storage[end..<min(capacity, end + chunkSize)])
            let count: Int
            do { count = try source.read(into: target) } catch { throw .source(error) }
            if count == 0 {
                atEnd = true
                if end > start && !skippingLongLine {
                    do { try emit(start, end, terminated: false, truncated: false) } catch { throw .body(error) }
                }
                start = end
                scanFrom = end
            } else {
                end += count
            }
        }
    }
}

/// A failure while reading lines: the source failed, or the callback threw.
public enum LineReaderError<E: Error>: Error {
    case source(IOFailure)
    case body(E)
}
