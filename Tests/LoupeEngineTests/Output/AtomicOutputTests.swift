import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

/// Outputs appear whole or not at all, and a previous output survives until the new one is
/// complete.
@Suite struct AtomicOutputTests {
    @Test(arguments: ["out.csv", "out.jsonl", "out.sqlite"])
    func nothingAppearsBeforeCommit(name: String) throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent(name).path
            let output = try OutputSet(path: path)
            try output.write(Row(["doc": "a", "n": 1]), document: 0)
            try output.write(Row(table: "extra", ["doc": "a"]), document: 0)
            #expect(try listing(of: dir).allSatisfy { $0.hasPrefix(".") })
            try output.commit()
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try listing(of: dir).allSatisfy { !$0.hasPrefix(".") })
        }
    }

    @Test(arguments: ["out.csv", "out.jsonl", "out.sqlite"])
    func anAbandonedOutputLeavesThePreviousOneIntact(name: String) throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent(name).path
            try writeOutput(path, [(0, Row(["doc": "old"]))])
            let previous = try bytes(of: path)
            let output = try OutputSet(path: path)
            try output.write(Row(["doc": "new", "n": 1]), document: 0)
            output.abandon()
            #expect(try bytes(of: path) == previous)
            #expect(try listing(of: dir) == [name])
            #expect(throws: OutputError.self) { try output.write(Row(["doc": "late"]), document: 1) }
        }
    }

    @Test func droppingAnOutputWithoutCommitAbandonsIt() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("out.jsonl").path
            try writeFile("out.jsonl", "previous\n", in: dir)
            do {
                let output = try OutputSet(path: path)
                try output.write(Row(["doc": "new"]), document: 0)
                try output.write(Row(table: "more", ["doc": "new"]), document: 0)
            }
            #expect(try contents(of: path) == "previous\n")
            #expect(try listing(of: dir) == ["out.jsonl"])
        }
    }

    @Test func aMissingFolderIsReportedByName() throws {
        let error = #expect(throws: OutputError.self) { try OutputSet(path: "/nonexistent-loupe-folder/out.jsonl") }
        #expect(error?.message.hasPrefix("/nonexistent-loupe-folder/out.jsonl: cannot create a temporary file in '/nonexistent-loupe-folder'") == true)
    }

    @Test func rowsMustComeInDocumentOrder() throws {
        try withTemporaryDirectory { dir in
            let output = try OutputSet(path: dir.appendingPathComponent("out.csv").path)
            try output.write(Row(["a": 1]), document: 5)
            try output.write(Row(["a": 2]), document: 5)
            #expect(throws: OutputError.self) { try output.write(Row(["a": 3]), document: 4) }
        }
    }
}
