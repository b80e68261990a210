import Foundation
import XinfangLineMasks

extension JournalLineDecoder {
    /// The decoder's per-line value slots, key patterns and guess of each member's successor.
    ///
    /// Our writer puts a line's members in one order (`JournalEvent+Encoding.swift`), so after each
    /// member the decoder first checks the `"key":` it expects next with one or two 8-byte compares;
    /// on a miss it reads the key and matches it by length, first byte and its bytes, and expects
    /// that member after this one next time. The guess only saves time: a hit is an exact match of
    /// the quoted key and its colon, so members in any order, with white space or escapes, decode
    /// exactly as before.
    final class Storage {
        let values: UnsafeMutablePointer<RawValue>
        let keys: KeyTables
        /// The line's ``LineMasks``: quotes (not escaped), backslashes and bytes from 0x80.
        let quotes: UnsafeMutablePointer<UInt64>
        let backslashes: UnsafeMutablePointer<UInt64>
        let nonASCII: UnsafeMutablePointer<UInt64>

        init() {
            let count = Field.allCases.count
            values = .allocate(capacity: count)
            values.initialize(repeating: RawValue(kind: .null, start: 0, end: 0), count: count)
            keys = KeyTables()
            quotes = .allocate(capacity: LineMasks.maximumWords)
            quotes.initialize(repeating: 0, count: LineMasks.maximumWords)
            backslashes = .allocate(capacity: LineMasks.maximumWords)
            backslashes.initialize(repeating: 0, count: LineMasks.maximumWords)
            nonASCII = .allocate(capacity: LineMasks.maximumWords)
            nonASCII.initialize(repeating: 0, count: LineMasks.maximumWords)
        }

        deinit {
            values.deallocate()
            keys.patterns.deallocate()
            keys.expected.deallocate()
            quotes.deallocate()
            backslashes.deallocate()
            nonASCII.deallocate()
        }
    }

    /// The key patterns and the expected successors (owned by a ``Storage``, which frees them).
    struct KeyTables {
        /// The `expected` slot for the line's first member, and for the petitioner object's.
        static let objectStart = Field.allCases.count
        static let petitionerStart = objectStart + 1

        let patterns: UnsafeMutablePointer<KeyPattern>
        /// Per field (and the two starts), by raw value: the field expected after it.
        let expected: UnsafeMutablePointer<Field>

        fileprivate init() {
            let count = Field.allCases.count
            patterns = .allocate(capacity: count)
            for field in Field.allCases { (patterns + field.rawValue).initialize(to: KeyPattern(field.key)) }
            expected = .allocate(capacity: count + 2)
            expected.initialize(repeating: .hash, count: count + 2)
            let writerOrder: [(Int, Field)] = [
                (Self.objectStart, .seq), (Field.seq.rawValue, .event), (Field.event.rawValue, .caseID),
                (Field.caseID.rawValue, .at), (Field.at.rawValue, .recorded), (Field.recorded.rawValue, .channel),
                (Field.channel.rawValue, .summary), (Field.summary.rawValue, .region), (Field.region.rawValue, .category),
                (Field.category.rawValue, .petitioner), (Field.petitioner.rawValue, .people), (Field.anonymous.rawValue, .people),
                (Field.from.rawValue, .leader), (Field.days.rawValue, .text), (Field.text.rawValue, .closes),
                (Self.petitionerStart, .name), (Field.name.rawValue, .idNumber), (Field.idNumber.rawValue, .phone),
                (Field.phone.rawValue, .address), (Field.address.rawValue, .name),
            ]
            for (slot, next) in writerOrder { expected[slot] = next }
        }

        /// Whether the bytes at `p` are exactly `"key":` of `field`.
        @inline(__always)
        func matchesQuotedKey(_ field: Field, _ b: UnsafePointer<UInt8>, _ n: Int, _ p: Int) -> Bool {
            guard p + 16 <= n else { return false }
            let pattern = patterns[field.rawValue]
            let raw = UnsafeRawPointer(b + p)
            let lo = raw.loadUnaligned(as: UInt64.self)
            let hi = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            return ((lo ^ pattern.quoted.0) & pattern.quotedMask.0) | ((hi ^ pattern.quoted.1) & pattern.quotedMask.1) == 0
        }

        /// The top-level member whose key is at `key`, matched by length, first byte and then all bytes.
        @inline(__always)
        func topLevel(_ b: UnsafePointer<UInt8>, _ n: Int, _ key: Range<Int>) -> Field? {
            guard let candidate = Field.topLevelCandidate(b + key.lowerBound, key.count) else { return nil }
            return matchesKey(candidate, b, n, key) ? candidate : nil
        }

        /// The `petitioner` object's member whose key is at `key`.
        @inline(__always)
        func nested(_ b: UnsafePointer<UInt8>, _ n: Int, _ key: Range<Int>) -> Field? {
            let candidate: Field
            switch key.count {
            case 4: candidate = .name
            case 5: candidate = .phone
            case 7: candidate = .address
            case 9: candidate = .idNumber
            default: return nil
            }
            return matchesKey(candidate, b, n, key) ? candidate : nil
        }

        /// Whether the key at `key` (of the candidate's length) has the candidate's bytes.
        @inline(__always)
        private func matchesKey(_ candidate: Field, _ b: UnsafePointer<UInt8>, _ n: Int, _ key: Range<Int>) -> Bool {
            let pattern = patterns[candidate.rawValue]
            guard key.lowerBound + 16 <= n else {
                return withUnsafeBytes(of: pattern.bare) { memcmp(b + key.lowerBound, $0.baseAddress!, key.count) == 0 }
            }
            let raw = UnsafeRawPointer(b + key.lowerBound)
            let lo = raw.loadUnaligned(as: UInt64.self)
            let hi = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            return ((lo ^ pattern.bare.0) & pattern.bareMask.0) | ((hi ^ pattern.bare.1) & pattern.bareMask.1) == 0
        }
    }

    /// A key's bytes as two 8-byte words with masks, bare and as `"key":`.
    struct KeyPattern {
        var bare: (UInt64, UInt64)
        var bareMask: (UInt64, UInt64)
        var quoted: (UInt64, UInt64)
        var quotedMask: (UInt64, UInt64)
        var quotedCount: UInt8

        init(_ key: StaticString) {
            let bytes = Array(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            // The decoder relies on `"key":` being shorter than the 16 bytes it compares.
            precondition(bytes.count + 3 < 16, "journal keys are at most 12 bytes")
            (bare, bareMask) = Self.words(bytes)
            (quoted, quotedMask) = Self.words([UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\""), UInt8(ascii: ":")])
            quotedCount = UInt8(bytes.count + 3)
        }

        /// Up to 16 bytes as they load from memory, and the mask of the bytes that count.
        private static func words(_ bytes: [UInt8]) -> ((UInt64, UInt64), (UInt64, UInt64)) {
            precondition(bytes.count <= 16)
            var padded = bytes + [UInt8](repeating: 0, count: 16 - bytes.count)
            var mask = [UInt8](repeating: 0xFF, count: bytes.count) + [UInt8](repeating: 0, count: 16 - bytes.count)
            let value = padded.withUnsafeMutableBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            let masks = mask.withUnsafeMutableBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            return (value, masks)
        }
    }
}
