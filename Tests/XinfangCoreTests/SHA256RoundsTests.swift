// SHA256RoundsTests.swift
// The two compression functions of SHA256 (the processor's SHA extensions, and the portable Swift
// rounds) must give the same digests: the journal's hash chain is checked on whichever a machine has.

import XCTest
@testable import XinfangCore

final class SHA256RoundsTests: XCTestCase {
    /// The published vectors (FIPS 180-4 examples and the NIST one-million-`a` message) on `rounds`.
    private func assertVectors(_ rounds: SHA256.Rounds, file: StaticString = #filePath, line: UInt = #line) {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
            (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ]
        for (message, expected) in vectors {
            XCTAssertEqual(hexDigest(Array(message.utf8), rounds), expected, "\(rounds), \(message.utf8.count) bytes", file: file, line: line)
        }
    }

    private func hexDigest(_ bytes: [UInt8], _ rounds: SHA256.Rounds) -> String {
        var hasher = SHA256(rounds: rounds)
        hasher.update(bytes)
        var hex = [UInt8](repeating: 0, count: 64)
        hex.withUnsafeMutableBufferPointer { hasher.finalize(hexInto: $0.baseAddress!) }
        return String(decoding: hex, as: UTF8.self)
    }

    private func requireExtensions() throws {
        try XCTSkipUnless(SHA256.usesProcessorExtensions,
                          "this processor has no SHA extensions (or XINFANG_SHA_EXTENSIONS=0): only the portable rounds run here")
    }

    func testPortableRoundsGiveThePublishedDigests() {
        assertVectors(.portable)
    }

    func testExtensionRoundsGiveThePublishedDigests() throws {
        try requireExtensions()
        assertVectors(.extensions)
    }

    func testNewHashersUseTheExtensionsWhenTheProcessorHasThem() {
        XCTAssertEqual(SHA256.Rounds.fastest, SHA256.usesProcessorExtensions ? .extensions : .portable)
    }

    /// Every length from 0 to 1,100 bytes (every padding case, up to 17 blocks at once) and
    /// pseudo-random contents: one digest for both.
    func testBothRoundsAgreeOnEveryLengthAndRandomBytes() throws {
        try requireExtensions()
        var generator = SystemRandomNumberGenerator()
        for length in 0...1_100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertEqual(hexDigest(bytes, .extensions), hexDigest(bytes, .portable), "length \(length): \(bytes)")
        }
    }

    /// A journal's lines are hashed as the previous hash (64 hex digits, exactly one block) and then
    /// the line, in two updates: both rounds chain a generated journal's lines to the same hashes.
    func testBothRoundsChainTheSameHashes() throws {
        try requireExtensions()
        var previous = (extensions: String(repeating: "0", count: 64), portable: String(repeating: "0", count: 64))
        for seq in 1...500 {
            let line = #"{"seq":\#(seq),"event":"filed","case":"XF-2026-\#(seq)","summary":"\#(String(repeating: "信访", count: seq % 97))""#
            var extensions = SHA256(rounds: .extensions), portable = SHA256(rounds: .portable)
            extensions.update(previous.extensions)
            extensions.update(line)
            portable.update(previous.portable)
            portable.update(line)
            previous = (hex(extensions.finalize()), hex(portable.finalize()))
            XCTAssertEqual(previous.extensions, previous.portable, "line \(seq)")
        }
    }

    private func hex(_ digest: [UInt8]) -> String {
        digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
