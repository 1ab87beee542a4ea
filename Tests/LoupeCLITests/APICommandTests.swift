import Foundation
import LoupeTestSupport
import Testing

/// `loupe help`, `loupe docs`, `loupe types`.
@Suite struct APICommandTests {
    @Test func theCommittedReferenceIsUpToDate() throws {
        let generated = try runLoupe(["docs"])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/api.md"), encoding: .utf8)
        #expect(generated.stdout == committed, "docs/api.md is out of date: run `make docs`")
    }

    @Test func helpPrintsOneEntry() throws {
        let result = try runLoupe(["help", "Span.raw_start"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Span.raw_start: integer?\n"))
        let missing = try runLoupe(["help", "sentense"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no API entry named 'sentense'"))
        let command = try runLoupe(["help", "run"])
        #expect(command.stdout.contains("USAGE: loupe run"))
    }

    @Test func typesWritesDefinitionsAndLuarc() throws {
        try withTemporaryDirectory { dir in
            let result = try runLoupe(["types", "defs"], in: dir)
            #expect(result.status == 0)
            let definitions = try String(contentsOf: dir.appendingPathComponent("defs/loupe.d.lua"), encoding: .utf8)
            #expect(definitions.hasPrefix("---@meta loupe"))
            #expect(definitions.contains("function Document:sentences() end"))
            let luarc = try String(contentsOf: dir.appendingPathComponent(".luarc.json"), encoding: .utf8)
            #expect(luarc.contains(#""workspace.library": ["defs"]"#))
        }
    }
}
