import LuaRuntime

/// `emit{...}` and `emit("table", {...})`: how a script writes a row.
///
/// A row is a table with string keys whose values are strings, numbers, booleans or tables of
/// those (written as JSON arrays and objects). The table is read raw: its metamethods do not
/// run. Anything else is refused with an argument error naming the field. A row goes to the
/// output table `rows` unless the script names another.
public enum EmitBinding {
    /// The output table of `emit{…}`.
    public static let defaultTable = "rows"

    /// A Lua function that checks each row and hands it, with its table's name, to `sink`.
    public static func function(in state: LuaState, sink: @escaping (String, LuaTable) throws -> Void) -> LuaValue {
        state.function { frame in
            var table = defaultTable
            var rowArgument: Int32 = 1
            if frame.type(1) == .string {
                table = try frame.string(1)
                rowArgument = 2
                if let problem = problem(inTableName: table) { throw LuaCallError.argument(1, problem) }
            }
            let row = try frame.table(rowArgument)
            if let problem = problem(in: row) { throw LuaCallError.argument(rowArgument, problem) }
            try sink(table, row)
            return 0
        }
    }

    /// Why `name` cannot name an output table (it becomes part of file names and an SQL
    /// table name), or `nil` when it can: the one rule for table names, wherever rows come from.
    public static func problem(inTableName name: String) -> String? {
        let bytes = Array(name.utf8)
        let isLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F }
        guard let first = bytes.first, isLetter(first), bytes.count <= 64,
            bytes.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) })
        else {
            return "a table name is a letter or '_' followed by letters, digits or '_' (at most 64); got '\(name)'"
        }
        return nil
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
