import LoupeBindings

/// One output row: the table it belongs to and its named cells, in column order.
///
/// **Column order** is fixed by the names alone, so the same row always has the same layout:
/// the conventional identifying columns come first, `doc` then `id` (see
/// ``leadingColumns``), then every other column in byte-wise order of its UTF-8 name
/// (`Speaker` before `date` before `quote`). Across the rows of a table, a CSV header and an
/// SQLite table list columns in the order they first appear.
///
/// ```swift
/// let row = Row(["quote": "…", "doc": "a.txt", "date": "2021-01-14"])
/// row.columns.map(\.name)  // ["doc", "date", "quote"]
/// ```
public struct Row: Equatable, Sendable {
    /// One named cell.
    public struct Column: Equatable, Sendable {
        /// The column's name.
        public var name: String
        /// Its value in this row.
        public var value: Cell

        /// Makes a named cell.
        public init(name: String, value: Cell) {
            self.name = name
            self.value = value
        }
    }

    /// The table a row goes to when the script names none: `emit{…}` writes to "rows".
    public static let defaultTable = "rows"

    /// Columns that lead every row, in this order, when present: they say which document a
    /// row came from, and SQLite outputs index the first one a table has.
    public static let leadingColumns = ["doc", "id"]

    /// The table the row goes to (``defaultTable`` unless the script named one).
    public let table: String
    /// The cells, in column order.
    public let columns: [Column]

    /// Makes a row of `table` from named cells, given in any order.
    ///
    /// - Precondition: names are distinct, and `table` is a valid name
    ///   (``validateTableName(_:)``); ``init(emitted:table:)`` checks both for rows from Lua.
    public init(table: String = Row.defaultTable, columns: [Column]) {
        self.table = table
        self.columns = columns.sorted { Row.columnPrecedes($0.name, $1.name) }
        for (a, b) in zip(self.columns, self.columns.dropFirst()) {
            precondition(a.name != b.name, "a row holds column '\(a.name)' twice")
        }
    }

    /// Makes a row of `table` from name–value pairs, given in any order.
    public init(table: String = Row.defaultTable, _ cells: KeyValuePairs<String, Cell>) {
        self.init(table: table, columns: cells.map { Column(name: $0.key, value: $0.value) })
    }

    /// The cell named `name`, or ``Cell/null`` when the row has no such column.
    public subscript(name: String) -> Cell {
        columns.first { $0.name == name }?.value ?? .null
    }

    /// Whether column `a` comes before column `b` (the rule in the type's documentation).
    static func columnPrecedes(_ a: String, _ b: String) -> Bool {
        let rankA = leadingColumns.firstIndex(of: a) ?? leadingColumns.count
        let rankB = leadingColumns.firstIndex(of: b) ?? leadingColumns.count
        if rankA != rankB { return rankA < rankB }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Checks that `name` can name a table, by the rule `emit` applies
    /// (``EmitBinding/problem(inTableName:)``): it becomes part of a file name
    /// (`out.quotes.csv`) and an SQL table's name.
    ///
    /// - Throws: ``RowError`` saying which characters are allowed.
    public static func validateTableName(_ name: String) throws(RowError) {
        if let problem = EmitBinding.problem(inTableName: name) {
            throw RowError("emit: \(problem)")
        }
    }
}
