#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Sixteen bytes of a JSON string classified at once, for scanning strings a block at a time.
///
/// Bit *i* of each mask stands for byte *i* of the block. On x86-64 the masks come from SSE2
/// compares (`pcmpeqb`, `pminub`, `pmovmskb`), through the compiler's own intrinsics module:
/// SSE2 is part of every x86-64 processor, so there is nothing to detect at run time. Elsewhere
/// a byte loop gives the same masks (``portableStops(_:)`` and ``portableUTF8(_:)``, which the
/// tests compare with the vector ones on every byte value).
enum ByteBlock {
    /// Bytes that end a plain run: quotes, backslashes and control characters (`stop`), and
    /// bytes of 0x80 or more (`high`).
    @inline(__always)
    static func stops(_ p: UnsafePointer<UInt8>) -> (stop: UInt32, high: UInt32) {
        #if arch(x86_64)
        let x = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i_u.self))
        let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x22))
        let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x5C))
        let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x)
        let stop = _mm_or_si128(_mm_or_si128(quote, backslash), control)
        return (UInt32(truncatingIfNeeded: _mm_movemask_epi8(stop)), UInt32(truncatingIfNeeded: _mm_movemask_epi8(x)))
        #else
        return portableStops(p)
        #endif
    }

    /// For a block with high bytes: continuation bytes (80–BF), leads of three-byte sequences
    /// (E0–EF), and `other`: E0 and ED (whose second byte is restricted), C0–DF and F0–FF, which
    /// the byte-at-a-time check must judge.
    @inline(__always)
    static func utf8(_ p: UnsafePointer<UInt8>, high: UInt32) -> (continuation: UInt32, lead3: UInt32, other: UInt32) {
        #if arch(x86_64)
        let x = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i_u.self))
        // As signed bytes, 80–BF are the values below -64.
        let continuation = UInt32(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-64))))
        let lead3 = UInt32(truncatingIfNeeded: _mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8(-16 /* F0 */)), _mm_set1_epi8(-32 /* E0 */))))
        let restricted = UInt32(truncatingIfNeeded: _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(-32 /* E0 */)), _mm_cmpeq_epi8(x, _mm_set1_epi8(-19 /* ED */)))))
        return (continuation, lead3, (high & ~continuation & ~lead3) | restricted)
        #else
        return portableUTF8(p)
        #endif
    }

    /// ``stops(_:)`` one byte at a time.
    static func portableStops(_ p: UnsafePointer<UInt8>) -> (stop: UInt32, high: UInt32) {
        var stop: UInt32 = 0
        var high: UInt32 = 0
        for index in 0..<16 {
            let byte = p[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { stop |= 1 << index }
            if byte >= 0x80 { high |= 1 << index }
        }
        return (stop, high)
    }

    /// ``utf8(_:high:)`` one byte at a time.
    static func portableUTF8(_ p: UnsafePointer<UInt8>) -> (continuation: UInt32, lead3: UInt32, other: UInt32) {
        var continuation: UInt32 = 0
        var lead3: UInt32 = 0
        var other: UInt32 = 0
        for index in 0..<16 {
            let byte = p[index]
            if byte >= 0x80 && byte <= 0xBF { continuation |= 1 << index }
            if byte >= 0xE0 && byte <= 0xEF { lead3 |= 1 << index }
            if (byte >= 0xC0 && byte <= 0xDF) || byte >= 0xF0 || byte == 0xE0 || byte == 0xED { other |= 1 << index }
        }
        return (continuation, lead3, other)
    }
}
