/// Masks personal data for output that travels further than the office (信访工作条例 Art. 30).
public enum Redaction {
    /// 张三 → 张*, 欧阳小明 → 欧***: the first character kept, one `*` for each other character
    /// (a one-character name still gets its `*`: 张 → 张*, so the name is never shown whole).
    public static func name(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// 110105194912310021 → 110105********0021: the first 6 and last 4 kept (an ID of 10 characters
    /// or fewer, never accepted by `file`, is masked whole).
    public static func idNumber(_ id: String) -> String {
        let characters = Array(id)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0..<6]) + String(repeating: "*", count: characters.count - 10) + String(characters[(characters.count - 4)...])
    }

    /// 13800138000 → *******8000, 020-8765 4321 → ***-**** 4321: every digit but the last 4 masked,
    /// separators (space, `+`, `-`, parentheses) kept; a number of 4 digits or fewer is masked whole.
    public static func phone(_ phone: String) -> String {
        let digits = phone.reduce(0) { $0 + ($1.isASCIIDigit ? 1 : 0) }
        var masked = digits > 4 ? digits - 4 : digits
        return String(phone.map { character -> Character in
            guard character.isASCIIDigit, masked > 0 else { return character }
            masked -= 1
            return "*"
        })
    }

    /// The petitioner with name, ID number and phone masked and the address dropped.
    public static func petitioner(_ petitioner: Petitioner) -> Petitioner {
        Petitioner(name: name(petitioner.name), idNumber: petitioner.idNumber.map(idNumber),
                   phone: petitioner.phone.map(phone), address: nil)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
