import Foundation
import XCTest
import XinfangCore

/// Runs every folder under `Fixtures/cases/<verb>/<name>/` as a whole command, in-process.
///
/// A case folder holds:
/// - `cmd`: one command per line (`xinfang VERB ARGS… [< FILE]`); every line but the last sets the
///   stage, the last one is checked. Arguments split on spaces; double quotes group.
/// - input files the commands name (copied into a fresh temporary directory that is the current directory);
/// - `stdout`, `stderr`, `status`: what the last command must print and return (a missing file means empty / 0);
/// - optionally `journal.expected`: the journal's exact bytes afterwards.
///
/// The clock is fixed at 2026-11-29T10:00:00+08:00 and the journal is `xinfang.ndjson` in the temporary
/// directory, whose path prints as `$TMP`. Set `XINFANG_UPDATE_GOLDEN=1` to write what the commands print
/// into the case folders (then read the diff before committing).
final class GoldenCaseTests: XCTestCase {
    static let fixedNow = Instant(seconds: 1_795_917_600)  // 2026-11-29T10:00:00+08:00

    func testGoldenCases() throws {
        let root = GoldenCase.fixturesDirectory.appendingPathComponent("cases")
        let cases = try GoldenCase.all(under: root)
        XCTAssertGreaterThan(cases.count, 0, "no golden cases found under \(root.path)")
        let update = ProcessInfo.processInfo.environment["XINFANG_UPDATE_GOLDEN"] == "1"
        for goldenCase in cases {
            let result = try goldenCase.run(now: Self.fixedNow)
            if update {
                try goldenCase.record(result)
                continue
            }
            XCTAssertEqual(result.stdout, goldenCase.expected("stdout"), "\(goldenCase.name): stdout")
            XCTAssertEqual(result.stderr, goldenCase.expected("stderr"), "\(goldenCase.name): stderr")
            XCTAssertEqual(String(result.status), goldenCase.expected("status").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? "0" : goldenCase.expected("status").trimmingCharacters(in: .whitespacesAndNewlines), "\(goldenCase.name): status")
            if let journal = goldenCase.optionalExpected("journal.expected") {
                XCTAssertEqual(result.journal, journal, "\(goldenCase.name): journal")
            }
            for (file, contents) in result.otherFiles {
                XCTAssertEqual(contents, goldenCase.expected(file + ".expected"), "\(goldenCase.name): \(file)")
            }
        }
        print("golden cases checked: \(cases.count)")
    }
}

/// One golden case folder.
struct GoldenCase {
    static var fixturesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    let folder: URL
    let name: String

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
        var journal: String
        /// Files named by a `NAME.expected` in the case folder, as the commands left them.
        var otherFiles: [String: String] = [:]
    }

    static func all(under root: URL) throws -> [GoldenCase] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var cases: [GoldenCase] = []
        for case let url as URL in enumerator where url.lastPathComponent == "cmd" {
            let folder = url.deletingLastPathComponent()
            let name = folder.path.replacingOccurrences(of: root.path + "/", with: "")
            cases.append(GoldenCase(folder: folder, name: name))
        }
        return cases.sorted { $0.name < $1.name }
    }

    func expected(_ file: String) -> String {
        optionalExpected(file) ?? ""
    }

    func optionalExpected(_ file: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func record(_ result: Result) throws {
        func write(_ text: String, _ file: String) throws {
            let url = folder.appendingPathComponent(file)
            if text.isEmpty && !file.hasSuffix(".expected") {
                try? FileManager.default.removeItem(at: url)
            } else {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        try write(result.stdout, "stdout")
        try write(result.stderr, "stderr")
        try write(result.status == 0 ? "" : "\(result.status)\n", "status")
        if optionalExpected("journal.expected") != nil { try write(result.journal, "journal.expected") }
        for (file, contents) in result.otherFiles { try write(contents, file + ".expected") }
    }

    func run(now: Instant) throws -> Result {
        let manager = FileManager.default
        let temporary = manager.temporaryDirectory.appendingPathComponent("xinfang-golden-\(UUID().uuidString)")
        try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: temporary) }
        for item in try manager.contentsOfDirectory(atPath: folder.path) {
            try manager.copyItem(at: folder.appendingPathComponent(item), to: temporary.appendingPathComponent(item))
        }
        let commands = expected("cmd").split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        var result = Result(stdout: "", stderr: "", status: 0, journal: "")
        for command in commands {
            var words = ShellWords.split(command)
            guard words.first == "xinfang" else { throw GoldenCaseError.badCommand(name, command) }
            words.removeFirst()
            var stdinBytes: [UInt8] = []
            if let redirect = words.firstIndex(of: "<"), redirect + 1 < words.count {
                let path = temporary.appendingPathComponent(words[redirect + 1]).path
                stdinBytes = Array(manager.contents(atPath: path) ?? Data())
                words.removeSubrange(redirect...(redirect + 1))
            }
            let stdout = OutputSink(collectingAs: "<stdout>")
            let stderr = OutputSink(collectingAs: "<stderr>")
            let environment = Environment(
                stdout: stdout, stderr: stderr, stdin: { MemorySource(stdinBytes) },
                variables: [:], currentDirectory: temporary.path, now: { now })
            let status = CLI.run(words, environment: environment)
            let tmp = temporary.path
            result = Result(stdout: stdout.text.replacingOccurrences(of: tmp, with: "$TMP"),
                            stderr: stderr.text.replacingOccurrences(of: tmp, with: "$TMP"),
                            status: status, journal: "")
        }
        let journal = manager.contents(atPath: temporary.appendingPathComponent("xinfang.ndjson").path) ?? Data()
        result.journal = String(decoding: journal, as: UTF8.self)
        for item in try manager.contentsOfDirectory(atPath: folder.path)
        where item.hasSuffix(".expected") && item != "journal.expected" {
            let file = String(item.dropLast(".expected".count))
            let data = manager.contents(atPath: temporary.appendingPathComponent(file).path) ?? Data()
            result.otherFiles[file] = String(decoding: data, as: UTF8.self).replacingOccurrences(of: temporary.path, with: "$TMP")
        }
        return result
    }
}

enum GoldenCaseError: Error {
    case badCommand(String, String)
}

/// Splits a command line on spaces, with double quotes grouping words (no other shell syntax).
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inQuotes = false
        var hasWord = false
        for character in line {
            if character == "\"" {
                inQuotes.toggle()
                hasWord = true
            } else if character == " " && !inQuotes {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(character)
                hasWord = true
            }
        }
        if hasWord { words.append(current) }
        return words
    }
}
