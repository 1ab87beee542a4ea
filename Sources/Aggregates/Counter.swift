/// Counts per key (`loupe.counter`): how many times each speaker was quoted.
///
/// Merging adds counts key by key, so merging deltas in any grouping gives what adding them
/// one by one gives. A key once added stays, even with a count of 0.
public struct Counter: Equatable, Sendable {
    /// The count of each key.
    public private(set) var counts: [AggregateKey: Int64] = [:]

    /// An empty counter.
    public init() {}

    /// Adds `amount` (not negative) to `key`'s count.
    /// - Throws: ``AggregateError/invalid(_:)`` for a negative amount,
    ///   ``AggregateError/overflow(_:)`` past Int64's range (the count is left as it was).
    public mutating func add(_ key: AggregateKey, _ amount: Int64 = 1) throws(AggregateError) {
        guard amount >= 0 else { throw .invalid("counts only grow: the amount must not be negative") }
        let (sum, overflow) = counts[key, default: 0].addingReportingOverflow(amount)
        guard !overflow else { throw .overflow("the count of \(key) passes \(Int64.max)") }
        counts[key] = sum
    }

    /// The count of `key`, 0 if it was never added.
    public func count(of key: AggregateKey) -> Int64 { counts[key] ?? 0 }

    /// The sum of all counts.
    /// - Throws: ``AggregateError/overflow(_:)`` when it passes Int64's range.
    public func total() throws(AggregateError) -> Int64 {
        var total: Int64 = 0
        for count in counts.values {
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw .overflow("the total of the counter passes \(Int64.max)") }
            total = sum
        }
        return total
    }

    /// The `limit` most frequent keys (all when nil): count descending, then key ascending
    /// (numbers before strings, strings byte-wise), so ties always come out the same way.
    /// - Complexity: O(n log n) for n keys.
    public func top(_ limit: Int? = nil) -> [(key: AggregateKey, count: Int64)] {
        let sorted = counts.map { (key: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
        }
        guard let limit, limit < sorted.count else { return sorted }
        return Array(sorted.prefix(max(limit, 0)))
    }

    /// Adds every count of `other`.
    /// - Throws: ``AggregateError/overflow(_:)`` when a count passes Int64's range.
    public mutating func merge(_ other: Counter) throws(AggregateError) {
        for (key, count) in other.counts { try add(key, count) }
    }
}

extension Counter: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .counter(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .counter(self) }

    public static var kind: AggregateKind { .counter }
    public var isEmpty: Bool { counts.isEmpty }
    public func emptied() -> Counter { Counter() }

    /// Entries by key ascending, so equal counters have equal bytes.
    public func encode(into writer: inout WireWriter) {
        writer.writeCount(counts.count)
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
            key.encode(into: &writer)
            writer.writeUnsigned(UInt64(count))
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        var previous: AggregateKey?
        for _ in 0..<(try reader.readCount(minimumSize: 3)) {
            let key = try AggregateKey(decoding: &reader)
            guard previous.map({ $0 < key }) ?? true else { throw reader.malformed("counter keys out of order") }
            let count = try reader.readUnsigned()
            guard count <= UInt64(Int64.max) else { throw reader.malformed("a count past Int64's range") }
            counts[key] = Int64(count)
            previous = key
        }
    }
}
