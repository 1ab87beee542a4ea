import LuaRuntime

/// Why an emitted Lua value cannot be a row, in Lua's grammar: "emit: field 'x' is a
/// function; emit strings, numbers, booleans or tables".
public struct RowError: Error, Equatable, CustomStringConvertible {
    /// The message, naming the field and what to do.
    public var message: String

    /// Makes an error with `message`, which should start "emit: ".
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    /// `'name'`, or a Lua literal when the name has quotes, control bytes or invalid UTF-8.
    static func quoted(_ name: String) -> String {
        quoted(LuaString(name))
    }

    static func quoted(_ name: LuaString) -> String {
        let plain = name.isValidUTF8 && !name.bytes.contains { $0 < 0x20 || $0 == 0x27 || $0 == 0x7F }
        return plain ? "'\(name.text)'" : name.description
    }
}

extension Row {
    /// Reads a row from the table a script passed to `emit`.
    ///
    /// Top-level keys must be non-empty UTF-8 strings without control characters (they become
    /// column names, in CSV headers and SQL too); values must
    /// be strings, numbers, booleans or tables of those. A nested table is kept as compact
    /// JSON (``Cell/json(_:)``), its keys in the snapshot's fixed order. The table is a
    /// snapshot, so no metamethod runs.
    ///
    /// - Parameters:
    ///   - emitted: the table given to `emit{…}` or `emit("name", {…})`.
    ///   - table: the output table's name.
    /// - Throws: ``RowError``: "emit: field 'f' is a function; emit strings, numbers,
    ///   booleans or tables".
    public init(emitted: LuaTable, table: String = Row.defaultTable) throws(RowError) {
        try Row.validateTableName(table)
        if !emitted.sequence.isEmpty {
            throw RowError("emit: a row needs named fields, as in emit{doc = doc.id, n = 1}; got a list")
        }
        var columns: [Column] = []
        columns.reserveCapacity(emitted.fields.count)
        for field in emitted.fields {
            guard case .string(let key) = field.key else {
                throw RowError(
                    "emit: field names must be strings; got a \(field.key.typeName) key "
                        + "(\(JSONWriter.string(field.key)))")
            }
            guard key.isValidUTF8, !key.bytes.isEmpty, !key.bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                throw RowError(
                    "emit: field name \(key.description) cannot name a column; "
                        + "use non-empty UTF-8 names without control characters")
            }
            columns.append(Column(name: key.text, value: try Cell(lua: field.value, field: key.text)))
        }
        self.init(table: table, columns: columns)
    }
}

extension Cell {
    /// The cell for a Lua value in field `field` of an emitted row.
    init(lua value: LuaValue, field: String) throws(RowError) {
        switch value {
        case .nil: self = .null
        case .boolean(let b): self = .bool(b)
        case .integer(let i): self = .integer(i)
        case .number(let d): self = .real(d)
        case .string(let s): self = .text(s.bytes)
        case .table:
            try Cell.checkNested(value, at: field)
            self = .json(JSONWriter.string(value))
        default:
            throw RowError(
                "emit: field \(RowError.quoted(field)) is a \(value.typeName); "
                    + "emit strings, numbers, booleans or tables")
        }
    }

    /// Checks that a nested value holds only what JSON can: `path` names the place
    /// (`parts[2].name`) in the message.
    private static func checkNested(_ value: LuaValue, at path: String) throws(RowError) {
        switch value {
        case .nil, .boolean, .integer, .number, .string: return
        case .table(let table):
            for (index, element) in table.sequence.enumerated() {
                try checkNested(element, at: "\(path)[\(index + 1)]")
            }
            for field in table.fields {
                switch field.key {
                case .string(let key): try checkNested(field.value, at: "\(path).\(key.text)")
                case .integer, .number, .boolean:
                    try checkNested(field.value, at: "\(path)[\(JSONWriter.string(field.key))]")
                default:
                    throw RowError(
                        "emit: field \(RowError.quoted(path)) has a \(field.key.typeName) key; "
                            + "keys inside tables must be strings, numbers or booleans")
                }
            }
        default:
            throw RowError(
                "emit: field \(RowError.quoted(path)) is a \(value.typeName); "
                    + "emit strings, numbers, booleans or tables")
        }
    }
}
