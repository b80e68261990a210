// SHA256Extensions.swift
// xinfang: SHA-256 block compression with the x86 SHA extensions (SHA-NI).
//
// This module is compiled with the `sha`, `ssse3` and `sse4.1` target features (Package.swift), so
// that the compiler may emit `sha256rnds2`, `sha256msg1` and `sha256msg2`. Nothing here may run on
// a processor without them: callers go through `SHA256Extensions.isAvailable` first, and nothing
// in this module is inlinable into code compiled without those features.

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
import XinfangProcessorFeatures

/// SHA-256's compression function on the processor's SHA extensions, when it has them.
///
/// The hash chain of the journal is hashed line after line, so it cannot be spread over cores;
/// on a processor with the SHA extensions this runs about five times as fast as the portable
/// Swift rounds in `XinfangCore`. Only the compression function lives here: padding, buffering
/// and the digest stay in `XinfangCore.SHA256`, which calls ``compress(_:blocks:count:)`` only
/// when ``isAvailable`` is true.
public enum SHA256Extensions {
    /// Whether this build and this processor can run ``compress(_:blocks:count:)``: an x86-64
    /// build on a processor that reports the SHA extensions (`sha_ni` in `/proc/cpuinfo` on Linux,
    /// `SHA` in `machdep.cpu.leaf7_features` on macOS). Read once.
    public static let isAvailable: Bool = ProcessorFeatures.hasSHAExtensions

    /// Runs the SHA-256 compression function (FIPS 180-4, 6.2.2) over `count` consecutive 64-byte
    /// blocks at `blocks` (any alignment), updating the eight hash words H0…H7 at `state`.
    ///
    /// - Precondition: ``isAvailable`` is true. On any other processor this traps with an illegal
    ///   instruction.
    @inline(never)
    public static func compress(_ state: UnsafeMutablePointer<UInt32>, blocks: UnsafeRawPointer, count: Int) {
        #if arch(x86_64)
        ExtensionRounds.compress(state, blocks: blocks, count: count)
        #else
        preconditionFailure("the SHA extensions exist only on x86-64")
        #endif
    }
}

#if arch(x86_64)
/// The rounds, after Intel's "New Instructions Supporting the Secure Hash Algorithm on Intel
/// Architecture Processors" (2013): the state is kept as ABEF and CDGH, each `sha256rnds2` does two
/// rounds, and `sha256msg1`/`sha256msg2` extend the message schedule four words at a time.
private enum ExtensionRounds {
    typealias Words = SIMD4<UInt32>

    static func compress(_ state: UnsafeMutablePointer<UInt32>, blocks: UnsafeRawPointer, count: Int) {
        // H0…H7 into the instructions' layout: abef = (f, e, b, a), cdgh = (h, g, d, c) in lanes 0…3.
        let low = Words(state[0], state[1], state[2], state[3])    // a b c d
        let high = Words(state[4], state[5], state[6], state[7])   // e f g h
        var abef = Words(high[1], high[0], low[1], low[0])
        var cdgh = Words(high[3], high[2], low[3], low[2])

        var block = blocks
        for _ in 0..<count {
            let savedABEF = abef, savedCDGH = cdgh
            var w0 = load(block, 0), w1 = load(block, 16), w2 = load(block, 32), w3 = load(block, 48)
            rounds(&abef, &cdgh, w0, 0)
            rounds(&abef, &cdgh, w1, 1)
            rounds(&abef, &cdgh, w2, 2)
            rounds(&abef, &cdgh, w3, 3)
            for group in 4..<16 {
                // W[t..t+3] from W[t-16..t-1]: msg1 adds σ0, the aligned middle words add W[t-7…],
                // msg2 adds σ1 of the words just before.
                let next = message2(message1(w0, w1) &+ Words(w2[1], w2[2], w2[3], w3[0]), w3)
                w0 = w1; w1 = w2; w2 = w3; w3 = next
                rounds(&abef, &cdgh, next, group)
            }
            abef &+= savedABEF
            cdgh &+= savedCDGH
            block += 64
        }

        state[0] = abef[3]; state[1] = abef[2]; state[2] = cdgh[3]; state[3] = cdgh[2]
        state[4] = abef[1]; state[5] = abef[0]; state[6] = cdgh[1]; state[7] = cdgh[0]
    }

    /// Four big-endian message words from `block + offset`.
    @inline(__always)
    static func load(_ block: UnsafeRawPointer, _ offset: Int) -> Words {
        Words(
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)),
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
    }

    /// Rounds 4·group … 4·group+3 with message words `words`.
    @inline(__always)
    static func rounds(_ abef: inout Words, _ cdgh: inout Words, _ words: Words, _ group: Int) {
        let scheduled = words &+ roundConstants(group)
        cdgh = rounds2(cdgh, abef, scheduled)
        abef = rounds2(abef, cdgh, Words(scheduled[2], scheduled[3], scheduled[0], scheduled[1]))
    }

    @inline(__always)
    static func rounds2(_ cdgh: Words, _ abef: Words, _ scheduled: Words) -> Words {
        unsafeBitCast(
            _mm_sha256rnds2_epu32(vector(cdgh), vector(abef), vector(scheduled)), to: Words.self)
    }

    @inline(__always)
    static func message1(_ first: Words, _ second: Words) -> Words {
        unsafeBitCast(_mm_sha256msg1_epu32(vector(first), vector(second)), to: Words.self)
    }

    @inline(__always)
    static func message2(_ partial: Words, _ previous: Words) -> Words {
        unsafeBitCast(_mm_sha256msg2_epu32(vector(partial), vector(previous)), to: Words.self)
    }

    @inline(__always)
    static func vector(_ words: Words) -> __m128i { unsafeBitCast(words, to: __m128i.self) }

    /// K[4·group … 4·group+3] (FIPS 180-4, 4.2.2).
    @inline(__always)
    static func roundConstants(_ group: Int) -> Words {
        switch group {
        case 0: Words(0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5)
        case 1: Words(0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5)
        case 2: Words(0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3)
        case 3: Words(0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174)
        case 4: Words(0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc)
        case 5: Words(0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da)
        case 6: Words(0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7)
        case 7: Words(0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967)
        case 8: Words(0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13)
        case 9: Words(0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85)
        case 10: Words(0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3)
        case 11: Words(0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070)
        case 12: Words(0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5)
        case 13: Words(0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3)
        case 14: Words(0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208)
        default: Words(0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2)
        }
    }
}
#endif
