/// One value of an output row: what a column holds for that row.
///
/// Each format writes a cell its own way, always the same bytes for the same cell:
///
/// | cell      | CSV                | JSON Lines          | SQLite                 |
/// |-----------|--------------------|---------------------|------------------------|
/// | `null`    | empty field        | `null`              | NULL                   |
/// | `bool`    | `true` / `false`   | `true` / `false`    | INTEGER 1 / 0          |
/// | `integer` | digits             | digits              | INTEGER                |
/// | `real`    | `2.5`, `2.0`, `inf`| `2.5`; `null` if not finite | REAL (NaN is NULL) |
/// | `text`    | the text           | a JSON string       | TEXT                   |
/// | `json`    | the JSON text      | nested JSON, as is  | TEXT (the JSON text)   |
///
/// In CSV and SQLite a null cell is the same as an absent column: it adds no column of its
/// own, so both formats list the same columns in the same order.
///
/// Text keeps the bytes it was given (Lua strings need not be UTF-8); every format writes
/// UTF-8, so invalid sequences are written as U+FFFD.
public enum Cell: Equatable, Sendable {
    /// No value (in a Lua row, a field that is absent).
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer (Lua 5.4 keeps integers and floats apart: `3` is an integer, `3.0` is not).
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text, as bytes.
    case text([UInt8])
    /// A nested value (a Lua table), already rendered as compact JSON.
    case json(String)

    /// A text cell holding `string`'s UTF-8 bytes.
    public static func string(_ string: String) -> Cell { .text(Array(string.utf8)) }

    /// The text of a text cell with invalid UTF-8 replaced by U+FFFD; nil for other cells.
    public var textValue: String? {
        if case .text(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    /// Whether the cell is ``null`` (no value).
    public var isNull: Bool { self == .null }
}

extension Cell: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral
{
    /// `nil` is ``null``.
    public init(nilLiteral: ()) { self = .null }
    /// `true` is `.bool(true)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `3` is `.integer(3)`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `2.5` is `.real(2.5)`.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// `"x"` is a text cell.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension Cell {
    /// The text of a real number: the shortest that reads back exactly, with a fraction
    /// (`2.0`) as Lua prints it; `nan`, `inf`, `-inf` when not finite.
    static func realText(_ value: Double) -> String { JSONWriter.formatDouble(value) }
}
