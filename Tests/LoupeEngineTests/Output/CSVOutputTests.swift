import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

/// CSV outputs: RFC 4180 quoting, headers that are the union of columns, one file per table.
@Suite struct CSVOutputTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [
                (0, Row(["a": "plain", "b": "with, comma", "c": "say \"hi\"", "d": "two\nlines", "e": "cr\rhere"])),
                (1, Row(["a": "", "b": .null, "c": 1.5, "d": -7, "e": false])),
            ])
            #expect(try contents(of: path) == """
                a,b,c,d,e\r
                plain,"with, comma","say ""hi""\",\"two
                lines","cr\rhere"\r
                "",,1.5,-7,false\r

                """)
        }
    }

    @Test func invalidUTF8BecomesReplacementCharacter() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [(0, Row(["t": .text([0x61, 0xFF, 0x62]), "u": "naïve"]))])
            #expect(try contents(of: path) == "t,u\r\na\u{FFFD}b,naïve\r\n")
        }
    }

    @Test func nestedValuesAreQuotedJSON() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [(0, Row(["parts": .json(#"[1,"two"]"#), "real": 2.0]))])
            #expect(try contents(of: path) == "parts,real\r\n\"[1,\"\"two\"\"]\",2.0\r\n")
        }
    }

    @Test func headerIsTheUnionOfColumnsInOrderOfFirstAppearance() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [
                (0, Row(["doc": "a", "n": 1])),
                (0, Row(["doc": "a", "m": 2, "z": 3])),
                (1, Row(["n": 4])),
                (2, Row(["doc": "c", "b": 5])),
            ])
            #expect(try contents(of: path) == """
                doc,n,m,z,b\r
                a,1,,,\r
                a,,2,3,\r
                ,4,,,\r
                c,,,,5\r

                """)
        }
    }

    @Test func nullCellsAddNoColumnsSoHeadersMatchSQLite() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [(0, Row(["doc": "a", "n": .null])), (1, Row(["doc": "b", "n": 2, "late": "x"]))])
            #expect(try contents(of: path) == "doc,late,n\r\na,,\r\nb,x,2\r\n")
        }
    }

    @Test func eachTableHasItsOwnFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            let files = try writeOutput(path, [
                (0, Row(table: "people", ["name": "Sessions"])),
                (0, Row(["doc": "a"])),
                (1, Row(table: "quotes", ["text": "we need"])),
                (1, Row(table: "people", ["name": "Rosenstein", "role": "deputy"])),
            ])
            #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["out.csv", "out.people.csv", "out.quotes.csv"])
            #expect(try contents(of: path) == "doc\r\na\r\n")
            #expect(try contents(of: files[1]) == "name,role\r\nSessions,\r\nRosenstein,deputy\r\n")
            #expect(try contents(of: files[2]) == "text\r\nwe need\r\n")
            #expect(try listing(of: dir) == ["out.csv", "out.people.csv", "out.quotes.csv"])
        }
    }

    @Test func aRunWithoutRowsStillReplacesTheOutput() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeFile("out.csv", "stale\r\n", in: dir)
            try writeOutput(path, [])
            #expect(try contents(of: path) == "")
        }
    }

    @Test func aLoneEmptyFieldIsNotABlankLine() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try writeOutput(path, [(0, Row(["a": "x"])), (1, Row(["a": ""])), (2, Row([:]))])
            #expect(try contents(of: path) == "a\r\nx\r\n\"\"\r\n\"\"\r\n")
        }
    }

    @Test func manyRowsGoThroughTheSpool() throws {
        // Enough rows to cross the spool's buffers several times, with a column added late.
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("big.csv").path
            let output = try OutputSet(path: path)
            let text = String(repeating: "x", count: 300)
            for i in 0..<5_000 {
                let row = i == 4_999 ? Row(["i": .integer(Int64(i)), "late": "y"]) : Row(["i": .integer(Int64(i)), "t": .string(text)])
                try output.write(row, document: i)
            }
            try output.commit()
            let lines = try contents(of: path).components(separatedBy: "\r\n")
            #expect(lines.count == 5_002)
            #expect(lines[0] == "i,t,late")
            #expect(lines[1] == "0,\(text),")
            #expect(lines[5_000] == "4999,,y")
        }
    }

    @Test func oneTableMayGoToStandardOutput() throws {
        #expect(try standardOutput(format: .csv, [Row(["a": 1]), Row(["b": "x,y"])]) == "a,b\r\n1,\r\n,\"x,y\"\r\n")
        #expect(throws: OutputError.self) {
            try standardOutput(format: .csv, [Row(["a": 1]), Row(table: "other", ["b": 2])])
        }
    }
}
