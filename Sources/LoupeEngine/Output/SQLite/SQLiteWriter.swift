/// Writes every table into one SQLite database: one SQL table per output table, with typed
/// columns, an index on the document column, and all rows inserted in one transaction.
///
/// - A column's type is that of the first value it receives: INTEGER (integers, booleans as
///   1/0), REAL, or TEXT (text, and nested values as JSON text). SQLite keeps later values
///   of another kind as they are (a 2.5 in an INTEGER column stays 2.5).
/// - A column is created by the first row that gives it a value (NULL needs no column);
///   later rows that bring new columns add them with `ALTER TABLE … ADD COLUMN`, in order
///   of first appearance.
/// - A table whose rows never held any value has no columns, and SQLite cannot store it:
///   it is left out of the database.
/// - The first of ``Row/leadingColumns`` a table has (`doc`, else `id`) gets an index, built
///   at the end, which is faster than maintaining it during the inserts.
///
/// The database is built under a temporary name with no rollback journal and no syncs
/// (an abandoned build is simply deleted), then flushed to disk and renamed into place.
final class SQLiteWriter: RowWriter {
    private final class Table {
        let name: String
        var columns = ColumnSet()
        /// Columns by ASCII-lowercased name: SQLite does not tell `Name` from `name`.
        var folded: [String: String] = [:]
        var insert: SQLiteStatement?
        /// Rows that came before the table had any column, inserted once it has one.
        var rowsWithoutValues = 0
        init(name: String) { self.name = name }
    }

    private let file: StagedFile
    private let database: SQLiteDatabase
    private var tables: [String: Table] = [:]
    private var order: [String] = []

    /// Starts a database for `path`.
    init(path: String) throws(OutputError) {
        file = try StagedFile(destination: path)
        file.closeDescriptor()
        database = try SQLiteDatabase(path: file.temporaryPath, outputPath: path)
        try database.execute(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; BEGIN")
    }

    func write(_ row: Row) throws(OutputError) {
        let table: Table
        if let known = tables[row.table] {
            table = known
        } else {
            table = Table(name: row.table)
            tables[row.table] = table
            order.append(row.table)
        }
        let valued = row.columns.filter { !$0.value.isNull }
        let newColumns = valued.filter { table.columns.position(of: $0.name) == nil }
        if !newColumns.isEmpty { try add(newColumns, to: table) }
        guard let insert = table.insert else {
            table.rowsWithoutValues += 1
            return
        }
        for column in valued {
            // Every valued column has a position now; positions are 0-based, parameters 1-based.
            if let position = table.columns.position(of: column.name) { insert.bind(column.value, at: Int32(position + 1)) }
        }
        try insert.run()
    }

    /// Creates or widens `table` for `columns`, and compiles its insert anew.
    private func add(_ columns: [Row.Column], to table: Table) throws(OutputError) {
        // Checked before any change, so a refused row leaves the table as it was.
        var added: [String: String] = [:]
        for column in columns {
            let key = String(decoding: column.name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
            if let other = table.folded[key] ?? added[key] {
                throw OutputError(
                    path: file.destination,
                    "table '\(table.name)' has columns '\(other)' and '\(column.name)', which SQLite takes for "
                        + "the same name; rename one of them in emit{…}")
            }
            added[key] = column.name
        }
        let definitions = columns.map { SQLiteDatabase.quoted($0.name) + " " + Self.type(of: $0.value) }
        let tableName = SQLiteDatabase.quoted(table.name)
        if table.columns.count == 0 {
            try database.execute("CREATE TABLE \(tableName) (\(definitions.joined(separator: ", ")))")
            for _ in 0..<table.rowsWithoutValues { try database.execute("INSERT INTO \(tableName) DEFAULT VALUES") }
            table.rowsWithoutValues = 0
        } else {
            for definition in definitions { try database.execute("ALTER TABLE \(tableName) ADD COLUMN \(definition)") }
        }
        for column in columns { _ = table.columns.add(column.name) }
        table.folded.merge(added) { existing, _ in existing }
        table.insert?.finalize()
        let names = table.columns.names.map(SQLiteDatabase.quoted).joined(separator: ", ")
        let parameters = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        table.insert = try database.prepare("INSERT INTO \(tableName) (\(names)) VALUES (\(parameters))")
    }

    /// The declared type for a column whose first value is `cell`.
    static func type(of cell: Cell) -> String {
        switch cell {
        case .bool, .integer: "INTEGER"
        case .real: "REAL"
        case .null, .text, .json: "TEXT"
        }
    }

    func finish() throws(OutputError) -> [StagedFile] {
        for name in order {
            guard let table = tables[name], table.columns.count > 0 else { continue }
            table.insert?.finalize()
            table.insert = nil
            if let column = Row.leadingColumns.first(where: { table.columns.position(of: $0) != nil }) {
                try database.execute(
                    "CREATE INDEX \(SQLiteDatabase.quoted("\(name)_\(column)_index")) "
                        + "ON \(SQLiteDatabase.quoted(name)) (\(SQLiteDatabase.quoted(column)))")
            }
        }
        try database.execute("COMMIT")
        database.close()
        try file.finish()
        return [file]
    }

    func abandon() {
        for table in tables.values { table.insert?.finalize() }
        tables.removeAll()
        database.close()
        file.discard()
    }
}
