import Aggregates
import LuaRuntime
import Testing

/// The binary coding reads back what it wrote, and refuses anything else without crashing.
@Suite struct WireTests {
    @Test func numbersRoundTrip() throws {
        var writer = WireWriter()
        let unsigned: [UInt64] = [0, 1, 127, 128, 300, 1 << 32, .max]
        let signed: [Int64] = [0, -1, 1, -64, 64, .min, .max]
        let doubles: [Double] = [0, -0.0, 1.5, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        unsigned.forEach { writer.writeUnsigned($0) }
        signed.forEach { writer.writeInteger($0) }
        doubles.forEach { writer.writeDouble($0) }
        writer.writeDouble(.nan)
        var reader = WireReader(writer.bytes)
        #expect(try unsigned.map { _ in try reader.readUnsigned() } == unsigned)
        #expect(try signed.map { _ in try reader.readInteger() } == signed)
        #expect(try doubles.map { _ in try reader.readDouble().bitPattern } == doubles.map(\.bitPattern))
        #expect(try reader.readDouble().isNaN)
        try reader.expectEnd()
    }

    @Test func smallNumbersAreShort() {
        var writer = WireWriter()
        writer.writeInteger(-3)
        writer.writeUnsigned(127)
        #expect(writer.bytes == [0x05, 0x7F])
    }

    @Test func valuesRoundTrip() throws {
        let values: [LuaValue] = [
            .nil, true, false, 42, -7, 2.5, "", .string(LuaString(bytes: [0, 255, 10])),
            .table(LuaTable(sequence: [1, "two", .table(LuaTable(["deep": true]))], fields: [.init(key: 10, value: "ten"), .init(key: 1.5, value: "x")])),
        ]
        var writer = WireWriter()
        values.forEach { writer.writeValue($0) }
        writer.writeOptionalString(nil)
        writer.writeOptionalString("name")
        var reader = WireReader(writer.bytes)
        #expect(try values.map { _ in try reader.readValue() } == values)
        #expect(try reader.readOptionalString() == nil)
        #expect(try reader.readOptionalString() == "name")
        try reader.expectEnd()
    }

    @Test func truncatedInputIsReportedWhereItEnds() throws {
        let bytes = try sampleSet().encodeState()
        for length in 0..<bytes.count {
            var set = AggregateSet()
            #expect(throws: AggregateError.self, "prefix of \(length) bytes") { try set.loadState(Array(bytes[..<length])) }
            #expect(set == AggregateSet(), "a failed load changes nothing")
        }
        var reader = WireReader([0x80, 0x80])
        #expect(throws: WireError(.truncated, at: 2)) { try reader.readUnsigned() }
    }

    @Test func corruptInputIsRefused() {
        var tooLong = WireReader(Array(repeating: 0xFF, count: 11))
        #expect(throws: WireError.self) { try tooLong.readUnsigned() }
        var pastSixtyFourBits = WireReader(Array(repeating: 0xFF, count: 9) + [0x02])
        #expect(throws: WireError.self) { try pastSixtyFourBits.readUnsigned() }
        var hugeCount = WireReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2])
        #expect(throws: WireError(.truncated, at: 0)) { try hugeCount.readBytes() }
        var badTag = WireReader([99])
        #expect(throws: WireError(.malformed("unknown value tag 99"), at: 0)) { try badTag.readValue() }
        var nested = WireReader(Array(repeating: [6, 1], count: 300).flatMap { $0 } + [0, 0])
        #expect(throws: WireError.self) { try nested.readValue() }
        var trailing = AggregateSet()
        // A byte after the last aggregate, an unknown version, and the version before ours.
        #expect(throws: AggregateError.self) { try trailing.loadState([2, 0, 0]) }
        #expect(throws: AggregateError.self) { try trailing.loadState([99, 0]) }
        #expect(throws: AggregateError.self) { try trailing.loadState([1, 0]) }
    }

    /// Random bytes, and valid data with random bytes changed: errors or values, never a crash.
    @Test func garbageNeverCrashes() throws {
        var random = SeededRandom(seed: 11)
        let valid = try sampleSet().encodeState()
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            var set = AggregateSet()
            try? set.loadState(bytes)
            var other = AggregateSet()
            try? other.merge(delta: bytes, document: round)
        }
    }
}

/// A set with one aggregate of every kind, each holding something.
func sampleSet() throws -> AggregateSet {
    var set = AggregateSet()
    var counter = Counter()
    try counter.add("Sessions", 3)
    try counter.add(7)
    var keys = KeySet()
    keys.add(.number(0.5))
    var histogram = Histogram(try Histogram.Configuration(min: 0, max: 100, bins: 10))
    try histogram.add(42)
    try histogram.add(-1)
    var list = ItemList()
    try list.add(.table(LuaTable(["quote": "we need to take children away"])), document: 3)
    var stats = Stats()
    try stats.add(.float(1.25))
    try stats.add(.integer(-4))
    try set.create(.counter(counter), name: "speakers")
    try set.create(.set(keys))
    try set.create(.histogram(histogram), name: "lengths")
    try set.create(.list(list))
    try set.create(.stats(stats))
    return set
}
