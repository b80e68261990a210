/// One record (row) of a CSV file.
///
/// `line` is the physical line (1-based, counting LF line breaks) on which the
/// record starts; a record whose quoted fields contain line breaks spans
/// several physical lines. `text` is the record's original text, decoded as
/// UTF-8, without its final line break, so that a caller can copy a row it
/// rejects into a rejects file unchanged.
public struct CSVRecord: Sendable, Equatable {
    /// The physical line (1-based) on which the record starts.
    public let line: Int
    /// The fields in order, with quotes removed and `""` turned into `"`.
    public let fields: [String]
    /// The record's original text, without the final line break.
    public let text: String

    /// Creates a record; the reader makes these, tests compare against them.
    public init(line: Int, fields: [String], text: String) {
        self.line = line
        self.fields = fields
        self.text = text
    }
}

/// Why one record of a CSV file could not be read.
///
/// The wording of ``description`` is what users see after
/// `xinfang VERB: SOURCE:LINE: `, where `LINE` is ``line``.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable {
        /// A quoted field has no closing quote before the end of the input.
        case unclosedQuote
        /// A closing quote is followed by something other than a comma or a line break, as in `"abc"x,`.
        case textAfterClosingQuote
        /// A field is not valid UTF-8 (typically a file saved as GBK instead of UTF-8).
        case invalidUTF8
    }

    /// The physical line (1-based) on which the faulty record starts.
    public let line: Int
    /// The kind of problem.
    public let kind: Kind
    /// The faulty text, decoded leniently, without its final line break, for a rejects file.
    ///
    /// For ``Kind/unclosedQuote`` and ``Kind/textAfterClosingQuote`` this runs
    /// to the end of the physical line on which the faulty quoted field
    /// opened (usually just the record's first line), because the reader
    /// resumes on the line after it; for ``Kind/invalidUTF8`` it is the whole
    /// record. Invalid UTF-8 is shown as U+FFFD.
    public let text: String
    /// The 1-based number of the field where the problem is.
    public let field: Int

    /// Creates an error; the reader makes these, tests compare against them.
    public init(line: Int, kind: Kind, text: String, field: Int = 1) {
        self.line = line
        self.kind = kind
        self.text = text
        self.field = field
    }

    /// The problem in words for a clerk, without the line number prefix.
    public var description: String {
        switch kind {
        case .unclosedQuote:
            return "unclosed quote in field \(field) of the record starting at line \(line)"
                + " (no closing quote before the end of the file)"
        case .textAfterClosingQuote:
            return "text after the closing quote of field \(field)"
                + " (a quote inside a quoted field must be doubled: \"\")"
        case .invalidUTF8:
            return "invalid UTF-8 in field \(field) (save the spreadsheet as \"CSV UTF-8\", not GBK)"
        }
    }
}

/// Reads CSV text (RFC 4180) from a byte buffer, one result per record.
///
/// Rules:
/// - Fields are separated by commas; records end at LF or CRLF. A lone CR
///   outside quotes is kept as part of the field.
/// - A field that starts with `"` is quoted: it runs to the next `"` that is
///   not doubled, may contain commas and line breaks (kept as they are), and
///   `""` inside it stands for one `"`. A `"` inside an unquoted field is kept
///   literally.
/// - A UTF-8 byte order mark at the very start is skipped; empty physical
///   lines are skipped and are not records; the final line break is optional.
/// - Field counts are not checked; the caller compares them with the header.
///
/// Errors never stop the reader; each is reported at the line where its
/// record starts:
/// - ``CSVError/Kind/unclosedQuote`` (no closing quote before the end of the
///   input) and ``CSVError/Kind/textAfterClosingQuote`` (`"abc"x,`): the
///   faulty quoted field most likely starts with a stray quote, so the error
///   covers the record up to the end of the physical line on which that
///   field opened, and reading resumes on the next physical line. Good rows
///   after a typo are thus still read. For the usual case of a field opening
///   on the record's first line, that is the line after the record's first
///   line; for stray text on the same line as the opening quote, the line
///   after the stray text.
/// - ``CSVError/Kind/invalidUTF8``: the record is parsed as usual and
///   reported instead of returned.
///
/// Every non-blank physical line ends up in the `text` of exactly one record
/// or error, so writing all of them out loses and duplicates nothing.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]

    /// Creates a reader over the whole content of a CSV file.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C

    /// Every record in order, each either parsed or an error; never throws, never traps.
    ///
    /// The work is linear in the size of the input.
    public func records() -> [Result<CSVRecord, CSVError>] {
        var results: [Result<CSVRecord, CSVError>] = []
        let count = bytes.count
        var position = 0
        var line = 1
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
        while position < count {
            // Empty physical lines are not records.
            if bytes[position] == Self.lf {
                position += 1
                line += 1
                continue
            }
            if bytes[position] == Self.cr, position + 1 < count, bytes[position + 1] == Self.lf {
                position += 2
                line += 1
                continue
            }
            let step = readRecord(from: position, line: line)
            results.append(step.result)
            // Always make progress, whatever the input.
            position = max(step.next, position + 1)
            line = max(step.nextLine, line + 1)
        }
        return results
    }

    /// The outcome of reading one record: the result, where the next record
    /// starts and on which physical line.
    private struct Step {
        var result: Result<CSVRecord, CSVError>
        var next: Int
        var nextLine: Int
    }

    /// Reads the record starting at byte `start` on physical line `startLine`.
    private func readRecord(from start: Int, line startLine: Int) -> Step {
        let count = bytes.count
        var fields: [String] = []
        var firstInvalidField: Int?
        var line = startLine
        var index = start
        var scratch: [UInt8] = []

        func addField<Bytes: Collection>(_ fieldBytes: Bytes) where Bytes.Element == UInt8 {
            if let field = String(validating: fieldBytes, as: UTF8.self) {
                fields.append(field)
            } else {
                if firstInvalidField == nil { firstInvalidField = fields.count + 1 }
                fields.append("")
            }
        }

        // Called at the end of a well-formed record; `end` is where its text
        // stops and `next` where the following record starts.
        func finish(end: Int, next: Int, nextLine: Int) -> Step {
            let text = lenientText(start..<end)
            if let field = firstInvalidField {
                let error = CSVError(line: startLine, kind: .invalidUTF8, text: text, field: field)
                return Step(result: .failure(error), next: next, nextLine: nextLine)
            }
            let record = CSVRecord(line: startLine, fields: fields, text: text)
            return Step(result: .success(record), next: next, nextLine: nextLine)
        }

        while true {
            let fieldNumber = fields.count + 1
            if index < count, bytes[index] == Self.quote {
                // Quoted field.
                let openIndex = index
                let openLine = line
                index += 1
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < count, bytes[index + 1] == Self.quote {
                            scratch.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == Self.lf { line += 1 }
                    scratch.append(byte)
                    index += 1
                }
                guard closed else {
                    return quoteError(.unclosedQuote, start: start, line: startLine,
                                      openIndex: openIndex, openLine: openLine, field: fieldNumber)
                }
                addField(scratch)
                if index >= count {
                    return finish(end: count, next: count, nextLine: line + 1)
                }
                let byte = bytes[index]
                if byte == Self.comma {
                    index += 1
                    continue
                }
                if byte == Self.lf {
                    return finish(end: index, next: index + 1, nextLine: line + 1)
                }
                if byte == Self.cr, index + 1 < count, bytes[index + 1] == Self.lf {
                    return finish(end: index, next: index + 2, nextLine: line + 1)
                }
                return quoteError(.textAfterClosingQuote, start: start, line: startLine,
                                  openIndex: openIndex, openLine: openLine, field: fieldNumber)
            } else {
                // Unquoted field: up to a comma, LF, CRLF or the end.
                let fieldStart = index
                while index < count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.lf { break }
                    if byte == Self.cr, index + 1 < count, bytes[index + 1] == Self.lf { break }
                    index += 1
                }
                addField(bytes[fieldStart..<index])
                if index >= count {
                    return finish(end: count, next: count, nextLine: line + 1)
                }
                let byte = bytes[index]
                if byte == Self.comma {
                    index += 1
                    continue
                }
                if byte == Self.lf {
                    return finish(end: index, next: index + 1, nextLine: line + 1)
                }
                // CRLF (the loop stops at CR only when LF follows).
                return finish(end: index, next: index + 2, nextLine: line + 1)
            }
        }
    }

    /// Rejects a record whose quoted field opening at byte `openIndex` (on
    /// physical line `openLine`) is faulty.
    ///
    /// The faulty field most likely starts with a stray quote, so the error
    /// covers the record up to the end of the physical line on which that
    /// field opened, and reading resumes on the next line. For the usual
    /// one-line record this is the line after the record's first line.
    private func quoteError(
        _ kind: CSVError.Kind, start: Int, line: Int, openIndex: Int, openLine: Int, field: Int
    ) -> Step {
        let end = endOfLine(from: openIndex)
        let error = CSVError(line: line, kind: kind, text: lenientText(start..<withoutCR(end: end, from: start)), field: field)
        return Step(result: .failure(error), next: end + 1, nextLine: openLine + 1)
    }

    /// The index of the first LF at or after `index`, or the end of the input.
    private func endOfLine(from index: Int) -> Int {
        var position = index
        while position < bytes.count, bytes[position] != Self.lf { position += 1 }
        return position
    }

    /// `end` moved back over a CR that forms a CRLF with the LF at `end`.
    private func withoutCR(end: Int, from start: Int) -> Int {
        if end < bytes.count, end > start, bytes[end - 1] == Self.cr { return end - 1 }
        return end
    }

    /// The bytes in `range` as text, with invalid UTF-8 shown as U+FFFD.
    private func lenientText(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
