/// Makes a diagnostic safe to print as one line of stderr, whatever input text it quotes.
///
/// Messages quote what the user gave (a channel name, a CSV header, a JSON key), and
/// a JSON string may hold `\n`, `\r`, other control characters or bidirectional
/// overrides. Printed raw they would split one rejection over several lines, or
/// hide or forge parts of it; ``singleLine(_:)`` writes each such character as
/// `\u{…}` instead, so every rejection stays exactly one `xinfang VERB: …` line.
public enum MessageText {
    /// `message` with line breaks, control characters and bidirectional controls written as `\u{HEX}`.
    public static func singleLine(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: needsEscape) else { return message }
        var out = String.UnicodeScalarView()
        for scalar in message.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00 ..< 0x20, 0x7F ..< 0xA0, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A ... 0x202E, 0x2066 ... 0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }
}
