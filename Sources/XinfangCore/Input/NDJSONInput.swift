import Foundation

/// Reads NDJSON records from a byte source, one ``InputRecord`` per line.
public enum NDJSONInput {
    /// Calls `body` with each line's record; its object is parsed strictly (``JSONParser``) when asked for.
    /// - Parameter beforeRead: called before each read from the source (the writers commit there when input pauses).
    public static func read(_ source: any ByteSource, name: String, beforeRead: @escaping () -> Void = {},
                            _ body: (InputRecord) -> Void) throws(IOFailure) {
        let notifying = NotifyingSource(inner: source, beforeRead: beforeRead)
        var reader = LineReader(source: notifying)
        do {
            try reader.forEachLine { (line: Line) throws(Never) in
                if line.truncated {
                    let error = InputError(JSONSyntaxError.lineTooLong(limit: LineReader<NotifyingSource>.defaultMaxLineLength).description)
                    body(InputRecord(source: name, line: line.number, bytes: Array(line.bytes), object: .failure(error)))
                } else {
                    body(InputRecord(source: name, line: line.number, line: Array(line.bytes)))
                }
            }
        } catch {
            switch error {
            case .source(let failure): throw failure
            case .body(let never): switch never {}
            }
        }
    }
}

/// A source that calls a hook before every read, so a writer can commit what it has while input is quiet.
public struct NotifyingSource: ByteSource {
    var inner: any ByteSource
    let beforeRead: () -> Void

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOFailure) -> Int {
        beforeRead()
        return try inner.read(into: buffer)
    }
}
