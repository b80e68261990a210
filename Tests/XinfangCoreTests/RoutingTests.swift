import XCTest
import XinfangCore

/// The policy's routing rules, table-driven: first match wins, keywords found in Chinese summaries, no match reported as nil.
final class RoutingTests: XCTestCase {
    let policy: Policy = {
        var policy = Policy()
        policy.routing = [
            RoutingRule(unit: "市纪委监委", categories: ["检举控告"]),
            RoutingRule(unit: "市人社局", keywords: ["欠薪", "拖欠工资"]),
            RoutingRule(unit: "市住建局", categories: ["城乡建设"], channels: [.online, .mailbox]),
            RoutingRule(unit: "区生态环境局", categories: ["环境保护"], respondents: ["某化工厂"]),
            RoutingRule(unit: "市卫健委", categories: ["卫生健康"], regions: ["广州市"], channels: [.online], keywords: ["挂号"]),
            RoutingRule(unit: "广州市人民政府", regions: ["广州市"]),
            RoutingRule(unit: "深圳市人民政府", regions: ["深圳市"]),
        ]
        return policy
    }()

    struct Row {
        let line: UInt
        let category: String
        let region: String
        let channel: Channel
        let respondent: String?
        let summary: String
        let expected: Route?
    }

    func testRoutingTable() {
        let rows: [Row] = [
            // A keyword inside a Chinese summary; the region rule further down also matches, but the first match wins.
            Row(line: #line, category: "劳动社保", region: "广州市", channel: .letter, respondent: nil,
                summary: "工地拖欠工资三个月未发", expected: Route(rule: 1, unit: "市人社局")),
            Row(line: #line, category: "城乡建设", region: "深圳市", channel: .visit, respondent: nil,
                summary: "项目部欠薪", expected: Route(rule: 1, unit: "市人社局")),
            // Category alone: the accusation goes to the discipline commission before any keyword rule.
            Row(line: #line, category: "检举控告", region: "深圳市", channel: .mailbox, respondent: nil,
                summary: "举报某局长欠薪不还", expected: Route(rule: 0, unit: "市纪委监委")),
            // Category and channel both hold; with a visit the channel fails and the region rule takes it.
            Row(line: #line, category: "城乡建设", region: "深圳市", channel: .online, respondent: nil,
                summary: "邻居违建", expected: Route(rule: 2, unit: "市住建局")),
            Row(line: #line, category: "城乡建设", region: "深圳市", channel: .visit, respondent: nil,
                summary: "邻居违建", expected: Route(rule: 6, unit: "深圳市人民政府")),
            // Respondent condition: present and listed; absent does not match.
            Row(line: #line, category: "环境保护", region: "佛山市", channel: .phone, respondent: "某化工厂",
                summary: "夜间排污", expected: Route(rule: 3, unit: "区生态环境局")),
            Row(line: #line, category: "环境保护", region: "佛山市", channel: .phone, respondent: nil,
                summary: "夜间排污", expected: nil),
            // Every condition of a rule must hold: the keyword is missing, so the region rule wins.
            Row(line: #line, category: "卫生健康", region: "广州市", channel: .online, respondent: nil,
                summary: "医院挂号难", expected: Route(rule: 4, unit: "市卫健委")),
            Row(line: #line, category: "卫生健康", region: "广州市", channel: .online, respondent: nil,
                summary: "医院收费高", expected: Route(rule: 5, unit: "广州市人民政府")),
            // No rule matches: nil, never a guess.
            Row(line: #line, category: "政法", region: "佛山市", channel: .letter, respondent: nil,
                summary: "案件久拖不决", expected: nil),
        ]
        for row in rows {
            let route = policy.route(category: row.category, region: row.region, channel: row.channel,
                                     respondent: row.respondent, summary: row.summary)
            XCTAssertEqual(route, row.expected, "row at line \(row.line)", line: row.line)
        }
    }

    func testNoRulesRoutesNothing() {
        XCTAssertNil(Policy().route(category: "劳动社保", region: "广州市", channel: .letter, respondent: nil, summary: "欠薪"))
    }

    /// The shipped sample policy sends every sample letter somewhere, and provincial departments before cities.
    func testSamplePolicyRoutesEverySampleLetter() throws {
        let fixtures = GoldenCase.fixturesDirectory
        let policy = try Policy.load(path: fixtures.appendingPathComponent("policy.json").path)
        XCTAssertEqual(policy.office, "GD")
        XCTAssertEqual(policy.route(category: "劳动社保", region: "广州市", channel: .letter, respondent: nil,
                                    summary: "公司拖欠工资半年")?.unit, "省人力资源社会保障厅")
        XCTAssertEqual(policy.route(category: "城乡建设", region: "韶关市", channel: .visit, respondent: nil,
                                    summary: "小区物业乱收费")?.unit, "韶关市人民政府")
        let cityUnits = Set(policy.routing.filter { !$0.regions.isEmpty }.map(\.unit))
        XCTAssertEqual(cityUnits.count, 21, "one rule per prefecture-level city")
    }
}
