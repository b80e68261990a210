/// SplitMix64, the portable pseudo-random generator behind `audit --sample`.
///
/// Sebastiano Vigna's SplitMix64 (the seeding generator of the xoshiro family,
/// also `java.util.SplittableRandom`): the state advances by the golden-ratio
/// constant and each output is the state put through two xor-shift-multiply
/// rounds. It uses only 64-bit wrapping arithmetic, so the same seed gives the
/// same numbers on every machine and in every language; `docs/audit.md` has a
/// ten-line Python version that reproduces any draw.
///
/// ```swift
/// var generator = SplitMix64(seed: 0)
/// generator.next()   // 0xE220A8397B1DCDAF
/// ```
public struct SplitMix64: Sendable {
    /// The state: the seed, then one golden-ratio step more per output.
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` without modulo bias.
    ///
    /// Outputs below `2^64 mod bound` are discarded and the next one is drawn;
    /// the first one kept gives `output mod bound`.
    /// - Precondition: `bound > 0`.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "SplitMix64.next(below:) needs a positive bound")
        let threshold = (0 &- bound) % bound
        while true {
            let value = next()
            if value >= threshold { return value % bound }
        }
    }

    /// The first `count` elements of a partial Fisher–Yates shuffle of `items`.
    ///
    /// For `i` in `0..<min(count, n)`: draw `j = i + next(below: n − i)` and
    /// swap positions `i` and `j`; the result is positions `0..<count` in
    /// that order. A shorter draw is always a prefix of a longer one with the
    /// same seed, so any prefix of a sample is itself a uniform sample.
    public static func sample<T>(_ items: [T], count: Int, seed: UInt64) -> [T] {
        var items = items
        var generator = SplitMix64(seed: seed)
        let taken = max(0, min(count, items.count))
        for i in 0..<taken {
            let j = i + Int(generator.next(below: UInt64(items.count - i)))
            items.swapAt(i, j)
        }
        return Array(items.prefix(taken))
    }
}
