// LineMasks.swift
// xinfang: a journal line's quotes, backslashes and non-ASCII bytes as bit masks, and its UTF-8
// checked, 32 bytes at a time with AVX2.
//
// This module is compiled with the `avx2` target feature (Package.swift). Nothing here may run on a
// processor without it: callers go through `LineMasks.isAvailable` first, and nothing in this
// module is inlinable into code compiled without it.

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
import Foundation
import XinfangProcessorFeatures

/// One pass over a line (two for a line with a backslash) that finds its quotes, backslashes and
/// non-ASCII bytes and checks its UTF-8.
///
/// The journal decoder finds strings with this when it can: on a line with no byte below 0x20,
/// every quote that no escape takes opens or closes a string, so a string ends at the next bit of
/// the quote mask, and the whole line's UTF-8 is checked here in one go rather than string by
/// string, with no branch that depends on where the Chinese characters are. A quote is escaped when
/// an odd run of backslashes comes right before it (`\"` and `\\\"`, not `\\"`); the runs are found
/// for 64 bytes at once with simdjson's branchless carry trick (Langdale and Lemire, "Parsing
/// gigabytes of JSON per second", VLDB Journal, 2019). Most lines have no backslash, and are read
/// without tracking escapes; the first backslash sends a line back to its start.
///
/// The UTF-8 check is Keiser and Lemire's ("Validating UTF-8 in less than one instruction per
/// byte", Software: Practice and Experience, 2021): three table look-ups per pair of bytes, by the
/// nibbles of the first and the high nibble of the second, name every way the pair can be
/// ill-formed; and the byte two or three after a three- or four-byte lead must be a continuation.
public enum LineMasks {
    /// The environment variable that turns the masks off (`XINFANG_LINE_MASKS=0`), to time or check
    /// the journal decoder's byte-by-byte strings on a processor that could use them.
    public static let switchVariable = "XINFANG_LINE_MASKS"

    /// Whether this build and this processor can run ``scan(_:count:quotes:backslashes:nonASCII:)``: an x86-64
    /// build on a processor with AVX2 (Intel since 2013, AMD since 2015), unless ``switchVariable``
    /// is `0`. Read once.
    public static let isAvailable: Bool =
        ProcessInfo.processInfo.environment[switchVariable] != "0" && ProcessorFeatures.hasAVX2

    /// What ``scan(_:count:quotes:backslashes:nonASCII:)`` found.
    public enum Verdict: Sendable {
        /// A byte below 0x20 or invalid UTF-8: the masks are not complete.
        case refused
        /// Complete masks of a line without a backslash (its backslash words are not written).
        case withoutBackslashes
        /// Complete masks of a line with at least one backslash.
        case withBackslashes
    }

    /// The longest line ``scan(_:count:quotes:backslashes:nonASCII:)`` takes.
    public static let maximumLength = 4096
    /// The words each mask needs for a line of ``maximumLength`` bytes, the zero word after them included.
    public static let maximumWords = maximumLength / 64 + 1

    /// Sets bit `i % 64` of word `i / 64` of `quotes` for each `"` at `line[i]` that is not escaped
    /// (an odd run of backslashes right before it), of `backslashes` for each `\` (only on a line
    /// that has one), and of `nonASCII` for each byte from 0x80, for the `count` bytes of `line`, and
    /// writes a zero word after the last of each. The masks are complete when the line has no byte below 0x20 and is valid UTF-8
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short by
    /// the line's end); the verdict says so, and whether the line has a backslash.
    ///
    /// - Precondition: ``isAvailable`` is true, `count` is at most ``maximumLength``, and each mask
    ///   has room for `count / 64 + 1` words.
    @inline(never)
    public static func scan(_ line: UnsafePointer<UInt8>, count: Int, quotes: UnsafeMutablePointer<UInt64>,
                            backslashes: UnsafeMutablePointer<UInt64>, nonASCII: UnsafeMutablePointer<UInt64>) -> Verdict {
        #if arch(x86_64)
        precondition(count <= maximumLength, "a line of \(count) bytes is longer than LineMasks takes")
        // Read without tracking escapes; the first backslash sends the line back to its start,
        // to be read again tracking them.
        if let verdict = scan(line, count: count, quotes: quotes, backslashes: backslashes, nonASCII: nonASCII, escapes: false) {
            return verdict
        }
        return scan(line, count: count, quotes: quotes, backslashes: backslashes, nonASCII: nonASCII, escapes: true) ?? .refused
        #else
        preconditionFailure("LineMasks exists only on x86-64")
        #endif
    }

    #if arch(x86_64)
    /// One reading of the line; without `escapes`, nil at the first backslash (and no backslash word written).
    @inline(__always)
    private static func scan(_ line: UnsafePointer<UInt8>, count: Int, quotes: UnsafeMutablePointer<UInt64>,
                             backslashes: UnsafeMutablePointer<UInt64>, nonASCII: UnsafeMutablePointer<UInt64>,
                             escapes: Bool) -> Verdict? {
        var scanner = BlockScanner()
        var offset = 0
        var word = 0
        while offset &+ 64 <= count {
            guard let masks = scanner.scan(line + offset, linesStart: offset == 0, escapes: escapes) else {
                return scanner.metBackslash ? nil : .refused
            }
            quotes[word] = masks.quotes
            if escapes { backslashes[word] = masks.backslashes }
            nonASCII[word] = masks.nonASCII
            offset &+= 64
            word &+= 1
        }
        if offset < count {
            guard let masks = scanner.scanLast(line, from: offset, count: count, escapes: escapes) else {
                return scanner.metBackslash ? nil : .refused
            }
            quotes[word] = masks.quotes
            if escapes { backslashes[word] = masks.backslashes }
            nonASCII[word] = masks.nonASCII
            word &+= 1
        }
        quotes[word] = 0
        if escapes { backslashes[word] = 0 }
        nonASCII[word] = 0
        guard scanner.isValid else { return .refused }
        return escapes ? .withBackslashes : .withoutBackslashes
    }
    #endif
}

#if arch(x86_64)
/// A line's 64-byte blocks, one after the other: the UTF-8 errors found so far, whether the last
/// block ended inside a multi-byte sequence, and whether it ended in an odd run of backslashes.
private struct BlockScanner {
    struct Masks {
        var quotes: UInt64
        var backslashes: UInt64
        var nonASCII: UInt64
    }

    private var errors = _mm256_setzero_si256()
    private var incomplete = _mm256_setzero_si256()
    /// 1 when the last block ended in an odd run of backslashes: this block's first byte is escaped.
    private var firstEscaped: UInt64 = 0
    /// Whether ``scan(_:linesStart:escapes:)`` answered nil for a backslash (not tracking escapes).
    private(set) var metBackslash = false

    /// Whether no UTF-8 error was found, a sequence left open at the line's end included.
    var isValid: Bool {
        let all = _mm256_or_si256(errors, incomplete)
        return _mm256_movemask_epi8(_mm256_cmpeq_epi8(all, _mm256_setzero_si256())) == -1
    }

    /// The masks of the 64 bytes at `block`, or nil when they hold a byte below 0x20, or a
    /// backslash when not tracking `escapes` (``metBackslash`` then says so). The three bytes
    /// before the block are read, unless it is the line's start (`linesStart`).
    @inline(__always)
    mutating func scan(_ block: UnsafePointer<UInt8>, linesStart: Bool, escapes: Bool) -> Masks? {
        let low = Self.load(block), high = Self.load(block + 32)
        let nonASCII = Self.word(_mm256_movemask_epi8(low), _mm256_movemask_epi8(high))
        let space = _mm256_set1_epi8(0x20), backslash = _mm256_set1_epi8(0x5C), quote = _mm256_set1_epi8(0x22)
        // Compared as signed bytes, 0x80 and above are below 0x20 too: `nonASCII` takes them out.
        let belowSpace = Self.word(_mm256_movemask_epi8(_mm256_cmpgt_epi8(space, low)), _mm256_movemask_epi8(_mm256_cmpgt_epi8(space, high)))
        let backslashes = Self.word(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, backslash)),
                                    _mm256_movemask_epi8(_mm256_cmpeq_epi8(high, backslash)))
        if escapes {
            guard belowSpace & ~nonASCII == 0 else { return nil }
        } else {
            guard backslashes | (belowSpace & ~nonASCII) == 0 else {
                metBackslash = belowSpace & ~nonASCII == 0
                return nil
            }
        }
        var quotes = Self.word(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quote)), _mm256_movemask_epi8(_mm256_cmpeq_epi8(high, quote)))
        if escapes, backslashes | firstEscaped != 0 { quotes &= ~escaped(backslashes) }
        if nonASCII == 0 {
            // All ASCII: only a sequence left open by the block before can be wrong.
            errors = _mm256_or_si256(errors, incomplete)
            incomplete = _mm256_setzero_si256()
        } else {
            if linesStart {
                checkLineStart(block)
            } else {
                check(low, at: block)
            }
            check(high, at: block + 32)
            incomplete = UTF8Lookup.incomplete(high)
        }
        return Masks(quotes: quotes, backslashes: backslashes, nonASCII: nonASCII)
    }

    /// The bytes of this block that an escape takes (each right after an odd run of backslashes,
    /// counted from the run's start, the last block's run included), as simdjson finds them.
    @inline(__always)
    private mutating func escaped(_ backslashes: UInt64) -> UInt64 {
        let evenBits: UInt64 = 0x5555_5555_5555_5555
        // A backslash the last block's run escapes starts nothing.
        let escapes = backslashes & ~firstEscaped
        let followsEscape = escapes &<< 1 | firstEscaped
        // simdjson's `find_escaped_branchless`: adding the runs' odd-placed starts to the runs
        // carries each such run past its end, leaving the runs that start on even bits; their
        // escaped bytes are the odd ones after them, the others' the even ones.
        let oddStarts = escapes & ~evenBits & ~followsEscape
        let (sum, carried) = oddStarts.addingReportingOverflow(escapes)
        firstEscaped = carried ? 1 : 0
        let invert = sum &<< 1
        return (evenBits ^ invert) & followsEscape
    }

    /// The masks of the line's last `count - offset` bytes (fewer than 64), padded with spaces
    /// (ASCII, neither quote nor special) after the 32 bytes before them, zeros at the line's start.
    @inline(__always)
    mutating func scanLast(_ line: UnsafePointer<UInt8>, from offset: Int, count: Int, escapes: Bool) -> Masks? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
            let padded = buffer.baseAddress!
            if offset >= 32 {
                padded.update(from: line + offset - 32, count: 32)
            } else {
                padded.update(repeating: 0, count: 32)
            }
            let rest = count &- offset
            (padded + 32).update(from: line + offset, count: rest)
            (padded + 32 + rest).update(repeating: 0x20, count: 64 - rest)
            return scan(padded + 32, linesStart: false, escapes: escapes)
        }
    }

    /// Adds the UTF-8 errors of the 32 bytes `chunk` at `p`, reading the three bytes before `p`.
    @inline(__always)
    private mutating func check(_ chunk: __m256i, at p: UnsafePointer<UInt8>) {
        errors = _mm256_or_si256(errors, UTF8Lookup.errors(chunk, Self.load(p - 1), Self.load(p - 2), Self.load(p - 3)))
    }

    /// Adds the UTF-8 errors of the line's first 32 bytes, nothing (zeros, ASCII) before them.
    private mutating func checkLineStart(_ line: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let padded = buffer.baseAddress!
            padded.update(repeating: 0, count: 32)
            (padded + 32).update(from: line, count: 32)
            check(Self.load(padded + 32), at: padded + 32)
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt8>) -> __m256i {
        _mm256_loadu_si256(UnsafeRawPointer(p).assumingMemoryBound(to: __m256i.self))
    }

    /// Two 32-bit masks as one word, the first in the lower half.
    @inline(__always)
    private static func word(_ low: Int32, _ high: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: low)) | UInt64(UInt32(bitPattern: high)) << 32
    }
}

/// Keiser and Lemire's UTF-8 check on 32 bytes (see ``LineMasks``).
private enum UTF8Lookup {
    // What a pair of bytes can get wrong, one bit each.
    private static let tooShort: Int8 = 1 << 0        // a lead, then a lead or ASCII
    private static let tooLong: Int8 = 1 << 1         // ASCII, then a continuation
    private static let overlong3: Int8 = 1 << 2       // E0, then 80–9F
    private static let tooLarge: Int8 = 1 << 3        // F4, then 90–BF; F5–FF, then 90–BF
    private static let surrogate: Int8 = 1 << 4       // ED, then A0–BF
    private static let overlong2: Int8 = 1 << 5       // C0 or C1, then a continuation
    private static let tooLarge1000: Int8 = 1 << 6    // F5–FF, then 80–8F
    private static let overlong4: Int8 = 1 << 6       // F0, then 80–8F
    private static let twoContinuations: Int8 = -128  // a continuation, then one (right two or three after a lead)
    private static let carry: Int8 = tooShort | tooLong | twoContinuations

    /// By the high nibble of the pair's first byte.
    @inline(__always)
    private static var firstHigh: __m256i {
        table(_mm_setr_epi8(
            tooLong, tooLong, tooLong, tooLong, tooLong, tooLong, tooLong, tooLong,
            twoContinuations, twoContinuations, twoContinuations, twoContinuations,
            tooShort | overlong2, tooShort, tooShort | overlong3 | surrogate, tooShort | tooLarge | tooLarge1000 | overlong4))
    }

    /// By the low nibble of the pair's first byte.
    @inline(__always)
    private static var firstLow: __m256i {
        let large = carry | tooLarge | tooLarge1000
        return table(_mm_setr_epi8(
            carry | overlong3 | overlong2 | overlong4, carry | overlong2, carry, carry,
            carry | tooLarge, large, large, large, large, large, large, large, large, large | surrogate, large, large))
    }

    /// By the high nibble of the pair's second byte.
    @inline(__always)
    private static var secondHigh: __m256i {
        let continuation = tooLong | overlong2 | twoContinuations
        return table(_mm_setr_epi8(
            tooShort, tooShort, tooShort, tooShort, tooShort, tooShort, tooShort, tooShort,
            continuation | overlong3 | tooLarge1000 | overlong4, continuation | overlong3 | tooLarge,
            continuation | surrogate | tooLarge, continuation | surrogate | tooLarge,
            tooShort, tooShort, tooShort, tooShort))
    }

    /// The largest byte that may stand in each of the last 32 places of a line: a lead needs room for its continuations.
    @inline(__always)
    private static var lastBytesLimit: __m256i {
        _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                         Int8(bitPattern: 0xEF), Int8(bitPattern: 0xDF), Int8(bitPattern: 0xBF))
    }

    /// A 16-entry table in both halves (AVX2's byte shuffle looks up within each half).
    @inline(__always)
    private static func table(_ entries: __m128i) -> __m256i { _mm256_broadcastsi128_si256(entries) }

    /// Non-zero bytes where `input` (given the one, two and three bytes before each of its bytes) is not well-formed.
    @inline(__always)
    static func errors(_ input: __m256i, _ prev1: __m256i, _ prev2: __m256i, _ prev3: __m256i) -> __m256i {
        let lowNibble = _mm256_set1_epi8(0x0F)
        let pairs = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(firstHigh, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), lowNibble)),
                             _mm256_shuffle_epi8(firstLow, _mm256_and_si256(prev1, lowNibble))),
            _mm256_shuffle_epi8(secondHigh, _mm256_and_si256(_mm256_srli_epi16(input, 4), lowNibble)))
        // Two bytes after E0–FF or three after F0–FF must be a continuation: the only place two
        // continuations may meet. Less 0x60 (E0 − 80) or 0x70 (F0 − 80), only those leads keep their top bit.
        let third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(0x60))
        let fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(0x70))
        let mustContinue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(-128))
        return _mm256_xor_si256(mustContinue, pairs)
    }

    /// Non-zero bytes where the 32 bytes end inside a multi-byte sequence.
    @inline(__always)
    static func incomplete(_ input: __m256i) -> __m256i {
        _mm256_subs_epu8(input, lastBytesLimit)
    }
}
#endif
