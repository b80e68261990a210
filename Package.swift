// swift-tools-version:6.0
// xinfang: a letters-and-visits (信访) office toolkit. Foundation only: no package dependencies.
import PackageDescription

/// Lets the compiler emit the x86 SHA instructions (and the SSSE3/SSE4.1 shuffles every processor
/// with them has) in XinfangSHAExtensions only.
#if arch(x86_64)
let shaExtensionFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-mssse3", "-Xcc", "-msse4.1"])]
/// Lets the compiler emit AVX2 in XinfangLineMasks only.
let lineMaskFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx2"])]
#else
let shaExtensionFlags: [SwiftSetting] = []
let lineMaskFlags: [SwiftSetting] = []
#endif

/// A release build on Linux carries the Swift runtime and Foundation in the executable itself (as
/// `swift build --static-swift-stdlib` does): it starts in half the time (no symbol resolution
/// across a dozen shared libraries, 12 ms → 6 ms per run, which a pipeline of small runs pays each
/// time), its calls into the runtime (retain, release) are direct rather than through the PLT, and
/// it can be copied to an office's machine that has no Swift installed. `main.swift` is compiled
/// with the flag too, so that its imports name the static libraries Foundation needs. Debug builds
/// (and so the tests) stay dynamic: linked this way in debug, Foundation's ICU symbols went missing.
let staticRuntimeCompiling: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let staticRuntimeLinking: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "xinfang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xinfang", targets: ["xinfang"]),
        .library(name: "XinfangCore", targets: ["XinfangCore"]),
    ],
    targets: [
        // SHA-256 on the processor's SHA extensions: the only module built with those instructions
        // enabled, and called only after asking the processor (SHA256Extensions.isAvailable).
        .target(name: "XinfangProcessorFeatures"),
        .target(name: "XinfangSHAExtensions", dependencies: ["XinfangProcessorFeatures"], swiftSettings: shaExtensionFlags),
        // A journal line's quotes and non-ASCII bytes as masks, and its UTF-8 checked, with AVX2:
        // called only after asking the processor (LineMasks.isAvailable).
        .target(name: "XinfangLineMasks", dependencies: ["XinfangProcessorFeatures"], swiftSettings: lineMaskFlags),
        .target(name: "XinfangCore", dependencies: ["XinfangSHAExtensions", "XinfangLineMasks"]),
        .executableTarget(name: "xinfang", dependencies: ["XinfangCore"], swiftSettings: staticRuntimeCompiling,
                          linkerSettings: staticRuntimeLinking),
        .testTarget(name: "XinfangCoreTests", dependencies: ["XinfangCore", "XinfangLineMasks"]),
    ]
)
