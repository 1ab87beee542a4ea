import LuaRuntime

/// Count, sum, minimum, maximum and mean of numbers (`loupe.stats`).
///
/// The sum is exact and rounded once when read, so it is the same however the corpus was
/// split across workers and shards. When only integers were added and their sum fits in an
/// Int64, the sum is that integer.
///
/// Integers are summed in an `Int128`, exact for any count of Int64s an Int64 count allows,
/// and floats in an ``ExactSum``: a document usually adds an integer or two, and the
/// coordinator merges a delta per document, where an ``ExactSum`` of an integer (limbs in
/// units of 2^-1074) took about 18 words to decode and add.
public struct Stats: Equatable, Sendable {
    /// How many numbers were added.
    public private(set) var count: Int64 = 0
    /// The smallest number added, nil when none was.
    public private(set) var minimum: StatsNumber?
    /// The largest number added, nil when none was.
    public private(set) var maximum: StatsNumber?
    /// The sum of the floats added.
    private var floatSum = ExactSum()
    /// The sum of the integers added.
    private var integerSum: Int128 = 0
    private var onlyIntegers = true

    /// No numbers yet.
    public init() {}

    /// Adds a number.
    /// - Throws: ``AggregateError/invalid(_:)`` for NaN, which has no place in an order.
    public mutating func add(_ number: StatsNumber) throws(AggregateError) {
        switch number {
        case .integer(let i):
            integerSum += Int128(i)
        case .float(let d):
            guard !d.isNaN else { throw .invalid("stats cannot take NaN (not a number)") }
            floatSum.add(d)
            onlyIntegers = false
        }
        count &+= 1
        include(number)
    }

    private mutating func include(_ number: StatsNumber) {
        if minimum.map({ number.precedes($0) }) ?? true { minimum = number }
        if maximum.map({ $0.precedes(number) }) ?? true { maximum = number }
    }

    /// The sum: an integer when only integers were added and it fits, else the exact sum
    /// rounded once (0 when nothing was added).
    public var sum: StatsNumber {
        if onlyIntegers, let sum = Int64(exactly: integerSum) { return .integer(sum) }
        return .float(exactSum.value)
    }

    /// The mean (the exact sum rounded once, divided by the count), nil when nothing was added.
    public var mean: Double? {
        count == 0 ? nil : exactSum.value / Double(count)
    }

    /// Every number's sum, exact.
    private var exactSum: ExactSum {
        var sum = floatSum
        sum.add(integerSum)
        return sum
    }
}

extension Stats: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .stats(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .stats(self) }

    public static var kind: AggregateKind { .stats }
    public var isEmpty: Bool { count == 0 }
    public func emptied() -> Stats { Stats() }

    public mutating func merge(_ other: Stats) {
        guard !other.isEmpty else { return }
        count &+= other.count
        floatSum.merge(other.floatSum)
        integerSum += other.integerSum
        onlyIntegers = onlyIntegers && other.onlyIntegers
        if let minimum = other.minimum { include(minimum) }
        if let maximum = other.maximum { include(maximum) }
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeUnsigned(UInt64(bitPattern: count))
        guard count != 0, let minimum, let maximum else { return }
        minimum.encode(into: &writer)
        maximum.encode(into: &writer)
        floatSum.encode(into: &writer)
        writer.writeInteger(Int64(truncatingIfNeeded: integerSum >> 64))
        writer.writeUnsigned(UInt64(truncatingIfNeeded: integerSum))
        writer.writeByte(onlyIntegers ? 1 : 0)
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        count = Int64(bitPattern: try reader.readUnsigned())
        guard count != 0 else { return }
        minimum = try StatsNumber(decoding: &reader)
        maximum = try StatsNumber(decoding: &reader)
        floatSum = try ExactSum(decoding: &reader)
        let high = try reader.readInteger(), low = try reader.readUnsigned()
        integerSum = Int128(high) << 64 | Int128(low)
        switch try reader.readByte() {
        case 0: onlyIntegers = false
        case 1: onlyIntegers = true
        case let flag: throw reader.malformed("bad integers flag \(flag) in stats")
        }
    }
}
