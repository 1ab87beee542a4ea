import LuaRuntime

/// `emit{...}`: how a script writes a row.
///
/// A row is a table with string keys whose values are strings, numbers, booleans or tables of
/// those (written as JSON arrays and objects). The table is read raw: its metamethods do not
/// run. Anything else is refused with an argument error naming the field.
public enum EmitBinding {
    /// A Lua function that checks each row and hands it to `sink`.
    public static func function(in state: LuaState, sink: @escaping (LuaTable) throws -> Void) -> LuaValue {
        state.function { frame in
            let row = try frame.table(1)
            if let problem = problem(in: row) { throw LuaCallError.argument(1, problem) }
            try sink(row)
            return 0
        }
    }

    /// Why `row` cannot be written, or `nil` when it can.
    static func problem(in row: LuaTable) -> String? {
        if !row.sequence.isEmpty {
            return "a row needs named fields, as in emit{doc = doc.id, n = 1}; got a list"
        }
        for field in row.fields {
            guard case .string(let name) = field.key else {
                return "field names must be strings; got a \(field.key.typeName) key"
            }
            if let kind = unwritable(field.value) {
                return "field '\(name.text)' holds a \(kind); rows hold strings, numbers, booleans and tables of them"
            }
        }
        return nil
    }

    /// The type of the first value in `value` that a row cannot hold (a function, userdata…), or nil.
    static func unwritable(_ value: LuaValue) -> String? {
        switch value {
        case .nil, .boolean, .integer, .number, .string: return nil
        case .table(let table):
            for element in table.sequence { if let kind = unwritable(element) { return kind } }
            for field in table.fields {
                if let kind = unwritable(field.key) ?? unwritable(field.value) { return kind }
            }
            return nil
        default: return value.typeName
        }
    }
}
