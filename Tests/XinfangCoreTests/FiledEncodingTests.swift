import Dispatch
import Foundation
import XCTest
@testable import XinfangCore

/// `file`'s shortcuts in writing against the reference writer (`NDJSONLine`, `journalLineWithFields`):
/// the byte writer's pieces, a filing's fields encoded while the batch is prepared, the journal
/// line written from them and the echo's start are byte for byte what the reference writes.
final class FiledEncodingTests: XCTestCase {
    private static let texts = JournalSamples.texts + [
        "", " ", "\"", "\\", "\u{0}", "\u{1F}", "\u{7F}", "12345678", "1234567\"", "12345678\\9", "中文\n中文中文中文",
        "\u{8}\u{C}", "emoji 😀 after eight bytes \u{2028}", String(repeating: "长", count: 300), "a\"b\"c\\d\ne\rf\tg\u{1}h",
    ]

    private func reference(_ text: String) -> [UInt8] {
        var line = NDJSONLine()
        line.appendString(text)
        return line.bytes
    }

    func testStringsAreEscapedAsTheLineWriterEscapesThem() {
        for text in Self.texts {
            var bytes: [UInt8] = [0x41]
            bytes.appendJSONString(text)
            XCTAssertEqual(bytes, [0x41] + reference(text), text.debugDescription)
            // A text that is not native (a substring made into a String) goes the same way.
            let sliced = String(("x" + text).dropFirst())
            var again: [UInt8] = []
            again.appendJSONString(sliced)
            XCTAssertEqual(again, reference(text), text.debugDescription)
        }
    }

    func testNumbersAreWrittenAsTheLineWriterWritesThem() {
        var values = [0, 1, 9, 10, 99, 100, 101, 100_000, 999_999, 1_000_000, -1, -10, Int.max, Int.min, Int.max - 1]
        var random = SeededRandom(seed: 11)
        for _ in 0..<2000 { values.append(Int(bitPattern: UInt(random.next())) >> random.below(64)) }
        for value in values {
            var bytes: [UInt8] = [0x2C]
            bytes.appendDecimal(value)
            var line = NDJSONLine()
            line.appendInt(value)
            XCTAssertEqual(bytes, [0x2C] + line.bytes, "\(value)")
        }
    }

    /// Filings with every optional field present or absent and every kind of text.
    private func filings(count: Int, seed: UInt64) -> [Filing] {
        var random = SeededRandom(seed: seed)
        let texts = Self.texts
        func maybe() -> String? { random.chance(0.5) ? random.pick(texts) : nil }
        return (0..<count).map { _ in
            let petitioner = random.chance(0.2) ? nil
                : Petitioner(name: random.pick(texts), idNumber: maybe(), phone: maybe(), address: maybe())
            return Filing(channel: random.pick(Channel.allCases), summary: random.pick(texts), region: random.pick(texts),
                          category: random.pick(texts), petitioner: petitioner,
                          people: random.pick([1, 2, 9, 10, 57, 100_000]), respondent: maybe(), sourceID: maybe(),
                          repeatOf: random.chance(0.3) ? random.pick(["GD-2026-000001", "XF-1999-123456789", "a\"b"]) : nil,
                          confidential: random.chance(0.3))
        }
    }

    private func event(_ filing: Filing, seq: Int = 7, at: Instant = Instant(seconds: 1_777_564_800)) -> JournalEvent {
        JournalEvent(seq: seq, caseID: "GD-2026-000042", at: at, recorded: Instant(seconds: 1_795_917_600), payload: .filed(filing))
    }

    func testEncodedFieldsAreTheJournalLinesFields() {
        for filing in filings(count: 3000, seed: 5) {
            let (line, _, fields) = event(filing).journalLineWithFields(previousHash: JournalEvent.genesisHash, timeZone: .shanghai)
            var withoutRepeat = filing
            withoutRepeat.repeatOf = nil
            // Encoded before the repeat link is known (the keys after the fields, in the same
            // array, as a prepared letter has them), then given it.
            let received = Instant(seconds: 1_777_564_800)
            let (encoded, _) = EncodedFiling.withKeys(withoutRepeat, received: received, timeZone: .shanghai)
            XCTAssertEqual(Array(encoded.fields(repeatOf: filing.repeatOf)), Array(line[fields]), String(decoding: line, as: UTF8.self))
            // The repeat link in the filing itself is not encoded ahead.
            XCTAssertEqual(EncodedFiling.withKeys(filing, received: received, timeZone: .shanghai).0.bytes, encoded.bytes)
        }
    }

    /// A batch appended to the journal once hashed (on the hashing queue, or at once) writes the very lines.
    func testABatchAppendedOnceHashedWritesTheLines() throws {
        let events = JournalSamples.events(cases: 60, seed: 8)
        var expected: [UInt8] = []
        var previous = JournalEvent.genesisHash
        for event in events {
            let (line, hash) = event.journalLine(previousHash: previous, timeZone: .shanghai)
            expected += line
            previous = hash
        }
        for queue in [DispatchQueue(label: "test-append"), nil] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-append-\(UUID().uuidString).ndjson").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let journal = try JournalFile.openForWriting(path: path)
            let batch = JournalLineBatch(previousHash: JournalEvent.genesisHash, timeZone: .shanghai, queue: queue)
            var output: [UInt8] = []
            for event in events { _ = batch.append(event, fields: nil, echo: .line([]), printingTo: &output) }
            batch.appendWhenHashed(to: journal, expectedSize: 0)
            let (last, appended) = batch.finishAppended()
            XCTAssertEqual(last, previous)
            XCTAssertNotNil(appended)
            XCTAssertNoThrow(try appended?.get())
            XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), expected)
            // An empty batch appends nothing and says so.
            let empty = JournalLineBatch(previousHash: last, timeZone: .shanghai, queue: queue)
            empty.appendWhenHashed(to: journal, expectedSize: expected.count)
            let (same, nothing) = empty.finishAppended()
            XCTAssertEqual(same, last)
            XCTAssertNil(nothing)
        }
    }

    func testTheFiledEchoStartsAsTheReferenceEchoStarts() {
        for caseID in ["GD-2026-000001", "a\"b", "案\n号"] {
            for seconds: Int64 in [0, 1_777_564_800, 1_795_917_659, -86_400] {
                let received = Instant(seconds: seconds)
                XCTAssertEqual(FileVerb.filedEchoPrefix(caseID: caseID, received: received, policy: .standard),
                               FileVerb.echoPrefix(caseID: caseID, status: "filed", received: received, policy: .standard).bytes)
            }
        }
    }

    /// Lines written from encoded fields (times repeated, changed, and back) are the reference lines, hashes included.
    func testLinesFromEncodedFieldsAreTheReferenceLines() {
        let start = JournalEvent.genesisHash
        var random = SeededRandom(seed: 9)
        let instants = [Instant(seconds: 1_777_564_800), Instant(seconds: 1_777_564_801), Instant(seconds: 0), Instant(seconds: 1_795_917_600)]
        var events = filings(count: 300, seed: 6).enumerated().map { index, filing in
            event(filing, seq: index + 1, at: random.chance(0.7) ? instants[0] : random.pick(instants))
        }
        events += JournalSamples.events(cases: 40, seed: 4).map { sample in
            var event = sample
            event.seq = 0
            return event
        }
        for index in events.indices { events[index].seq = index + 1 }
        var expected: [UInt8] = []
        var expectedEchoes: [UInt8] = []
        var previous = start
        let prefix = FileVerb.filedEchoPrefix(caseID: "GD-2026-000001", received: Instant(seconds: 0), policy: .standard)
        var encoded: [[UInt8]] = []
        for event in events {
            let (line, hash, fields) = event.journalLineWithFields(previousHash: previous, timeZone: .shanghai)
            expected += line
            expectedEchoes += prefix + line[fields] + Array("}\n".utf8)
            encoded.append(Array(line[fields]))
            previous = hash
        }
        for queue in [DispatchQueue(label: "test-hash"), nil] {
            for ahead in [true, false] {
                let batch = JournalLineBatch(previousHash: start, timeZone: .shanghai, queue: queue)
                var output: [UInt8] = []
                var length = 0
                for (event, fields) in zip(events, encoded) {
                    length += batch.append(event, fields: ahead ? fields[...] : nil, echo: .fields(after: prefix), printingTo: &output)
                }
                let (bytes, last) = batch.finish()
                XCTAssertEqual(bytes, expected)
                XCTAssertEqual(length, expected.count)
                XCTAssertEqual(last, previous)
                XCTAssertEqual(output, expectedEchoes)
            }
        }
    }
}

/// The keys and names `file` makes from bytes against the ones made from `String`s.
final class FilingKeysBytesTests: XCTestCase {
    func testFingerprintsAreTheTextsDigestsAndIdentitiesTheirBytes() {
        var random = SeededRandom(seed: 21)
        let texts = JournalSamples.texts + ["", "张三", "13800138000", "44010320030307640X", "A\u{1F}B"]
        for _ in 0..<2000 {
            func maybe() -> String? { random.chance(0.5) ? random.pick(texts) : nil }
            let petitioner = random.chance(0.2) ? nil : Petitioner(name: random.pick(texts), idNumber: maybe(), phone: maybe(), address: maybe())
            let filing = Filing(channel: random.pick(Channel.allCases), summary: random.pick(texts), region: "r", category: "c",
                                petitioner: petitioner, sourceID: maybe())
            let received = Instant(seconds: Int64(random.below(4_000_000_000)) - 100_000_000)
            var expected = Array(filing.channel.rawValue.utf8) + [0x1F] + Array(OfficeTimeZone.shanghai.localDate(of: received).description.utf8)
            if let petitioner {
                expected += [0x1F] + Array(petitioner.name.utf8) + [0x1F] + Array((petitioner.idNumber ?? "").utf8)
                expected += [0x1F] + Array((petitioner.phone ?? "").utf8)
            } else {
                expected += [0x1F] + Array("anonymous".utf8)
            }
            expected += [0x1F] + Array(filing.summary.utf8)
            let keys = FilingKeys(filing, received: received, timeZone: .shanghai)
            XCTAssertEqual(keys.fingerprint, FilingKey(SHA256.hash(expected)))
            XCTAssertEqual(Array(keys.fingerprint.bytes), SHA256.hash(expected))
            XCTAssertEqual(keys.identity, petitioner?.identityKey.map { FilingKey($0) })
            XCTAssertEqual(keys.sourceID, filing.sourceID.map { FilingKey($0) })
            // The same keys when written after the encoded fields, as a prepared letter has them.
            let (encoded, ranges) = EncodedFiling.withKeys(filing, received: received, timeZone: .shanghai)
            let shared = FilingKeys(storage: encoded.bytes, ranges: ranges)
            XCTAssertEqual(shared.fingerprint, keys.fingerprint)
            XCTAssertEqual(shared.identity, keys.identity)
            XCTAssertEqual(shared.sourceID, keys.sourceID)
            XCTAssertEqual(ranges.fingerprint.lowerBound, encoded.count)
        }
    }

    func testChannelsAreMatchedByTheirExactNames() {
        for name in Channel.allCases.map(\.rawValue) + ["", "fa", "faxx", "Fax", "FAX", "visits", "来信", "phone ", "mailbo", "mailbox"] {
            XCTAssertEqual(Channel(exactName: name), Channel(rawValue: name), name)
            XCTAssertEqual(Channel(exactName: String(("x" + name).dropFirst())), Channel(rawValue: name), name)
        }
    }

    func testPhoneNumbersAreCheckedAsBefore() {
        func reference(_ text: String) -> Bool {
            let digits = text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count
            let allowed = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 || $0 == 0x2B || $0 == 0x2D || $0 == 0x28 || $0 == 0x29 }
            return allowed && (5...20).contains(digits)
        }
        var random = SeededRandom(seed: 3)
        let pieces = ["1", "2", "0", " ", "+", "-", "(", ")", "a", "１", "\u{0}", "9"]
        for _ in 0..<5000 {
            let text = (0..<random.below(26)).map { _ in random.pick(pieces) }.joined()
            XCTAssertEqual(PetitionForm.isPhoneNumber(text), reference(text), text)
        }
    }

    func testTheSequenceTableAgreesWithADictionary() {
        var random = SeededRandom(seed: 17)
        var table = SequenceTable()
        var reference: [String: [Int: Int]] = [:]
        let offices = ["GD", "XF", "GD-SZ", "广东信访局"]
        for _ in 0..<20_000 {
            let office = random.chance(0.8) ? offices[0] : random.pick(offices)
            let year = random.chance(0.8) ? 2026 : 2020 + random.below(8)
            if random.chance(0.5) {
                XCTAssertEqual(table.last(office: office, year: year), reference[office]?[year] ?? 0)
            } else {
                let sequence = random.below(1000)
                table.raise(office: office, year: year, to: sequence)
                reference[office, default: [:]][year] = max(reference[office]?[year] ?? 0, sequence)
            }
        }
        for office in offices {
            for year in 2020..<2028 { XCTAssertEqual(table.last(office: office, year: year), reference[office]?[year] ?? 0) }
        }
    }

    func testRememberedTimesAreWrittenAsFormatWritesThem() {
        var text = InstantText()
        var random = SeededRandom(seed: 5)
        var previous = Instant(seconds: 0)
        for _ in 0..<3000 {
            let instant = random.chance(0.5) ? previous : Instant(seconds: Int64(random.below(5_000_000_000)) - 1_000_000_000)
            let bytes = [UInt8].written(capacity: 32) { out in
                text.write(instant, timeZone: .shanghai, to: &out)
                return true
            }
            XCTAssertEqual(bytes, Array(OfficeTimeZone.shanghai.format(instant).utf8))
            let prefix = FileVerb.filedEchoPrefix(caseID: "GD-2026-000007", received: instant, policy: .standard, stamp: &text)
            XCTAssertEqual(prefix, FileVerb.echoPrefix(caseID: "GD-2026-000007", status: "filed", received: instant, policy: .standard).bytes)
            previous = instant
        }
    }

    /// A text has plain edges exactly when its first and last scalars are not white space, and most texts have.
    func testPlainEdgesMeanNoWhiteSpaceScalarAtEitherEnd() {
        let scalars: [Unicode.Scalar] = [
            "\u{9}", "\u{A}", "\u{D}", "\u{E}", " ", "!", "a", "\u{84}", "\u{85}", "\u{86}", "\u{A0}", "\u{A1}", "é", "\u{167F}",
            "\u{1680}", "\u{1681}", "\u{1FFF}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2014}", "\u{2026}", "\u{2028}", "\u{2029}",
            "\u{202F}", "\u{2030}", "\u{2027}", "\u{205E}", "\u{205F}", "\u{2060}", "\u{2FFF}", "\u{2009}", "\u{201C}", "\u{1A80}", "\u{C0}", "\u{3000}", "\u{3001}", "\u{3002}", "\u{3080}", "中", "😀",
        ]
        var random = SeededRandom(seed: 29)
        var plain = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<random.below(5) { text.unicodeScalars.append(random.pick(scalars)) }
            let bytes = Array(text.utf8)
            let edges = bytes.withUnsafeBufferPointer { String.hasPlainEdges($0.baseAddress!, $0.count) }
            // Judged from the scalars themselves (`trimmingSpaces` asks `hasPlainEdges` first, so it cannot be the judge).
            let expected = text.unicodeScalars.first.map { !$0.isSpace } == true && text.unicodeScalars.last.map { !$0.isSpace } == true
            XCTAssertEqual(edges, expected, text.debugDescription)
            if edges { plain += 1 }
        }
        XCTAssertGreaterThan(plain, 2000)
        for text in ["中文。", "“引号”", "a", "请尽快处理。", "\u{3001}x\u{3002}"] {
            let bytes = Array(text.utf8)
            XCTAssertTrue(bytes.withUnsafeBufferPointer { String.hasPlainEdges($0.baseAddress!, $0.count) }, text)
        }
    }
}

