import XCTest
@testable import XinfangCore

/// `CaseOrder.sort` against a plain comparison sort of the same rule: primary pair ascending, then
/// case numbers by office, year and sequence, identifiers that are not case numbers last in text order.
final class CaseOrderTests: XCTestCase {
    private struct Item: Equatable {
        let id: String
        let primary: (Int, Int)
        let tag: Int

        static func == (a: Item, b: Item) -> Bool { a.id == b.id && a.primary == b.primary && a.tag == b.tag }
    }

    /// The rule, written out with `CaseNumber` and `<` on tuples.
    private func referenceOrder(_ items: [Item]) -> [Item] {
        items.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.primary != b.primary { return a.primary < b.primary }
            switch (CaseNumber(parsing: a.id), CaseNumber(parsing: b.id)) {
            case let (m?, n?):
                if (m.office, m.year, m.sequence) != (n.office, n.year, n.sequence) {
                    return (m.office, m.year, m.sequence) < (n.office, n.year, n.sequence)
                }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                if a.id != b.id { return a.id < b.id }
            }
            return x.offset < y.offset  // equal keys keep their order
        }.map(\.element)
    }

    func testSortsLikeTheRuleOnMixedIdentifiers() {
        var generator = SplitMix64(seed: 20_261_130)
        let offices = ["XF", "GD", "SZ-A", "广州"]
        for round in 0..<200 {
            let count = Int(generator.next() % 60)
            var items: [Item] = []
            for tag in 0..<count {
                let roll = generator.next()
                let id: String
                switch roll % 5 {
                case 0: id = ["legacy-\(roll % 7)", "B12", "", "XF-2026-12"][Int(roll / 5 % 4)]  // not case numbers
                default:
                    let office = offices[Int(roll / 5 % UInt64(offices.count))]
                    let sequence = Int(roll / 97 % 3) == 0 ? 999_999 + Int(roll / 31 % 3) : Int(roll / 13 % 40) + 1
                    id = CaseNumber(office: office, year: 2025 + Int(roll / 7 % 2), sequence: sequence).description
                }
                let primary = round % 3 == 0 ? (0, 0) : (Int(roll / 11 % 4), -Int(roll / 17 % 3))
                items.append(Item(id: id, primary: primary, tag: tag))
            }
            var sorted = items
            CaseOrder.sort(&sorted, caseIDs: items.map(\.id), primary: round % 3 == 0 ? nil : items.map(\.primary))
            XCTAssertEqual(sorted, referenceOrder(items), "round \(round)")
        }
    }

    func testNineDigitSequencesComeAfterSixDigitOnes() {
        var ids = ["XF-2026-1000000", "XF-2026-999999", "XF-2025-1000001", "other", "GD-2026-000001"]
        CaseOrder.sort(&ids, caseIDs: ids)
        XCTAssertEqual(ids, ["GD-2026-000001", "XF-2025-1000001", "XF-2026-999999", "XF-2026-1000000", "other"])
    }
}
