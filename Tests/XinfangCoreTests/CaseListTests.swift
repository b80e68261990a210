import XCTest
@testable import XinfangCore

/// The book's chunked list of records across chunk boundaries and joins: positions, order, changes in place.
final class CaseListTests: XCTestCase {
    private let filing = Filing(channel: .letter, summary: "反映问题", region: "广州市", category: "劳动社保", petitioner: nil)

    private func record(_ number: Int) -> CaseRecord {
        CaseRecord(id: "XF-2026-\(number)", filing: filing, at: Instant(seconds: 1_767_225_600 + Int64(number)),
                   timeZone: .shanghai, retainTexts: false)
    }

    private func list(_ numbers: Range<Int>) -> (CaseList, [Int]) {
        var list = CaseList()
        let positions = numbers.map { list.append(record($0)) }
        return (list, positions)
    }

    func testRecordsKeepTheirPositionsAndOrderPastAChunk() {
        let total = CaseList.chunkSize * 2 + 5
        let (list, positions) = list(0..<total)
        XCTAssertEqual(list.count, total)
        XCTAssertEqual(Set(positions).count, total)
        for number in [0, 1, CaseList.chunkSize - 1, CaseList.chunkSize, CaseList.chunkSize + 1, total - 1] {
            XCTAssertEqual(list[positions[number]].id, "XF-2026-\(number)")
        }
        XCTAssertEqual(list.map(\.id), (0..<total).map { "XF-2026-\($0)" })
    }

    func testJoiningTakesOverChunksAndTellsEachRecordsNewPosition() {
        let (start, firstPositions) = list(0..<(CaseList.chunkSize + 3))  // a full chunk, then a partial one
        var first = start
        let (later, _) = list(1_000_000..<1_000_010)
        var moved: [String: Int] = [:]
        let offset = first.offsetOfNextList
        later.forEachPosition { record, position in moved[record.id] = position + offset }
        first.append(contentsOf: later)
        XCTAssertEqual(first.count, CaseList.chunkSize + 13)
        XCTAssertEqual(first.map(\.id), (0..<(CaseList.chunkSize + 3)).map { "XF-2026-\($0)" } + (1_000_000..<1_000_010).map { "XF-2026-\($0)" })
        XCTAssertEqual(moved.count, 10)
        for (id, position) in moved { XCTAssertEqual(first[position].id, id) }
        XCTAssertEqual(first[firstPositions[CaseList.chunkSize + 2]].id, "XF-2026-\(CaseList.chunkSize + 2)")
        // A record appended after a join comes after the joined ones.
        let next = first.append(record(42))
        XCTAssertEqual(first[next].id, "XF-2026-42")
        XCTAssertEqual(first.map(\.id).last, "XF-2026-42")
    }

    func testPositionsInAPhaseAreThoseOfItsRecordsInOrderAcrossChunks() {
        var (list, positions) = list(0..<(CaseList.chunkSize + 10))
        let open = [3, CaseList.chunkSize - 1, CaseList.chunkSize, CaseList.chunkSize + 9]
        for number in open {
            list.update(at: positions[number]) { (record: inout CaseRecord) in record.phase = .open }
        }
        list.update(at: positions[5]) { (record: inout CaseRecord) in record.phase = .closed }
        XCTAssertEqual(list.positions(in: .open), open.map { positions[$0] })
        XCTAssertEqual(list.positions(in: .closed), [positions[5]])
        XCTAssertEqual(list.positions(in: .filed).count, CaseList.chunkSize + 10 - 5)
        XCTAssertEqual(list.positions(in: .open).map { list[$0].id }, open.map { "XF-2026-\($0)" })
    }

    func testAChangeInPlaceIsSeenThroughItsPosition() {
        var (list, positions) = list(0..<(CaseList.chunkSize + 2))
        let position = positions[CaseList.chunkSize + 1]
        list.update(at: position) { (record: inout CaseRecord) in record.unit = "市人社局" }
        XCTAssertEqual(list[position].unit, "市人社局")
        XCTAssertEqual(list.filter { $0.unit != nil }.map(\.id), ["XF-2026-\(CaseList.chunkSize + 1)"])
    }
}
