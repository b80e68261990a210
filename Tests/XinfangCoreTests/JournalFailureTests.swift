import Foundation
import XCTest
import XinfangCore

/// A journal that cannot be written (full disk, file-size limit, read-only file): `xinfang file` exits 3 with
/// a message naming the journal, prints nothing for the failed batch, and leaves the journal as it was.
final class JournalFailureTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-failure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Other users must reach the files when the read-only test runs as nobody.
        _ = chmod(directory.path, 0o755)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A journal with three letters filed, and a batch of twenty more (more than the 4 KiB page a full tmpfs still has room in).
    func stage() throws -> (journal: String, before: Data, batch: URL) {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        let first = directory.appendingPathComponent("first.ndjson")
        try TestLetters.ndjson(count: 3, prefix: "F").write(to: first)
        let filed = try XinfangBinary.run(["file", "--journal", journal, first.path])
        XCTAssertEqual(filed.status, 0, filed.stderr)
        let batch = directory.appendingPathComponent("batch.ndjson")
        try TestLetters.ndjson(count: 20, prefix: "G").write(to: batch)
        return (journal, try Data(contentsOf: URL(fileURLWithPath: journal)), batch)
    }

    /// Runs `command` through `/bin/sh -c`, with `$0` the xinfang binary and `$1…` the arguments.
    func shell(_ command: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command, XinfangBinary.path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testFullDiskLeavesTheJournalAsItWasAndPrintsNothing() throws {
        let (journal, before, batch) = try stage()
        // A private 64 KiB tmpfs, filled up, in a mount namespace of its own (needs root; skipped elsewhere).
        let mount = directory.appendingPathComponent("full").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=64k tmpfs "$1" 2>/dev/null || exit 99
            cp "$2" "$1/journal.ndjson"
            dd if=/dev/zero of="$1/filler" bs=1k count=100 2>/dev/null
            "$0" file --journal "$1/journal.ndjson" "$3"; status=$?
            cp "$1/journal.ndjson" "$4"
            exit $status
            """
        let after = directory.appendingPathComponent("after.ndjson").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { throw XCTSkip("no unshare(1) to mount a small tmpfs") }
        let result = try shell("exec /usr/bin/unshare -m /bin/sh -c '\(script)' \"$0\" \"$@\"", [mount, journal, batch.path, after])
        if result.status == 99 || result.stderr.contains("unshare failed") || result.stderr.contains("Operation not permitted") {
            throw XCTSkip("cannot mount a tmpfs here (needs root): \(result.stderr)")
        }
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.stdout, "", "nothing printed for a batch that was not written")
        XCTAssertEqual(result.stderr, "xinfang file: journal \(mount)/journal.ndjson: cannot write to \(mount)/journal.ndjson: "
            + "No space left on device; nothing from this batch was written\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: after)), before, "the journal is cut back to before the batch")
        XCTAssertEqual(try JournalCheck(path: after).problems, [])
        print("disk full: tmpfs of 64 KiB, append failed with ENOSPC, exit 3, journal byte-identical and clean")
    }

    func testFileSizeLimitAfterAnAcknowledgedBatchKeepsWhatWasPrinted() throws {
        let journal = directory.appendingPathComponent("journal.ndjson").path
        let batch = directory.appendingPathComponent("big.ndjson")
        let letters = WriterSession<FilingState, Result<JSONObject, InputError>>.batchLimit + 500
        try TestLetters.ndjson(count: letters, prefix: "L").write(to: batch)
        // 1 MiB holds the first batch of 2,000 letters (about 0.8 MiB) but not the second; dash counts ulimit -f in 512-byte blocks.
        let limited = try shell("ulimit -f 2048 && exec \"$0\" \"$@\"", ["file", "--journal", journal, batch.path])
        XCTAssertEqual(limited.status, 3)
        XCTAssertEqual(limited.stderr, "xinfang file: journal \(journal): cannot write to \(journal): File too large; nothing from this batch "
            + "was written (the 2000 events printed before it are written; running the same input again after fixing this files "
            + "the rest and shows those as duplicates)\n")
        let printed = limited.stdout.split(separator: "\n")
        XCTAssertEqual(printed.count, WriterSession<FilingState, Result<JSONObject, InputError>>.batchLimit)
        var check = try JournalCheck(path: journal)
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.filedEvents, printed.count, "exactly what was printed is in the journal")
        for line in printed {
            let object = try JSONParser.parseObjectLine(String(line))
            XCTAssertEqual(check.sourceByCase[try object.requiredString("case")], try object.requiredString("source_id"))
        }
        // Without the limit the same input completes the batch.
        let rerun = try XinfangBinary.run(["file", "--journal", journal, batch.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(rerun.stdout.components(separatedBy: "\"status\":\"duplicate\"").count - 1, WriterSession<FilingState, Result<JSONObject, InputError>>.batchLimit)
        XCTAssertEqual(rerun.stdout.components(separatedBy: "\"status\":\"filed\"").count - 1, 500)
        check = try JournalCheck(path: journal)
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.filedWithSource, letters)
        XCTAssertEqual(check.sourceIDs.count, letters)
        print("file too large: first batch of \(printed.count) kept, second cut back with EFBIG, exit 3; re-run filed the other 500")
    }

    func testReadOnlyJournalIsRefusedAndLeftAlone() throws {
        let (journal, before, batch) = try stage()
        let result: (status: Int32, stdout: String, stderr: String)
        if geteuid() == 0 {
            // root writes to any file; run as nobody instead, with the journal readable by all.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("running as root without setpriv(1)") }
            _ = chmod(journal, 0o444)
            _ = chmod(batch.path, 0o444)
            result = try shell("exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" \"$@\"", ["file", "--journal", journal, batch.path])
            if result.stderr.contains("setpriv:") { throw XCTSkip("setpriv cannot change user here: \(result.stderr)") }
        } else {
            _ = chmod(journal, 0o400)
            result = try XinfangBinary.run(["file", "--journal", journal, batch.path])
        }
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "xinfang file: journal \(journal): cannot write to \(journal): Permission denied; nothing was written\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: journal)), before)
        // Reading and --dry-run still work on a read-only journal.
        _ = chmod(journal, 0o600)
    }
}
