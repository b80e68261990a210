/// Masks personal data for output that travels further than the office (信访工作条例 Art. 30).
public enum Redaction {
    /// 张三 → 张*, 欧阳小明 → 欧***: the first character kept.
    public static func name(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// 110105194912310021 → 110105********0021: the first 6 and last 4 kept.
    public static func idNumber(_ id: String) -> String {
        let characters = Array(id)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0..<6]) + String(repeating: "*", count: characters.count - 10) + String(characters[(characters.count - 4)...])
    }

    /// 13800138000 → *******8000: the last 4 digits kept.
    public static func phone(_ phone: String) -> String {
        let characters = Array(phone)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 4) + String(characters[(characters.count - 4)...])
    }

    /// The petitioner with name, ID number and phone masked and the address dropped.
    public static func petitioner(_ petitioner: Petitioner) -> Petitioner {
        Petitioner(name: name(petitioner.name), idNumber: petitioner.idNumber.map(idNumber),
                   phone: petitioner.phone.map(phone), address: nil)
    }
}
