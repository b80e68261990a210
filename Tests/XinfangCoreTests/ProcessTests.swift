import Foundation
import XCTest
import XinfangCore

/// End-to-end tests that run the built `xinfang` binary as separate processes:
/// concurrent writers, a closed stdout pipe, and SIGKILL in the middle of an import.
final class ProcessTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testFourConcurrentWritersGetDistinctCaseNumbers() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        var processes: [(Process, URL)] = []
        for writer in 0..<4 {
            let input = directory.appendingPathComponent("batch\(writer).ndjson")
            try TestLetters.ndjson(count: 500, prefix: "W\(writer)").write(to: input)
            let output = directory.appendingPathComponent("out\(writer).ndjson")
            processes.append((try XinfangBinary.start(["file", "--journal", journal, input.path], stdout: output), output))
        }
        var numbers: [String] = []
        for (process, output) in processes {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, 500)
            numbers += try lines.map { try JSONParser.parseObjectLine(String($0)).requiredString("case") }
        }
        XCTAssertEqual(numbers.count, 2000)
        XCTAssertEqual(Set(numbers).count, 2000, "case numbers must be unique across writers")
        let check = try JournalCheck(path: journal)
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.filedCases, Set(numbers))
        XCTAssertEqual(check.lastSeq, 2000)
        print("concurrent writers: 4 × 500 letters, 2000 distinct case numbers, journal clean")
    }

    func testClosedStdoutEndsQuietly() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        let input = directory.appendingPathComponent("batch.ndjson")
        try TestLetters.ndjson(count: 3000, prefix: "H").write(to: input)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(XinfangBinary.path)' file --journal '\(journal)' '\(input.path)' | head -1; echo \"status ${PIPESTATUS:-}\" >/dev/null"]
        let errors = Pipe(), output = Pipe()
        shell.standardError = errors
        shell.standardOutput = output
        try shell.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        XCTAssertEqual(String(decoding: printed, as: UTF8.self).split(separator: "\n").count, 1)
        XCTAssertEqual(String(decoding: complaints, as: UTF8.self), "", "nothing on stderr when the reader goes away")
        // Every letter is still filed: the journal does not depend on anyone reading stdout.
        XCTAssertEqual(try JournalCheck(path: journal).filedCases.count, 3000)
    }

    func testKilledImportLosesNothingAcknowledgedAndReRunCompletesIt() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        let input = directory.appendingPathComponent("big.ndjson")
        let total = 20_000
        try TestLetters.ndjson(count: total, prefix: "K").write(to: input)
        var generator = SplitMix(seed: 99)
        var kills = 0
        for round in 0..<4 {
            let output = directory.appendingPathComponent("out\(round).ndjson")
            let process = try XinfangBinary.start(["file", "--journal", journal, input.path], stdout: output, stderr: directory.appendingPathComponent("err\(round)"))
            usleep(UInt32(20_000 + generator.next() % 200_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // Every case the killed process printed is in the journal.
            let printed = try String(contentsOf: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            let check = try JournalCheck(path: journal)
            for line in printed where line.hasSuffix("}") {
                let number = try JSONParser.parseObjectLine(String(line)).requiredString("case")
                XCTAssertTrue(check.filedCases.contains(number), "round \(round): \(number) was printed but is not in the journal")
            }
            // At most a torn last line, nothing else.
            XCTAssertTrue(check.problems.allSatisfy { $0.kind == .tornTail }, "round \(round): \(check.problems)")
            XCTAssertLessThanOrEqual(check.problems.count, 1)
        }
        // A fresh import completes the batch without duplicates.
        let final = try XinfangBinary.run(["file", "--journal", journal, input.path])
        XCTAssertEqual(final.status, 0, final.stderr)
        let check = try JournalCheck(path: journal)
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.filedCases.count, total)
        XCTAssertEqual(check.sourceIDs.count, total, "each letter filed exactly once")
        print("kill -9: \(kills) imports killed mid-way, re-run completed \(total) letters with none lost or doubled")
    }
}

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
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        if let stderr {
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
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
struct JournalCheck {
    var problems: [JournalProblem] = []
    var filedCases: Set<String> = []
    var sourceIDs: Set<String> = []
    var lastSeq = 0

    init(path: String) throws {
        let file = try JournalFile.openForReading(path: path)
        var book = CaseBook(policy: .standard, retainTexts: false)
        var collected = self
        _ = try JournalScanner(timeZone: .shanghai, verifyChain: true).scan(try file.source(from: 0), from: .start) { (item: JournalScanner.Item) throws(Never) in
            switch item {
            case .event(let event, let line):
                collected.lastSeq = event.seq
                if case .filed(let filing) = event.payload {
                    collected.filedCases.insert(event.caseID)
                    if let source = filing.sourceID { collected.sourceIDs.insert(source) }
                }
                do throws(LifecycleError) { try book.apply(event) } catch {
                    collected.problems.append(JournalProblem(line: line, kind: .lifecycle, message: error.description))
                }
            case .problem(let problem):
                collected.problems.append(problem)
            }
        }
        self = collected
    }
}
