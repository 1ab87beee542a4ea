import Aggregates
import LuaRuntime
import Testing

/// Merging per-document deltas in any grouping gives what adding them in turn gives.
@Suite struct MergeLawTests {
    private static let words: [AggregateKey] = ["the", "Trump", "DOJ", "é", "", 3, -1, .number(0.5), .number(.infinity)]

    /// Forty documents, each adding a few keys picked by a seeded generator.
    private static func keysPerDocument(seed: UInt64) -> [[AggregateKey]] {
        var random = SeededRandom(seed: seed)
        return (0..<40).map { _ in (0..<Int.random(in: 0...4, using: &random)).map { _ in words.randomElement(using: &random)! } }
    }

    @Test func counter() throws {
        try expectMergeLaws(Counter(), documents: Self.keysPerDocument(seed: 1).map { keys in
            { counter, _ in for (n, key) in keys.enumerated() { try counter.add(key, Int64(n)) } }
        })
    }

    @Test func set() throws {
        try expectMergeLaws(KeySet(), documents: Self.keysPerDocument(seed: 2).map { keys in
            { set, _ in for key in keys { set.add(key) } }
        })
    }

    @Test func histogram() throws {
        let configurations = [
            try Histogram.Configuration(min: 0, max: 10, bins: 7),
            try Histogram.Configuration(min: -1, max: 1, width: 0.3),
        ]
        for configuration in configurations {
            var random = SeededRandom(seed: 3)
            try expectMergeLaws(Histogram(configuration), documents: (0..<40).map { _ in
                let xs = (0..<3).map { _ in Double.random(in: -2...12, using: &random) } + [10, -1, 0]
                return { histogram, _ in for x in xs { try histogram.add(x) } }
            })
        }
    }

    @Test func list() throws {
        try expectMergeLaws(ItemList(), documents: Self.keysPerDocument(seed: 4).map { keys in
            { list, document in
                for key in keys { try list.add(.table(LuaTable(["key": key.value, "doc": .integer(Int64(document))])), document: document) }
            }
        })
    }

    @Test func stats() throws {
        var random = SeededRandom(seed: 5)
        try expectMergeLaws(Stats(), documents: (0..<40).map { n in
            let x = Double.random(in: -1e6...1e6, using: &random) * (n % 3 == 0 ? 1e-10 : 1e10)
            return { stats, _ in
                try stats.add(.float(x))
                try stats.add(.integer(Int64(n) - 20))
            }
        })
        try expectMergeLaws(Stats(), documents: [Int64.max, 1, -1, .min, 7].map { i in { stats, _ in try stats.add(.integer(i)) } })
    }

    @Test func histogramsWithOtherBinsDoNotMerge() throws {
        var a = Histogram(try Histogram.Configuration(min: 0, max: 10, bins: 10))
        let b = Histogram(try Histogram.Configuration(min: 0, max: 10, bins: 5))
        #expect(throws: AggregateError.self) { try a.merge(b) }
    }
}
