import Aggregates
import LuaRuntime
import Testing

/// Deltas taken in workers, merged by a coordinator, loaded where `finish` runs.
@Suite struct AggregateSetTests {
    /// A worker's set: the aggregates its top level made, empty.
    private func workerSet() throws -> AggregateSet {
        var set = AggregateSet()
        try set.create(.counter(Counter()), name: "speakers")
        try set.create(.list(ItemList()))
        try set.create(.histogram(Histogram(try Histogram.Configuration(min: 0, max: 10, bins: 2))))
        return set
    }

    /// Document `n`'s work: speaker "s\(n % 3)", a list item, and a length of n.
    private func runDocument(_ n: Int, in set: inout AggregateSet) throws {
        try set.modify(at: 0, as: Counter.self) { (c: inout Counter) throws(AggregateError) in try c.add(.string(LuaString("s\(n % 3)"))) }
        try set.modify(at: 1, as: ItemList.self) { (l: inout ItemList) throws(AggregateError) in try l.add(.integer(Int64(n))) }
        try set.modify(at: 2, as: Histogram.self) { (h: inout Histogram) throws(AggregateError) in try h.add(Double(n)) }
    }

    @Test func deltasMergedByDocumentGiveTheSameStateForAnyNumberOfWorkers() throws {
        var states: [[UInt8]] = []
        for workers in 1...4 {
            // Worker w runs documents w, w + workers, …; the coordinator merges in corpus order.
            var sets = try (0..<workers).map { _ in try workerSet() }
            var deltas: [Int: [UInt8]] = [:]
            for document in 0..<12 {
                try runDocument(document, in: &sets[document % workers])
                deltas[document] = sets[document % workers].takeDelta()
            }
            var coordinator = AggregateSet()
            for document in 0..<12 { try coordinator.merge(delta: deltas[document]!, document: document) }
            states.append(coordinator.encodeState())

            var finish = try workerSet()
            try finish.loadState(coordinator.encodeState())
            guard case .list(let list) = finish.aggregate(at: 1), case .counter(let counter) = finish.aggregate(at: 0) else {
                Issue.record("kinds lost")
                return
            }
            #expect(list.values == (0..<12).map { .integer(Int64($0)) })
            #expect(counter.top().map(\.count) == [4, 4, 4])
        }
        #expect(Set(states).count == 1)
    }

    @Test func shardsMergeToTheSameState() throws {
        var whole = AggregateSet(), shards = [AggregateSet(), AggregateSet()]
        var worker = try workerSet()
        for document in 0..<10 {
            try runDocument(document, in: &worker)
            let delta = worker.takeDelta()!
            try whole.merge(delta: delta, document: document)
            try shards[document % 2].merge(delta: delta, document: document)
        }
        var merged = AggregateSet()
        try merged.merge(state: shards[1].encodeState())
        try merged.merge(state: shards[0].encodeState())
        #expect(merged.encodeState() == whole.encodeState())
    }

    @Test func nothingAddedMeansNoDelta() throws {
        var set = try workerSet()
        #expect(set.takeDelta() == nil)
        try runDocument(1, in: &set)
        #expect(set.takeDelta() != nil)
        #expect(set.takeDelta() == nil)
        try runDocument(2, in: &set)
        set.discardDelta()
        #expect(set.takeDelta() == nil)
        #expect(set == (try workerSet()), "emptied aggregates keep their configuration")
    }

    @Test func deltasOfAnotherShapeAreRefusedAndChangeNothing() throws {
        var worker = try workerSet()
        try runDocument(0, in: &worker)
        let delta = worker.takeDelta()!

        var renamed = AggregateSet()
        try renamed.create(.counter(Counter()), name: "quotes")
        #expect(throws: AggregateError.self) { try renamed.merge(delta: delta, document: 0) }

        var otherBins = AggregateSet()
        try otherBins.create(.counter(Counter()), name: "speakers")
        try otherBins.create(.list(ItemList()))
        try otherBins.create(.histogram(Histogram(try Histogram.Configuration(min: 0, max: 10, bins: 3))))
        let before = otherBins
        #expect(throws: AggregateError.self) { try otherBins.merge(delta: delta, document: 0) }
        #expect(otherBins == before)

        var otherKind = AggregateSet()
        try otherKind.create(.stats(Stats()), name: "speakers")
        #expect(throws: AggregateError.self) { try otherKind.loadState(delta) }

        var fewer = AggregateSet()
        try fewer.create(.counter(Counter()), name: "speakers")
        #expect(throws: AggregateError.self) { try fewer.loadState(delta) }
    }

    @Test func namesAreUnique() throws {
        var set = AggregateSet()
        try set.create(.counter(Counter()), name: "a")
        #expect(throws: AggregateError.invalid("there is already an aggregate named 'a'")) {
            try set.create(.set(KeySet()), name: "a")
        }
        try set.create(.set(KeySet()))
        try set.create(.set(KeySet()))
        #expect(set.count == 3)
    }

    @Test func everyKindRoundTripsThroughAState() throws {
        let set = try sampleSet()
        var loaded = AggregateSet()
        try loaded.loadState(set.encodeState())
        #expect(loaded == set)
        #expect(loaded.encodeState() == set.encodeState())
    }
}
