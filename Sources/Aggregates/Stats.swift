import LuaRuntime

/// Count, sum, minimum, maximum and mean of numbers (`loupe.stats`).
///
/// The sum is exact (``ExactSum``) and rounded once when read, so it is the same however the
/// corpus was split across workers and shards. When only integers were added and their sum
/// fits in an Int64, the sum is that integer.
public struct Stats: Equatable, Sendable {
    /// How many numbers were added.
    public private(set) var count: Int64 = 0
    /// The smallest number added, nil when none was.
    public private(set) var minimum: StatsNumber?
    /// The largest number added, nil when none was.
    public private(set) var maximum: StatsNumber?
    private var exactSum = ExactSum()
    /// The integers' sum modulo 2^64: exact whenever the true sum fits in an Int64, in any
    /// order of addition (wrapping addition is associative, unlike checked addition).
    private var wrappedIntegerSum: Int64 = 0
    private var onlyIntegers = true

    /// No numbers yet.
    public init() {}

    /// Adds a number.
    /// - Throws: ``AggregateError/invalid(_:)`` for NaN, which has no place in an order.
    public mutating func add(_ number: StatsNumber) throws(AggregateError) {
        switch number {
        case .integer(let i):
            exactSum.add(i)
            wrappedIntegerSum &+= i
        case .float(let d):
            guard !d.isNaN else { throw .invalid("stats cannot take NaN (not a number)") }
            exactSum.add(d)
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
        let rounded = exactSum.value
        // The rounded sum is below 2^63 only if the exact one is: the wrapped sum is then exact.
        if onlyIntegers, rounded > -0x1p63, rounded < 0x1p63 { return .integer(wrappedIntegerSum) }
        return .float(rounded)
    }

    /// The mean (the exact sum rounded once, divided by the count), nil when nothing was added.
    public var mean: Double? {
        count == 0 ? nil : exactSum.value / Double(count)
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
        exactSum.merge(other.exactSum)
        wrappedIntegerSum &+= other.wrappedIntegerSum
        onlyIntegers = onlyIntegers && other.onlyIntegers
        if let minimum = other.minimum { include(minimum) }
        if let maximum = other.maximum { include(maximum) }
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeUnsigned(UInt64(bitPattern: count))
        guard count != 0, let minimum, let maximum else { return }
        minimum.encode(into: &writer)
        maximum.encode(into: &writer)
        exactSum.encode(into: &writer)
        writer.writeInteger(wrappedIntegerSum)
        writer.writeByte(onlyIntegers ? 1 : 0)
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        count = Int64(bitPattern: try reader.readUnsigned())
        guard count != 0 else { return }
        minimum = try StatsNumber(decoding: &reader)
        maximum = try StatsNumber(decoding: &reader)
        exactSum = try ExactSum(decoding: &reader)
        wrappedIntegerSum = try reader.readInteger()
        switch try reader.readByte() {
        case 0: onlyIntegers = false
        case 1: onlyIntegers = true
        case let flag: throw reader.malformed("bad integers flag \(flag) in stats")
        }
    }
}
