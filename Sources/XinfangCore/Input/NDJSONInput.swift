import Foundation

/// Reads NDJSON records from a byte source, one ``InputRecord`` per line.
public enum NDJSONInput {
    /// Calls `body` with each line's record, which it then owns (a writer keeps it without a copy);
    /// its object is parsed strictly (``JSONParser``) when asked for.
    /// - Parameter beforeRead: called before each read from the source (the writers commit there when input pauses).
    public static func read(_ source: any ByteSource, name: String, beforeRead: @escaping () -> Void = {},
                            _ body: (consuming InputRecord) -> Void) throws(IOFailure) {
        let notifying = NotifyingSource(inner: source, beforeRead: beforeRead)
        var reader = LineReader(source: notifying)
        var sharedName = name
        do {
            try reader.forEachLine { (line: Line) throws(Never) in
                if line.number % Self.linesPerName == 1 { sharedName = Self.ownCopy(of: name) }
                if line.truncated {
                    let error = InputError(JSONSyntaxError.lineTooLong(limit: LineReader<NotifyingSource>.defaultMaxLineLength).description)
                    body(InputRecord(source: sharedName, line: line.number, bytes: Array(line.bytes), object: .failure(error)))
                } else {
                    body(InputRecord(source: sharedName, line: line.number, line: Array(line.bytes)))
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

extension NDJSONInput {
    /// How many records in a row share one copy of the source's name.
    ///
    /// A writer prepares a batch of records on other threads while it reads the next one, and
    /// each thread that copies a record counts a reference to its name: were the name one string
    /// for every record, the threads would take turns at that one counter's cache line, every
    /// record. A copy per run of records keeps the threads on different counters.
    static var linesPerName: Int { 1024 }

    /// A string equal to `name` whose storage is its own (a long name is otherwise shared, not copied).
    static func ownCopy(of name: String) -> String {
        String(decoding: Array(name.utf8), as: UTF8.self)
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
