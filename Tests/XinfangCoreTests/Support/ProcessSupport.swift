import Foundation
import XCTest
import XinfangCore

/// Runs the built `xinfang` executable.
enum XinfangBinary {
    static var path: String {
        // The test runner sits next to the executables in .build/<triple>/<configuration>/.
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #if os(macOS)
        let directory = Bundle(for: ProcessTests.self).bundleURL.deletingLastPathComponent()
        #else
        let directory = runner.deletingLastPathComponent()
        #endif
        return directory.appendingPathComponent("xinfang").path
    }

    static func start(_ arguments: [String], stdout: URL, stderr: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: stderr)
        }
        try process.run()
        return process
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// Generated letters with unique source IDs and valid resident ID numbers.
enum TestLetters {
    static func ndjson(count: Int, prefix: String) -> Data {
        let regions = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市"]
        let categories = ["劳动社保", "城乡建设", "环境保护", "卫生健康"]
        var text = ""
        for index in 0..<count {
            let first17 = String(format: "440103198%01d%02d%02d%03d", index % 10, index % 12 + 1, index % 28 + 1, index % 1000)
            let id = first17 + String(ResidentID.checkDigit(for: first17)!)
            text += #"{"channel":"letter","received":"2026-0\#(index % 9 + 1)-1\#(index % 9)","region":"\#(regions[index % 5])","category":"\#(categories[index % 4])","summary":"来信反映第\#(index)号问题，请求协调解决","petitioner":{"name":"测试\#(index)","id_number":"\#(id)","phone":"138\#(String(format: "%08d", index))"},"source_id":"\#(prefix)-\#(index)"}"# + "\n"
        }
        return Data(text.utf8)
    }
}

/// What a journal holds, read with the library's scanner (hash chain verified).
///
/// ``advance(path:)`` reads on from where the last reading stopped (after the last complete line), so a
/// test that watches a journal grow pays only for the new lines; `problems` then holds the problems of
/// every complete line read so far plus the current torn tail, if any.
struct JournalCheck {
    var problems: [JournalProblem] = []
    var filedCases: Set<String> = []
    var sourceIDs: Set<String> = []
    /// The source ID each filed case carries.
    var sourceByCase: [String: String] = [:]
    /// How many `filed` events there are (more than `filedCases.count` means a case number was used twice).
    var filedEvents = 0
    /// How many `filed` events carry a source ID (more than `sourceIDs.count` means a letter was filed twice).
    var filedWithSource = 0
    var lastSeq = 0
    /// After the last complete line read.
    private(set) var position = JournalPosition.start
    private var book = CaseBook(policy: .standard, retainTexts: false)

    init() {}

    init(path: String) throws {
        try advance(path: path)
    }

    /// Reads the lines added since the last call (the caller knows the lines before are unchanged).
    mutating func advance(path: String) throws {
        problems.removeAll { $0.kind == .tornTail }
        let file = try JournalFile.openForReading(path: path)
        var collected = self
        let outcome = try JournalScanner(timeZone: .shanghai, verifyChain: true).scan(file.source(from: position.offset), from: position) { (item: JournalScanner.Item) throws(Never) in
            switch item {
            case .event(let event, let line):
                collected.lastSeq = event.seq
                if case .filed(let filing) = event.payload {
                    collected.filedCases.insert(event.caseID)
                    collected.filedEvents += 1
                    if let source = filing.sourceID {
                        collected.sourceIDs.insert(source)
                        collected.sourceByCase[event.caseID] = source
                        collected.filedWithSource += 1
                    }
                }
                do throws(LifecycleError) { try collected.book.apply(event) } catch {
                    collected.problems.append(JournalProblem(line: line, kind: .lifecycle, message: error.description))
                }
            case .problem(let problem):
                collected.problems.append(problem)
            }
        }
        collected.position = outcome.position
        self = collected
    }
}
