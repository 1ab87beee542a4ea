import Aggregates
import LuaRuntime
import Testing

/// A small seeded generator (SplitMix64), so that "random" tests fail the same way twice.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes `value` and reads it back.
func roundTrip<Value: AggregateValue>(_ value: Value) throws -> Value {
    var writer = WireWriter()
    value.encode(into: &writer)
    var reader = WireReader(writer.bytes)
    let decoded = try Value(decoding: &reader)
    try reader.expectEnd()
    return decoded
}

/// The bytes `value` encodes to.
func encoded<Value: AggregateValue>(_ value: Value) -> [UInt8] {
    var writer = WireWriter()
    value.encode(into: &writer)
    return writer.bytes
}

/// Checks the laws the runner relies on for one kind of aggregate.
///
/// `documents[i]` is what document `i` adds. The state built by adding every document in turn
/// must equal the one obtained by taking each document's delta apart and merging the deltas
/// left to right, right to left (later parts first, as shards merged late), and in a random
/// tree; equal states must encode to equal bytes, and every state must survive a round trip.
func expectMergeLaws<Value: AggregateValue>(
    _ empty: Value, documents: [(inout Value, Int) throws -> Void],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    var sequential = empty
    var deltas: [Value] = []
    for (index, document) in documents.enumerated() {
        try document(&sequential, index)
        var delta = empty.emptied()
        try document(&delta, index)
        deltas.append(delta)
    }

    var leftToRight = empty
    for delta in deltas { try leftToRight.merge(delta) }

    var rightToLeft = empty
    for delta in deltas.reversed() {
        var part = delta
        try part.merge(rightToLeft)
        rightToLeft = part
    }

    var random = SeededRandom(seed: UInt64(documents.count))
    var parts = deltas
    while parts.count > 1 {
        let i = Int.random(in: 0..<parts.count - 1, using: &random)
        var merged = parts[i]
        try merged.merge(parts[i + 1])
        parts.replaceSubrange(i...i + 1, with: [merged])
    }
    let tree = parts.first ?? empty

    for (name, state) in [("left to right", leftToRight), ("right to left", rightToLeft), ("tree", tree)] {
        #expect(state == sequential, "\(name)", sourceLocation: sourceLocation)
        #expect(encoded(state) == encoded(sequential), "\(name) bytes", sourceLocation: sourceLocation)
    }
    #expect(try roundTrip(sequential) == sequential, "round trip", sourceLocation: sourceLocation)
    var withEmpty = sequential
    try withEmpty.merge(empty.emptied())
    #expect(withEmpty == sequential, "merging an empty value changes nothing", sourceLocation: sourceLocation)
}

extension AggregateKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(LuaString(value)) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
}
