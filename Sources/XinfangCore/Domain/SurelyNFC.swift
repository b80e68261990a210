extension String {
    /// Whether the text is in Unicode Normalization Form C, by a quick look at its UTF-8: true only
    /// when every scalar is below U+0300 (ASCII, Latin-1, Latin Extended, spacing modifiers), CJK
    /// punctuation U+3000–U+3029, a CJK unified ideograph U+4E00–U+9FFF, or a full-width form
    /// U+FF01–U+FF5E. Each of those is a starter (canonical combining class 0) that no composition
    /// changes (NFC_Quick_Check = Yes), so such a text is its own NFC. False says nothing: the text
    /// may still be in NFC.
    ///
    /// Two texts that are both surely in NFC are equal as `String`s (canonically equivalent)
    /// exactly when their bytes are, so they can be hashed and compared by their bytes.
    var isSurelyNFC: Bool {
        var copy = self
        return copy.withUTF8 { Self.isSurelyNFC($0) }
    }

    /// ``isSurelyNFC`` of valid UTF-8.
    static func isSurelyNFC(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < utf8.count {
            let lead = utf8[index]
            switch lead {
            case 0..<0x80:
                index += 1
            case 0xC2...0xCB:  // U+0080–U+02FF
                index += 2
            case 0xE3 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] <= 0xA9:  // U+3000–U+3029
                index += 3
            case 0xE4 where index + 2 < utf8.count && utf8[index + 1] >= 0xB8:  // U+4E00–U+4FFF
                index += 3
            case 0xE5...0xE9:  // U+5000–U+9FFF
                index += 3
            case 0xEF where index + 2 < utf8.count && (utf8[index + 1] == 0xBC ? utf8[index + 2] >= 0x81
                                                          : utf8[index + 1] == 0xBD && utf8[index + 2] <= 0x9E):  // U+FF01–U+FF5E
                index += 3
            default:
                return false
            }
        }
        return true
    }
}
