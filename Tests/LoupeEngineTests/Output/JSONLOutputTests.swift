import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

/// JSON Lines outputs: exact bytes, one file per table, and the one stream of standard output.
@Suite struct JSONLOutputTests {
    @Test func rowsAreCompactObjectsInColumnOrder() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.jsonl").path
            try writeOutput(path, [
                (0, Row(["z": "last", "doc": "a.txt", "n": 2, "x": 0.5, "ok": true, "none": .null])),
                (1, Row(["doc": "b\"c\n", "parts": .json(#"{"k":[1,2]}"#), "bad": .text([0xFF]), "inf": .real(.infinity)])),
            ])
            #expect(try contents(of: path) == """
                {"doc":"a.txt","n":2,"none":null,"ok":true,"x":0.5,"z":"last"}
                {"doc":"b\\"c\\n","bad":"\u{FFFD}","inf":null,"parts":{"k":[1,2]}}

                """)
        }
    }

    @Test func eachTableHasItsOwnFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.jsonl").path
            let files = try writeOutput(path, [
                (0, Row(table: "quotes", ["table": "a column like any other"])),
                (1, Row(["doc": "b"])),
            ])
            #expect(files == [path, dir.appendingPathComponent("out.quotes.jsonl").path])
            #expect(try contents(of: path) == #"{"doc":"b"}"# + "\n")
            #expect(try contents(of: files[1]) == #"{"table":"a column like any other"}"# + "\n")
        }
    }

    @Test func standardOutputNamesTablesOtherThanTheDefault() throws {
        let text = try standardOutput(format: .jsonl, [
            Row(["doc": "a"]), Row(table: "quotes", ["doc": "a", "text": "q"]), Row(table: "empty", [:]),
        ])
        #expect(text == """
            {"doc":"a"}
            {"table":"quotes","doc":"a","text":"q"}
            {"table":"empty"}

            """)
        #expect(throws: OutputError.self) {
            try standardOutput(format: .jsonl, [Row(table: "quotes", ["table": "clash"])])
        }
    }

    @Test func formatsComeFromTheExtension() throws {
        #expect(try OutputFormat.of(path: "a/b.CSV") == .csv)
        #expect(try OutputFormat.of(path: "b.ndjson") == .jsonl)
        #expect(try OutputFormat.of(path: "x.y/b.db") == .sqlite)
        #expect(try OutputFormat.of(path: "-") == .jsonl)
        let error = #expect(throws: OutputError.self) { try OutputFormat.of(path: "x.y/out") }
        #expect(error?.message == "x.y/out: cannot tell the output format from the name; end it with .csv, .jsonl or .sqlite")
        #expect(throws: OutputError.self) { try OutputSet(path: "-", format: .sqlite) }
    }
}
