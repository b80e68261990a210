import Foundation

extension JournalEvent {
    /// The hash that stands before the journal's first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The event's journal line, hash-chained to `previousHash`, ending in `\n`.
    ///
    /// The line's members come in a fixed order: `seq`, `event`, `case`, `at`,
    /// `recorded`, the kind's own fields, and last `hash`, which is the SHA-256
    /// of `previousHash` (64 hex digits) followed by the line's bytes up to the
    /// comma before `"hash"`.
    ///
    /// - Returns: the line and its hash (the next event's `previousHash`).
    public func journalLine(previousHash: String, timeZone: OfficeTimeZone) -> (line: [UInt8], hash: String) {
        let (line, hash, _) = journalLineWithFields(previousHash: previousHash, timeZone: timeZone)
        return (line, hash)
    }

    /// ``journalLine(previousHash:timeZone:)``, and where in the line the kind's own fields are
    /// (from the comma before the first of them to the end of the last), so a writer can echo them
    /// without encoding them twice.
    public func journalLineWithFields(previousHash: String, timeZone: OfficeTimeZone) -> (line: [UInt8], hash: String, fields: Range<Int>) {
        var line = NDJSONLine()
        let fields = appendBody(to: &line, timeZone: timeZone)
        let hash = line.bytes.withUnsafeBytes { JournalHash.chain(previous: previousHash, body: $0) }
        line.field("hash", hash)
        return (line.finished(), hash, fields)
    }

    /// Writes the line's members before `hash` (the hashed body), the object left open.
    /// - Returns: where the kind's own fields are in `line`'s bytes.
    func appendBody(to line: inout NDJSONLine, timeZone: OfficeTimeZone) -> Range<Int> {
        appendHead(to: &line, timeZone: timeZone)
        let fieldsStart = line.bytes.count
        appendPayload(to: &line)
        return fieldsStart..<line.bytes.count
    }

    /// Writes the members every event has, before its kind's own: `seq`, `event`, `case`, `at`, `recorded`.
    func appendHead(to line: inout NDJSONLine, timeZone: OfficeTimeZone) {
        line.field("seq", seq)
        line.field("event", kind.rawValue)
        line.field("case", caseID)
        line.field("at", at, in: timeZone)
        line.field("recorded", recorded, in: timeZone)
    }

    /// Writes the kind's own fields, absent optional ones left out.
    func appendPayload(to line: inout NDJSONLine) {
        switch payload {
        case .filed(let filing):
            line.field("channel", filing.channel.rawValue)
            line.field("summary", filing.summary)
            line.field("region", filing.region)
            line.field("category", filing.category)
            if let petitioner = filing.petitioner {
                petitioner.append(as: "petitioner", to: &line)
            } else {
                line.field("anonymous", true)
            }
            line.field("people", filing.people)
            if let respondent = filing.respondent { line.field("respondent", respondent) }
            if let sourceID = filing.sourceID { line.field("source_id", sourceID) }
            if let repeatOf = filing.repeatOf { line.field("repeat_of", repeatOf) }
            if filing.confidential { line.field("confidential", true) }
        case .assigned(let assignment):
            line.field("unit", assignment.unit)
            if let from = assignment.from { line.field("from", from) }
            if let leader = assignment.leader { line.field("leader", leader) }
            if let note = assignment.note { line.field("note", note) }
            if let rule = assignment.rule { line.field("rule", rule) }
        case .returned(let ret):
            line.field("unit", ret.unit)
            line.field("reason", ret.reason)
            if let leader = ret.leader { line.field("leader", leader) }
            if let note = ret.note { line.field("note", note) }
        case .replied(let reply):
            line.field("unit", reply.unit)
            line.field("text", reply.text)
            line.field("closes", reply.closes)
        case .extended(let ext):
            line.field("unit", ext.unit)
            line.field("days", ext.days)
            if let text = ext.text { line.field("text", text) }
        case .rated(let verdict):
            line.field("satisfaction", verdict.satisfaction.rawValue)
            if let via = verdict.via { line.field("via", via.rawValue) }
        }
    }
}

extension Petitioner {
    /// Writes the petitioner as the member `key`: `name`, then `id_number`, `phone` and `address` when known.
    func append(as key: String, to line: inout NDJSONLine) {
        line.key(key)
        line.beginObject()
        line.field("name", name)
        if let idNumber { line.field("id_number", idNumber) }
        if let phone { line.field("phone", phone) }
        if let address { line.field("address", address) }
        line.endObject()
    }
}

/// The journal's hash chain.
public enum JournalHash {
    /// The suffix every line xinfang writes ends with: `,"hash":"` + 64 hex digits + `"}`.
    public static let suffixLength = 9 + 64 + 2

    /// SHA-256 of `previous` (64 hex digits) then `body`, as 64 lowercase hex digits.
    public static func chain(previous: String, body: [UInt8]) -> String {
        body.withUnsafeBytes { chain(previous: previous, body: $0) }
    }

    /// SHA-256 of `previous` (64 hex digits) then `body`, as 64 lowercase hex digits.
    public static func chain(previous: String, body: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(body)
        return hex(hasher.finalize())
    }

    /// Whether SHA-256 of `previous` (64 hex digits) then `body` is `hash` (64 lowercase hex digits): the
    /// verifier's hot path, which writes the digits on the stack and compares them in place (no array per line).
    public static func chains(previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, to hash: UnsafeRawBufferPointer) -> Bool {
        guard hash.count == 64, let claimed = hash.baseAddress else { return false }
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(body)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digits in
            hasher.finalize(hexInto: digits.baseAddress!)
            return memcmp(digits.baseAddress!, claimed, 64) == 0
        }
    }

    /// Lowercase hex digits of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits a journal line into the hashed body and the hash it claims, or nil when it does not end with a hash member.
    public static func split(_ line: UnsafeRawBufferPointer) -> (body: UnsafeRawBufferPointer, hash: String)? {
        splitBytes(line).map { ($0.body, String(decoding: $0.hash, as: UTF8.self)) }
    }

    /// ``split(_:)`` without making a `String`: the hash is the line's 64 hex digits, in place.
    ///
    /// The writer's layout, `,"hash":"` + 64 digits + `"}`, is matched at once; a line written by
    /// another tool may have JSON white space around the member's comma, key, colon, value and
    /// closing brace (Python's `json.dumps` writes `, "hash": "…"}`), read from the end. The body
    /// is the line up to, not including, that comma.
    public static func splitBytes(_ line: UnsafeRawBufferPointer) -> (body: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer)? {
        if line.count > suffixLength {
            let suffixStart = line.count - suffixLength
            let prefix: StaticString = #","hash":""#
            if memcmp(line.baseAddress! + suffixStart, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0,
               line[line.count - 2] == UInt8(ascii: "\""), line[line.count - 1] == UInt8(ascii: "}") {
                let hashBytes = UnsafeRawBufferPointer(rebasing: line[(suffixStart + 9)..<(line.count - 2)])
                guard isLowercaseHex(hashBytes) else { return nil }
                return (UnsafeRawBufferPointer(rebasing: line[0..<suffixStart]), hashBytes)
            }
        }
        return splitSpaced(line)
    }

    /// ``splitBytes(_:)`` for a hash member with white space in it, read backwards from the line's end.
    private static func splitSpaced(_ line: UnsafeRawBufferPointer) -> (body: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer)? {
        var end = line.count
        /// Steps back over white space, then over `expected` when the bytes before are that.
        func back(over expected: StaticString) -> Bool {
            while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
            let count = expected.utf8CodeUnitCount
            guard end >= count, memcmp(line.baseAddress! + end - count, expected.utf8Start, count) == 0 else { return false }
            end -= count
            return true
        }
        guard back(over: "}"), back(over: "\""), end >= 65 else { return nil }
        let hashBytes = UnsafeRawBufferPointer(rebasing: line[(end - 64)..<end])
        end -= 64
        // The body is what comes before the comma, and is never empty.
        guard line[end - 1] == UInt8(ascii: "\""), isLowercaseHex(hashBytes) else { return nil }
        end -= 1
        guard back(over: ":"), back(over: #""hash""#), back(over: ","), end > 0 else { return nil }
        return (UnsafeRawBufferPointer(rebasing: line[0..<end]), hashBytes)
    }

    /// Whether every byte of `digits` is a lowercase hex digit (`0`–`9`, `a`–`f`): one pass without a branch per byte.
    static func isLowercaseHex(_ digits: UnsafeRawBufferPointer) -> Bool {
        var bad: UInt8 = 0
        for byte in digits {
            bad |= (byte &- 0x30 < 10 ? 0 : 1) & (byte &- 0x61 < 6 ? 0 : 1)
        }
        return bad == 0
    }
}
