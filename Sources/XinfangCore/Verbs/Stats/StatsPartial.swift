/// Partial figures (`stats --partial`) and their merge (`stats --merge`), for offices that keep one journal each.
///
/// A partial line carries one group's raw counts, never a rate: rates, share and score are
/// derived only after merging, so the merged figures equal what one pass over all the cases
/// would give, exactly. Each line is self-describing, so partials can travel through any
/// engine that can concatenate or shuffle lines:
///
/// ```
/// {"partial":"xinfang-stats/1","from":"2026-01-01","to":"2027-01-01","as_of":"2026-12-31","by":["unit"],"group":["市人社局"],"filed":12,…}
/// ```
///
/// Every office emits at least one line (an empty group list when it has no cases in the
/// period), so a merge always knows the query.
enum StatsPartial {
    static let format = "xinfang-stats/1"

    /// The count fields of a partial line, in order.
    static let countFields = [
        "filed", "repeats", "assigned", "accepted_in_time", "closed", "on_time", "rated",
        "satisfied", "basically_satisfied", "unsatisfied", "returned", "green", "yellow", "red", "filed_prev_year",
    ]

    /// One NDJSON line per group, in group order; a single line with `"group":null` when there is no group.
    static func lines(groups: StatsGroups, query: StatsQuery) -> [UInt8] {
        var bytes: [UInt8] = []
        func line(_ key: [String?]?, _ counts: StatsCounts) {
            var line = NDJSONLine()
            line.field("partial", format)
            line.field("from", query.from?.description)
            line.field("to", query.to?.description)
            line.field("as_of", query.asOf.description)
            line.field("by", JSONValue.array(query.keys.map { .string($0.rawValue) }))
            if let key {
                line.field("group", JSONValue.array(key.map { $0.map(JSONValue.string) ?? .null }))
            } else {
                line.nullField("group")
            }
            for (name, value) in zip(countFields, values(counts)) { line.field(name, value) }
            bytes.append(contentsOf: line.finished())
        }
        if groups.isEmpty {
            var empty = StatsCounts()
            if query.previousPeriod != nil { empty.filedPrevYear = 0 }
            line(nil, empty)
        }
        for group in groups.sortedGroups() { line(groups.values[group], groups.counts[group]) }
        return bytes
    }

    private static func values(_ c: StatsCounts) -> [Int?] {
        [c.filed, c.repeats, c.assigned, c.acceptedInTime, c.closed, c.onTime, c.rated,
         c.satisfied, c.basicallySatisfied, c.unsatisfied, c.returned, c.green, c.yellow, c.red, c.filedPrevYear]
    }

    /// What merging has gathered so far.
    struct Merger {
        private(set) var query: StatsQuery?
        /// The groups of the lines so far (counting `filed_prev_year` once the query asks for it).
        private(set) var groups = StatsGroups(withPrevious: false)

        /// Adds one partial line.
        /// - Throws: ``FieldError`` naming the field that is missing, wrong, or disagrees with earlier lines' query.
        mutating func add(_ object: JSONObject) throws(FieldError) {
            let tag = try object.requiredString("partial")
            guard tag == StatsPartial.format else {
                throw FieldError(field: "partial", message: "\"\(tag)\" is not a partial of this version (expected \"\(StatsPartial.format)\")")
            }
            let lineQuery = try readQuery(object)
            if let query {
                for (name, mine, theirs) in [("from", query.from?.description, lineQuery.from?.description),
                                             ("to", query.to?.description, lineQuery.to?.description),
                                             ("as_of", query.asOf.description, lineQuery.asOf.description),
                                             ("by", query.keys.map(\.rawValue).joined(separator: ","),
                                              lineQuery.keys.map(\.rawValue).joined(separator: ","))] where mine != theirs {
                    throw FieldError(field: name, message: "\(theirs ?? "null") differs from the first partial's \(mine ?? "null"); partials of different queries cannot be merged")
                }
            } else {
                query = lineQuery
                groups = StatsGroups(withPrevious: lineQuery.previousPeriod != nil)
            }
            func count(_ name: String) throws(FieldError) -> Int {
                guard let value = try object.optionalInt(name, in: 0...Int.max) else { throw FieldError(field: name, message: "missing") }
                return value
            }
            var counts = StatsCounts()
            counts.filed = try count("filed")
            counts.repeats = try count("repeats")
            counts.assigned = try count("assigned")
            counts.acceptedInTime = try count("accepted_in_time")
            counts.closed = try count("closed")
            counts.onTime = try count("on_time")
            counts.rated = try count("rated")
            counts.satisfied = try count("satisfied")
            counts.basicallySatisfied = try count("basically_satisfied")
            counts.unsatisfied = try count("unsatisfied")
            counts.returned = try count("returned")
            counts.green = try count("green")
            counts.yellow = try count("yellow")
            counts.red = try count("red")
            counts.filedPrevYear = try object.optionalInt("filed_prev_year", in: 0...Int.max)
            guard let groupValue = object["group"], groupValue != .null else { return }
            guard case .array(let elements) = groupValue, elements.count == lineQuery.keys.count else {
                throw FieldError(field: "group", message: "\(groupValue.quoted) is not a list of \(lineQuery.keys.count) key values")
            }
            var values: [String?] = []
            for element in elements {
                switch element {
                case .null: values.append(nil)
                case .string(let text): values.append(text)
                default: throw FieldError(field: "group", message: "\(element.quoted) is not a key value (a string or null)")
                }
            }
            groups.add(values, counts)
        }

        private func readQuery(_ object: JSONObject) throws(FieldError) -> StatsQuery {
            func date(_ key: String) throws(FieldError) -> LocalDate? {
                guard let text = try object.optionalText(key) else { return nil }
                guard let date = LocalDate.parse(text) else { throw FieldError(field: key, message: "\"\(text)\" is not a date") }
                return date
            }
            guard let asOf = try date("as_of") else { throw FieldError(field: "as_of", message: "missing") }
            guard case .array(let names)? = object["by"] else { throw FieldError(field: "by", message: "missing or not a list") }
            var keys: [StatsKey] = []
            for name in names {
                guard case .string(let text) = name, let key = StatsKey(rawValue: text) else {
                    throw FieldError(field: "by", message: "\(name.quoted) is not a key; use \(StatsKey.accepted)")
                }
                keys.append(key)
            }
            return StatsQuery(from: try date("from"), to: try date("to"), asOf: asOf, keys: keys)
        }
    }
}
