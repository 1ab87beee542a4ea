/// Counts of numbers in fixed bins (`loupe.histogram{min = 0, max = 100, bins = 10}`), plus
/// counts of those below `min` and above `max`.
///
/// Bin `i` (0-based) holds `lo <= x < hi` with `lo = edge(i)`, `hi = edge(i + 1)`; the last
/// bin also holds `x == max`. The edges are computed the same way on every machine, and the
/// bin of a number is checked against them, so a value exactly on an edge always lands in the
/// bin that starts there. Counts are kept sparse: a document's delta holds only the bins it
/// touched.
public struct Histogram: Equatable, Sendable {
    /// Where the bins lie. Two histograms merge only when their configurations are equal.
    public struct Configuration: Equatable, Sendable, CustomStringConvertible {
        /// Bins at most: a histogram's output and state stay small.
        public static let maxBins = 100_000

        /// The low edge of the first bin.
        public let min: Double
        /// The high edge of the last bin.
        public let max: Double
        /// How many bins.
        public let bins: Int
        /// The width of each bin when given as such (the last one may be narrower); nil when
        /// the range is split into `bins` equal parts.
        public let width: Double?

        /// `bins` equal bins from `min` to `max`.
        /// - Throws: ``AggregateError/invalid(_:)`` unless `min < max` (both finite) and
        ///   `1 <= bins <= maxBins`.
        public init(min: Double, max: Double, bins: Int) throws(AggregateError) {
            try Self.checkRange(min, max)
            guard bins >= 1, bins <= Self.maxBins else {
                throw .invalid("a histogram has 1 to \(Self.maxBins) bins; got \(bins)")
            }
            self.min = min
            self.max = max
            self.bins = bins
            self.width = nil
        }

        /// Bins of `width` from `min`, as many as reach `max`.
        /// - Throws: ``AggregateError/invalid(_:)`` unless `min < max`, `width > 0` (all
        ///   finite) and the bins number at most `maxBins`.
        public init(min: Double, max: Double, width: Double) throws(AggregateError) {
            try Self.checkRange(min, max)
            guard width > 0, width.isFinite else { throw .invalid("a histogram's bin width must be positive; got \(width)") }
            let count = ((max - min) / width).rounded(.up)
            guard count <= Double(Self.maxBins) else {
                throw .invalid("a width of \(width) makes more than \(Self.maxBins) bins")
            }
            self.min = min
            self.max = max
            self.bins = Swift.max(Int(count), 1)
            self.width = width
        }

        private static func checkRange(_ min: Double, _ max: Double) throws(AggregateError) {
            guard min.isFinite, max.isFinite, min < max else {
                throw .invalid("a histogram needs finite min < max; got min = \(min), max = \(max)")
            }
        }

        /// The low edge of bin `index` (`edge(bins) == max`).
        public func edge(_ index: Int) -> Double {
            if index <= 0 { return min }
            if index >= bins { return max }
            if let width { return Swift.min(min + Double(index) * width, max) }
            return (min * scale + (max * scale - min * scale) * (Double(index) / Double(bins))) / scale
        }

        /// 1, or 1/2 when `max - min` overflows (from -1e308 to 1e308): halving is exact at
        /// that size and keeps the arithmetic of the edges finite.
        private var scale: Double { (max - min).isFinite ? 1 : 0.5 }

        /// The bin of `x`: -1 below `min`, `bins` above `max` (NaN is the caller's to refuse).
        public func bin(of x: Double) -> Int {
            if x < min { return -1 }
            if x > max { return bins }
            // A first guess by division, corrected against the edges themselves so that the
            // rounding of the division never disagrees with the edges reported.
            let estimate = ((x * scale - min * scale) / (max * scale - min * scale) * Double(bins)).rounded(.down)
            var index = estimate.isFinite ? Int(Swift.min(Swift.max(estimate, 0), Double(bins - 1))) : 0
            while index > 0, x < edge(index) { index -= 1 }
            while index < bins - 1, x >= edge(index + 1) { index += 1 }
            return index
        }

        public var description: String {
            "min = \(min), max = \(max), " + (width.map { "width = \($0)" } ?? "bins = \(bins)")
        }
    }

    /// Where the bins lie.
    public let configuration: Configuration
    /// The count of each bin that has one, by bin index.
    public private(set) var counts: [Int: Int64] = [:]
    /// How many numbers fell below `min`.
    public private(set) var underflow: Int64 = 0
    /// How many numbers fell above `max`.
    public private(set) var overflow: Int64 = 0

    /// An empty histogram.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Counts `x` (not NaN) in its bin, or as under- or overflow.
    public mutating func add(_ x: Double) throws(AggregateError) {
        guard !x.isNaN else { throw .invalid("a histogram cannot count NaN") }
        try add(count: 1, toBin: configuration.bin(of: x))
    }

    /// How many numbers were counted, under- and overflow included.
    public var total: Int64 { counts.values.reduce(underflow &+ overflow, &+) }

    /// Every bin in order, with its edges and count (0 for empty bins).
    public var bins: [(lo: Double, hi: Double, count: Int64)] {
        (0..<configuration.bins).map { (configuration.edge($0), configuration.edge($0 + 1), counts[$0] ?? 0) }
    }

    private mutating func add(count: Int64, toBin index: Int) throws(AggregateError) {
        func adding(_ a: Int64) throws(AggregateError) -> Int64 {
            let (sum, overflowed) = a.addingReportingOverflow(count)
            guard !overflowed else { throw .overflow("a histogram bin's count passes \(Int64.max)") }
            return sum
        }
        switch index {
        case ..<0: underflow = try adding(underflow)
        case configuration.bins...: overflow = try adding(overflow)
        default: counts[index] = try adding(counts[index] ?? 0)
        }
    }
}

extension Histogram: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .histogram(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .histogram(self) }

    public static var kind: AggregateKind { .histogram }
    public var isEmpty: Bool { counts.isEmpty && underflow == 0 && overflow == 0 }
    public func emptied() -> Histogram { Histogram(configuration) }

    public mutating func merge(_ other: Histogram) throws(AggregateError) {
        guard other.configuration == configuration else {
            throw .mismatch("histograms with different bins cannot merge (\(configuration); \(other.configuration))")
        }
        try add(count: other.underflow, toBin: -1)
        try add(count: other.overflow, toBin: configuration.bins)
        for (index, count) in other.counts { try add(count: count, toBin: index) }
    }

    /// The configuration, under- and overflow, then the non-empty bins by index.
    public func encode(into writer: inout WireWriter) {
        writer.writeDouble(configuration.min)
        writer.writeDouble(configuration.max)
        if let width = configuration.width {
            writer.writeByte(1)
            writer.writeDouble(width)
        } else {
            writer.writeByte(0)
            writer.writeCount(configuration.bins)
        }
        writer.writeUnsigned(UInt64(underflow))
        writer.writeUnsigned(UInt64(overflow))
        writer.writeCount(counts.count)
        for (index, count) in counts.sorted(by: { $0.key < $1.key }) {
            writer.writeCount(index)
            writer.writeUnsigned(UInt64(count))
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        let configurationOffset = reader.offset
        let min = try reader.readDouble(), max = try reader.readDouble()
        let isWidth = try reader.readByte()
        let parameter = isWidth == 1 ? try reader.readDouble() : Double(try reader.readUnsigned())
        do throws(AggregateError) {
            switch isWidth {
            case 0: configuration = try Configuration(min: min, max: max, bins: Int(Swift.min(parameter, 1e9)))
            case 1: configuration = try Configuration(min: min, max: max, width: parameter)
            default: throw AggregateError.invalid("bad flag \(isWidth)")
            }
        } catch {
            throw WireError(.malformed("histogram configuration: \(error)"), at: configurationOffset)
        }
        func readCount(_ reader: inout WireReader) throws(WireError) -> Int64 {
            let count = try reader.readUnsigned()
            guard count <= UInt64(Int64.max) else { throw reader.malformed("a count past Int64's range") }
            return Int64(count)
        }
        underflow = try readCount(&reader)
        overflow = try readCount(&reader)
        var previous: UInt64?
        for _ in 0..<(try reader.readCount(minimumSize: 2)) {
            let index = try reader.readUnsigned()
            guard previous.map({ index > $0 }) ?? true, index < UInt64(configuration.bins) else {
                throw reader.malformed("histogram bins out of order or range")
            }
            counts[Int(index)] = try readCount(&reader)
            previous = index
        }
    }
}
