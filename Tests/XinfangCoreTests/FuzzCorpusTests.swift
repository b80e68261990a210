import Foundation
import XCTest
import XinfangCore

/// Replays the committed fuzz corpus (`Fuzz/corpus/<target>/`) through the library's fuzz targets, then a
/// short seeded mutation run from the same seeds, so every input the fuzzer ever kept stays harmless.
///
/// `scripts/fuzz` runs libFuzzer on the same targets for longer.
final class FuzzCorpusTests: XCTestCase {
    static var corpusDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus")
    }

    /// The corpus files of `target`, sorted by name.
    func corpus(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = Self.corpusDirectory.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    func testEveryTargetHasAFolderAndAnEntryPoint() throws {
        let fuzz = Self.corpusDirectory.deletingLastPathComponent()
        for target in FuzzTargets.names {
            XCTAssertGreaterThan(try corpus(target).count, 0, "no seeds for \(target)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: fuzz.appendingPathComponent("\(target).swift").path), "no Fuzz/\(target).swift")
        }
        XCTAssertNil(FuzzTargets.run("no-such-target", []))
    }

    func testCorpusReplaysWithoutBrokenPromises() throws {
        var replayed = 0
        for target in FuzzTargets.names {
            for (name, bytes) in try corpus(target) {
                XCTAssertEqual(FuzzTargets.run(target, bytes), [], "\(target)/\(name)")
                replayed += 1
            }
        }
        print("fuzz corpus: \(replayed) inputs replayed through \(FuzzTargets.names.count) targets, none broke a promise")
    }

    func testSeededMutationsOfTheCorpus() throws {
        let perTarget = 1500
        var generator = SplitMix64(seed: 0xF022)
        var total = 0
        for target in FuzzTargets.names {
            let seeds = try corpus(target).map(\.bytes)
            for round in 0..<perTarget {
                let input = Mutator.mutate(seeds[round % seeds.count], splice: seeds[Int(generator.next() % UInt64(seeds.count))],
                                           generator: &generator)
                let broken = FuzzTargets.run(target, input) ?? ["unknown target"]
                if !broken.isEmpty {
                    XCTFail("\(target) mutation \(round): \(broken); input base64 \(Data(input).base64EncodedString())")
                    break
                }
                total += 1
            }
        }
        print("fuzz mutations: \(total) seeded mutations (SplitMix64 seed 0xF022) through \(FuzzTargets.names.count) targets, none broke a promise")
    }
}

/// Byte-level mutations in the spirit of libFuzzer's: flips, inserts, deletions, repeats and splices.
enum Mutator {
    static let interesting: [UInt8] = Array("{}[]\",:\\\n\r 0-9eE.+tfnu\u{7F}".utf8) + [0x00, 0x80, 0xBF, 0xC0, 0xE4, 0xF0, 0xFF]

    static func mutate(_ seed: [UInt8], splice other: [UInt8], generator: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        let steps = 1 + Int(generator.next() % 4)
        for _ in 0..<steps {
            let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            switch generator.next() % 7 {
            case 0 where position < bytes.count:
                bytes[position] ^= UInt8(1 << (generator.next() % 8))
            case 1:
                bytes.insert(interesting[Int(generator.next() % UInt64(interesting.count))], at: position)
            case 2 where position < bytes.count:
                let length = min(bytes.count - position, 1 + Int(generator.next() % 8))
                bytes.removeSubrange(position..<(position + length))
            case 3 where position < bytes.count:
                let length = min(bytes.count - position, 1 + Int(generator.next() % 16))
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
            case 4 where !other.isEmpty:
                let start = Int(generator.next() % UInt64(other.count))
                let length = min(other.count - start, 1 + Int(generator.next() % 64))
                bytes.insert(contentsOf: other[start..<(start + length)], at: position)
            case 5 where position < bytes.count:
                bytes[position] = interesting[Int(generator.next() % UInt64(interesting.count))]
            default:
                bytes.removeSubrange(min(position, bytes.count)...)
            }
        }
        return bytes
    }
}
