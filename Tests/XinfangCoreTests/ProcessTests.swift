import Foundation
import XCTest
import XinfangCore

/// End-to-end tests that run the built `xinfang` binary as separate processes:
/// concurrent writers and a closed stdout pipe (SIGKILL in the middle of an import: ``CrashSafetyTests``).
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
        shell.arguments = ["-c", "'\(XinfangBinary.path)' file --journal '\(journal)' '\(input.path)' | head -1"]
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

    /// `file … | assign` on one journal, with more output than a pipe holds: the upstream writer
    /// must not keep the journal's lock while it waits for its reader, who needs that lock to
    /// write (this deadlocked before the lock was released ahead of printing).
    func testAWriterPipedIntoAnotherWriterOfTheSameJournalFinishes() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        _ = FileManager.default.createFile(atPath: journal, contents: nil)
        let input = directory.appendingPathComponent("batch.ndjson")
        try TestLetters.ndjson(count: 3000, prefix: "P").write(to: input)
        let binary = XinfangBinary.path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", """
            '\(binary)' file --journal '\(journal)' '\(input.path)' | head -2500 | sed 's/^{/{"unit":"市人社局",/' \
              | '\(binary)' assign --journal '\(journal)' > /dev/null
            """]
        try shell.run()
        let deadline = Date().addingTimeInterval(60)
        while shell.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if shell.isRunning {
            // Stuck: end the pipeline's processes (the shell's children), then the shell.
            let killer = Process()
            killer.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            killer.arguments = ["-KILL", "-P", String(shell.processIdentifier)]
            try? killer.run()
            killer.waitUntilExit()
            shell.terminate()
            XCTFail("file | assign on one journal did not finish in 60 s")
            return
        }
        XCTAssertEqual(shell.terminationStatus, 0)
        let check = try JournalCheck(path: journal)
        XCTAssertEqual(check.filedCases.count, 3000)
        XCTAssertEqual(check.lastSeq, 5500)
    }
}
