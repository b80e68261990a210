/// The code paths that read untrusted bytes, packaged for fuzzing: libFuzzer (`scripts/fuzz`) and the
/// test suite's corpus replay call the same functions.
///
/// Each target runs one input through a reader the way the product does and
/// checks the promises that reader makes beyond "does not trap": every input
/// line ends as exactly one outcome, every rejection is a one-line message,
/// what is accepted round-trips through the journal's own encoding, and the
/// fast and the lenient timestamp parsers agree. A broken promise comes back
/// as a message in the returned list (empty when all is well); the libFuzzer
/// entry points turn a non-empty list into a crash so the fuzzer keeps the input.
///
/// ```swift
/// let broken = FuzzTargets.ndjson(Array(#"{"channel":"letter"}"#.utf8))
/// assert(broken.isEmpty)
/// ```
public enum FuzzTargets {
    /// The names of the targets, as used for `Fuzz/<name>.swift` and `Fuzz/corpus/<name>/`.
    public static let names = ["ndjson", "csv", "timestamp", "resident_id", "journal"]

    /// Runs the target called `name` on `bytes`; nil for an unknown name.
    public static func run(_ name: String, _ bytes: [UInt8]) -> [String]? {
        switch name {
        case "ndjson": return ndjson(bytes)
        case "csv": return csv(bytes)
        case "timestamp": return timestamp(bytes)
        case "resident_id": return residentID(bytes)
        case "journal": return journal(bytes)
        default: return nil
        }
    }

    /// The clock the targets run at: the golden tests' 2026-11-29T10:00:00+08:00.
    static let now = Instant(seconds: 1_795_917_600)

    /// NDJSON input of `xinfang file`: the line reader, the strict JSON parser, the petition form,
    /// the duplicate and repeat index, and the journal line each accepted petition would be written as.
    public static func ndjson(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        var filer = Filer()
        var reader = LineReader(source: MemorySource(bytes, chunkLimit: 7), chunkSize: 16, maxLineLength: 4096)
        var lines = 0
        do {
            try reader.forEachLine { (line: Line) throws(Never) in
                lines += 1
                if line.number != lines { broken.append("line \(lines) was numbered \(line.number)") }
                if line.truncated { return }
                let fast = PetitionLineReader(form: filer.form).read(line.bytes, now: now)
                let object: JSONObject
                do throws(JSONSyntaxError) {
                    object = try JSONParser.parseObjectLine(line.bytes)
                } catch {
                    Self.checkMessage(error.description, line: line.number, into: &broken)
                    if fast != nil { broken.append("line \(line.number): the fast petition reader took a line that is not JSON") }
                    return
                }
                if let (filing, received) = fast {
                    switch PreparedPetition.read(object, form: filer.form, now: now) {
                    case .filing(let expected) where expected.filing == filing && expected.received == received: break
                    case let strict: broken.append("line \(line.number): the fast petition reader gave \(filing) at \(received), the form \(strict)")
                    }
                }
                broken += filer.file(object, line: line.number)
            }
        } catch {
            broken.append("reading memory failed: \(error)")
        }
        let expected = bytes.isEmpty ? 0 : bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count - (bytes.last == 0x0A ? 1 : 0)
        if lines != expected { broken.append("\(expected) lines in, \(lines) lines read") }
        return broken
    }

    /// CSV input of `xinfang file --csv`: the CSV reader, the header mapping, and each row through the petition form.
    public static func csv(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        let records: [InputRecord]
        do {
            records = try CSVInput.records(bytes, source: "fuzz.csv")
        } catch {
            checkMessage(error.message, line: 1, into: &broken)
            return broken
        }
        var filer = Filer()
        var previous = 0
        let physicalLines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for record in records {
            if record.line <= previous || record.line > physicalLines {
                broken.append("row numbered \(record.line) after \(previous), in \(physicalLines) lines")
            }
            previous = record.line
            switch record.object {
            case .failure(let error): checkMessage(error.message, line: record.line, into: &broken)
            case .success(let object): broken += filer.file(object, line: record.line)
            }
        }
        return broken
    }

    /// The date and date-time parsers: the lenient one, the journal's fast one, and `--from`-style dates.
    public static func timestamp(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        let zone = OfficeTimeZone.shanghai
        let text = String(decoding: bytes, as: UTF8.self)
        let lenient = zone.parseTimestamp(text)
        switch lenient {
        case .failure(let error): checkMessage(error.description, line: 1, into: &broken)
        case .success(let instant) where OfficeTimeZone.writableRange.contains(instant.seconds):
            let formatted = zone.format(instant)
            if case .success(let again) = zone.parseTimestamp(formatted), again == instant {} else {
                broken.append("\(text) read as \(formatted), which does not read back as the same instant")
            }
        case .success:
            break  // outside the range the journal writes; the fields that hold dates refuse it
        }
        let fast = bytes.withUnsafeBytes { zone.parseTimestamp(bytes: $0) }
        if let fast, Array(text.utf8) == bytes, lenient != .success(fast) {
            broken.append("fast parser read \(text) as \(fast.seconds), the lenient one as \(lenient)")
        }
        if case .failure(let error) = zone.parseDate(text) { checkMessage(error.description, line: 1, into: &broken) }
        return broken
    }

    /// Resident ID numbers (GB 11643): the parser, and that what it accepts has a correct check digit.
    public static func residentID(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        let text = String(decoding: bytes, as: UTF8.self)
        switch ResidentID.parse(text) {
        case .failure(let error):
            checkMessage(error.description, line: 1, into: &broken)
        case .success(let id):
            let value = Array(id.value)
            if value.count != 18 { broken.append("accepted \(text) as \(id.value), not 18 characters") }
            if value.count == 18, ResidentID.checkDigit(for: String(value[0..<17])) != value[17] {
                broken.append("accepted \(text) with a wrong check digit")
            }
            if case .success(let again) = ResidentID.parse(id.value), again == id {} else {
                broken.append("accepted \(text) as \(id.value), which does not parse back")
            }
        }
        _ = ResidentID.checkDigit(for: text)
        return broken
    }

    /// A hostile journal: the scanner with the hash chain checked, the events folded into a ``CaseBook``.
    public static func journal(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        var book = CaseBook(policy: .standard, retainTexts: false)
        let scanner = JournalScanner(timeZone: .shanghai, verifyChain: true)
        var lastLine = 0
        do {
            _ = try scanner.scan(MemorySource(bytes, chunkLimit: 13), from: .start) { (item: JournalScanner.Item) throws(Never) in
                switch item {
                case .event(let event, let line):
                    if line < lastLine { broken.append("line \(line) reported after line \(lastLine)") }
                    lastLine = line
                    do throws(LifecycleError) { try book.apply(event) } catch {
                        checkMessage(error.description, line: line, into: &broken)
                    }
                case .problem(let problem):
                    if problem.line < lastLine { broken.append("line \(problem.line) reported after line \(lastLine)") }
                    lastLine = problem.line
                    checkMessage(problem.message, line: problem.line, into: &broken)
                }
            }
        } catch {
            broken.append("reading memory failed: \(error)")
        }
        broken += fastDecodingAgrees(bytes)
        return broken
    }

    /// Each line decoded the fast way (strings from the line masks where the processor has them,
    /// and byte by byte) gives the reference path's event, or leaves the line to it.
    static func fastDecodingAgrees(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        var masked = JournalLineDecoder(timeZone: .shanghai, usesLineMasks: true)
        var bytewise = JournalLineDecoder(timeZone: .shanghai, usesLineMasks: false)
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            line.withUnsafeBytes { line in
                let reference = try? JournalScanner.referenceEvent(line, timeZone: .shanghai)
                for (way, event) in [("masked", masked.decode(line)), ("bytewise", bytewise.decode(line))] {
                    guard let event else { continue }
                    if event != reference {
                        broken.append("line \(index + 1): the \(way) decoder gives \(event), the reference path \(reference.map { "\($0)" } ?? "a refusal")")
                    }
                }
            }
        }
        return broken
    }

    /// A rejection must say something, on one printed line, about a real line number.
    static func checkMessage(_ message: String, line: Int, into broken: inout [String]) {
        if line < 1 { broken.append("message for line \(line): \(message)") }
        if message.isEmpty { broken.append("line \(line): empty message") }
        let printed = MessageText.singleLine(message)
        if printed.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 }) {
            broken.append("line \(line): message spans lines or holds control characters: \(printed)")
        }
    }

    /// `xinfang file`'s decision for each object, against in-memory state, as the writer runs it.
    struct Filer {
        let policy = Policy.standard
        var state = FilingState(policy: .standard)
        var position = JournalPosition.start

        let form = PetitionForm(policy: .standard, defaults: PetitionForm.Defaults())

        mutating func file(_ object: JSONObject, line: Int) -> [String] {
            var broken: [String] = []
            let prepared = PreparedPetition.read(object, form: form, now: FuzzTargets.now)
            switch FileVerb.decide(&state, prepared, now: FuzzTargets.now, policy: policy, redact: line % 2 == 0) {
            case .reject(let message):
                FuzzTargets.checkMessage(message, line: line, into: &broken)
            case .echo(let echo):
                broken += Self.checkEcho(echo, line: line)
            case .write(let event, let echo):
                broken += write(event, encoded: nil, echo: echo, line: line)
            case .writeEncoded(let event, let encoded, let echo):
                broken += write(event, encoded: encoded, echo: echo, line: line)
            }
            return broken
        }

        /// Records and writes one event as the writer does; `encoded` fields must be the ones its line has.
        private mutating func write(_ event: JournalEvent, encoded: ArraySlice<UInt8>?, echo: LineOutcome.Echo, line: Int) -> [String] {
            var broken: [String] = []
            do throws(LifecycleError) { try state.apply(event) } catch {
                FuzzTargets.checkMessage(error.description, line: line, into: &broken)
                return broken
            }
            var event = event
            event.seq = position.seq + 1
            let (bytes, hash, fields) = event.journalLineWithFields(previousHash: position.hash, timeZone: policy.timeZone)
            position.seq = event.seq
            position.hash = hash
            if let encoded, encoded != bytes[fields] {
                broken.append("line \(line): fields encoded ahead differ from the journal line's: \(String(decoding: encoded, as: UTF8.self))")
            }
            broken += Self.checkEcho(echo.bytes(journalLine: bytes, fields: fields), line: line)
            broken += readBack(bytes, event: event, line: line)
            return broken
        }

        /// An output line is one JSON object with a `case`, ending in a line break.
        static func checkEcho(_ echo: [UInt8], line: Int) -> [String] {
            guard echo.last == 0x0A, echo.dropLast().firstIndex(of: 0x0A) == nil else {
                return ["line \(line): output is not exactly one line"]
            }
            do {
                let body = Array(echo.dropLast())
                let object = try body.withUnsafeBytes { (raw) throws(JSONSyntaxError) in try JSONParser.parseObjectLine(raw) }
                if object["case"] == nil { return ["line \(line): output has no case"] }
            } catch {
                return ["line \(line): output is not valid JSON: \(error)"]
            }
            return []
        }

        /// The written journal line must read back as the same event, so the journal never holds a line no reader can read.
        func readBack(_ bytes: [UInt8], event: JournalEvent, line: Int) -> [String] {
            guard bytes.last == 0x0A else { return ["line \(line): journal line without a line break"] }
            let body = Array(bytes.dropLast())
            do {
                let object = try body.withUnsafeBytes { (raw) throws(JSONSyntaxError) in try JSONParser.parseObjectLine(raw) }
                let decoded = try JournalEvent(journalObject: object, timeZone: policy.timeZone)
                if decoded != event {
                    return ["line \(line): journal line reads back as a different event: \(String(decoding: body, as: UTF8.self))"]
                }
            } catch {
                return ["line \(line): journal line does not read back (\(error)): \(String(decoding: body, as: UTF8.self))"]
            }
            return []
        }
    }
}
