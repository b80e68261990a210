/// A dictionary key made of a string's UTF-8 bytes.
///
/// `String` hashing normalises Unicode (NFC) first, which is slow for
/// Chinese text; this key hashes and compares the raw bytes. Two keys are
/// equal when their bytes are, which is what an index of values written by
/// the same program needs.
public struct ByteKey: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    public init(parts: [String], separator: UInt8 = 0x1F) {
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(separator) }
            bytes.append(contentsOf: part.utf8)
        }
        self.bytes = bytes
    }

    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
