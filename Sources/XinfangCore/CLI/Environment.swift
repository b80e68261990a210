import Foundation

/// The world a command runs in, passed in so tests run whole commands in-process and deterministically.
public final class Environment {
    /// Standard output: NDJSON results.
    public let stdout: OutputSink
    /// Standard error: diagnostics.
    public let stderr: OutputSink
    /// Opens standard input as a byte source.
    public let stdin: () -> any ByteSource
    /// Environment variables (`XINFANG_JOURNAL`, `XINFANG_POLICY`, …).
    public let variables: [String: String]
    /// The current directory, for relative paths.
    public let currentDirectory: String
    /// The current time.
    public let now: () -> Instant

    public init(stdout: OutputSink, stderr: OutputSink, stdin: @escaping () -> any ByteSource,
                variables: [String: String], currentDirectory: String, now: @escaping () -> Instant) {
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.variables = variables
        self.currentDirectory = currentDirectory
        self.now = now
    }

    /// The real process's world.
    public static func process() -> Environment {
        Environment(
            stdout: OutputSink(descriptor: STDOUT_FILENO, name: "<stdout>"),
            stderr: OutputSink(descriptor: STDERR_FILENO, name: "<stderr>"),
            stdin: { FileDescriptorSource(descriptor: STDIN_FILENO, name: "<stdin>") },
            variables: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            now: { Instant(Date()) })
    }

    /// `path` made absolute against the current directory.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
    }
}
