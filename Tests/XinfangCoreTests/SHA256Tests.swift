// SHA256Tests.swift
// Tests for XinfangCore's pure-Swift SHA-256 against FIPS 180-4 / NIST
// published vectors and digests computed with Python's hashlib.

import XCTest
import XinfangCore

final class SHA256Tests: XCTestCase {
    // MARK: Helpers

    /// Lowercase hex, written independently of `SHA256.hexDigest`.
    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    private func oneShotHex(_ string: String) -> String {
        SHA256.hexDigest(Array(string.utf8))
    }

    /// Deterministic test pattern: byte i is (i * 167 + 13) mod 256.
    private func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) }
    }

    /// xorshift32 (seed 2463534242), low byte of each state, as in the Python generator.
    private func xorshiftBytes(count: Int) -> [UInt8] {
        var x: UInt32 = 2_463_534_242
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count {
            x ^= x << 13
            x ^= x >> 17
            x ^= x << 5
            out.append(UInt8(truncatingIfNeeded: x))
        }
        return out
    }

    // MARK: NIST / FIPS 180-4 vectors

    func testEmptyMessage() {
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        XCTAssertEqual(SHA256.hexDigest([]), expected)
        XCTAssertEqual(SHA256.hexDigest(UnsafeRawBufferPointer(start: nil, count: 0)), expected)
        var hasher = SHA256()
        XCTAssertEqual(hex(hasher.finalize()), expected)
        var hasher2 = SHA256()
        hasher2.update("")
        hasher2.update([])
        hasher2.update(UnsafeRawBufferPointer(start: nil, count: 0))
        XCTAssertEqual(hex(hasher2.finalize()), expected)
    }

    func testABC() {
        XCTAssertEqual(
            oneShotHex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }

    func test448BitMessage() {
        XCTAssertEqual(
            oneShotHex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
    }

    func test896BitMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(message.utf8.count, 112)
        XCTAssertEqual(
            oneShotHex(message),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        )
    }

    func testOneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hexDigest(message), expected)

        // Same message fed in awkward 997-byte pieces.
        var hasher = SHA256()
        var offset = 0
        while offset < message.count {
            let end = min(offset + 997, message.count)
            hasher.update(Array(message[offset..<end]))
            offset = end
        }
        XCTAssertEqual(hex(hasher.finalize()), expected)
    }

    // MARK: Lengths 0...200 (padding boundaries 55/56/63/64/119/120/127/128)

    func testLengths0To200AgainstPython() {
        let data = pattern(count: 200)
        XCTAssertEqual(Self.patternDigests.count, 201)
        for length in 0...200 {
            let message = Array(data[0..<length])
            XCTAssertEqual(SHA256.hexDigest(message), Self.patternDigests[length], "length \(length)")
            let viaPointer = message.withUnsafeBytes { SHA256.hash($0) }
            XCTAssertEqual(hex(viaPointer), Self.patternDigests[length], "pointer, length \(length)")
        }
    }

    func testByteAtATimeMatchesVectors() {
        let data = pattern(count: 200)
        var hasher = SHA256()
        for length in 0...200 {
            var snapshot = hasher  // value type: finalizing a copy leaves `hasher` usable
            XCTAssertEqual(hex(snapshot.finalize()), Self.patternDigests[length], "length \(length)")
            if length < 200 { hasher.update([data[length]]) }
        }
    }

    // MARK: Incremental properties

    func testEverySplitPointMatchesOneShot() {
        let data = pattern(count: 300)
        let expected = SHA256.hash(data)
        XCTAssertEqual(expected.count, 32)
        for split in 0...data.count {
            var hasher = SHA256()
            hasher.update(Array(data[0..<split]))
            hasher.update(Array(data[split...]))
            XCTAssertEqual(hasher.finalize(), expected, "split at \(split)")
        }
    }

    func testThreeWaySplitsMatchOneShot() {
        let data = pattern(count: 300)
        let expected = SHA256.hash(data)
        for first in stride(from: 0, through: 300, by: 7) {
            for second in stride(from: first, through: 300, by: 5) {
                var hasher = SHA256()
                data.withUnsafeBytes { raw in
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<first]))
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[first..<second]))
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[second...]))
                }
                XCTAssertEqual(hasher.finalize(), expected, "splits at \(first), \(second)")
            }
        }
    }

    func testUnalignedInputs() {
        let data = pattern(count: 300)
        for shift in 0..<8 {
            let message = Array(data[shift..<(shift + 200)])
            let expected = SHA256.hash(message)
            data.withUnsafeBytes { raw in
                // A slice starting at an odd address exercises unaligned block loads.
                let slice = UnsafeRawBufferPointer(rebasing: raw[shift..<(shift + 200)])
                XCTAssertEqual(SHA256.hash(slice), expected, "shift \(shift)")
            }
        }
    }

    func testPseudoRandomMegabyteInIrregularChunks() {
        let expected = "e79a056f926f74ee3bbcdd84e3c53729cfafa0b77ebbd9b8a5894992af76e1b6"
        let data = xorshiftBytes(count: 1_000_003)
        XCTAssertEqual(SHA256.hexDigest(data), expected)

        let chunkSizes = [1, 63, 64, 65, 127, 128, 4096, 65_537, 3]
        var hasher = SHA256()
        var offset = 0
        var index = 0
        data.withUnsafeBytes { raw in
            while offset < raw.count {
                let end = min(offset + chunkSizes[index % chunkSizes.count], raw.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
                offset = end
                index += 1
            }
        }
        XCTAssertEqual(hex(hasher.finalize()), expected)
    }

    func testCopyForksTheComputation() {
        var prefix = SHA256()
        prefix.update("信访编号 XF-2024-")
        var first = prefix
        var second = prefix
        first.update("0001")
        second.update("0002")
        XCTAssertEqual(first.finalize(), SHA256.hash(Array("信访编号 XF-2024-0001".utf8)))
        XCTAssertEqual(second.finalize(), SHA256.hash(Array("信访编号 XF-2024-0002".utf8)))
    }

    func testUseAfterFinalizeDoesNotTrap() {
        // Documented as misuse; it must still be memory-safe and not crash.
        var hasher = SHA256()
        hasher.update("abc")
        XCTAssertEqual(hex(hasher.finalize()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        hasher.update(pattern(count: 130))
        XCTAssertEqual(hasher.finalize().count, 32)
        XCTAssertEqual(hasher.finalize().count, 32)
    }

    // MARK: Strings (UTF-8)

    func testChineseUTF8Strings() {
        let vectors: [(String, Int, String)] = [
            ("信访", 6, "a84ad9594a372a4aedb2017af1870966a0259a5def7c5813006f737a1ec0865d"),
            ("信访事项办理：受理、交办、督办、答复。", 57,
             "7c4ec1e7767f4ea237756809d37db40f2d27e820a106bc81cb08e6b0ea00542b"),
            ("群众来信来访 🙂 ✓", 27, "30a674261b841678d4207a26c6f42bfa00b1e4fa1847e88b3ac0a55f70ff5973"),
        ]
        for (text, utf8Count, expected) in vectors {
            XCTAssertEqual(text.utf8.count, utf8Count, text)
            var hasher = SHA256()
            hasher.update(text)
            XCTAssertEqual(hex(hasher.finalize()), expected, text)
            XCTAssertEqual(SHA256.hexDigest(Array(text.utf8)), expected, text)
        }
    }

    func testStringPiecesConcatenate() {
        var hasher = SHA256()
        hasher.update("信")
        hasher.update("访事项办理：受理、交办、")
        hasher.update("督办、答复。")
        XCTAssertEqual(
            hex(hasher.finalize()),
            "7c4ec1e7767f4ea237756809d37db40f2d27e820a106bc81cb08e6b0ea00542b"
        )
    }

    func testSubstringBackedString() {
        // A String built from a Substring of a larger string.
        let long = "前缀——信访——后缀"
        let start = long.index(long.startIndex, offsetBy: 4)
        let end = long.index(start, offsetBy: 2)
        var hasher = SHA256()
        hasher.update(String(long[start..<end]))
        XCTAssertEqual(
            hex(hasher.finalize()),
            "a84ad9594a372a4aedb2017af1870966a0259a5def7c5813006f737a1ec0865d"
        )
    }

    // MARK: Output format

    func testHexDigestFormatAndAgreementWithHash() {
        for length in [0, 1, 55, 56, 64, 200] {
            let message = pattern(count: length)
            let digest = SHA256.hash(message)
            let hexString = SHA256.hexDigest(message)
            XCTAssertEqual(digest.count, 32)
            XCTAssertEqual(hexString.count, 64)
            XCTAssertTrue(hexString.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            XCTAssertEqual(hexString, hex(digest))
            XCTAssertEqual(message.withUnsafeBytes { SHA256.hexDigest($0) }, hexString)
        }
    }

    // MARK: Table

    /// SHA-256 of `pattern(count: n)` for n = 0...200, computed with
    /// Python: hashlib.sha256(bytes((i * 167 + 13) & 0xff for i in range(n))).hexdigest()
    private static let patternDigests: [String] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // 0
        "9d1e0e2d9459d06523ad13e28a4093c2316baafe7aec5b25f30eba2e113599c4", // 1
        "ac4150fe5c10c52db000a2b5c8ec38a06b5f3066bb861429caeea8dd0192a1d9", // 2
        "13c425a746ac9e72be4760dd13b156260d7ad6ea6b8750fbf1c7b0d5a484b852", // 3
        "3ca50c11609595b64693be32e58b46eb35c81dbce77fef6162e9b675e54c7619", // 4
        "0b2efc8144bb0d825a1d8afae908d957ee1cb1a9a933c55a1e121a3d33c33ac8", // 5
        "39ecf6ce33e1f50d1fed7ba6dc6fdb074ab1e0362518cb884a668459e853bbde", // 6
        "c203a078ad61ea701fe3b59157795377099530c374bca00d8515198b64e75dff", // 7
        "f0c621cb705bcc7b4c6b940d4aee13a481804f6ff20640635a33a7dc613f8111", // 8
        "d7d49018f6f0dafcb068f12e57f8dd48a036e83c06553ded4f99e65ade28e6e4", // 9
        "11e88db1776db4313e63084759d44e258f05df254f515284beb2ae54530b1c76", // 10
        "a637bab7c64f733fbe04214b1db659eba54432145e4f50ffe32ce4c61b88c812", // 11
        "41f24dd1b6bba8a99eead9baecb2fbfcb2c1212e206512ee30c4379b1677ba54", // 12
        "632debdecc64eea9a591d4b80f3ba0eeaac4561a134ff2cacc1f21fbff3accce", // 13
        "aab4ab03aec228ce956365e7ebf30ee1c9beb56830c676fd5a50d2743e1946d6", // 14
        "4da00c498b517755271cea35ec91c68544180ae1b4b91be33eaa4719721d71b1", // 15
        "ce141eff2bce3c665db6c8cf602246015a6786ba707d61430d3b1cf43ee9e824", // 16
        "3c8c595a75bc2ec015abec1c214614e773195b21a8fdcc46603588f5d59414dd", // 17
        "38bbd99118257174a3f29328f8fb0834a262533cc6d27a5f11a2de21e581a128", // 18
        "cc0ee2549211b6ee88a76d03cc97bd62afccda188c33569f98b396da070b033a", // 19
        "5593f50c3c902a4dbb934960e027758769dd4991ed68c8c5a0d9ce77334d1704", // 20
        "e447b286f8484f85f19ac5b904b911b9f9c645da6046fc37b79fd27a3df4102a", // 21
        "83a91f7f5a6f097539301377812089cb4d61233adbf92761df3a3ea1f7dbc7ca", // 22
        "0e9ccc7de0cc29a44de4ca37a7be4eae55e1dc03e9d59c1a946cba9519f4d4c2", // 23
        "ee174dce0285a780d55862217b5dbe78a32f155a635b8e306f2888463f2c7122", // 24
        "f38e6cf0e6c93b00b0d2efbee8cc5e012a24b5393c93b28aeb41fe026ef9ef6e", // 25
        "1d7ab78ba63d8348dbadb2cceabbda047a16ee3563df520b385f3fb8ff36a22b", // 26
        "1ab69f9d5f1b275ecdf4dcbd97d665fc91b77b1d65c724b99899b70384e2a635", // 27
        "86447568d1bd278d5f7df52ff0a9539e974e83427b3c35f59b9caea583594074", // 28
        "410e485041e4b9216645fe1bd729c0ddec650f4689879c2ab9c084ddb87f822a", // 29
        "cbf2ac637e659072e0af3d58386345fe1263378ebbd706058b78f7c14b4efc31", // 30
        "e0f1595aeb4ed77b4c5f5c85c81096fa428fca936041d094a0cc2bbada7b9ba9", // 31
        "a0005a1a507e6d6488e4d36992e99f7c693e5c1b68018f8488149346a4a06b23", // 32
        "f456e3e94bd025e42cf609cab6be7081fea007870beb80fe3433c2236ce8a511", // 33
        "89dbffe8618914e059fbec6b2dac81aa9921beac0aa8c61620fe3819171277b1", // 34
        "601456984104fd2b95f368c97a4936fd62ce3638f94116f9013909ab890b11b7", // 35
        "f123e3c628c9e8f2b32cc9a61fcbbedeaed30760f3b13ea02db90fe213f3758b", // 36
        "052bf9f3fbbd7f7def7a3149e946e368288a08951f98df4f50d60d9918b3c277", // 37
        "94060274052bf8abfdc0fe7c27ddf0d5ec940c9e96ed2af9d788e4306caf1917", // 38
        "2108937055f8c731588754324a99f0456a848eb67727637343615c2fcad8ed5f", // 39
        "0c8cd99317c4d88f28731be79805326d5329ecd70ce8cae25ca5496cd890d072", // 40
        "8657f654dacb4974fc9d6177db6c34e9c960f0218594fbda22b7c04664a31786", // 41
        "f08e4c43738ffd5a4a8db2864f2b66f8bd622a6fe6b1b4bcfe492c8d63312dcd", // 42
        "1cb366de1b211835491747c83902fee8b672e3fc38c72c40cba94acf88c0a0ac", // 43
        "6ebba9acc1d3690781c9e6ffd8b7693e7cf72205abe64a5bf45734cbbcf34433", // 44
        "943b0f14ab70d50d5679e23731b42d53c17e9aeb3fae8cda13e01b9052855adb", // 45
        "28edfb4668ab45aa6bc8a2f970fbe675b6f1c3164aa8bd514d486ad85cd91953", // 46
        "1a74f440e56873d224eb8ff11b32b97f8b94448e91c3b2b3f36d21f75ad440c6", // 47
        "3a1f1b38b18f2bccf02f7a11efca31133a35a3ddade893968bc0ba63f7267912", // 48
        "66de5aab0108bf5a809e4c8689d0aeb2a9e37fe4b7acaaa579237d156d4ee4ef", // 49
        "4c55db8015b7e54ff597723794182657d374ab4a0bdd2ea9fced3a37ba54effc", // 50
        "1a6bd48e3c37aff32bbb222c15e5db94a6c12794c61316a529d34b1f6c6c87a2", // 51
        "2afd2a622fe475e29665996b53d8b237b080917b57eabfe6c03c8cb6a5fb2571", // 52
        "b5c404c4e96dcc358bc190e6478ba4b0cb9a218a6852ec59e9337d603789d0e2", // 53
        "5d17705b7f0df5e22eddad8bcefe52e95a9d1006bfae79e828c3c1329d0217ea", // 54
        "b2ca0adc388a66d3a5a7f6541239331d5a867eede554e11262241271faaf36c5", // 55
        "3768eff44f1df02704a832cf708935fbed9bb74d0714fbe75454c266c4e12856", // 56
        "a35b6298adfbc5ec16dc51a8d52145daa2a68f1d66e837d85bed6783d874c5cb", // 57
        "e0f4469743052c88f3077afc03c639fa9a953d8fa6d73afbdd355b9bab908aa8", // 58
        "5f7a47400ea5e41bd7c31682cd717ff82e5024bbb1350553d1f0f22e40b8dc45", // 59
        "f867cac02787eef84fbc9e705a1c5ad99532170fc2006309e3904838f814f33d", // 60
        "66ca6894dac197b079fdf27dd6d53429720254a01a165c914595fb1cd2bec12a", // 61
        "0d3b08f701d8231d3809662ee50118ebd0c6591a6578bf660e02decf7bf93c52", // 62
        "dc06ea9e456da9f9fc2276564018231c36196ff7745bf505fd7f503aec5c67fd", // 63
        "b68fe543b0b5a544e32eb08712e697bfcd3a3cb491563c3b1cba112d378f4bdb", // 64
        "587cdb9ad9be371721f2f84a84eb09f2b698ec19bbe2d7c222179996547a04a6", // 65
        "df8c880195744c9379ddc11b6a7862469de5913621c2f4231ce208a7685ffb22", // 66
        "c24eda61aa3d598e084a47920c97dddae00d5315ac86f7f466a3f7fd9a6a77c0", // 67
        "d4530dae4bbb58fe1a455503b20d1b774de4235a67a5e7367fe7e78bb960c242", // 68
        "66166998f76d81c8eded72e93ffe937b12023eb5fe5b1c984f8da418ecfc3a38", // 69
        "88ca792ead0e03d0e594f96716cdf09eb36a10f7880c93ba878e32142896daf3", // 70
        "7df0a7cab65c44c253f1b47596cf0b255b780d3f309e5d74f7e851eb49e2810e", // 71
        "e66e9c2d98c5b4407b89687d74ad4878f789c753548c3403237f786fc117e583", // 72
        "2afc27ea6df12b6b7f717d257cd65a1a3381e546d9694aaa98abfce2b029cf84", // 73
        "306fbbd71fb0d6c7a5a1bf9f9ed245c88d94b7253797c18f3dfbf744dd6036cf", // 74
        "bdc304eef30db25723fa15e7d600214143d2075b25eef8b7b6863841277141e4", // 75
        "e22a2503dde5a329f6840ab9cd6a1daf8b181b0798368f0a756eac0e4ab50ae6", // 76
        "dc4c20b498847eee6e7735981e4ad9585856d089b8030e9cb87339110990d08a", // 77
        "15bc2000b78806bcfeacafa34c9a617e17f8dd85d5b99917d49a8d02ca9b03c2", // 78
        "5c41256678a6d3d0dbd72b7ab4158b69915bfaf9a330700a352946fd87ef5efc", // 79
        "97a27d9afdd01a62d2991ceb24e5b7e0f7edf6a31b9b34b75cb24cacec43515d", // 80
        "22f7ee5eb0f6305f5266552dd8381bc25694b79d1f8c622127dbf81e9d59ba2d", // 81
        "3c4c6fe194f4062d9c6b3493d4927b022dd43f23541fda8c2d986e59d4680b05", // 82
        "9a942915ca10718333b6b0ad0a4e3c8417498bae7362101e09db15cacd9ef311", // 83
        "1ff21fe7a5d5da9e4843392e6c96ee36f9ddb6c236b7e06e313ebe9e4dd9c2ae", // 84
        "05dac20a2256458df82332da1a275ee80ed2a8128775a57e6fd0ffd143ce67f2", // 85
        "1ac0a62e0c7175af56160d6392380e9c0c75c2b58c7835eaa7d45b7a4b2941f7", // 86
        "cf1220656f4d51ceb0a0502269606461fd7fe17817ee7562c395ba2e1b07e8fb", // 87
        "10c296217362b5fe1604277f178f2c426a56ab0629059c499ffc788df9ef6914", // 88
        "8385a09e2aec27c47c64fdeadb08e4332e3584de26ae68262b828776f41748fa", // 89
        "a90b76932b2f068503c284088ed83654cdef6051393cfa86d89d764e2f2580c7", // 90
        "8ed0c4f28e1ea7c20d9175afc572ef07ec2e579c52032d76e3a13e8d5f5d6cbb", // 91
        "49e43de8ceac8456b21151c126985ef649d652b378eb7adde52bf4bf714f5365", // 92
        "bc86ffb3a9f146650a47c0a21bac10ef5d234a4207151cb06e403c176b91caf4", // 93
        "a4fd5b9bb2b9dc8a264b01c202ff3793542a4a30e47fa0f2d21bd27b0f3d4473", // 94
        "7af12630cc450bb78da210f22014963796e4e8c36d2c310ad48c4026e3cb1a2c", // 95
        "b0335ebe89f2fc1153db3ee9f7f0933069b3e853504d533f0a0ae8a7077c3bda", // 96
        "dc91b1495c1fea4c3456fa0aadd00e023204dd4cc7a4b4bb115f95674b197005", // 97
        "77829eec2e7760fbbb651cdf80715fdf20974b53c5237eaa3f7f9224427a3ac0", // 98
        "5555a14049267647d9680e36e709e46c82b4bc77e842d646cd18243b60987382", // 99
        "2f3e74f3aeb89ea613e396f9abf2a24358df1b06fb85fc84ad02c0ceb4a6dd2a", // 100
        "855deb0088e503888277a3067aaa97c5f4c287d9dc2690a04e0d2a69bf344a87", // 101
        "6cb8ecc77381d5240a8318d686b1be92e2f5d2e70d2aaf725c63b0b87a250005", // 102
        "75f00ac38edbe5294d9166e9c42d74286f9dfc76d693d0d76d908e467af8485c", // 103
        "1a0a7ccea655f86e7c7a5760ef621dd0c6454cc78410a56495afe11cdce96c8b", // 104
        "2245bc2bfb0b81933efd27d3f557790d50451ef66ed8310945b5eb8c3d92d8d4", // 105
        "dcec5cf53285bb043c554c7ea953598d283c910c341fc94eda02c2e1e8e86148", // 106
        "d6802fb9c8cc51c8e0d57251be034de02dc32682fae08bb3c9a89d1feb4d44bd", // 107
        "94112edd6f624adf96103ea6529491e37e2926aeb38547892edd40a2d90e3df2", // 108
        "1424da7dfea68825cc71cf182fc6d2181992f9e3708ad01719b0e27784d2a6ee", // 109
        "785b209cce10bf4785e84ea8533cf065f755ccab39556d24ef7e5d7df67d9495", // 110
        "9905ec11d55cf034f183156b0e03736c10f3374050b17a3c76b50cca3b9be4d0", // 111
        "a11fc5c7ba41fca737a1664f29faebe1dc677f44ae1a4147bad8804d9c981d30", // 112
        "3e37bc2fb8bac1683a55a67eb991deedd8a11dac4826e0cd11ab58a250ad17c6", // 113
        "39995a4b080b621ecc0fa20a68cf53e1ae14558896644264f8a082afb92535a3", // 114
        "c6ef546e12ee56b98c743b3a228c5cb1bfc3f94394e083eecbe94a2a58e5b376", // 115
        "8441248d8a096d5afe5ec1734afc22fe52094b3c3256659c6021bddbe5e584e7", // 116
        "b6cd4e49bf4c95cc921a65b1cbaa1cdc7a82f53ff8dc44630d1d6dc1c3008517", // 117
        "f07f917c111c514e7c082853e2b630918747904429673d18bf35c8d5984c012c", // 118
        "b27b61037be684924f5497ee79c784f09c971d8c8c3136f6270e0fd34775aa1b", // 119
        "00c666e960132985e9c99dc98bf25782df791138d0f1252b69781694ed97d693", // 120
        "59b4904558092282298915cc266fc57bd7fa697c191f4f04b8329dc7d5caf1b5", // 121
        "f2abd38f0e4032ee6a04777e9314d5fbbcfac7a30acc8afc2860e51c31e18493", // 122
        "9cc73b603f9d303472e23daf581ca3e6b5ec71f01e0199bb089f461cdcb01549", // 123
        "72ac56220abce5c4866ec53ae906d5a2dd3dd4a2715c3c59bf71d705d8a77abf", // 124
        "36d435c4eaa9dfa16ee559201735ec017e76ada7d43ef3c789049378444e26d9", // 125
        "690797a85a4ca196af204046919b6f7d5df96b85d28130fb9ee357a24f311f24", // 126
        "805f2702e76ff5d578052c965ded05a689d9293fd86c5584b0db399d33e9745c", // 127
        "cd77acfc16d0964a4c3ef06f0678a5c88d2d610de00f7b997676fea5b4d2ae9e", // 128
        "2c0b373b4a62770395098399a7d08ca18fce440e3b6c35a22e5910eaf515b72c", // 129
        "a8d188692c31c397b7ae11eaa7f0dc6e29d163237d550ed06048ae82a2017f1a", // 130
        "d31ddae47dcd2029c9d590043edcb86d5c5b8b5ead0d8fd105410d542bc2245c", // 131
        "869e6b98103feedd0c18975d70ff79e02b18fb500655de8ac4b8c86429234ed3", // 132
        "6168465fcf5a1ba9062d951d7931ad1f3130ff2f6352935a3c6a5c3b9b4283dd", // 133
        "952159b19c3defd1f3b25a33f9321c0ca580aed36439aaf73bb6e261fb41260a", // 134
        "c0809a85e23292a977eef4d1abcc1fbfcf9c7f12bf79a52663efee20e89f6f98", // 135
        "90ae102c9a590d30c26a2305d2a579fb0057230a26320dba4f65dfd75b58ad9e", // 136
        "84f1fe53d2ba24c112983a96d9c6f2c3fa5acf871bd69d2afd7786d611097132", // 137
        "9a90e386c83915c66e50efae09ac6033534b8747a104f6549b6307de672d00fe", // 138
        "c5b2584e1562a46c9c9c1b8d3e8fd8a3ad84a1687e9dc01a93e51fd3f2be9dce", // 139
        "bb0ab6cac60489fde61a6bab7ffa4b8f1b9d11d8827dd35eacdfef81c7461456", // 140
        "316db4fb6ba442421255da363883edea631130f181c14b6e3e67d5efc8f162d3", // 141
        "979ffe53dc1a97ad0a09bd49f0d8d776508d91caf3096ddf25062ddceb75778d", // 142
        "0b6da0f62183292321ce1e5ff575be60cdd80eded659731209ecb4e5e7592972", // 143
        "060f264c94dce30fb46094295fcb9541c9d20d6274fdac725548498bcd071e3a", // 144
        "e9489d80fcdc14121b09e0b4341302e213d5c90010fa25828ba031286f2649d0", // 145
        "6e240128b8138c5d6a1c2ca5dda43a2dfc53e4f78009b7942a3a90876d3b70ff", // 146
        "3e1364726ecf0cc45c06edf2fea52c3219a164d5ffa149f1cc77c76aaf7b7fe6", // 147
        "47399de5c9b42af03f279a8edddce361534b151257aa692c4ee357d2ac0df1fb", // 148
        "69c46cbc1bce22963785a3c1572c68152cbc5b10bec4b66d13b7e8c32b727821", // 149
        "52d4bb3accd485d7f648f6a7424f0c64c7950496d601cccd97f1d7ce0d22d9b4", // 150
        "5b98da8366c2a171d7cfa481d6fe6dcc11cce8c28e2ab87cd7a74b596da7327c", // 151
        "065e5ac639b1728013206c103aed0cd3a66f2306df209ac26ebe8f75ed756b2d", // 152
        "02b5ff6fca392fe92f30613444ee8b065f6706344c8daeb11b61506ba1ca09d1", // 153
        "b93ef73d8c7a1a707e54563cbda4002f16b09a38349f4563c12670dbd28fa246", // 154
        "2301ad1e05a9ed3279358670298dec6fdb3e4fe7945c8aa00026f4f8d200d529", // 155
        "e7ee62432eb4bc55521221dd0e12c6bad74ab6cd804df7cc41354f796f0bb917", // 156
        "316f20d0333f8ab13c2901d1b66bdd72670951bb3d2bdedda175af7cb60a8f3e", // 157
        "3b1f7bce784c4800ebddfb8c271756e1d69c4ccf80845256c328c69c0e1cdc22", // 158
        "453640a5fd7040af2886c58d60b11a3ec3789562905ad53bb2c30d3ae4292da9", // 159
        "71674382b6652ed39fee8963c5831a5c4f3dc2602ee4b39034cc2e9d02db388e", // 160
        "a3620e4edc0b5cd9fb11e0fa305739b8c6a76d07fe58f09243ffa47250c2234e", // 161
        "5537a4237b7790336f2023354212ed98f2d64f56fa38d6c309a25709827fc3f9", // 162
        "ba76d3ba3edb066c6f4b4a5c0f398d29892ff14bcee7f658e70a7f13a9f0ac7c", // 163
        "86cd95d0eae3b5891b9f47069fe0aa75a710e5cccc0c3baf192e6ce2851d341a", // 164
        "a116e1324ac686dfc31679e05b00b50ad8c11774d4093df5f5ce251e0ea20fab", // 165
        "314d01fab8d3f9319db13d6be126f99d6a9bec150711266a225a65ab0464aaa4", // 166
        "50de94b22d131db72a0d2ce17c45c533d681e9cbb1301cad77c64307fddd02d6", // 167
        "8d39d85637dd0efb6081853c1e79d6fb529a7302f5b630e3e5179a98652ad849", // 168
        "06d9beaa985777f78582088bb7c6d9563d7368b3743365052465b8e62b1fc7c8", // 169
        "f7a5b556945006235fd104fddc2db61b64cc4c095dd812001a8aa7d35cd10b66", // 170
        "5479146e26b741b1c08ee25b4710b6089cf2b1f0236805fb571af600e5416054", // 171
        "d793ca94e5e4d52b5c41a47b5a89a2dba628ce1aed4ceda78239c953ab091770", // 172
        "22fad9a89df993704eb84b0037c1b0eb94350d4b769c5b9d0dbdecbbfee1d8e9", // 173
        "bc0c3b29b2ed26a43f3eaf1362d50259fbe43b8a7664205d8f5745b80faa3c0d", // 174
        "0371584182115b5fb9e4cee6a7a712d6a35d31ad698f5bbcff0fe2513ff1337e", // 175
        "6f3d424ab5761d989b1af0f3a615387eb06517d9b717ca0ce3aeaf6ccc934a32", // 176
        "29d78841b7277b32e0a661fde23f0ac481cf6fba3dca61581153e7d889e429d7", // 177
        "cd47ac0536afd5449d3278fe50419d5e76d235253c004e25b84602ead7a64e98", // 178
        "d597109991cb1814534444041efc69168b69b77bab88f0f1e1efe7d2ae134b42", // 179
        "9359cc28c446683db587b895f41c084e2b0490a0e110dbb5a8b7bd663278d433", // 180
        "7522d4f1905ab7ae6a146f83d8d07105785fb58440a65417ce4fa31b1d9d51a4", // 181
        "c6f1c9c3bc866ef5c1f643fd078a3c7f5650480006db0af85d2ef0b16dd584e7", // 182
        "1e165834354a190330fb5baa34e168f410dc50d01f2eb5c3c80312f4429eb5b0", // 183
        "f054efc98aaae568493d8124c94e3b7df69cc214ed5b5e6dc7d095e457bb242c", // 184
        "19b4922127725342ea1950985f4d64b8b9dc53013f2d3b665d3ac33e254f23c8", // 185
        "fb5229a683d4f03fcc06ed0d45a295ad773a0801cb05aa9367925f5959ae56db", // 186
        "2629edf3c140070900c20a99025b4613e9b70bf06ec0bcf5e622bbf0077dc049", // 187
        "4bef9ef3a9bde9b5a5ea19dd506beb248a330c4267aaae865016d230ba637649", // 188
        "27ff56d1f9106ae4b993f55e7ae2bfb19d386accf56fb0f0470dc1bc4acfd57e", // 189
        "33c98ee9e2ca15d929c03c0db554d1bb49790a7114d9a16d6646b587eea34ac9", // 190
        "e694a75f8ac4566a8e3a1c5384c2cbeab71ebe968eb1e3abdf5faf66dda46c1a", // 191
        "b0b588dd61e7e39c3d238835f9e0c57ff52dfb0188060de13e4d45a65e919426", // 192
        "ccd558797631efbf03a9ba77f7e7ff5924d2982a4dbb34d5f1817b0969f68306", // 193
        "482de5bb2fb3de3436603b73424fa4f1b3b186f41ae1bcd7e7f58e6b0ea44813", // 194
        "afff0d87fadb0e0ca414255f3dad242b0418d8b9c6bc19aaed3b6589a2b4130f", // 195
        "106efb96e1188ba833f0e5f4d91825e36c5306de7c09002a6614eac283146db3", // 196
        "9b7fc01c284f692f3cac337a3ba9032d9c22b5b0744f633fef6ce4724b834d30", // 197
        "c90b2cc5c216ecee1240ac5c108ce81fe492e4445bcab7c13c7bf99b5a9b06fc", // 198
        "51f6cd88379f85d0d7d4086e71608e1d14242066ded574a4b7dd5d002a1aa7b4", // 199
        "db057a75ef112511a720d3e712bc7299cc1a3037fc53cd8fe11197fc6df0c6dc", // 200
    ]
}
