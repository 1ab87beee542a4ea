/// A Lua value as Swift sees it.
///
/// Plain data (nil, booleans, numbers, strings, tables) is copied into Swift: a ``LuaTable`` is a
/// snapshot, read with raw access only, so reading a value never runs a script's metamethods.
/// Values that only make sense inside Lua (functions, userdata, coroutines) are held by a
/// ``LuaReference`` that keeps them alive in the state's registry.
///
/// Integers and floats stay apart, as in Lua 5.4: `3` is ``integer(_:)`` and `3.0` is
/// ``number(_:)``.
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaString)
    case table(LuaTable)
    case function(LuaReference)
    case userdata(LuaReference)
    case thread(LuaReference)
    /// A light userdata: a bare pointer, compared by address.
    case lightUserdata(UInt)

    /// The name Lua's `type()` gives this value.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        case .function: "function"
        case .userdata, .lightUserdata: "userdata"
        case .thread: "thread"
        }
    }

    /// Whether the value can be a table key (Lua refuses nil and NaN).
    public var isValidKey: Bool {
        switch self {
        case .nil: false
        case .number(let d): !d.isNaN
        default: true
        }
    }

    /// Whether Lua treats the value as false in a condition (only `nil` and `false` are).
    public var isFalsy: Bool {
        switch self {
        case .nil, .boolean(false): true
        default: false
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(LuaString(value)) }
}

/// The bytes of a Lua string.
///
/// Lua strings are byte strings: they may hold zero bytes and need not be valid UTF-8.
/// ``text`` decodes them, replacing invalid sequences with U+FFFD.
public struct LuaString: Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The string's bytes, exactly as Lua holds them.
    public var bytes: [UInt8]

    /// Wraps raw bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// Encodes `text` as UTF-8.
    public init(_ text: String) { self.bytes = Array(text.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The bytes decoded as UTF-8, with invalid sequences replaced by U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// Whether the bytes are valid UTF-8.
    public var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }
    /// The string as a Lua literal (`"a\\0b"`), for messages and test output.
    public var description: String { LuaFormatter.quote(bytes) }

    /// Byte-wise order, as Lua compares strings in the C locale.
    public static func < (a: LuaString, b: LuaString) -> Bool {
        a.bytes.lexicographicallyPrecedes(b.bytes)
    }
}

/// A snapshot of a Lua table.
///
/// The keys `1...n` with no gap form ``sequence``; every other entry is in ``fields``, sorted
/// so that the snapshot does not depend on Lua's hash order (which changes from run to run):
/// booleans, then numbers by value, then strings byte-wise, then the rest.
public struct LuaTable: Equatable, Sendable {
    /// One entry of ``LuaTable/fields``.
    public struct Field: Equatable, Sendable {
        public var key: LuaValue
        public var value: LuaValue
        public init(key: LuaValue, value: LuaValue) {
            self.key = key
            self.value = value
        }
    }

    /// The values at keys `1, 2, …, n`.
    public var sequence: [LuaValue]
    /// All other entries, in a fixed order.
    public var fields: [Field]

    /// Makes a table from its array part and its other entries (sorted here).
    public init(sequence: [LuaValue] = [], fields: [Field] = []) {
        self.sequence = sequence
        self.fields = fields.sorted { LuaTable.keyPrecedes($0.key, $1.key) }
    }

    /// Makes a table with string keys.
    public init(_ fields: KeyValuePairs<String, LuaValue>) {
        self.init(fields: fields.map { Field(key: .string(LuaString($0.key)), value: $0.value) })
    }

    /// The value stored under `key`, or `.nil`.
    public subscript(key: LuaValue) -> LuaValue {
        if case .integer(let i) = key, i >= 1, i <= sequence.count { return sequence[Int(i) - 1] }
        return fields.first { $0.key == key }?.value ?? .nil
    }

    /// The value stored under a string key, or `.nil`.
    public subscript(key: String) -> LuaValue { self[.string(LuaString(key))] }

    /// Whether the table has no entries.
    public var isEmpty: Bool { sequence.isEmpty && fields.isEmpty }

    static func keyPrecedes(_ a: LuaValue, _ b: LuaValue) -> Bool {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb }
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.string(let x), .string(let y)): return x < y
        default:
            if let x = numeric(a), let y = numeric(b) { return x < y }
            return false
        }
    }

    private static func rank(_ v: LuaValue) -> Int {
        switch v {
        case .boolean: 0
        case .integer, .number: 1
        case .string: 2
        default: 3
        }
    }

    private static func numeric(_ v: LuaValue) -> Double? {
        switch v {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}
