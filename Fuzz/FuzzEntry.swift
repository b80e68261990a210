// Shared by every libFuzzer entry point in this folder (compiled by scripts/fuzz, not by SwiftPM).
import Foundation
import XinfangCore

/// Runs the library's fuzz target `name` on libFuzzer's input and crashes when one of its promises is broken,
/// so that libFuzzer keeps the input as a crash file.
func runFuzzTarget(_ name: String, _ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let broken = FuzzTargets.run(name, bytes) else {
        FileHandle.standardError.write(Data("unknown fuzz target \(name)\n".utf8))
        abort()
    }
    if !broken.isEmpty {
        FileHandle.standardError.write(Data(("fuzz target \(name): " + broken.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}
