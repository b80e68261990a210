import XCTest
import XinfangCore

/// `--redact` masks as issue 7 says: names 张*, ID numbers with the first 6 and last 4 kept,
/// phones with the last 4 kept, addresses dropped.
final class RedactionTests: XCTestCase {
    func testNamesKeepTheFirstCharacterAndOneStarPerOtherCharacter() {
        XCTAssertEqual(Redaction.name("张三"), "张*")
        XCTAssertEqual(Redaction.name("王小明"), "王**")
        XCTAssertEqual(Redaction.name("欧阳小明"), "欧***")
        XCTAssertEqual(Redaction.name("阿卜杜拉·艾买提"), "阿*******")
        XCTAssertEqual(Redaction.name("Li Na"), "L****")
    }

    func testAOneCharacterNameIsNeverShownWhole() {
        XCTAssertEqual(Redaction.name("张"), "张*")
        XCTAssertEqual(Redaction.name(""), "")
    }

    func testNamesCountCharactersNotBytesOrScalars() {
        // "é" as e + combining acute is one character.
        XCTAssertEqual(Redaction.name("Zoe\u{301}"), "Z**")
        XCTAssertEqual(Redaction.name("𠮷野家"), "𠮷**")
    }

    func testIDNumbersKeepTheFirstSixAndLastFour() {
        XCTAssertEqual(Redaction.idNumber("110105194912310021"), "110105********0021")
        XCTAssertEqual(Redaction.idNumber("11010519491231002X"), "110105********002X")
        XCTAssertEqual(Redaction.idNumber("110105194912310021").count, 18)
    }

    func testShortIDNumbersAreMaskedWhole() {
        XCTAssertEqual(Redaction.idNumber("1101051949"), "**********")
        XCTAssertEqual(Redaction.idNumber("12345"), "*****")
    }

    func testPhonesKeepTheLastFourDigits() {
        XCTAssertEqual(Redaction.phone("13800138000"), "*******8000")
        XCTAssertEqual(Redaction.phone("12345"), "*2345")
    }

    func testPhoneSeparatorsStayAndOnlyDigitsAreMasked() {
        XCTAssertEqual(Redaction.phone("020-8765 4321"), "***-**** 4321")
        XCTAssertEqual(Redaction.phone("+86 138-0013-8000"), "+** ***-****-8000")
        XCTAssertEqual(Redaction.phone("(020) 87654321"), "(***) ****4321")
        // Last four digits, not last four characters: a trailing separator does not leak a digit.
        XCTAssertEqual(Redaction.phone("020-1234-5678 "), "***-****-5678 ")
    }

    func testPhonesOfFourDigitsOrFewerAreMaskedWhole() {
        XCTAssertEqual(Redaction.phone("1234"), "****")
        XCTAssertEqual(Redaction.phone("12-3"), "**-*")
    }

    func testThePetitionerIsMaskedAndTheAddressDropped() {
        let petitioner = Petitioner(name: "欧阳小明", idNumber: "110105194912310021", phone: "13800138000",
                                    address: "广州市天河区体育西路1号")
        XCTAssertEqual(Redaction.petitioner(petitioner),
                       Petitioner(name: "欧***", idNumber: "110105********0021", phone: "*******8000", address: nil))
    }

    func testAbsentFieldsStayAbsent() {
        XCTAssertEqual(Redaction.petitioner(Petitioner(name: "李娜")), Petitioner(name: "李*"))
    }
}
