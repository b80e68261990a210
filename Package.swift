// swift-tools-version:6.0
// xinfang: a letters-and-visits (信访) office toolkit. Foundation only: no package dependencies.
import PackageDescription

let package = Package(
    name: "xinfang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xinfang", targets: ["xinfang"]),
        .library(name: "XinfangCore", targets: ["XinfangCore"]),
    ],
    targets: [
        .target(name: "XinfangCore"),
        .executableTarget(name: "xinfang", dependencies: ["XinfangCore"]),
        .testTarget(name: "XinfangCoreTests", dependencies: ["XinfangCore"]),
    ]
)
