import Aggregates
import Testing

/// Sums are exact whatever the order, and rounded once, to nearest, ties to even.
@Suite struct ExactSumTests {
    /// The sum of `terms` in every order given (all permutations for short lists) and split
    /// into parts merged together; every way must agree.
    private func sum(_ terms: [Double], sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        var results: Set<UInt64> = []
        for order in permutations(terms) {
            var whole = ExactSum()
            order.forEach { whole.add($0) }
            results.insert(whole.value.bitPattern)
            for cut in 0...order.count {
                var left = ExactSum(), right = ExactSum()
                order[..<cut].forEach { left.add($0) }
                order[cut...].forEach { right.add($0) }
                right.merge(left)
                #expect(right == whole, sourceLocation: sourceLocation)
            }
        }
        #expect(results.count == 1, "order changed the sum", sourceLocation: sourceLocation)
        return Double(bitPattern: results.first!)
    }

    private func permutations(_ terms: [Double]) -> [[Double]] {
        guard terms.count > 1, terms.count <= 5 else { return [terms, terms.reversed()] }
        return terms.indices.flatMap { i in
            var rest = terms
            let first = rest.remove(at: i)
            return permutations(rest).map { [first] + $0 }
        }
    }

    @Test func cancellationIsExact() {
        #expect(sum([1e16, 1, -1e16]) == 1)
        #expect(sum([1, 1e100, 1, -1e100]) == 2)
        #expect(sum(Array(repeating: 0.1, count: 10)) == 1)
        #expect(sum([0.1, 0.2, -0.3]) == 2.7755575615628914e-17)  // math.fsum agrees
    }

    @Test func intermediateOverflowDoesNotMatter() {
        let max = Double.greatestFiniteMagnitude
        #expect(sum([max, max, -max]) == max)
        #expect(sum([max, max]) == .infinity)
        #expect(sum([-max, -max]) == -.infinity)
    }

    @Test func roundingIsToNearestTiesToEven() {
        #expect(sum([1, 0x1p-53]) == 1)  // a tie: 1 is even
        #expect(sum([1 + 0x1p-52, 0x1p-53]) == 1 + 0x1p-51)  // a tie: rounds up to even
        #expect(sum([1, 0x1p-53, 0x1p-105]) == 1 + 0x1p-52)  // just past the tie
        #expect(sum([.leastNonzeroMagnitude, .leastNonzeroMagnitude]) == 2 * .leastNonzeroMagnitude)
        #expect(sum([.leastNormalMagnitude, -.leastNonzeroMagnitude]) == .leastNormalMagnitude.nextDown)
        #expect(sum([]) == 0 && sum([-0.0]) == 0)
    }

    @Test func specialValues() {
        #expect(sum([.infinity, 1, -1e308]) == .infinity)
        #expect(sum([-.infinity, 1]) == -.infinity)
        #expect(sum([.infinity, -.infinity]).isNaN)
        #expect(sum([.nan, 1]).isNaN)
    }

    @Test func integersBeyondTwoToTheFiftyThreeAreExact() {
        var s = ExactSum()
        s.add(Int64(1 << 53) + 1)
        s.add(Int64(1 << 53) + 1)
        s.add(Int64.min)
        s.add(Int64.max)
        #expect(s.value == Double(1 << 54 + 1))
    }

    /// Random doubles of wildly different sizes, each added with its negation, in a shuffled
    /// order: only an exact sum comes back to the small term added last.
    @Test func randomSumsCancelExactly() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let terms = (0..<20).map { _ in
                Double(sign: Bool.random(using: &random) ? .minus : .plus, exponent: Int.random(in: -1070...1020, using: &random),
                       significand: Double.random(in: 1..<2, using: &random))
            }
            var s = ExactSum()
            (terms + terms.map { -$0 }).shuffled(using: &random).forEach { s.add($0) }
            s.add(0.25)
            #expect(s.value == 0.25)
        }
    }
}
