import XCTest
@testable import XinfangCore

/// A case number's key, read from its bytes, and the index's lookups by key agree with its text.
final class CaseKeyTests: XCTestCase {
    private func key(_ text: String) -> CaseKey { CaseKey(text) }

    private func office(_ text: String) -> UInt64 {
        text.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
    }

    func testCanonicalNumbersHaveTheirOfficeYearAndSequence() {
        let six = key("XF-2026-000123")
        XCTAssertTrue(six.exists)
        XCTAssertEqual(six.office, office("XF-"))
        XCTAssertEqual(six.officeLength, 3)
        XCTAssertEqual(six.year, 2026)
        XCTAssertEqual(six.sequence, 123)
        XCTAssertEqual(six.digits, 6)
        let seven = key("GD-1999-9876543")
        XCTAssertEqual([seven.year, seven.sequence, seven.officeLength, seven.digits], [1999, 9_876_543, 3, 7])
        // Padded to seven or eight digits: the same sequence, another number (another key).
        let padded = key("XF-2026-0000123"), eight = key("XF-2026-00000123")
        XCTAssertEqual([padded.sequence, padded.digits, eight.sequence, eight.digits], [123, 7, 123, 8])
        XCTAssertNotEqual(padded, six)
        XCTAssertNotEqual(padded, eight)
        XCTAssertEqual(key("XF-2026-99999999").sequence, 99_999_999)
        let longest = key("ABCDEFG-0000-000000")  // an office of 7 bytes and its dash
        XCTAssertEqual([longest.year, longest.sequence, longest.officeLength], [0, 0, 8])
        XCTAssertEqual(longest.office, office("ABCDEFG-"))
        XCTAssertEqual(key("X-2026-000001").office, office("X-"))
    }

    func testOtherSpellingsHaveNoKey() {
        for text in ["", "XF-2026-00012", "XF-2026-123456789", "XF-2026-000000123", "XF-2O26-000001", "XF-2026-00001x",
                     "XF-2026+000001", "XF2026-000001", "ABCDEFGH-2026-000001", "XF-2026-000001 ", "2026-000001",
                     "XF-2026-٠٠٠٠٠١", "XF-2026- 00001", "XF-2026-/00001", "XF-2026-:00001"] {
            XCTAssertEqual(key(text), .none, text)
            XCTAssertFalse(key(text).exists, text)
        }
    }

    /// Every 8-byte word of digits and near-digits reads as the plain loop reads it.
    func testEightDigitsAgreesWithADigitLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + [0x2F, 0x3A, 0x00, 0x20, 0x80, 0xB0, 0xB9, 0xFF, 0xAF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in Int.random(in: 0..<10, using: &generator) < 9 ? UInt8(ascii: "0") + UInt8.random(in: 0...9)
                                                                                           : alphabet.randomElement()! }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            var expected: UInt64? = 0
            for byte in bytes {
                guard let value = expected, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { expected = nil; break }
                expected = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
            XCTAssertEqual(CaseKey.eightDigits(word), expected, "\(bytes)")
        }
    }

    /// Lookups and insertions by key give what lookups by text give, for numbers of the index's
    /// office and of others, with and without keys.
    func testTheIndexFindsTheSameCasesByKeyAndByText() {
        var byKey = CaseIndex(), byText = CaseIndex()
        var texts: [String] = []
        for sequence in stride(from: 1, to: 3000, by: 3) {
            for text in [CaseNumber(office: "GD", year: 2026, sequence: sequence).description,
                         "XF-2026-\(String(format: "%06d", sequence))", "GD-2026-0\(String(format: "%06d", sequence))",
                         "GD-2027-\(1_000_000 + sequence)", "LONGOFFICE-2026-\(String(format: "%06d", sequence))"] {
                texts.append(text)
            }
        }
        for (value, text) in texts.enumerated() {
            XCTAssertEqual(byKey.insertNew(text, caseKey: CaseKey(text), value: value), byText.insertNew(text, value: value), text)
        }
        XCTAssertFalse(byKey.insertNew(texts[0], caseKey: CaseKey(texts[0]), value: 99))
        // The key alone answers for an office and year with a dense table (found or not), and only for them.
        XCTAssertEqual(byKey.value(of: CaseKey("GD-2026-000001")), .some(0))
        XCTAssertEqual(byKey.value(of: CaseKey("GD-2026-000002")), .some(nil))
        XCTAssertEqual(byKey.value(of: CaseKey("XF-2026-000001")), .some(1))
        XCTAssertTrue(byKey.value(of: CaseKey("XF-2025-000001")) == nil)
        XCTAssertEqual(byKey.value(of: CaseKey("GD-2026-0000001")), .some(2))  // seven digits: a table of its own
        XCTAssertEqual(byKey.value(of: CaseKey("GD-2026-0000002")), .some(nil))
        XCTAssertTrue(byKey.value(of: CaseKey("GD-2026-00000001")) == nil)
        let probes = texts + ["GD-2026-000000", "GD-2026-003001", "XF-2026-003001", "GD-2028-000001", "GD-2026-00001", "gd-2026-000001"]
        for text in probes {
            XCTAssertEqual(byKey[text, CaseKey(text)], byText[text], text)
            if let answer = byKey.value(of: CaseKey(text)) { XCTAssertEqual(answer, byText[text], text) }
            XCTAssertEqual(byKey[text], byText[text], text)
        }
    }

    /// An office code of eight characters or more has no key: its numbers are hashed, and found
    /// all the same, and a number of a short office after it is found too.
    func testNumbersOfALongOfficeCodeAreFoundByTheirText() {
        var index = CaseIndex()
        var reference: [String: Int] = [:]
        let texts = (1...300).map { "PROVINCE-2026-\(String(format: "%06d", $0))" } + ["XF-2026-000001", "PROVINCE-2027-1000000"]
        for (value, text) in texts.enumerated() {
            XCTAssertEqual(CaseKey(text).exists, text.hasPrefix("XF"), text)
            XCTAssertTrue(index.insertNew(text, caseKey: CaseKey(text), value: value), text)
            reference[text] = value
        }
        XCTAssertFalse(index.insertNew(texts[5], value: 99))
        for text in texts + ["PROVINCE-2026-000301", "PROVINCE-2026-0000001", "XF-2026-000002"] {
            XCTAssertEqual(index[text], reference[text], text)
            XCTAssertEqual(index[text, CaseKey(text)], reference[text], text)
            if text.hasPrefix("XF") {
                XCTAssertEqual(index.value(of: CaseKey(text)), .some(reference[text]), text)
            } else {
                XCTAssertTrue(index.value(of: CaseKey(text)) == nil, text)
            }
        }
    }

    /// ``CaseKey/text(office:tag:sequence:)`` gives back the one number a key was read from.
    func testAKeysTextIsItsNumber() {
        let texts = ["A-2026-000001", "GD-0999-000007", "XF-2026-999999", "XF-2026-1000000", "XF-2026-9999999",
                     "ABCDEFG-2031-000123", "X-Y-2026-000042", "XF-0000-000000", "XF-2026-0000001", "XF-2026-00000001",
                     "XF-2026-12345678", "ABCDEFG-9999-99999999"]
        for text in texts {
            let key = CaseKey(text)
            XCTAssertTrue(key.exists, text)
            XCTAssertEqual(CaseKey.text(office: key.office, tag: key.tag, sequence: key.sequence), text)
        }
    }

    /// An event's key follows its case number, however the event was made or changed.
    func testEventsCarryTheKeyOfTheirCaseNumber() {
        var event = JournalEvent(seq: 1, caseID: "XF-2026-000007", at: Instant(seconds: 0), recorded: Instant(seconds: 0),
                                 payload: .rated(Verdict(satisfaction: .satisfied)))
        XCTAssertEqual(event.caseKey.sequence, 7)
        event.caseID = "XF-2026-000008"
        XCTAssertEqual(event.caseKey, CaseKey("XF-2026-000008"))
        event.caseID = "案-2026-000008"
        XCTAssertEqual(event.caseKey, CaseKey("案-2026-000008"))
    }
}
