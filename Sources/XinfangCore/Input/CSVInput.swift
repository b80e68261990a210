/// Turns a CSV file with a header row (letters typed into a spreadsheet) into the objects `file` reads.
///
/// Headers are the NDJSON field names or their Chinese labels (`姓名`, `身份证号`, …);
/// `name`, `id_number`, `phone` and `address` go into `petitioner`. Empty cells are absent fields.
public enum CSVInput {
    /// Header labels and the field each one fills.
    public static let headerAliases: [String: String] = [
        "channel": "channel", "渠道": "channel", "来源": "channel",
        "summary": "summary", "摘要": "summary", "内容": "summary", "诉求": "summary",
        "region": "region", "地区": "region", "区域": "region", "所属地区": "region",
        "category": "category", "类别": "category", "问题类别": "category", "分类": "category",
        "name": "name", "petitioner": "name", "姓名": "name", "信访人": "name",
        "id_number": "id_number", "身份证号": "id_number", "身份证号码": "id_number",
        "phone": "phone", "电话": "phone", "联系电话": "phone",
        "address": "address", "地址": "address", "住址": "address",
        "anonymous": "anonymous", "匿名": "anonymous",
        "received": "received", "收到日期": "received", "来信日期": "received", "登记日期": "received", "日期": "received",
        "people": "people", "人数": "people",
        "respondent": "respondent", "被反映人": "respondent", "被反映单位": "respondent",
        "source_id": "source_id", "编号": "source_id", "来信编号": "source_id",
        "confidential": "confidential", "保密": "confidential",
    ]

    /// Reads every row of `bytes` into an ``InputRecord``.
    /// - Throws: ``UsageError`` when the header row is missing, or names an unknown or repeated column.
    public static func records(_ bytes: [UInt8], source: String) throws(UsageError) -> [InputRecord] {
        var rows = CSVReader(bytes: bytes).records()[...]
        guard let first = rows.popFirst() else { throw UsageError("\(source): the CSV file is empty (it needs a header row)") }
        let header: CSVRecord
        switch first {
        case .success(let record): header = record
        case .failure(let error): throw UsageError("\(source):\(error.line): the CSV header row is unreadable: \(error)")
        }
        var columns: [String] = []
        for label in header.fields {
            let trimmed = label.trimmingSpaces()
            guard let field = headerAliases[trimmed] ?? headerAliases[trimmed.lowercased()] else {
                let hint = Spelling.nearest(to: trimmed, among: PetitionForm.fields + PetitionForm.petitionerFields)
                    .map { " (did you mean \"\($0)\"?)" } ?? ""
                throw UsageError("\(source):\(header.line): unknown CSV column \"\(trimmed)\"\(hint)")
            }
            guard !columns.contains(field) else {
                throw UsageError("\(source):\(header.line): CSV column \"\(trimmed)\" repeats column \(field)")
            }
            columns.append(field)
        }
        return rows.map { row in
            switch row {
            case .failure(let error):
                return InputRecord(source: source, line: error.line, text: error.text, object: .failure(InputError(error.description)))
            case .success(let record):
                guard record.fields.count == columns.count else {
                    return InputRecord(source: source, line: record.line, text: record.text, object: .failure(InputError(
                        "row has \(record.fields.count) fields, the header has \(columns.count)")))
                }
                return InputRecord(source: source, line: record.line, text: record.text, object: object(columns, record.fields))
            }
        }
    }

    private static func object(_ columns: [String], _ fields: [String]) -> Result<JSONObject, InputError> {
        var object = JSONObject()
        var petitioner = JSONObject()
        for (column, rawValue) in zip(columns, fields) {
            let value = rawValue.trimmingSpaces()
            guard !value.isEmpty else { continue }
            switch column {
            case "name", "id_number", "phone", "address":
                petitioner.set(column, .string(value))
            case "people":
                object.set(column, Int(value) != nil ? .number(value) : .string(value))
            case "anonymous", "confidential":
                let yes = ["true", "yes", "y", "1", "是", "匿名", "保密"].contains(value.lowercased())
                let no = ["false", "no", "n", "0", "否"].contains(value.lowercased())
                guard yes || no else {
                    return .failure(InputError("field \"\(column)\": \"\(value)\" is not yes or no"))
                }
                object.set(column, .bool(yes))
            default:
                object.set(column, .string(value))
            }
        }
        if !petitioner.members.isEmpty { object.set("petitioner", .object(petitioner)) }
        return .success(object)
    }
}
