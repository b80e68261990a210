import XCTest
@testable import XinfangCore

final class ResidentIDTests: XCTestCase {
    /// `first17` followed by its correct check digit.
    private func complete(_ first17: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let digit = ResidentID.checkDigit(for: first17) else {
            XCTFail("no check digit for \(first17)", file: file, line: line)
            return first17
        }
        return first17 + String(digit)
    }

    private func error(_ text: String) -> ResidentIDError? {
        if case .failure(let error) = ResidentID.parse(text) { return error }
        return nil
    }

    private func valid(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ResidentID? {
        switch ResidentID.parse(text) {
        case .success(let id): return id
        case .failure(let error):
            XCTFail("\(text) rejected: \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: - Valid numbers

    func testWellKnownSample() throws {
        let id = try XCTUnwrap(valid("11010519491231002X"))
        XCTAssertEqual(id.value, "11010519491231002X")
        XCTAssertEqual(id.description, "11010519491231002X")
        XCTAssertEqual(id.birthYear, 1949)
        XCTAssertEqual(id.birthMonth, 12)
        XCTAssertEqual(id.birthDay, 31)
    }

    func testNumberBuiltWithCheckDigit() throws {
        XCTAssertEqual(ResidentID.checkDigit(for: "44030419900307123"), "X")
        XCTAssertEqual(ResidentID.checkDigit(for: "11010520000229001"), "3")
        let id = try XCTUnwrap(valid(complete("44030419900307123")))
        XCTAssertEqual(id.value, "44030419900307123X")
        XCTAssertEqual([id.birthYear, id.birthMonth, id.birthDay], [1990, 3, 7])
    }

    func testLowercaseXIsNormalised() throws {
        let id = try XCTUnwrap(valid("11010519491231002x"))
        XCTAssertEqual(id.value, "11010519491231002X")
        XCTAssertEqual(id, try XCTUnwrap(valid("11010519491231002X")))
        XCTAssertEqual(Set([id, try XCTUnwrap(valid("11010519491231002X"))]).count, 1)
    }

    func testSurroundingWhitespaceIsTrimmed() throws {
        XCTAssertEqual(try XCTUnwrap(valid("  11010519491231002X\t\n")).value, "11010519491231002X")
        XCTAssertEqual(try XCTUnwrap(valid("\u{3000}11010519491231002X\u{3000}")).value, "11010519491231002X")
    }

    func testEveryCheckDigitValueOccursAndValidates() {
        var seen: Set<Character> = []
        for sequence in 0..<200 {
            let serial = String(100 + sequence % 900)
            let first17 = "320102" + "19850615" + serial
            guard let digit = ResidentID.checkDigit(for: first17) else {
                XCTFail("no check digit for \(first17)")
                continue
            }
            seen.insert(digit)
            XCTAssertNotNil(valid(first17 + String(digit)))
        }
        XCTAssertEqual(seen, Set("0123456789X"))
    }

    /// MOD 11-2 catches every single-character change, so each one is refused.
    func testEverySingleDigitChangeIsRefused() {
        let number = Array(complete("51010719781122033"))
        for position in 0..<18 {
            for replacement in "0123456789X" where replacement != number[position] {
                if position < 17, replacement == "X" { continue }
                var changed = number
                changed[position] = replacement
                XCTAssertNil(try? ResidentID.parse(String(changed)).get(), "\(String(changed)) accepted")
            }
        }
    }

    // MARK: - Check digit

    func testWrongCheckDigit() {
        XCTAssertEqual(error("110105194912310025"), .checkDigitMismatch(expected: "X", found: "5"))
        XCTAssertEqual(error("110105194912310025")?.description,
                       "check digit is 5, expected X (probably one of the digits is mistyped)")
        XCTAssertEqual(error("440304199003071237"), .checkDigitMismatch(expected: "X", found: "7"))
        XCTAssertEqual(error("11010520000229001X"), .checkDigitMismatch(expected: "3", found: "X"))
        XCTAssertEqual(error("11010520000229001x"), .checkDigitMismatch(expected: "3", found: "X"))
    }

    func testCheckDigitForRefusesBadInput() {
        XCTAssertNil(ResidentID.checkDigit(for: ""))
        XCTAssertNil(ResidentID.checkDigit(for: "1101051949123100"))
        XCTAssertNil(ResidentID.checkDigit(for: "110105194912310021"))
        XCTAssertNil(ResidentID.checkDigit(for: "1101051949123100A"))
        XCTAssertNil(ResidentID.checkDigit(for: "1101051949123100X"))
        XCTAssertNil(ResidentID.checkDigit(for: "１１０１０５１９４９１２３１００２"))
        // The birth date is not checked, for test-data generators.
        XCTAssertNotNil(ResidentID.checkDigit(for: "11010519991399002"))
    }

    // MARK: - Birth date

    func testNonexistentBirthDate() {
        let number = complete("11010519900230002")
        XCTAssertEqual(error(number), .invalidBirthDate("19900230"))
        XCTAssertEqual(error(number)?.description, "birth date 19900230 does not exist")
    }

    func testFebruary29() {
        XCTAssertNotNil(valid(complete("11010520000229001")))  // divisible by 400
        XCTAssertNotNil(valid(complete("11010519960229001")))  // divisible by 4
        XCTAssertNotNil(valid(complete("11010520240229001")))
        XCTAssertEqual(error(complete("11010519000229001")), .invalidBirthDate("19000229"))  // divisible by 100
        XCTAssertEqual(error(complete("11010521000229001")), .invalidBirthDate("21000229"))
        XCTAssertEqual(error(complete("11010520230229001")), .invalidBirthDate("20230229"))
        XCTAssertEqual(error(complete("11010520000230001")), .invalidBirthDate("20000230"))
    }

    func testMonthAndDayLimits() {
        XCTAssertNotNil(valid(complete("11010519000101001")))
        XCTAssertNotNil(valid(complete("11010521001231001")))
        XCTAssertNotNil(valid(complete("11010520230131001")))
        XCTAssertNotNil(valid(complete("11010520230430001")))
        for date in ["20230001", "20231301", "20230100", "20230132", "20230431", "20230631", "20230931", "20231131"] {
            XCTAssertEqual(error(complete("110105" + date + "001")), .invalidBirthDate(date), date)
        }
    }

    func testBirthYearOutsideRange() {
        XCTAssertEqual(error(complete("11010518991231001")), .invalidBirthDate("18991231"))
        XCTAssertEqual(error(complete("11010521010101001")), .invalidBirthDate("21010101"))
        XCTAssertEqual(error(complete("11010518991231001"))?.description,
                       "birth date 18991231 is not between the years 1900 and 2100")
    }

    // MARK: - Length and characters

    func testWrongLength() {
        XCTAssertEqual(error("11010519491231002"), .wrongLength(17))
        XCTAssertEqual(error("11010519491231002X1"), .wrongLength(19))
        XCTAssertEqual(error("11010519491231002")?.description, "has 17 characters, not 18")
        XCTAssertEqual(error("11010519491231002X1")?.description, "has 19 characters, not 18")
        XCTAssertEqual(error("1")?.description, "has 1 character, not 18")
        // 15-digit first-generation numbers are not accepted.
        XCTAssertEqual(error("110105491231002"), .wrongLength(15))
        // Characters, not bytes, are counted.
        XCTAssertEqual(error("张三"), .wrongLength(2))
    }

    func testEmptyString() {
        XCTAssertEqual(error(""), .wrongLength(0))
        XCTAssertEqual(error("   \n"), .wrongLength(0))
        XCTAssertEqual(error("")?.description, "has 0 characters, not 18")
    }

    func testLettersInTheMiddle() {
        XCTAssertEqual(error("1101A519491231002X"), .invalidCharacter(position: 5, character: "A"))
        XCTAssertEqual(error("1101A519491231002X")?.description, "character 5 is 'A', not a digit")
        XCTAssertEqual(error("110105194912310X2X"), .invalidCharacter(position: 16, character: "X"))
        XCTAssertEqual(error("110105194912310X2X")?.description,
                       "character 16 is 'X', not a digit (X may only be the last character)")
        XCTAssertEqual(error("11010519491231 02X")?.description, "character 15 is a space, not a digit")
        XCTAssertEqual(error("1101051949-231002X")?.description, "character 11 is '-', not a digit")
    }

    func testInvalidLastCharacter() {
        XCTAssertEqual(error("11010519491231002Y"), .invalidCharacter(position: 18, character: "Y"))
        XCTAssertEqual(
            "11010519491231002Y is not a valid resident ID: \(error("11010519491231002Y").map(String.init(describing:)) ?? "")",
            "11010519491231002Y is not a valid resident ID: character 18 is 'Y', not a digit or X")
    }

    func testFullWidthDigits() {
        let fullWidth = "１１０１０５１９４９１２３１００２Ｘ"
        XCTAssertEqual(error(fullWidth), .invalidCharacter(position: 1, character: "１"))
        XCTAssertEqual(error(fullWidth)?.description,
                       "character 1 is '１', not a digit (it is full-width; type it with the input method in half-width mode)")
        XCTAssertEqual(error("11010519491231002Ｘ"), .invalidCharacter(position: 18, character: "Ｘ"))
    }

    func testInvisibleAndCombiningCharacters() {
        XCTAssertEqual(error("1101051949123\u{200B}002X")?.description,
                       "character 14 is an invisible character (U+200B), not a digit")
        // A digit with a combining mark is one character but not a digit.
        XCTAssertEqual(error("1\u{301}1010519491231002X"), .invalidCharacter(position: 1, character: "1\u{301}"))
    }

    func testCharactersAreCheckedBeforeTheDate() {
        XCTAssertEqual(error("11010519900230002Y"), .invalidCharacter(position: 18, character: "Y"))
    }
}
