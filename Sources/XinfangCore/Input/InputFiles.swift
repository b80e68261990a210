import Foundation

/// The input files named on a verb's command line, `-` or none meaning standard input.
public struct InputFiles {
    /// One input: its display name and how to read it.
    public struct File {
        public let name: String
        public let descriptor: Int32?
    }

    public let files: [File]

    /// Opens every named file up front, so a missing one is a usage error before anything is done.
    /// - Throws: ``UsageError`` naming the file and the reason.
    public init(paths: [String], environment: Environment) throws(UsageError) {
        var files: [File] = []
        for path in paths.isEmpty ? ["-"] : paths {
            if path == "-" {
                files.append(File(name: "<stdin>", descriptor: nil))
                continue
            }
            let descriptor = open(environment.resolve(path), O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw UsageError("cannot open \(path): \(String(cString: strerror(errno)))")
            }
            files.append(File(name: path, descriptor: descriptor))
        }
        self.files = files
    }

    /// A byte source for `file`.
    public func source(for file: File, environment: Environment) -> any ByteSource {
        if let descriptor = file.descriptor { return FileDescriptorSource(descriptor: descriptor, name: file.name) }
        return environment.stdin()
    }

    /// Everything `source` has, read to its end.
    public static func readAll(_ source: any ByteSource) throws(IOFailure) -> [UInt8] {
        var source = source
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var failure: IOFailure?
            let count = chunk.withUnsafeMutableBytes { raw -> Int in
                do throws(IOFailure) { return try source.read(into: raw) } catch { failure = error; return 0 }
            }
            if let failure { throw failure }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes the files opened by ``init(paths:environment:)``.
    public func close() {
        for file in files { if let descriptor = file.descriptor { _ = Foundation.close(descriptor) } }
    }
}
