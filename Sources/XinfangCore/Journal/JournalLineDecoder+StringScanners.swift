import Foundation
import XinfangLineMasks

/// How the journal decoder finds where a string ends: byte by byte, or from the line's masks.
///
/// ``JournalLineDecoder`` walks a line's members with one of these; the compiler makes a copy of
/// the member scan for each, so neither pays for the other.
///
/// The requirement answers nil rather than throwing: Swift 6.0 does not inline a requirement with
/// a typed `throws` into the specialized member scan but calls it through the witness table, a
/// call (and the registers saved around it) per string: 6% of `stats`' instructions.
protocol JournalStringScanner {
    /// Reads the string whose opening quote is at `p` and moves `p` past its closing quote; nil
    /// when the line must go to the reference path.
    func readString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) -> RawValue?
}

extension JournalStringScanner {
    /// ``readString(_:_:_:)``, throwing ``Fallback`` for nil.
    @inline(__always)
    func scanString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(Fallback) -> RawValue {
        guard let value = readString(b, n, &p) else { throw Fallback() }
        return value
    }
}

/// Strings read byte by byte (16 bytes at a time where it can), escapes noted and UTF-8 checked on
/// the way: any line.
struct BytewiseStrings: JournalStringScanner {
    @inline(__always)
    func readString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) -> RawValue? {
        JournalLineDecoder.readString(b, n, &p)
    }
}

/// Strings read from ``LineMasks`` on a line the masks were made for and found without a
/// control byte, without a backslash, and valid UTF-8 (``LineMasks/Verdict/withoutBackslashes``).
/// There every quote opens or closes a string, so a string ends at the next bit of the quote
/// mask, and has no escapes.
struct MaskedStrings: JournalStringScanner {
    /// The line's quote bits, word by word, then a zero word.
    let quotes: UnsafePointer<UInt64>
    /// The line's bytes from 0x80, word by word, then a zero word.
    let nonASCII: UnsafePointer<UInt64>
    /// Words in each mask for this line, the zero word not counted.
    let words: Int

    @inline(__always)
    func readString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) -> RawValue? {
        guard let end = LineMaskWords.nextBit(quotes, after: p, words: words) else { return nil }
        let start = p &+ 1
        p = end &+ 1
        return RawValue(kind: .string, start: start, end: end, escaped: false,
                        nonASCII: LineMaskWords.anyBit(nonASCII, start, end))
    }
}

/// ``MaskedStrings`` for a line with backslashes (``LineMasks/Verdict/withBackslashes``): the
/// quote mask leaves out the quotes escapes take, so every quote in it still opens or closes a
/// string, and a string has escapes when the backslash mask has a bit between its quotes.
/// (A scanner of its own, so that lines without a backslash never read that mask.)
struct MaskedEscapedStrings: JournalStringScanner {
    /// The line's quote bits (escaped ones left out) and bytes from 0x80.
    let masks: MaskedStrings
    /// The line's backslashes, word by word, then a zero word.
    let backslashes: UnsafePointer<UInt64>

    @inline(__always)
    func readString(_ b: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) -> RawValue? {
        guard var value = masks.readString(b, n, &p) else { return nil }
        value.escaped = LineMaskWords.anyBit(backslashes, value.start, value.end)
        return value
    }
}

/// Reading ``LineMasks``' words: one bit per byte of the line, 64 bytes a word.
enum LineMaskWords {
    /// The first bit after bit `p` (the string's opening quote), before word `words`.
    @inline(__always)
    static func nextBit(_ mask: UnsafePointer<UInt64>, after p: Int, words: Int) -> Int? {
        let start = p &+ 1
        var word = start &>> 6
        var bits = mask[word] & (~0 &<< UInt64(start & 63))
        while bits == 0 {
            word &+= 1
            guard word < words else { return nil }
            bits = mask[word]
        }
        return word &<< 6 | bits.trailingZeroBitCount
    }

    /// Whether `mask` has a bit for any byte in `start..<end`.
    @inline(__always)
    static func anyBit(_ mask: UnsafePointer<UInt64>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        let first = start &>> 6, last = (end &- 1) &>> 6
        let fromStart = ~0 &<< UInt64(start & 63)
        let toEnd = ~0 &>> UInt64(63 &- ((end &- 1) & 63))
        if first == last { return mask[first] & fromStart & toEnd != 0 }
        if mask[first] & fromStart != 0 || mask[last] & toEnd != 0 { return true }
        for word in (first &+ 1)..<last where mask[word] != 0 { return true }
        return false
    }
}
