import LuaRuntime

/// A key of a counter, or a member of a set: a number or a string.
///
/// Numbers are keyed the way Lua keys tables: a float with an integral value in the 64-bit
/// range is the integer (`3.0` and `3` are one key, and so are `-0.0` and `0`); other floats
/// stay floats; NaN is refused. Strings are kept byte for byte, and a string is never the
/// same key as a number (`"3"` and `3` are two keys), again as in Lua tables.
///
/// Keys sort numbers first, by value, then strings byte-wise: the order of `values()`, and
/// of `top()` among equal counts.
public enum AggregateKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case integer(Int64)
    /// A float that is not an integer in Int64's range (`0.5`, `1e300`, `inf`); never NaN.
    case number(Double)
    case string(LuaString)

    /// The key for a Lua value, or nil when it cannot be one (not a number or a string, or NaN).
    public init?(_ value: LuaValue) {
        switch value {
        case .integer(let i): self = .integer(i)
        case .number(let d): self.init(number: d)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// The key for a float (nil for NaN), normalised as Lua normalises table keys.
    public init?(number: Double) {
        if number.isNaN { return nil }
        if let exact = Int64(exactly: number) { self = .integer(exact) } else { self = .number(number) }
    }

    /// The key as a Lua value.
    public var value: LuaValue {
        switch self {
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        }
    }

    public var description: String {
        switch self {
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): s.description
        }
    }

    public static func < (a: AggregateKey, b: AggregateKey) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x < y
        case (.string, _): false
        case (_, .string): true
        case (.integer(let x), .integer(let y)): x < y
        case (.number(let x), .number(let y)): x < y
        case (.integer(let x), .number(let y)): ExactNumber.compare(x, y) < 0
        case (.number(let x), .integer(let y)): ExactNumber.compare(y, x) > 0
        }
    }

    // MARK: - Coding

    func encode(into writer: inout WireWriter) {
        switch self {
        case .integer(let i):
            writer.writeByte(0)
            writer.writeInteger(i)
        case .number(let d):
            writer.writeByte(1)
            writer.writeDouble(d)
        case .string(let s):
            writer.writeByte(2)
            writer.writeString(s)
        }
    }

    init(decoding reader: inout WireReader) throws(WireError) {
        switch try reader.readByte() {
        case 0: self = .integer(try reader.readInteger())
        case 1:
            let d = try reader.readDouble()
            // Only the normalised form is ever written: anything else would make two keys equal
            // in Lua but different here.
            guard let key = AggregateKey(number: d), case .number = key else {
                throw reader.malformed("a float key that should be an integer, or NaN")
            }
            self = key
        case 2: self = .string(try reader.readString())
        case let tag: throw reader.malformed("unknown key tag \(tag)")
        }
    }
}

/// Exact comparison of Lua's two kinds of numbers, without the rounding of converting an
/// Int64 to a Double (2^53 + 1 is not 2^53).
enum ExactNumber {
    /// -1, 0 or 1 as `integer` is less than, equal to or greater than `float` (not NaN).
    static func compare(_ integer: Int64, _ float: Double) -> Int {
        if float >= 0x1p63 { return -1 }
        if float < -0x1p63 { return 1 }
        // In range: compare the integer with the float's integral part, then its fraction.
        let whole = Int64(float.rounded(.down))
        if integer != whole { return integer < whole ? -1 : 1 }
        return float > float.rounded(.down) ? -1 : 0
    }
}
