import XCTest
@testable import XinfangCore

final class CSVReaderTests: XCTestCase {
    private func read(_ text: String) -> [Result<CSVRecord, CSVError>] {
        CSVReader(bytes: Array(text.utf8)).records()
    }

    private func ok(_ line: Int, _ fields: [String], _ text: String) -> Result<CSVRecord, CSVError> {
        .success(CSVRecord(line: line, fields: fields, text: text))
    }

    private func fail(_ line: Int, _ kind: CSVError.Kind, _ text: String, field: Int) -> Result<CSVRecord, CSVError> {
        .failure(CSVError(line: line, kind: kind, text: text, field: field))
    }

    // MARK: - Basics

    func testPlainRecords() {
        XCTAssertEqual(read("name,date,subject\nLi,2024-01-02,roads\n"), [
            ok(1, ["name", "date", "subject"], "name,date,subject"),
            ok(2, ["Li", "2024-01-02", "roads"], "Li,2024-01-02,roads"),
        ])
    }

    func testEmptyInputHasNoRecords() {
        XCTAssertEqual(read(""), [])
        XCTAssertEqual(read("\n\r\n\n"), [])
        XCTAssertEqual(CSVReader(bytes: [0xEF, 0xBB, 0xBF]).records(), [])
    }

    func testEmptyFieldsAndTrailingComma() {
        XCTAssertEqual(read("a,,c\n,\nx,"), [
            ok(1, ["a", "", "c"], "a,,c"),
            ok(2, ["", ""], ","),
            ok(3, ["x", ""], "x,"),
        ])
    }

    func testQuotedComma() {
        XCTAssertEqual(read("\"Wang, Fang\",\"1,2\"\n"), [
            ok(1, ["Wang, Fang", "1,2"], "\"Wang, Fang\",\"1,2\""),
        ])
    }

    func testDoubledQuote() {
        XCTAssertEqual(read("\"he said \"\"no\"\"\",\"\"\"\",\"\"\n"), [
            ok(1, ["he said \"no\"", "\"", ""], "\"he said \"\"no\"\"\",\"\"\"\",\"\""),
        ])
    }

    func testQuoteInsideUnquotedFieldIsKept() {
        XCTAssertEqual(read("5\" pipe,a\"b\n"), [ok(1, ["5\" pipe", "a\"b"], "5\" pipe,a\"b")])
    }

    func testEmbeddedNewlineKeepsFirstLineAndCountsLines() {
        let text = "id,body\n1,\"first line\nsecond line\n\nfourth\"\n2,next\n"
        XCTAssertEqual(read(text), [
            ok(1, ["id", "body"], "id,body"),
            ok(2, ["1", "first line\nsecond line\n\nfourth"], "1,\"first line\nsecond line\n\nfourth\""),
            ok(6, ["2", "next"], "2,next"),
        ])
    }

    func testCRLF() {
        let text = "a,b\r\n\"x\r\ny\",z\r\nlast,row\r\n"
        XCTAssertEqual(read(text), [
            ok(1, ["a", "b"], "a,b"),
            ok(2, ["x\r\ny", "z"], "\"x\r\ny\",z"),
            ok(4, ["last", "row"], "last,row"),
        ])
    }

    func testLoneCRIsKept() {
        XCTAssertEqual(read("a\rb,c\n"), [ok(1, ["a\rb", "c"], "a\rb,c")])
        XCTAssertEqual(read("a,b\r"), [ok(1, ["a", "b\r"], "a,b\r")])
    }

    func testByteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("姓名,日期\n张三,2024\n".utf8)
        XCTAssertEqual(CSVReader(bytes: bytes).records(), [
            ok(1, ["姓名", "日期"], "姓名,日期"),
            ok(2, ["张三", "2024"], "张三,2024"),
        ])
    }

    func testByteOrderMarkOnlyAtTheStart() {
        let bom = "\u{FEFF}"
        XCTAssertEqual(read("a\n\(bom)b\n"), [ok(1, ["a"], "a"), ok(2, [bom + "b"], bom + "b")])
    }

    func testFinalLineBreakIsOptional() {
        let expected = [ok(1, ["a", "b"], "a,b"), ok(2, ["c", "d"], "c,d")]
        XCTAssertEqual(read("a,b\nc,d"), expected)
        XCTAssertEqual(read("a,b\nc,d\n"), expected)
        XCTAssertEqual(read("a,b\r\nc,d\r\n"), expected)
        XCTAssertEqual(read("a,\"b\"\nc,\"d\""), [ok(1, ["a", "b"], "a,\"b\""), ok(2, ["c", "d"], "c,\"d\"")])
    }

    func testBlankLinesAreSkipped() {
        XCTAssertEqual(read("\n\na\n\n\r\nb\n\n"), [ok(3, ["a"], "a"), ok(6, ["b"], "b")])
    }

    func testQuotedEmptyFieldIsARecordNotABlankLine() {
        XCTAssertEqual(read("\"\"\n \n"), [ok(1, [""], "\"\""), ok(2, [" "], " ")])
    }

    func testChineseText() {
        let text = "信访人,事由\n王芳,\"关于小区道路维修，请尽快处理\"\n李四,噪音扰民\n"
        XCTAssertEqual(read(text), [
            ok(1, ["信访人", "事由"], "信访人,事由"),
            ok(2, ["王芳", "关于小区道路维修，请尽快处理"], "王芳,\"关于小区道路维修，请尽快处理\""),
            ok(3, ["李四", "噪音扰民"], "李四,噪音扰民"),
        ])
    }

    // MARK: - Errors

    func testUnclosedQuoteInTheMiddleKeepsLaterRows() {
        let text = "name,subject\nLi,roads\nWang,\"broken\nZhao,water\r\nSun,fine\n"
        XCTAssertEqual(read(text), [
            ok(1, ["name", "subject"], "name,subject"),
            ok(2, ["Li", "roads"], "Li,roads"),
            fail(3, .unclosedQuote, "Wang,\"broken", field: 2),
            ok(4, ["Zhao", "water"], "Zhao,water"),
            ok(5, ["Sun", "fine"], "Sun,fine"),
        ])
    }

    func testStrayQuoteClosedByALaterQuoteKeepsLaterRows() {
        // The stray quote on line 3 is closed by the opening quote on line 5,
        // followed by text; reading resumes on line 4 all the same.
        let text = "name,subject\nLi,roads\nWang,\"broken\nZhao,water\r\nSun,\"ok, fine\"\n"
        XCTAssertEqual(read(text), [
            ok(1, ["name", "subject"], "name,subject"),
            ok(2, ["Li", "roads"], "Li,roads"),
            fail(3, .textAfterClosingQuote, "Wang,\"broken", field: 2),
            ok(4, ["Zhao", "water"], "Zhao,water"),
            ok(5, ["Sun", "ok, fine"], "Sun,\"ok, fine\""),
        ])
    }

    func testUnclosedQuoteOnTheLastLine() {
        XCTAssertEqual(read("a\n\"b"), [ok(1, ["a"], "a"), fail(2, .unclosedQuote, "\"b", field: 1)])
        XCTAssertEqual(read("\""), [fail(1, .unclosedQuote, "\"", field: 1)])
    }

    func testUnclosedQuoteAfterAMultiLineFieldResumesAfterItsOpeningLine() {
        // The record starts on line 1; its second field spans lines 1-2 and
        // its third field opens on line 2 and never closes, so the error
        // covers lines 1-2 and reading resumes on line 3.
        let text = "1,\"a\nb\",\"c\n3,d\n"
        XCTAssertEqual(read(text), [
            fail(1, .unclosedQuote, "1,\"a\nb\",\"c", field: 3),
            ok(3, ["3", "d"], "3,d"),
        ])
    }

    func testTextAfterClosingQuote() {
        let text = "a,b,c\n1,2,\"abc\"x,4\r\n5,6,7\n"
        XCTAssertEqual(read(text), [
            ok(1, ["a", "b", "c"], "a,b,c"),
            fail(2, .textAfterClosingQuote, "1,2,\"abc\"x,4", field: 3),
            ok(3, ["5", "6", "7"], "5,6,7"),
        ])
    }

    func testTextAfterClosingQuoteOfAMultiLineField() {
        // The faulty field opened on line 1, so reading resumes on line 2;
        // what follows is read as it stands (the caller's field-count check
        // catches such fragments).
        let text = "\"a\nb\" c\nd\n"
        XCTAssertEqual(read(text), [
            fail(1, .textAfterClosingQuote, "\"a", field: 1),
            ok(2, ["b\" c"], "b\" c"),
            ok(3, ["d"], "d"),
        ])
    }

    func testInvalidUTF8RowWithGoodRowsAround() {
        var bytes = Array("编号,姓名\n1,张三\n2,".utf8)
        bytes += [0xD5, 0xC5, 0xC8, 0xFD] // 张三 in GBK
        bytes += Array(",x\n3,\"李\"\"四\"\n".utf8)
        XCTAssertEqual(CSVReader(bytes: bytes).records(), [
            ok(1, ["编号", "姓名"], "编号,姓名"),
            ok(2, ["1", "张三"], "1,张三"),
            fail(3, .invalidUTF8, "2,\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD},x", field: 2),
            ok(4, ["3", "李\"四"], "3,\"李\"\"四\""),
        ])
    }

    func testInvalidUTF8InsideQuotedMultiLineField() {
        let bytes = Array("\"a\n".utf8) + [0xFF] + Array("\",b\nc\n".utf8)
        let records = CSVReader(bytes: bytes).records()
        XCTAssertEqual(records, [
            fail(1, .invalidUTF8, "\"a\n\u{FFFD}\",b", field: 1),
            ok(3, ["c"], "c"),
        ])
    }

    func testErrorDescriptions() {
        XCTAssertEqual(
            CSVError(line: 7, kind: .unclosedQuote, text: "", field: 2).description,
            "unclosed quote in field 2 of the record starting at line 7 (no closing quote before the end of the file)")
        XCTAssertEqual(
            CSVError(line: 7, kind: .textAfterClosingQuote, text: "", field: 3).description,
            "text after the closing quote of field 3 (a quote inside a quoted field must be doubled: \"\")")
        XCTAssertEqual(
            CSVError(line: 7, kind: .invalidUTF8, text: "", field: 1).description,
            "invalid UTF-8 in field 1 (save the spreadsheet as \"CSV UTF-8\", not GBK)")
    }

    // MARK: - Properties

    /// 2,000 random records with random quoting round-trip exactly, including line numbers and text.
    func testRandomRecordsRoundTrip() {
        var random = SplitMix64(seed: 0x5EED_CAFE)
        let pieces = ["a", "Z", "0", " ", "\t", "张", "信访", "😀", "é", "\u{301}", ",", "\"", "\n", "\r\n", "\r", "'"]
        var total = 0
        for _ in 0..<20 {
            var bytes: [UInt8] = random.below(4) == 0 ? [0xEF, 0xBB, 0xBF] : []
            var expected: [Result<CSVRecord, CSVError>] = []
            var line = 1
            let recordCount = 100
            for index in 0..<recordCount {
                let fieldCount = 1 + random.below(6)
                var fields: [String] = []
                var encoded: [String] = []
                for _ in 0..<fieldCount {
                    var field = ""
                    for _ in 0..<random.below(9) { field += pieces[random.below(pieces.count)] }
                    fields.append(field)
                    let special = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                    let mustQuote = special || (fieldCount == 1 && field.isEmpty)
                    if mustQuote || random.below(3) == 0 {
                        // Escape by scalar: a quote followed by U+0301 is one Character.
                        var quoted = String.UnicodeScalarView()
                        for scalar in field.unicodeScalars {
                            if scalar == "\"" { quoted.append(scalar) }
                            quoted.append(scalar)
                        }
                        encoded.append("\"" + String(quoted) + "\"")
                    } else {
                        encoded.append(field)
                    }
                }
                let text = encoded.joined(separator: ",")
                expected.append(.success(CSVRecord(line: line, fields: fields, text: text)))
                let isLast = index == recordCount - 1
                let lineBreak = isLast && random.below(2) == 0 ? "" : (random.below(2) == 0 ? "\n" : "\r\n")
                bytes += Array((text + lineBreak).utf8)
                line += (text + lineBreak).utf8.filter { $0 == 0x0A }.count
                // Occasionally a blank line between records.
                if !isLast, random.below(10) == 0 {
                    bytes += Array("\n".utf8)
                    line += 1
                }
            }
            let records = CSVReader(bytes: bytes).records()
            XCTAssertEqual(records.count, expected.count)
            for (got, want) in zip(records, expected) where got != want {
                XCTFail("got \(got), expected \(want)")
                return
            }
            total += records.count
        }
        XCTAssertEqual(total, 2_000)
    }

    /// Random byte soup never traps, and every non-blank physical line lands
    /// in the text of exactly one record or error, in order (blank lines
    /// inside quoted fields belong to their record).
    func testRandomBytesNeverTrapAndCoverEveryLine() {
        var random = SplitMix64(seed: 42)
        let alphabet: [UInt8] = [0x22, 0x22, 0x2C, 0x2C, 0x0D, 0x0A, 0x0A, 0x61, 0x20, 0xFF, 0xE4, 0xBF, 0xEF, 0xBB]
        for _ in 0..<5_000 {
            let bytes = (0..<random.below(40)).map { _ in alphabet[random.below(alphabet.count)] }
            let records = CSVReader(bytes: bytes).records()

            // The physical lines of the input, without a leading BOM.
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if body.last == 0x0A || body.isEmpty { lines.removeLast() }
            var blankLines: Set<Int> = []
            for (offset, line) in lines.enumerated() {
                let hasLineFeed = offset < lines.count - 1 || body.last == 0x0A
                if line.isEmpty || (line == [0x0D] && hasLineFeed) { blankLines.insert(offset + 1) }
            }

            var covered: [Int] = []
            for record in records {
                let (line, text): (Int, String)
                switch record {
                case .success(let value): (line, text) = (value.line, value.text)
                case .failure(let error): (line, text) = (error.line, error.text)
                }
                let span = text.utf8.filter { $0 == 0x0A }.count
                covered += Array(line...(line + span))
            }
            let uncovered = Set(1...max(1, lines.count)).subtracting(covered).subtracting(blankLines)
            XCTAssertEqual(covered, covered.sorted(), "bytes \(bytes)")
            XCTAssertEqual(covered.count, Set(covered).count, "bytes \(bytes)")
            XCTAssertLessThanOrEqual(covered.last ?? 0, lines.count, "bytes \(bytes)")
            XCTAssertTrue(uncovered.isEmpty || lines.isEmpty, "lines \(uncovered.sorted()) lost; bytes \(bytes)")
        }
    }

    /// Records of valid input join back, with line breaks, into the input.
    func testRecordTextsRebuildTheInput() {
        let text = "a,\"b\nc\"\r\n\"d\"\"\",e\n信,访\n"
        let records = read(text).compactMap { try? $0.get() }
        XCTAssertEqual(records.map(\.text).joined(separator: "\n") + "\n",
                       text.replacingOccurrences(of: "c\"\r\n", with: "c\"\n"))
    }
}

