// SHA256.swift
// xinfang: SHA-256 in Swift (FIPS 180-4, section 6.2).
//
// Foundation on Linux has no CryptoKit and the project takes no package
// dependencies, so the hash-chained journal is verified with this
// implementation. It uses only the standard library, and the processor's
// SHA extensions (XinfangSHAExtensions) when it has them.

import XinfangSHAExtensions

/// Incremental SHA-256 hasher (FIPS 180-4).
///
/// Feed the message in any number of pieces with `update(_:)`, then call
/// `finalize()` once to obtain the 32-byte digest. Splitting the input
/// differently never changes the digest. For a message that is already in
/// memory use the one-shot helpers `hash(_:)` and `hexDigest(_:)`.
///
/// The hasher is a small value type (eight 32-bit state words, a 64-byte
/// block buffer, a length counter and which rounds it runs: the processor's
/// SHA extensions when it has them, else portable Swift; see
/// ``usesProcessorExtensions``) and allocates nothing while hashing.
/// Whole 64-byte blocks are compressed directly from the caller's memory;
/// only the ragged head and tail of each `update(_:)` call are copied into
/// the internal buffer.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("信访")
/// hasher.update([0x0A])
/// let digest = hasher.finalize()            // 32 bytes
/// let hex = SHA256.hexDigest(Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
///
/// Being a value type, a `SHA256` can be copied to fork the computation:
/// hash a common prefix once, copy the hasher, and finish each copy with a
/// different suffix.
public struct SHA256: Sendable {
    // MARK: State

    /// The eight working hash words H0...H7.
    private var state: State

    /// Partial-block buffer: 64 bytes, of which `bufferCount` are in use.
    private var buffer: Block

    /// Number of bytes currently held in `buffer` (always 0..<64 between calls).
    private var bufferCount: Int

    /// Total number of message bytes seen so far, modulo 2^64.
    private var byteCount: UInt64

    /// Which compression function this hasher runs.
    private let rounds: Rounds

    /// SHA-256's compression function, on the processor's SHA extensions or in portable Swift.
    /// Both give the same digests.
    enum Rounds: Sendable {
        case extensions
        case portable

        /// The extensions when ``SHA256/usesProcessorExtensions``, else the portable rounds.
        static let fastest: Rounds = SHA256.usesProcessorExtensions ? .extensions : .portable
    }

    /// Creates a hasher with the FIPS 180-4 initial hash value.
    ///
    /// - Complexity: O(1).
    public init() {
        self.init(rounds: .fastest)
    }

    /// A hasher on the given compression function (the tests check one against the other).
    ///
    /// - Precondition: `rounds` is `.portable`, or ``usesProcessorExtensions``.
    init(rounds: Rounds) {
        self.state = State()
        self.buffer = Block()
        self.bufferCount = 0
        self.byteCount = 0
        self.rounds = rounds
    }

    // MARK: Incremental API

    /// Appends raw bytes to the message being hashed.
    ///
    /// Complete 64-byte blocks are compressed straight from `bytes` without
    /// copying; at most 63 bytes are kept back in the internal buffer until
    /// more input or `finalize()` arrives. An empty buffer (including one with
    /// a `nil` base address) is a no-op. The memory only has to stay valid for
    /// the duration of the call.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to append. Any length, any alignment.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var pointer = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        byteCount &+= UInt64(truncatingIfNeeded: remaining)

        // Top up a partially filled buffer first.
        if bufferCount > 0 {
            let take = Swift.min(SHA256.blockSize - bufferCount, remaining)
            buffer.store(from: pointer, count: take, at: bufferCount)
            bufferCount += take
            pointer += take
            remaining -= take
            if bufferCount < SHA256.blockSize { return }
            buffer.withBytes { State.compress(&state, blocks: $0, count: 1, rounds: rounds) }
            bufferCount = 0
        }

        // Whole blocks straight from the caller's memory.
        let wholeBlocks = remaining / SHA256.blockSize
        if wholeBlocks > 0 {
            State.compress(&state, blocks: pointer, count: wholeBlocks, rounds: rounds)
            let consumed = wholeBlocks * SHA256.blockSize
            pointer += consumed
            remaining -= consumed
        }

        // Keep the tail for later.
        if remaining > 0 {
            buffer.store(from: pointer, count: remaining, at: 0)
            bufferCount = remaining
        }
    }

    /// Appends the contents of a byte array to the message being hashed.
    ///
    /// Equivalent to calling `update(_:)` with the array's contiguous storage.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to append. May be empty.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { self.update($0) }
    }

    /// Appends the UTF-8 encoding of a string to the message being hashed.
    ///
    /// No terminator or length prefix is added: `update("ab")` followed by
    /// `update("c")` hashes the same bytes as `update("abc")`. Strings whose
    /// storage is not contiguous UTF-8 are transcoded into a temporary
    /// buffer first.
    ///
    /// - Parameters:
    ///   - string: The string whose UTF-8 bytes are appended.
    /// - Complexity: O(*n*), where *n* is the string's UTF-8 byte count.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { self.update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the message, processes the last block(s) and returns the digest.
    ///
    /// Applies the FIPS 180-4 padding (a `1` bit, zeros, and the message
    /// length in bits as a 64-bit big-endian integer) and serialises the
    /// final hash words big-endian.
    ///
    /// - Important: Call this exactly once. The hasher must not be used
    ///   afterwards: further `update(_:)` or `finalize()` calls do not trap,
    ///   but the values they produce are meaningless. Start a new hasher
    ///   with `SHA256()` instead (or finalize a copy if you need a digest of
    ///   a prefix and want to keep hashing).
    ///
    /// - Returns: The 32-byte SHA-256 digest.
    /// - Complexity: O(1): at most two block compressions.
    public mutating func finalize() -> [UInt8] {
        pad()
        return state.digest()
    }

    /// Like ``finalize()``, but writes the 32 bytes of the digest at `out` instead of returning an
    /// array (no allocation).
    ///
    /// - Important: Call this (or ``finalize()``) exactly once.
    public mutating func finalize(into out: UnsafeMutableRawPointer) {
        pad()
        state.store(to: out)
    }

    /// Appends the padding and the message length, and compresses the last block (or two).
    private mutating func pad() {
        let bitLength = byteCount &* 8  // length mod 2^64, as the standard specifies
        let lengthOffset = SHA256.blockSize - 8

        buffer.setByte(0x80, at: bufferCount)
        bufferCount += 1
        if bufferCount > lengthOffset {
            // No room for the length field: pad this block out and start another.
            buffer.zero(from: bufferCount, to: SHA256.blockSize)
            buffer.withBytes { State.compress(&state, blocks: $0, count: 1, rounds: rounds) }
            bufferCount = 0
        }
        buffer.zero(from: bufferCount, to: lengthOffset)
        buffer.setBigEndian(bitLength, at: lengthOffset)
        buffer.withBytes { State.compress(&state, blocks: $0, count: 1, rounds: rounds) }
        bufferCount = 0
    }

    /// Like ``finalize()``, but writes the digest as 64 lowercase hex digits at `out` instead of
    /// returning an array (the journal writer's hot path: no allocation per line).
    ///
    /// - Important: Call this (or ``finalize()``) exactly once.
    public mutating func finalize(hexInto out: UnsafeMutablePointer<UInt8>) {
        pad()
        let digits: StaticString = "0123456789abcdef"
        let table = digits.utf8Start
        func hex(_ word: UInt32, at offset: Int) {
            var shift: UInt32 = 28
            for index in offset..<(offset + 8) {
                out[index] = table[Int((word &>> shift) & 0xF)]
                shift &-= 4
            }
        }
        hex(state.h0, at: 0); hex(state.h1, at: 8); hex(state.h2, at: 16); hex(state.h3, at: 24)
        hex(state.h4, at: 32); hex(state.h5, at: 40); hex(state.h6, at: 48); hex(state.h7, at: 56)
    }

    /// Whether blocks are compressed on the processor's SHA extensions (x86-64 processors that
    /// have them, unless `XINFANG_SHA_EXTENSIONS=0`) rather than by the portable Swift rounds.
    /// Both give the same digests; the extensions are about five times as fast.
    public static let usesProcessorExtensions: Bool = SHA256Extensions.isAvailable

    // MARK: One-shot API

    /// Computes the SHA-256 digest of a block of memory.
    ///
    /// - Parameters:
    ///   - bytes: The message. Any length; an empty or `nil`-based buffer
    ///     hashes the empty message.
    /// - Returns: The 32-byte digest.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Computes the SHA-256 digest of a byte array.
    ///
    /// - Parameters:
    ///   - bytes: The message. May be empty.
    /// - Returns: The 32-byte digest.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { SHA256.hash($0) }
    }

    /// Computes the SHA-256 digest of a block of memory as lowercase hex.
    ///
    /// - Parameters:
    ///   - bytes: The message. Any length.
    /// - Returns: The digest as exactly 64 lowercase hexadecimal characters.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
        SHA256.hexString(SHA256.hash(bytes))
    }

    /// Computes the SHA-256 digest of a byte array as lowercase hex.
    ///
    /// - Parameters:
    ///   - bytes: The message. May be empty.
    /// - Returns: The digest as exactly 64 lowercase hexadecimal characters.
    /// - Complexity: O(*n*), where *n* is `bytes.count`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { SHA256.hexDigest($0) }
    }
}

// MARK: - Implementation

extension SHA256 {
    /// Size of one SHA-256 message block in bytes.
    fileprivate static let blockSize = 64
    /// The length of a digest in bytes.
    public static let digestSize = 32

    /// Renders bytes as lowercase hexadecimal.
    fileprivate static func hexString(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return digits.withUTF8Buffer { table in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                var index = 0
                for byte in bytes {
                    out[index] = table[Int(byte >> 4)]
                    out[index + 1] = table[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    /// The 64-byte partial-block buffer, stored inline (no heap allocation).
    fileprivate struct Block: Sendable {
        private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0)

        /// Copies `count` bytes from `source` into the buffer at `offset`.
        /// Callers guarantee `offset + count <= 64`.
        mutating func store(from source: UnsafeRawPointer, count: Int, at offset: Int) {
            withUnsafeMutableBytes(of: &storage) { raw in
                UnsafeMutableRawBufferPointer(rebasing: raw[offset..<(offset + count)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: source, count: count))
            }
        }

        /// Sets the byte at `offset` (which must be < 64).
        mutating func setByte(_ value: UInt8, at offset: Int) {
            withUnsafeMutableBytes(of: &storage) { $0[offset] = value }
        }

        /// Zeroes the bytes in `start..<end`.
        mutating func zero(from start: Int, to end: Int) {
            guard start < end else { return }
            withUnsafeMutableBytes(of: &storage) { raw in
                for index in start..<end { raw[index] = 0 }
            }
        }

        /// Writes `value` big-endian into the 8 bytes starting at `offset`.
        mutating func setBigEndian(_ value: UInt64, at offset: Int) {
            withUnsafeMutableBytes(of: &storage) { raw in
                raw.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
            }
        }

        /// Calls `body` with a pointer to the 64 buffered bytes.
        func withBytes(_ body: (UnsafeRawPointer) -> Void) {
            withUnsafeBytes(of: storage) { raw in
                // A tuple's storage always has an address; the guard only
                // exists to avoid a force unwrap.
                guard let base = raw.baseAddress else { return }
                body(base)
            }
        }
    }

    /// The eight 32-bit working hash words.
    fileprivate struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        /// Serialises H0...H7 big-endian into a 32-byte array.
        func digest() -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
                store(to: out.baseAddress!)
                initialized = 32
            }
        }

        /// Writes H0...H7 big-endian as the 32 bytes at `out`.
        func store(to out: UnsafeMutableRawPointer) {
            out.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            out.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            out.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            out.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            out.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            out.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            out.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            out.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
        }

        /// Runs the compression function over `count` consecutive 64-byte
        /// blocks starting at `blocks` (no alignment requirement).
        @inline(__always)
        static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int, rounds: Rounds) {
            switch rounds {
            case .extensions: compressWithExtensions(&state, blocks: blocks, count: count)
            case .portable: compressPortably(&state, blocks: blocks, count: count)
            }
        }

        /// ``compress(_:blocks:count:)`` on the SHA extensions.
        ///
        /// - Precondition: ``SHA256/usesProcessorExtensions``.
        static func compressWithExtensions(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
            var words = (state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7)
            withUnsafeMutablePointer(to: &words) { tuple in
                tuple.withMemoryRebound(to: UInt32.self, capacity: 8) {
                    SHA256Extensions.compress($0, blocks: blocks, count: count)
                }
            }
            (state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7) = words
        }

        /// ``compress(_:blocks:count:)`` in portable Swift, on any processor.
        static func compressPortably(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
            // Fully unrolled (generated code): the message schedule is a rolling window of sixteen
            // locals and the round constants K0...K63 (FIPS 180-4, 4.2.2) are literals, so a block
            // touches no memory but its own 64 bytes. Message schedule and rounds: FIPS 180-4, 6.2.2.
            var block = blocks
            var h0 = state.h0, h1 = state.h1, h2 = state.h2, h3 = state.h3
            var h4 = state.h4, h5 = state.h5, h6 = state.h6, h7 = state.h7
            for _ in 0..<count {
                var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
                var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
                var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
                var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
                var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
                var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
                var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
                var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
                var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
                var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
                var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
                var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
                var a = h0, b = h1, c = h2, d = h3
                var e = h4, f = h5, g = h6, h = h7
                round(a, b, c, &d, e, f, g, &h, 0x428a2f98 &+ w0)
                round(h, a, b, &c, d, e, f, &g, 0x71374491 &+ w1)
                round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf &+ w2)
                round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5 &+ w3)
                round(e, f, g, &h, a, b, c, &d, 0x3956c25b &+ w4)
                round(d, e, f, &g, h, a, b, &c, 0x59f111f1 &+ w5)
                round(c, d, e, &f, g, h, a, &b, 0x923f82a4 &+ w6)
                round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5 &+ w7)
                round(a, b, c, &d, e, f, g, &h, 0xd807aa98 &+ w8)
                round(h, a, b, &c, d, e, f, &g, 0x12835b01 &+ w9)
                round(g, h, a, &b, c, d, e, &f, 0x243185be &+ w10)
                round(f, g, h, &a, b, c, d, &e, 0x550c7dc3 &+ w11)
                round(e, f, g, &h, a, b, c, &d, 0x72be5d74 &+ w12)
                round(d, e, f, &g, h, a, b, &c, 0x80deb1fe &+ w13)
                round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7 &+ w14)
                round(b, c, d, &e, f, g, h, &a, 0xc19bf174 &+ w15)
                w0 = sigma1(w14) &+ w9 &+ sigma0(w1) &+ w0
                round(a, b, c, &d, e, f, g, &h, 0xe49b69c1 &+ w0)
                w1 = sigma1(w15) &+ w10 &+ sigma0(w2) &+ w1
                round(h, a, b, &c, d, e, f, &g, 0xefbe4786 &+ w1)
                w2 = sigma1(w0) &+ w11 &+ sigma0(w3) &+ w2
                round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6 &+ w2)
                w3 = sigma1(w1) &+ w12 &+ sigma0(w4) &+ w3
                round(f, g, h, &a, b, c, d, &e, 0x240ca1cc &+ w3)
                w4 = sigma1(w2) &+ w13 &+ sigma0(w5) &+ w4
                round(e, f, g, &h, a, b, c, &d, 0x2de92c6f &+ w4)
                w5 = sigma1(w3) &+ w14 &+ sigma0(w6) &+ w5
                round(d, e, f, &g, h, a, b, &c, 0x4a7484aa &+ w5)
                w6 = sigma1(w4) &+ w15 &+ sigma0(w7) &+ w6
                round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc &+ w6)
                w7 = sigma1(w5) &+ w0 &+ sigma0(w8) &+ w7
                round(b, c, d, &e, f, g, h, &a, 0x76f988da &+ w7)
                w8 = sigma1(w6) &+ w1 &+ sigma0(w9) &+ w8
                round(a, b, c, &d, e, f, g, &h, 0x983e5152 &+ w8)
                w9 = sigma1(w7) &+ w2 &+ sigma0(w10) &+ w9
                round(h, a, b, &c, d, e, f, &g, 0xa831c66d &+ w9)
                w10 = sigma1(w8) &+ w3 &+ sigma0(w11) &+ w10
                round(g, h, a, &b, c, d, e, &f, 0xb00327c8 &+ w10)
                w11 = sigma1(w9) &+ w4 &+ sigma0(w12) &+ w11
                round(f, g, h, &a, b, c, d, &e, 0xbf597fc7 &+ w11)
                w12 = sigma1(w10) &+ w5 &+ sigma0(w13) &+ w12
                round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3 &+ w12)
                w13 = sigma1(w11) &+ w6 &+ sigma0(w14) &+ w13
                round(d, e, f, &g, h, a, b, &c, 0xd5a79147 &+ w13)
                w14 = sigma1(w12) &+ w7 &+ sigma0(w15) &+ w14
                round(c, d, e, &f, g, h, a, &b, 0x06ca6351 &+ w14)
                w15 = sigma1(w13) &+ w8 &+ sigma0(w0) &+ w15
                round(b, c, d, &e, f, g, h, &a, 0x14292967 &+ w15)
                w0 = sigma1(w14) &+ w9 &+ sigma0(w1) &+ w0
                round(a, b, c, &d, e, f, g, &h, 0x27b70a85 &+ w0)
                w1 = sigma1(w15) &+ w10 &+ sigma0(w2) &+ w1
                round(h, a, b, &c, d, e, f, &g, 0x2e1b2138 &+ w1)
                w2 = sigma1(w0) &+ w11 &+ sigma0(w3) &+ w2
                round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc &+ w2)
                w3 = sigma1(w1) &+ w12 &+ sigma0(w4) &+ w3
                round(f, g, h, &a, b, c, d, &e, 0x53380d13 &+ w3)
                w4 = sigma1(w2) &+ w13 &+ sigma0(w5) &+ w4
                round(e, f, g, &h, a, b, c, &d, 0x650a7354 &+ w4)
                w5 = sigma1(w3) &+ w14 &+ sigma0(w6) &+ w5
                round(d, e, f, &g, h, a, b, &c, 0x766a0abb &+ w5)
                w6 = sigma1(w4) &+ w15 &+ sigma0(w7) &+ w6
                round(c, d, e, &f, g, h, a, &b, 0x81c2c92e &+ w6)
                w7 = sigma1(w5) &+ w0 &+ sigma0(w8) &+ w7
                round(b, c, d, &e, f, g, h, &a, 0x92722c85 &+ w7)
                w8 = sigma1(w6) &+ w1 &+ sigma0(w9) &+ w8
                round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1 &+ w8)
                w9 = sigma1(w7) &+ w2 &+ sigma0(w10) &+ w9
                round(h, a, b, &c, d, e, f, &g, 0xa81a664b &+ w9)
                w10 = sigma1(w8) &+ w3 &+ sigma0(w11) &+ w10
                round(g, h, a, &b, c, d, e, &f, 0xc24b8b70 &+ w10)
                w11 = sigma1(w9) &+ w4 &+ sigma0(w12) &+ w11
                round(f, g, h, &a, b, c, d, &e, 0xc76c51a3 &+ w11)
                w12 = sigma1(w10) &+ w5 &+ sigma0(w13) &+ w12
                round(e, f, g, &h, a, b, c, &d, 0xd192e819 &+ w12)
                w13 = sigma1(w11) &+ w6 &+ sigma0(w14) &+ w13
                round(d, e, f, &g, h, a, b, &c, 0xd6990624 &+ w13)
                w14 = sigma1(w12) &+ w7 &+ sigma0(w15) &+ w14
                round(c, d, e, &f, g, h, a, &b, 0xf40e3585 &+ w14)
                w15 = sigma1(w13) &+ w8 &+ sigma0(w0) &+ w15
                round(b, c, d, &e, f, g, h, &a, 0x106aa070 &+ w15)
                w0 = sigma1(w14) &+ w9 &+ sigma0(w1) &+ w0
                round(a, b, c, &d, e, f, g, &h, 0x19a4c116 &+ w0)
                w1 = sigma1(w15) &+ w10 &+ sigma0(w2) &+ w1
                round(h, a, b, &c, d, e, f, &g, 0x1e376c08 &+ w1)
                w2 = sigma1(w0) &+ w11 &+ sigma0(w3) &+ w2
                round(g, h, a, &b, c, d, e, &f, 0x2748774c &+ w2)
                w3 = sigma1(w1) &+ w12 &+ sigma0(w4) &+ w3
                round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5 &+ w3)
                w4 = sigma1(w2) &+ w13 &+ sigma0(w5) &+ w4
                round(e, f, g, &h, a, b, c, &d, 0x391c0cb3 &+ w4)
                w5 = sigma1(w3) &+ w14 &+ sigma0(w6) &+ w5
                round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a &+ w5)
                w6 = sigma1(w4) &+ w15 &+ sigma0(w7) &+ w6
                round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f &+ w6)
                w7 = sigma1(w5) &+ w0 &+ sigma0(w8) &+ w7
                round(b, c, d, &e, f, g, h, &a, 0x682e6ff3 &+ w7)
                w8 = sigma1(w6) &+ w1 &+ sigma0(w9) &+ w8
                round(a, b, c, &d, e, f, g, &h, 0x748f82ee &+ w8)
                w9 = sigma1(w7) &+ w2 &+ sigma0(w10) &+ w9
                round(h, a, b, &c, d, e, f, &g, 0x78a5636f &+ w9)
                w10 = sigma1(w8) &+ w3 &+ sigma0(w11) &+ w10
                round(g, h, a, &b, c, d, e, &f, 0x84c87814 &+ w10)
                w11 = sigma1(w9) &+ w4 &+ sigma0(w12) &+ w11
                round(f, g, h, &a, b, c, d, &e, 0x8cc70208 &+ w11)
                w12 = sigma1(w10) &+ w5 &+ sigma0(w13) &+ w12
                round(e, f, g, &h, a, b, c, &d, 0x90befffa &+ w12)
                w13 = sigma1(w11) &+ w6 &+ sigma0(w14) &+ w13
                round(d, e, f, &g, h, a, b, &c, 0xa4506ceb &+ w13)
                w14 = sigma1(w12) &+ w7 &+ sigma0(w15) &+ w14
                round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7 &+ w14)
                w15 = sigma1(w13) &+ w8 &+ sigma0(w0) &+ w15
                round(b, c, d, &e, f, g, h, &a, 0xc67178f2 &+ w15)
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                block += 64
            }
            state.h0 = h0; state.h1 = h1; state.h2 = h2; state.h3 = h3
            state.h4 = h4; state.h5 = h5; state.h6 = h6; state.h7 = h7
        }

        /// One SHA-256 round. `d` receives d + T1 and `h` receives T1 + T2;
        /// the caller rotates the variable names for the next round.
        @inline(__always)
        private static func round(
            _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
            _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
            _ kw: UInt32
        ) {
            // Ch and Maj in their shortest forms: ((f ^ g) & e) ^ g is (e & f) ^ (~e & g), and
            // ((a ^ b) & (b ^ c)) ^ b is (a & b) ^ (a & c) ^ (b & c).
            let t1 = h &+ bigSigma1(e) &+ (((f ^ g) & e) ^ g) &+ kw
            let t2 = bigSigma0(a) &+ (((a ^ b) & (b ^ c)) ^ b)
            d &+= t1
            h = t1 &+ t2
        }

        @inline(__always)
        private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
            (x &>> n) | (x &<< (32 &- n))
        }

        // The rotations are nested (rotr(rotr(x, 9) ^ x, 11) is rotr(x, 20) ^ rotr(x, 11)), so that
        // x is copied once, not once per rotation: x86-64's rotate overwrites its operand.

        /// Σ0 (FIPS 180-4, 4.4): rotr 2 ^ rotr 13 ^ rotr 22.
        @inline(__always)
        private static func bigSigma0(_ x: UInt32) -> UInt32 { rotr(rotr(rotr(x, 9) ^ x, 11) ^ x, 2) }

        /// Σ1 (FIPS 180-4, 4.5): rotr 6 ^ rotr 11 ^ rotr 25.
        @inline(__always)
        private static func bigSigma1(_ x: UInt32) -> UInt32 { rotr(rotr(rotr(x, 14) ^ x, 5) ^ x, 6) }

        /// σ0 (FIPS 180-4, 4.6): rotr 7 ^ rotr 18 ^ shr 3.
        @inline(__always)
        private static func sigma0(_ x: UInt32) -> UInt32 { rotr(rotr(x, 11) ^ x, 7) ^ (x &>> 3) }

        /// σ1 (FIPS 180-4, 4.7): rotr 17 ^ rotr 19 ^ shr 10.
        @inline(__always)
        private static func sigma1(_ x: UInt32) -> UInt32 { rotr(rotr(x, 2) ^ x, 17) ^ (x &>> 10) }
    }
}
