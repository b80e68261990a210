// ProcessorFeatures.swift
// xinfang: whether the processor has the SHA extensions, asked of the operating system once.

import Foundation

/// What the processor offers, as the operating system reports it.
enum ProcessorFeatures {
    /// The environment variable that turns the SHA extensions off (`XINFANG_SHA_EXTENSIONS=0`),
    /// to time or check the portable rounds on a processor that has them.
    static let switchVariable = "XINFANG_SHA_EXTENSIONS"

    /// True when this is an x86-64 build, the processor reports the SHA extensions, and
    /// ``switchVariable`` is not `0`.
    static var hasSHAExtensions: Bool {
        if ProcessInfo.processInfo.environment[switchVariable] == "0" { return false }
        #if arch(x86_64) && os(Linux)
        // The first processor's "flags" line; every processor of a machine has the same.
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            return line.split(separator: " ").contains("sha_ni")
        }
        return false
        #elseif arch(x86_64) && os(macOS)
        var size = 0
        guard sysctlbyname("machdep.cpu.leaf7_features", nil, &size, nil, 0) == 0, size > 0 else { return false }
        var text = [CChar](repeating: 0, count: size)
        guard sysctlbyname("machdep.cpu.leaf7_features", &text, &size, nil, 0) == 0 else { return false }
        return String(cString: text).split(separator: " ").contains("SHA")
        #else
        return false
        #endif
    }
}
