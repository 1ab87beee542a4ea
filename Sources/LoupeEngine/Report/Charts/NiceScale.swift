import Foundation

/// A linear scale from values to positions, its domain widened to "nice" ticks: steps of
/// 1, 2 or 5 × 10^k, starting and ending on a tick.
struct NiceScale {
    /// The lowest value shown (a tick).
    let lower: Double
    /// The highest value shown (a tick).
    let upper: Double
    /// The distance between ticks.
    let step: Double

    /// A scale over `minimum…maximum` with about `ticks` ticks; it always includes 0, and a
    /// domain of one value (or none) becomes 0…1. For `wholeNumbers` (counts), ticks are at
    /// least 1 apart: a count of 2 has no tick at 1.5.
    init(minimum: Double, maximum: Double, ticks: Int = 5, wholeNumbers: Bool = false) {
        var low = min(0, minimum.isFinite ? minimum : 0)
        var high = max(0, maximum.isFinite ? maximum : 0)
        if high - low <= 0 { high = low + 1 }
        var step = Self.niceStep((high - low) / Double(max(1, ticks)))
        if wholeNumbers { step = max(step, 1) }
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        self.lower = low
        self.upper = high
        self.step = step
    }

    /// The nice step (1, 2 or 5 × 10^k) nearest above `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, log10(rough).rounded(.down))
        let fraction = rough / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// The ticks, lowest first.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }.map { abs($0) < step / 1e6 ? 0 : $0 }
    }

    /// The decimals the tick labels need.
    var decimals: Int { max(0, -Int(log10(step).rounded(.down))) }

    /// Where `value` lies between `start` (at ``lower``) and `end` (at ``upper``).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}


extension Collection<Double> {
    /// Whether every value is a whole number, as counts are.
    var areWholeNumbers: Bool { allSatisfy { $0.rounded() == $0 } }
}
