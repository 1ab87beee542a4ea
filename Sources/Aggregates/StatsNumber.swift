import LuaRuntime

/// A number as Lua has it: an integer or a float. ``Stats`` keeps its minimum and maximum
/// this way, so that `stats.min` of integers is an integer.
public enum StatsNumber: Equatable, Sendable {
    case integer(Int64)
    case float(Double)

    /// The number as a Lua value.
    public var value: LuaValue {
        switch self {
        case .integer(let i): .integer(i)
        case .float(let d): .number(d)
        }
    }

    /// The number as a float (rounded past 2^53).
    public var double: Double {
        switch self {
        case .integer(let i): Double(i)
        case .float(let d): d
        }
    }

    /// Whether `self` comes before `other` in a total order: by value, exactly, and an integer
    /// before a float of equal value, so that the minimum and maximum of the same numbers do
    /// not depend on the order they came in. Neither may be NaN.
    func precedes(_ other: StatsNumber) -> Bool {
        switch (self, other) {
        case (.integer(let a), .integer(let b)): a < b
        case (.float(let a), .float(let b)): a < b || (a == b && a.sign == .minus && b.sign == .plus)
        case (.integer(let a), .float(let b)): ExactNumber.compare(a, b) <= 0
        case (.float(let a), .integer(let b)): ExactNumber.compare(b, a) > 0
        }
    }

    func encode(into writer: inout WireWriter) {
        switch self {
        case .integer(let i):
            writer.writeByte(0)
            writer.writeInteger(i)
        case .float(let d):
            writer.writeByte(1)
            writer.writeDouble(d)
        }
    }

    init(decoding reader: inout WireReader) throws(WireError) {
        switch try reader.readByte() {
        case 0: self = .integer(try reader.readInteger())
        case 1:
            let d = try reader.readDouble()
            guard !d.isNaN else { throw reader.malformed("NaN as a minimum or maximum") }
            self = .float(d)
        case let tag: throw reader.malformed("unknown number tag \(tag)")
        }
    }
}
