import Foundation

/// Reports rejected input records: to stderr as `xinfang VERB: SOURCE:LINE: message`, and with
/// `--rejects FILE` also appended to FILE as NDJSON so they can be fixed and fed back.
public final class RejectionReporter {
    private let context: Context
    private let rejectsPath: String?
    private var rejectsDescriptor: Int32 = -1
    /// How many records were rejected.
    public private(set) var count = 0
    /// A failure to write the rejects file.
    public private(set) var failure: IOFailure?

    public init(context: Context, rejectsPath: String?) {
        self.context = context
        self.rejectsPath = rejectsPath.map { context.environment.resolve($0) }
    }

    deinit {
        if rejectsDescriptor >= 0 { close(rejectsDescriptor) }
    }

    /// Reports `record` as rejected because of `message`.
    public func reject(_ record: InputRecord, _ message: String) {
        count += 1
        context.error("\(record.source):\(record.line): \(message)")
        guard let rejectsPath, failure == nil else { return }
        if rejectsDescriptor < 0 {
            rejectsDescriptor = open(rejectsPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard rejectsDescriptor >= 0 else {
                failure = IOFailure(operation: "open", path: rejectsPath, code: errno)
                context.error("\(failure!)")
                return
            }
        }
        var line = NDJSONLine()
        line.field("source", record.source)
        line.field("line", record.line)
        line.field("error", message)
        line.field("text", record.text)
        if let base64 = record.base64 { line.field("base64", base64) }
        let bytes = line.finished()
        let sizeBefore = lseek(rejectsDescriptor, 0, SEEK_END)
        var code: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let result = write(rejectsDescriptor, raw.baseAddress! + written, raw.count - written)
                if result > 0 { written += result } else if result < 0 && errno == EINTR { continue } else {
                    code = result < 0 ? errno : EIO
                    return
                }
            }
        }
        if code != 0 {
            // No half line in a file meant to be fed back (a full disk, a file-size limit).
            if sizeBefore >= 0 { _ = ftruncate(rejectsDescriptor, sizeBefore) }
            failure = IOFailure(operation: "write to", path: rejectsPath, code: code)
            context.error("\(failure!); rejected lines from here on are only reported here")
        }
    }

    /// Flushes the rejects file to disk.
    public func finish() {
        if rejectsDescriptor >= 0 { _ = fsync(rejectsDescriptor) }
    }
}
