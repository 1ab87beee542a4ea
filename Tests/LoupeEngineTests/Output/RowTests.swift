import LoupeEngine
import LoupeTestSupport
import LuaRuntime
import Testing

/// Rows from emitted Lua tables: column order, cells, and the errors scripts see.
@Suite struct RowTests {
    @Test func columnsLeadWithDocAndIdThenByteOrder() {
        let row = Row(["quote": "q", "id": 3, "Speaker": "S", "doc": "a.txt", "date": "d", "é": 1])
        #expect(row.columns.map(\.name) == ["doc", "id", "Speaker", "date", "quote", "é"])
        #expect(row.table == "rows")
        #expect(row["date"] == "d")
        #expect(row["missing"] == .null)
    }

    @Test func luaValuesBecomeCells() throws {
        let nested = LuaTable(sequence: [1, "two"])
        let emitted = LuaTable([
            "flag": true, "n": 3, "x": 2.0, "s": .string(LuaString(bytes: [0x61, 0xFF])), "parts": .table(nested),
        ])
        let row = try Row(emitted: emitted, table: "quotes")
        #expect(row.table == "quotes")
        #expect(row["flag"] == .bool(true))
        #expect(row["n"] == .integer(3))
        #expect(row["x"] == .real(2.0))
        #expect(row["s"] == .text([0x61, 0xFF]))  // Kept byte for byte; writers repair.
        #expect(row["parts"] == .json(#"[1,"two"]"#))
        #expect(row.columns.map(\.name) == ["flag", "n", "parts", "s", "x"])
    }

    @Test func aTableSnapshottedFromLuaBecomesARow() throws {
        let lua = try Sandboxed()
        let value = try lua.value("return {doc = 'a', n = 1, x = 2.0, tags = {'p', 'q'}, meta = {k = true, [2] = 'b'}}")
        guard case .table(let table) = value else {
            Issue.record("expected a table, got \(value)")
            return
        }
        let row = try Row(emitted: table)
        #expect(row.columns.map(\.name) == ["doc", "meta", "n", "tags", "x"])
        #expect(row["tags"] == .json(#"["p","q"]"#))
        #expect(row["meta"] == .json(#"{"2":"b","k":true}"#))
        #expect(row["x"] == .real(2.0))
    }

    @Test func unwritableValuesAreNamedInLuaGrammar() throws {
        let lua = try Sandboxed()
        let function = try lua.value("return function() end")
        #expect(throws: RowError("emit: field 'f' is a function; emit strings, numbers, booleans or tables")) {
            try Row(emitted: LuaTable(["f": function]))
        }
        let deep = LuaTable(["parts": .table(LuaTable(sequence: [1, .table(LuaTable(["g": function]))]))])
        #expect(throws: RowError("emit: field 'parts[2].g' is a function; emit strings, numbers, booleans or tables")) {
            try Row(emitted: deep)
        }
    }

    @Test func rowsNeedStringKeysAndValidNames() {
        #expect(throws: RowError("emit: a row needs named fields, as in emit{doc = doc.id, n = 1}; got a list")) {
            try Row(emitted: LuaTable(sequence: [1, 2]))
        }
        #expect(throws: RowError("emit: field names must be strings; got a boolean key (true)")) {
            try Row(emitted: LuaTable(fields: [.init(key: true, value: 1)]))
        }
        #expect(throws: RowError.self) { try Row(emitted: LuaTable(["": 1])) }
        #expect(throws: RowError.self) { try Row(emitted: LuaTable(["a\nb": 1])) }
        #expect(throws: RowError.self) {
            try Row(emitted: LuaTable(fields: [.init(key: .string(LuaString(bytes: [0xFF])), value: 1)]))
        }
    }

    @Test func tableNamesMustBeSafeForFilesAndSQL() throws {
        try Row.validateTableName("quotes_2b")
        try Row.validateTableName("_by_speaker")
        for bad in ["", "a/b", "../x", "a b", "a.b", "a-b", "2quotes", "é", String(repeating: "x", count: 65)] {
            #expect(throws: RowError.self) { try Row.validateTableName(bad) }
        }
        let error = #expect(throws: RowError.self) { try Row(emitted: LuaTable(["a": 1]), table: "a/b") }
        #expect(error?.message == "emit: a table name is a letter or '_' followed by letters, digits or '_' (at most 64); got 'a/b'")
    }
}
