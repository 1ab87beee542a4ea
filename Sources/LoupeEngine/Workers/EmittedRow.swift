import LuaRuntime

/// A row as a script emitted it: the table it goes to and its fields, read raw.
public struct EmittedRow: Equatable, Sendable {
    /// The output table's name: `emit("quotes", {…})` names it; `emit{…}` writes to
    /// ``defaultTable``.
    public var table: String
    /// The row's fields.
    public var fields: LuaTable

    /// The table a row goes to when the script names none.
    public static let defaultTable = "rows"

    /// A row of `table`.
    public init(table: String = EmittedRow.defaultTable, fields: LuaTable) {
        self.table = table
        self.fields = fields
    }
}
