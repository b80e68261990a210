import Foundation
import XCTest
import XinfangCore

/// SIGKILL at random moments during `xinfang file` imports: nothing printed is lost, the journal is clean
/// but for at most one torn last line, and the next writer completes the batch without doubling anything.
///
/// The suite runs a short form (2 episodes × 5 kills of a 2,000-letter import). `scripts/crash-test`
/// runs the long form on the release build; `XINFANG_CRASH_EPISODES`, `XINFANG_CRASH_KILLS` (per episode)
/// and `XINFANG_CRASH_LETTERS` make this test run longer too.
final class CrashSafetyTests: XCTestCase {
    func testKilledImportsLoseNothingPrintedAndReRunsCompleteThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let variables = ProcessInfo.processInfo.environment
        var harness = CrashHarness(
            directory: directory,
            letters: variables["XINFANG_CRASH_LETTERS"].flatMap(Int.init) ?? 2000,
            episodes: variables["XINFANG_CRASH_EPISODES"].flatMap(Int.init) ?? 2,
            killsPerEpisode: variables["XINFANG_CRASH_KILLS"].flatMap(Int.init) ?? 5,
            seed: variables["XINFANG_CRASH_SEED"].flatMap { UInt64($0) } ?? 0xC4A5)
        do {
            try harness.run()
        } catch {
            XCTFail("\(error)")
        }
        let figures = harness.figures
        XCTAssertGreaterThan(figures.kills, 0, "no import was killed mid-way; the timing is off")
        print("crash safety: \(figures.kills) imports killed with SIGKILL (\(figures.aimed) aimed at an append, "
            + "\(figures.finishedBeforeKill) finished first) over "
            + "\(figures.episodes) episodes of \(harness.letters) letters; \(figures.tornTails) torn last lines, "
            + "\(figures.setAside) set aside by the next writer; \(figures.printedLines) printed lines found in the journal; "
            + "\(figures.journalChecks) journal checks; every re-run completed its batch with nothing lost or doubled"
            + (AuditVerify.available ? "; audit --verify agreed" : ""))
    }
}
