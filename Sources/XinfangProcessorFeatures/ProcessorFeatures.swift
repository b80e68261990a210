// ProcessorFeatures.swift
// xinfang: what the processor offers (the SHA extensions, AVX2), asked of the operating system once.

import Foundation

/// What the processor offers, as the operating system reports it: the modules built with more than
/// x86-64's baseline instructions (`XinfangSHAExtensions`, `XinfangLineMasks`) ask here before
/// they run.
public enum ProcessorFeatures {
    /// The environment variable that turns the SHA extensions off (`XINFANG_SHA_EXTENSIONS=0`),
    /// to time or check the portable rounds on a processor that has them.
    public static let switchVariable = "XINFANG_SHA_EXTENSIONS"

    /// True when this is an x86-64 build, the processor reports the SHA extensions, and
    /// ``switchVariable`` is not `0`.
    public static var hasSHAExtensions: Bool {
        if ProcessInfo.processInfo.environment[switchVariable] == "0" { return false }
        return reports(linuxFlag: "sha_ni", macOSFeature: "SHA")
    }

    /// True when this is an x86-64 build and the processor reports AVX2 (Linux and macOS show it
    /// only when the operating system saves the 256-bit registers too).
    public static var hasAVX2: Bool {
        reports(linuxFlag: "avx2", macOSFeature: "AVX2")
    }

    /// Whether this is an x86-64 build and the processor reports a feature: by its name among
    /// Linux's `/proc/cpuinfo` flags, or among macOS's `machdep.cpu.leaf7_features`.
    private static func reports(linuxFlag: String, macOSFeature: String) -> Bool {
        #if arch(x86_64) && os(Linux)
        return linuxFlags.contains(Substring(linuxFlag))
        #elseif arch(x86_64) && os(macOS)
        return macOSFeatures("machdep.cpu.leaf7_features").contains(Substring(macOSFeature))
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// The first processor's "flags" in `/proc/cpuinfo` (every processor of a machine has the
    /// same), read once however many features are asked for.
    private static let linuxFlags: Set<Substring> = {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            return Set(line.split(separator: " "))
        }
        return []
    }()
    #endif

    #if os(macOS)
    /// The words of a `sysctl` feature list such as `machdep.cpu.leaf7_features`.
    private static func macOSFeatures(_ name: String) -> [Substring] {
        var size = 0
        guard sysctlbyname(name, nil, &size, nil, 0) == 0, size > 0 else { return [] }
        var text = [CChar](repeating: 0, count: size)
        guard sysctlbyname(name, &text, &size, nil, 0) == 0 else { return [] }
        return String(cString: text).split(separator: " ")
    }
    #endif
}
