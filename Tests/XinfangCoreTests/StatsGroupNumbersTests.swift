import XCTest
@testable import XinfangCore

/// The numbering of `stats` groups: one number per combination of key values, given in order of
/// first sight, past the growth of its table, with unassigned cases and empty names.
final class StatsGroupNumbersTests: XCTestCase {
    private func record(_ number: Int, region: String, unit: String?, channel: Channel = .letter) -> CaseRecord {
        let filing = Filing(channel: channel, summary: "反映问题", region: region, category: "劳动社保", petitioner: nil)
        var record = CaseRecord(id: "XF-2026-\(number)", filing: filing, at: Instant(seconds: 1_767_225_600 + Int64(number) * 86_400),
                                timeZone: .shanghai, retainTexts: false)
        record.unit = unit
        return record
    }

    func testEachCombinationOfValuesHasOneNumberInOrderOfFirstSight() {
        // 50 regions (one of them empty) × 3 units (one nil): 150 groups, enough to grow the table twice.
        let regions = [""] + (1..<50).map { "区域\($0)" }
        let units: [String?] = [nil, "市人社局", "市住建局"]
        var numbers = StatsGroupNumbers(keys: [.region, .unit, .month])
        var expected: [[String?]: Int] = [:]
        var serial = 0
        for round in 0..<3 {
            for (index, region) in regions.enumerated() {
                for unit in units {
                    serial += 1
                    let record = record(serial, region: region, unit: unit)
                    // Every case of a round falls in the same month: the month is part of the key.
                    let day = LocalDate(dayNumber: 20_454 + round * 40)
                    let values: [String?] = [region, unit, day.monthKey]
                    let number = withUnsafePointer(to: record) { numbers.number(of: $0, receivedDay: day) }
                    XCTAssertEqual(number, expected[values] ?? expected.count, "round \(round), region \(index), unit \(unit ?? "nil")")
                    expected[values] = number
                }
            }
        }
        XCTAssertEqual(numbers.values.count, 3 * 150)
        for (values, number) in expected { XCTAssertEqual(numbers.values[number], values) }
    }

    /// A case's figures carry only the names asked for.
    func testTheFiguresCarryTheNamesAskedFor() {
        let figures = record(1, region: "越秀区", unit: "市人社局", channel: .visit).figures(names: [.region])
        XCTAssertEqual(figures.region, "越秀区")
        XCTAssertNil(figures.unit)
        XCTAssertNil(figures.category)
        XCTAssertEqual(figures.channel, .visit)
        let all = record(2, region: "天河区", unit: nil).figures(names: .all)
        XCTAssertEqual([all.region, all.unit, all.category], ["天河区", nil, "劳动社保"])
    }

    /// Names are told apart by their bytes, wherever their `String`s come from: equal texts made
    /// separately (as two threads' decoders make them) share a code, small and large alike.
    func testEqualNamesFromDifferentStringsShareACode() {
        var codes = TextCodes()
        let long = "广东省人力资源和社会保障厅"  // 39 bytes: a string with storage of its own
        let rebuilt = String(decoding: Array(long.utf8), as: UTF8.self)
        let short = "市人社局"  // 12 bytes: kept in the string itself
        XCTAssertEqual(codes.code(of: long), 0)
        XCTAssertEqual(codes.code(of: short), 1)
        XCTAssertEqual(codes.code(of: rebuilt), 0)
        XCTAssertEqual(codes.code(of: String(decoding: Array(short.utf8), as: UTF8.self)), 1)
        XCTAssertEqual(codes.code(of: nil), -1)
        XCTAssertEqual(codes.code(of: ""), 2)
        XCTAssertEqual(codes.code(of: ""), 2)
        for number in 0..<200 { XCTAssertEqual(codes.code(of: "单位\(number)"), Int32(3 + number)) }
        for number in 0..<200 { XCTAssertEqual(codes.code(of: "单位\(number)"), Int32(3 + number)) }
        XCTAssertEqual(codes.code(of: long), 0)
    }
}
