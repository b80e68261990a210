// swift-tools-version:6.0
// xinfang: a letters-and-visits (信访) office toolkit. Foundation only: no package dependencies.
import PackageDescription

/// Lets the compiler emit the x86 SHA instructions (and the SSSE3/SSE4.1 shuffles every processor
/// with them has) in XinfangSHAExtensions only.
#if arch(x86_64)
let shaExtensionFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-mssse3", "-Xcc", "-msse4.1"])]
#else
let shaExtensionFlags: [SwiftSetting] = []
#endif

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
        .target(name: "XinfangSHAExtensions", swiftSettings: shaExtensionFlags),
        .target(name: "XinfangCore", dependencies: ["XinfangSHAExtensions"]),
        .executableTarget(name: "xinfang", dependencies: ["XinfangCore"]),
        .testTarget(name: "XinfangCoreTests", dependencies: ["XinfangCore"]),
    ]
)
