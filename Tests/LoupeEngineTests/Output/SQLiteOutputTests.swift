import CSQLite
import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

/// SQLite outputs, read back through SQLite's own C API (not the writer's wrapper).
@Suite struct SQLiteOutputTests {
    @Test func columnsAreTypedFromTheirFirstValue() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.sqlite").path
            try writeOutput(path, [
                (0, Row(["doc": "a", "n": 1, "x": 0.5, "ok": true, "parts": .json("[1]"), "bad": .text([0x61, 0xFF])])),
                (1, Row(["doc": "b", "n": 2, "x": 3, "ok": false, "empty": ""])),
            ])
            let database = try TestDatabase(path)
            #expect(try database.rows("SELECT name, type FROM pragma_table_info('rows') ORDER BY cid") == [
                ["doc", "TEXT"], ["bad", "TEXT"], ["n", "INTEGER"], ["ok", "INTEGER"], ["parts", "TEXT"],
                ["x", "REAL"], ["empty", "TEXT"],
            ])
            #expect(try database.rows(
                "SELECT doc, typeof(bad), bad, n, typeof(n), ok, parts, x, typeof(x), quote(empty) FROM rows ORDER BY rowid") == [
                ["a", "text", "a\u{FFFD}", "1", "integer", "1", "[1]", "0.5", "real", "NULL"],
                ["b", "null", "NULL", "2", "integer", "0", "NULL", "3.0", "real", "''"],
            ])
        }
    }

    @Test func laterRowsAddColumnsAndTablesGetAnIndexOnTheDocument() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.sqlite").path
            try writeOutput(path, [
                (0, Row(["doc": "a", "n": .null])),
                (1, Row(["doc": "b", "n": 2, "late": "x"])),
                (2, Row(table: "people", ["id": 7, "name": "Sessions"])),
                (3, Row(table: "counts", ["k": "v"])),
            ])
            let database = try TestDatabase(path)
            #expect(try database.rows("SELECT doc, n, late FROM rows ORDER BY rowid") == [["a", "NULL", "NULL"], ["b", "2", "x"]])
            #expect(try database.rows("SELECT name, type FROM pragma_table_info('rows') ORDER BY cid") == [
                ["doc", "TEXT"], ["late", "TEXT"], ["n", "INTEGER"],  // n was only NULL in the first row.
            ])
            #expect(try database.rows("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name") == [
                ["people", #"CREATE INDEX "people_id_index" ON "people" ("id")"#],
                ["rows", #"CREATE INDEX "rows_doc_index" ON "rows" ("doc")"#],
            ])
            #expect(try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") == [
                ["counts"], ["people"], ["rows"],
            ])
        }
    }

    @Test func rowsBeforeTheFirstValueAreKept() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.sqlite").path
            try writeOutput(path, [(0, Row([:])), (1, Row(["a": .null])), (2, Row(["a": 1]))])
            #expect(try TestDatabase(path).rows("SELECT quote(a) FROM rows ORDER BY rowid") == [["NULL"], ["NULL"], ["1"]])
        }
    }

    @Test func namesThatDifferOnlyInCaseAreRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.sqlite").path
            let output = try OutputSet(path: path)
            try output.write(Row(["Name": "a"]), document: 0)
            let error = #expect(throws: OutputError.self) { try output.write(Row(["name": "b"]), document: 1) }
            #expect(error?.message.contains("columns 'Name' and 'name'") == true)
            #expect(throws: OutputError.self) { try output.write(Row(["A": 1, "a": 2]), document: 2) }
            output.abandon()
            #expect(try listing(of: dir) == [])
        }
    }

    @Test func identicalRunsGiveIdenticalBytes() throws {
        try withTemporaryDirectory { dir in
            let rows: [(Int, Row)] = (0..<200).map { ($0, Row(["doc": .string("d\($0)"), "n": .integer(Int64($0))])) }
            let first = dir.appendingPathComponent("a.sqlite").path, second = dir.appendingPathComponent("b.sqlite").path
            try writeOutput(first, rows)
            try writeOutput(second, rows)
            #expect(try bytes(of: first) == bytes(of: second))
        }
    }
}

/// A database opened read-only through SQLite's C API.
private final class TestDatabase {
    private var handle: OpaquePointer?

    init(_ path: String) throws {
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw TestFailure("cannot open \(path)")
        }
    }

    deinit { sqlite3_close(handle) }

    /// The rows of `sql`, each value as text ("NULL" for NULL).
    func rows(_ sql: String) throws -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw TestFailure(String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        var rows: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                guard let text = sqlite3_column_text(statement, column) else { return "NULL" }
                return String(cString: text)
            })
        }
        return rows
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
