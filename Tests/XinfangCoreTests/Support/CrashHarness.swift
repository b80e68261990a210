import Foundation
import XinfangCore

/// Kills `xinfang file` imports with SIGKILL at random moments and checks the journal after every kill.
///
/// An episode starts a fresh journal and runs the same batch of letters again and again, each run
/// killed, half of them reading a file and half reading standard input fed in random bursts (so batches
/// are small and commits many). Every other run from a file is killed the moment the journal starts to
/// grow (in the middle of an append, which leaves torn lines); the others after a random delay up to 70% of
/// the time a whole import takes. After each kill it checks:
/// - every case the killed process printed is in the journal, with the letter it was printed for,
///   and no case number ever stood for two letters;
/// - the journal is clean but for at most one torn last line (the library's scanner, hash chain checked);
/// - the complete lines from before the run are still there, byte for byte;
/// - a torn line left by the run before was set aside into `<journal>.torn` or is still the last line;
/// - no letter is filed twice and no case number is used twice.
/// Then a run without a kill must complete the batch: every letter filed exactly once, journal clean.
struct CrashHarness {
    /// What happened, for the figures the test prints.
    struct Figures {
        var episodes = 0
        var kills = 0
        var aimed = 0
        var finishedBeforeKill = 0
        var tornTails = 0
        var setAside = 0
        var printedLines = 0
        var journalChecks = 0
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: URL
    let letters: Int
    let episodes: Int
    let killsPerEpisode: Int
    var generator: SplitMix64
    private(set) var figures = Figures()

    init(directory: URL, letters: Int, episodes: Int, killsPerEpisode: Int, seed: UInt64) {
        self.directory = directory
        self.letters = letters
        self.episodes = episodes
        self.killsPerEpisode = killsPerEpisode
        self.generator = SplitMix64(seed: seed)
    }

    mutating func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let input = directory.appendingPathComponent("letters.ndjson")
        let batch = TestLetters.ndjson(count: letters, prefix: "C")
        try batch.write(to: input)
        // How long a whole import takes here, so the kills spread over all of it.
        let started = Date()
        let calibration = try XinfangBinary.run(["file", "--journal", directory.appendingPathComponent("calibration.ndjson").path, input.path])
        guard calibration.status == 0 else { throw Failure(description: "calibration import failed: \(calibration.stderr)") }
        let whole = Date().timeIntervalSince(started)
        for episode in 0..<episodes {
            try runEpisode(episode, input: input, batch: batch, whole: whole)
            figures.episodes += 1
        }
    }

    private mutating func runEpisode(_ episode: Int, input: URL, batch: Data, whole: TimeInterval) throws {
        let journal = directory.appendingPathComponent("episode\(episode).ndjson").path
        var state = EpisodeState()
        for round in 0..<killsPerEpisode {
            let name = "episode \(episode) round \(round)"
            let output = directory.appendingPathComponent("out-\(episode)-\(round)")
            let errors = directory.appendingPathComponent("err-\(episode)-\(round)")
            let viaStdin = (episode + round) % 2 == 1
            let process = Process()
            process.executableURL = URL(fileURLWithPath: XinfangBinary.path)
            process.arguments = ["file", "--journal", journal] + (viaStdin ? [] : [input.path])
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            let feeder = viaStdin ? Pipe() : nil
            if let feeder { process.standardInput = feeder }
            try process.run()
            let fed = DispatchGroup()
            if let feeder {
                let feedSeed = generator.next()
                fed.enter()
                DispatchQueue.global().async {
                    var feedGenerator = SplitMix64(seed: feedSeed)
                    Self.feed(batch, to: feeder.fileHandleForWriting.fileDescriptor, generator: &feedGenerator)
                    try? feeder.fileHandleForWriting.close()
                    fed.leave()
                }
            }
            if !viaStdin && round % 2 == 0 {
                // Aim at an append: kill the moment the journal starts to grow (a batch's write is under way).
                figures.aimed += 1
                let startSize = Self.size(of: journal)
                let deadline = Date().addingTimeInterval(whole * 2)
                while process.isRunning && Date() < deadline && Self.size(of: journal) <= startSize {}
            } else {
                usleep(UInt32(Double(generator.next() % 1000) / 1000 * whole * 0.7 * 1_000_000))
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            fed.wait()
            if process.terminationReason == .uncaughtSignal {
                figures.kills += 1
            } else {
                figures.finishedBeforeKill += 1
                guard process.terminationStatus == 0 else {
                    throw Failure(description: "\(name): import ended with status \(process.terminationStatus): \(try String(contentsOf: errors, encoding: .utf8))")
                }
            }
            if try String(contentsOf: errors, encoding: .utf8).contains("set aside") { figures.setAside += 1 }
            try check(name, journal: journal, output: output, state: &state)
        }
        // The next writer, not killed, completes the batch.
        let output = directory.appendingPathComponent("out-\(episode)-final")
        let final = try XinfangBinary.start(["file", "--journal", journal, input.path], stdout: output,
                                            stderr: directory.appendingPathComponent("err-\(episode)-final"))
        final.waitUntilExit()
        if try String(contentsOf: directory.appendingPathComponent("err-\(episode)-final"), encoding: .utf8).contains("set aside") {
            figures.setAside += 1
        }
        guard final.terminationStatus == 0 else { throw Failure(description: "episode \(episode): the re-run ended with status \(final.terminationStatus)") }
        try check("episode \(episode) re-run", journal: journal, output: output, state: &state)
        let check = try JournalCheck(path: journal)  // once more from the start, all of it
        let printed = try Data(contentsOf: output).split(separator: 0x0A).count
        guard check.problems.isEmpty, check.filedCases.count == letters, check.sourceIDs.count == letters,
              check.filedWithSource == letters, check.filedEvents == letters, printed == letters else {
            throw Failure(description: "episode \(episode): after the re-run \(check.filedEvents) filed events, \(check.filedCases.count) cases, "
                + "\(check.sourceIDs.count) letters, \(printed) lines printed, problems \(check.problems); expected \(letters) each and none")
        }
    }

    /// What an episode carries from one kill to the next.
    struct EpisodeState {
        /// Every case printed so far, with the letter (source ID) it was printed for.
        var printed: [String: String] = [:]
        /// The journal's complete lines after the last round.
        var complete = Data()
        /// A torn last line the last round left, and where it started.
        var torn: (offset: Int, bytes: Data)?
        /// The library's reading of the journal, advanced after every round.
        var check = JournalCheck()
    }

    private mutating func check(_ name: String, journal: String, output: URL, state: inout EpisodeState) throws {
        figures.journalChecks += 1
        let data = (try? Data(contentsOf: URL(fileURLWithPath: journal))) ?? Data()
        let completeEnd = (data.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
        let complete = data.prefix(completeEnd)
        let torn = data.suffix(from: completeEnd)
        guard complete.starts(with: state.complete) else {
            throw Failure(description: "\(name): lines that were in the journal before the run were changed or lost")
        }
        if let previous = state.torn {
            let stillThere = data.count >= previous.offset + previous.bytes.count
                && data.subdata(in: previous.offset..<(previous.offset + previous.bytes.count)) == previous.bytes
                && completeEnd <= previous.offset
            let setAside = ((try? Data(contentsOf: URL(fileURLWithPath: journal + ".torn"))) ?? Data()).suffix(previous.bytes.count + 1) == previous.bytes + [0x0A]
            guard stillThere || setAside else {
                throw Failure(description: "\(name): the torn line the last run left is neither the last line nor in \(journal).torn")
            }
        }
        try state.check.advance(path: journal)
        let check = state.check
        if torn.isEmpty {
            guard check.problems.isEmpty else { throw Failure(description: "\(name): journal problems \(check.problems)") }
        } else {
            let lines = complete.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard check.problems.count == 1, check.problems[0].kind == .tornTail, check.problems[0].line == lines + 1 else {
                throw Failure(description: "\(name): expected exactly one torn last line (line \(lines + 1)), found \(check.problems)")
            }
            figures.tornTails += 1
            if let range = torn.range(of: Data(#""case":""#.utf8)), torn.count >= range.upperBound + 14 {
                let number = String(decoding: torn.subdata(in: range.upperBound..<(range.upperBound + 14)), as: UTF8.self)
                guard state.printed[number] == nil else {
                    throw Failure(description: "\(name): the torn line holds \(number), which was printed before: printed before durable")
                }
            }
        }
        guard check.filedEvents == check.filedCases.count, check.filedWithSource == check.sourceIDs.count else {
            throw Failure(description: "\(name): \(check.filedEvents) filed events for \(check.filedCases.count) case numbers and "
                + "\(check.filedWithSource) for \(check.sourceIDs.count) letters: something was filed twice")
        }
        // Every complete line the process printed names a case that is in the journal, for the same letter.
        let printed = try Data(contentsOf: output)
        let printedEnd = (printed.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
        for line in printed.prefix(printedEnd).split(separator: 0x0A) {
            let object = try JSONParser.parseObjectLine(String(decoding: line, as: UTF8.self))
            let number = try object.requiredString("case"), status = try object.requiredString("status")
            let source = try object.requiredString("source_id")
            guard status == "filed" || status == "duplicate" else { throw Failure(description: "\(name): printed status \(status)") }
            guard check.sourceByCase[number] == source else {
                throw Failure(description: "\(name): \(number) was printed for \(source) but the journal has \(check.sourceByCase[number] ?? "nothing")")
            }
            if let earlier = state.printed[number], earlier != source {
                throw Failure(description: "\(name): \(number) was printed for \(earlier) before and now for \(source)")
            }
            state.printed[number] = source
            figures.printedLines += 1
        }
        if let verdict = AuditVerify.run(journal: journal) {
            let expected: Int32 = torn.isEmpty ? 0 : 3
            guard verdict.status == expected, torn.isEmpty || verdict.output.contains("torn") else {
                throw Failure(description: "\(name): xinfang audit --verify exited \(verdict.status), expected \(expected): \(verdict.output)")
            }
        }
        state.complete = Data(complete)
        state.torn = torn.isEmpty ? nil : (completeEnd, Data(torn))
    }

    private static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Writes `batch` to `descriptor` in bursts of 1 to 300 lines with pauses of up to 2 ms, until done or the reader is gone.
    private static func feed(_ batch: Data, to descriptor: Int32, generator: inout SplitMix64) {
        let lines = batch.split(separator: 0x0A, omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let count = 1 + Int(generator.next() % 300)
            var chunk = Data()
            for line in lines[index..<min(index + count, lines.count)] where !line.isEmpty {
                chunk.append(line)
                chunk.append(0x0A)
            }
            index += count
            let ok = chunk.withUnsafeBytes { raw -> Bool in
                var written = 0
                while written < raw.count {
                    let result = write(descriptor, raw.baseAddress! + written, raw.count - written)
                    if result < 0 { if errno == EINTR { continue }; return false }
                    written += result
                }
                return true
            }
            if !ok { return }
            usleep(UInt32(generator.next() % 2000))
        }
    }
}

/// `xinfang audit --verify`, when the binary has it (the crash checks use it as a second opinion).
enum AuditVerify {
    static let available: Bool = {
        guard let help = try? XinfangBinary.run(["audit", "--help"]) else { return false }
        return help.status == 0 && help.stdout.contains("--verify")
    }()

    static func run(journal: String) -> (status: Int32, output: String)? {
        guard available, let result = try? XinfangBinary.run(["audit", "--verify", "--journal", journal]) else { return nil }
        return (result.status, result.stdout + result.stderr)
    }
}
