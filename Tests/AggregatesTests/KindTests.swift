import Aggregates
import LuaRuntime
import Testing

/// What each kind of aggregate answers.
@Suite struct KindTests {
    @Test func numbersAreKeyedAsLuaKeysTables() {
        #expect(AggregateKey(.number(3.0)) == .integer(3))
        #expect(AggregateKey(.number(-0.0)) == .integer(0))
        #expect(AggregateKey(.number(0.5)) == .number(0.5))
        #expect(AggregateKey(.number(0x1p63)) == .number(0x1p63))
        #expect(AggregateKey(.number(.nan)) == nil)
        #expect(AggregateKey(.boolean(true)) == nil)
        #expect(AggregateKey(.string("3")) != AggregateKey(.integer(3)))
    }

    @Test func keysSortNumbersByValueThenStringsByBytes() {
        let keys: [AggregateKey] = ["b", "B", "é", "", .number(2.5), 2, 3, .number(-.infinity), .number(0x1p63), .integer(.max)]
        #expect(keys.sorted() == [.number(-.infinity), 2, .number(2.5), 3, .integer(.max), .number(0x1p63), "", "B", "b", "é"])
    }

    @Test func counterTopBreaksTiesByKey() throws {
        var counter = Counter()
        for key: AggregateKey in ["b", "a", "c", "a", "b", 10, 9] { try counter.add(key) }
        try counter.add("z", 0)
        #expect(counter.top(3).map(\.key) == ["a", "b", 9])
        #expect(counter.top().map(\.count) == [2, 2, 1, 1, 1, 0])
        #expect(counter.top(-1).isEmpty)
        #expect(counter.count(of: "a") == 2 && counter.count(of: "nope") == 0)
        #expect(try counter.total() == 7)
    }

    @Test func counterRefusesNegativeAmountsAndOverflow() throws {
        var counter = Counter()
        #expect(throws: AggregateError.invalid("counts only grow: the amount must not be negative")) { try counter.add("a", -1) }
        try counter.add("a", .max)
        #expect(throws: AggregateError.self) { try counter.add("a") }
        try counter.add("b", 1)
        #expect(throws: AggregateError.self) { try counter.total() }
        #expect(counter.count(of: "a") == .max)
    }

    @Test func histogramBinsHaveClosedLowEdges() throws {
        var histogram = Histogram(try Histogram.Configuration(min: 0, max: 1, bins: 10))
        for x in [-0.1, 0, 0.1, 0.2, 0.3, 0.7, 0.9999, 1, 1.5] { try histogram.add(x) }
        #expect(histogram.underflow == 1 && histogram.overflow == 1 && histogram.total == 9)
        #expect(histogram.bins.map(\.count) == [1, 1, 1, 1, 0, 0, 0, 1, 0, 2])
        // Every value on an edge lands in the bin that starts there, whatever the rounding.
        for (index, bin) in histogram.bins.enumerated() {
            #expect(histogram.configuration.bin(of: bin.lo) == index)
            #expect(bin.hi == histogram.configuration.edge(index + 1))
        }
        #expect(throws: AggregateError.self) { try histogram.add(.nan) }
    }

    @Test func histogramWidthsStopAtMax() throws {
        let configuration = try Histogram.Configuration(min: 0, max: 25, width: 10)
        #expect(configuration.bins == 3)
        #expect((0...3).map(configuration.edge) == [0, 10, 20, 25])
        #expect(configuration.bin(of: 25) == 2 && configuration.bin(of: 20) == 2 && configuration.bin(of: 19.99) == 1)
    }

    @Test func histogramConfigurationsAreChecked() {
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 1, max: 1, bins: 3) }
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 0, max: .infinity, bins: 3) }
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 0, max: 1, bins: 0) }
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 0, max: 1, bins: 100_001) }
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 0, max: 1, width: 1e-9) }
        #expect(throws: AggregateError.self) { try Histogram.Configuration(min: 0, max: 1, width: -1) }
    }

    @Test func histogramOverAHugeRangeStillPlacesValues() throws {
        let configuration = try Histogram.Configuration(min: -1e308, max: 1e308, bins: 4)
        #expect(configuration.bin(of: 0) == 2)
        #expect(configuration.bin(of: -1e308) == 0)
        #expect(configuration.bin(of: 1e308) == 3)
    }

    @Test func listsInterleaveByDocument() throws {
        var evens = ItemList(), odds = ItemList()
        for document in [0, 2, 2, 4] { try evens.add(.integer(Int64(document)), document: document) }
        for document in [1, 3, 5] { try odds.add(.integer(Int64(document)), document: document) }
        var merged = odds
        merged.merge(evens)
        #expect(merged.values == [0, 1, 2, 2, 3, 4, 5])
        #expect(throws: AggregateError.self) { try evens.add(.lightUserdata(1)) }
    }

    @Test func statsKeepIntegersAsIntegers() throws {
        var stats = Stats()
        #expect(stats.sum == .integer(0) && stats.mean == nil && stats.minimum == nil)
        for i: Int64 in [1 << 53, 1, 3] { try stats.add(.integer(i)) }
        #expect(stats.sum == .integer((1 << 53) + 4))
        #expect(stats.minimum == .integer(1) && stats.maximum == .integer(1 << 53))
        try stats.add(.float(0.5))
        #expect(stats.sum == .float(0x1p53 + 4.5 - 0.5))  // rounded once: 2^53 + 4
        #expect(stats.count == 4)
        #expect(throws: AggregateError.self) { try stats.add(.float(.nan)) }
    }

    @Test func integerSumsPastInt64AreExactUntilRounded() throws {
        var big = Stats()
        for i: Int64 in [.max, .max, 3] { try big.add(.integer(i)) }
        // 2^64 + 1 does not fit: the exact sum rounded once, as a float.
        #expect(big.sum == .float(0x1p64))
        #expect(big.mean == 0x1p64 / 3)
        // Back within Int64 after a detour past it: the integer, exactly.
        try big.add(.integer(.min))
        try big.add(.integer(.min))
        #expect(big.sum == .integer(1))
        // Merged halves agree with one whole, both ways round.
        var low = Stats(), high = Stats()
        try low.add(.integer(.min))
        try high.add(.integer(.max))
        try high.add(.float(-0.25))
        var merged = low
        merged.merge(high)
        high.merge(low)
        #expect(merged == high && merged.sum == .float(-1.25))
    }

    @Test func statsMinimumPrefersIntegersOnTies() throws {
        var a = Stats(), b = Stats()
        try a.add(.float(3)); try a.add(.integer(3))
        try b.add(.integer(3)); try b.add(.float(3))
        #expect(a == b)
        #expect(a.minimum == .integer(3) && a.maximum == .float(3))
    }
}
