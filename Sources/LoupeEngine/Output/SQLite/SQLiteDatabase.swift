internal import CSQLite

/// A thin handle on an SQLite database: statements run, errors become ``OutputError``
/// naming the output file and SQLite's own reason.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    /// The output the database becomes, for messages.
    let outputPath: String

    /// Opens (creating) the database file at `path`.
    init(path: String, outputPath: String) throws(OutputError) {
        self.outputPath = outputPath
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        if status != SQLITE_OK {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(handle)
            handle = nil
            throw OutputError(path: outputPath, "SQLite cannot open \(path): \(reason)")
        }
    }

    deinit { close() }

    /// Runs SQL that returns no rows.
    func execute(_ sql: String) throws(OutputError) {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw error(reason, sql: sql)
        }
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws(OutputError) -> SQLiteStatement {
        var statement: OpaquePointer?
        if sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) != SQLITE_OK {
            throw error(String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return SQLiteStatement(statement, database: self)
    }

    /// The error for a failed statement.
    func error(_ reason: String, sql: String) -> OutputError {
        OutputError(path: outputPath, "SQLite failed: \(reason) (in: \(sql.prefix(200)))")
    }

    /// The last error's message.
    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Closes the database (statements must be finalized first).
    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// `name` quoted as an SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}

/// A compiled statement, reused for every row.
final class SQLiteStatement {
    private var handle: OpaquePointer?
    private unowned let database: SQLiteDatabase

    fileprivate init(_ handle: OpaquePointer?, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { finalize() }

    /// Binds `cell` to parameter `index` (1-based).
    func bind(_ cell: Cell, at index: Int32) {
        switch cell {
        case .null: sqlite3_bind_null(handle, index)
        case .bool(let value): sqlite3_bind_int64(handle, index, value ? 1 : 0)
        case .integer(let value): sqlite3_bind_int64(handle, index, value)
        case .real(let value): sqlite3_bind_double(handle, index, value)  // NaN is stored as NULL.
        case .text(let bytes):
            if bytes.allSatisfy({ $0 < 0x80 }) {
                bindText(bytes, at: index)
            } else {
                bindText(Array(String(decoding: bytes, as: UTF8.self).utf8), at: index)
            }
        case .json(let text): bindText(Array(text.utf8), at: index)
        }
    }

    private func bindText(_ bytes: [UInt8], at index: Int32) {
        guard !bytes.isEmpty else {
            // An empty text is text, not NULL: SQLite needs a non-null pointer for it.
            _ = "".withCString { loupe_sqlite3_bind_text_copy(handle, index, $0, 0) }
            return
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                _ = loupe_sqlite3_bind_text_copy(handle, index, $0.baseAddress, Int32($0.count))
            }
        }
    }

    /// Runs the statement once, then readies it for the next row.
    func run() throws(OutputError) {
        let status = sqlite3_step(handle)
        let failure = status == SQLITE_DONE ? nil : database.lastErrorMessage
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        if let failure { throw database.error(failure, sql: String(cString: sqlite3_sql(handle))) }
    }

    /// Frees the statement.
    func finalize() {
        if let handle { sqlite3_finalize(handle) }
        handle = nil
    }
}
