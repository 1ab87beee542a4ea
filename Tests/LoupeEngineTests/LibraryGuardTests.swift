import DocFormats
import DocModel
import Foundation
import LoupeBindings
import LoupeEngine
import LoupeTestSupport
import Testing

/// The library tables a worker's documents share (`string`, `math`, `loupe`…) take changes at
/// the script's top level only: a change made while a document runs would show in that
/// worker's later documents alone, so results would depend on `--jobs`.
@Suite struct LibraryGuardTests {
    /// Runs `script` with `arguments` on documents `a`, `b` and `c`, then `finish`: each
    /// document's rows (as JSON) or failure, and `finish`'s rows or failure.
    func run(
        _ script: String, arguments: [String] = [], plugin: String? = nil
    ) throws -> (documents: [String], finish: [String]) {
        try withTemporaryDirectory { dir in
            var plugins = PluginRuntime()
            if let plugin {
                let root = dir.appendingPathComponent("p")
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                try writeFile("p.lua", plugin, in: root)
                plugins = PluginRuntime(plugins: [.init(name: "p", root: root.path, modules: ["p"])])
            }
            let runner = try ScriptRunner(
                setup: WorkerSetup(path: "s.lua", source: script, arguments: arguments, plugins: plugins),
                limits: testLimits, print: { _ in })
            var documents: [String] = []
            for name in ["a", "b", "c"] {
                let path = try writeFile(name + ".txt", "Text of \(name).", in: dir)
                let document = try #require(try DocumentLoader.load(path: path).first?.get())
                switch runner.run(document) {
                case .success(let products): documents += products.rows.map { JSONWriter.string(.table($0.fields)) }
                case .failure(let failure):
                    // Without the document's name (a temporary path) and the traceback.
                    let line = failure.message.components(separatedBy: "\n")[0]
                    documents.append(String(line[(line.range(of: "s.lua:")?.lowerBound ?? line.startIndex)...]))
                }
            }
            let finish = runner.finish(aggregates: [])
            return (documents, finish.failure.map { [$0.components(separatedBy: "\n")[0]] }
                ?? finish.rows.map { JSONWriter.string(.table($0.fields)) })
        }
    }

    static let why = "library tables are shared by the documents of a worker, so the change would leak into the next ones (set it at the script's top level, or use a local)"

    @Test func changingALibraryWhileADocumentRunsFailsThatDocumentNamingTableAndKey() throws {
        let outcome = try run("""
            function document(doc)
              emit{doc = doc.id, loupe_x = tostring(loupe.x), string_x = tostring(string.x), math_pi = math.pi}
              loupe.x = doc.id; string.x = doc.id; math.pi = 3
            end
            """)
        // Every document fails alike, none seeing another's change (its rows are dropped).
        #expect(outcome.documents == Array(repeating: "s.lua:3: cannot set 'x' in 'loupe' while a document runs: \(Self.why)", count: 3))
        for (library, key) in [("string", "x"), ("math", "pi"), ("table", "insert"), ("utf8", "x"), ("coroutine", "x"),
                               ("os", "time"), ("io", "open"), ("loupe.stats", "x"), ("loupe.fs", "read"), ("loupe.args", "1")] {
            let refused = try run("function document(doc) \(library)[\(key == "1" ? "1" : "'\(key)'")] = 1 end")
            #expect(refused.documents.first == "s.lua:1: cannot set '\(key)' in '\(library)' while a document runs: \(Self.why)")
        }
    }

    @Test func aPluginSeesTheScriptsArguments() throws {
        let outcome = try run(
            "local p = require \"p\"\nfunction document(doc) emit{plugin = p.args(), script = table.concat(loupe.args, \",\")} end",
            arguments: ["a", "b"], plugin: "return {args = function() return table.concat(loupe.args, \",\") end}")
        #expect(outcome.documents == Array(repeating: #"{"plugin":"a,b","script":"a,b"}"#, count: 3))
    }

    @Test func rawsetIsRefusedAlikeAndOtherwiseStillWorks() throws {
        let refused = try run("function document(doc) rawset(string, 'format', tostring) end")
        #expect(refused.documents.first == "s.lua:1: cannot set 'format' in 'string' while a document runs: \(Self.why)")
        let works = try run("""
            function document(doc)
              local t = {}
              emit{same = rawset(t, "k", 1) == t, k = t.k, bad = select(2, pcall(function() rawset(nil, 1, 2) end))}
            end
            """)
        #expect(works.documents.first == #"{"bad":"s.lua:3: bad argument #1 to 'rawset' (table expected, got nil)","k":1,"same":true}"#)
    }

    @Test func writingThroughUnderscoreGStaysInTheDocumentsOwnGlobals() throws {
        let outcome = try run("""
            function document(doc)
              emit{seen = tostring(_G.seen), same = _G == _ENV}
              _G.seen = doc.id
            end
            """)
        #expect(outcome.documents == Array(repeating: #"{"same":true,"seen":"nil"}"#, count: 3))
    }

    @Test func topLevelChangesStayAndLibrariesStillRead() throws {
        let outcome = try run("""
            function string.trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
            local lib = string            -- a reference kept at the top level is guarded too
            local stats = loupe.stats("lengths")
            function document(doc)
              local names = 0
              for name in pairs(string) do names = names + 1 end
              local args = {}
              for i, a in ipairs(loupe.args) do args[i] = a end
              emit{doc = doc.id, trim = string.trim("  x "), names = names, count = #loupe.args, args = table.concat(args, " "),
                   first = loupe.args[1], format = string.format("%03d", 7), method = ("x"):upper(),
                   stats = type(stats), string_mt = tostring(getmetatable("")), lib_mt = tostring(getmetatable(string)),
                   kept = pcall(function() lib.y = 1 end)}
            end
            """, arguments: ["--since", "2016"])
        // string's 16 functions (no dump) and trim.
        #expect(outcome.documents == ["a", "b", "c"].map { doc in
            #"{"args":"--since 2016","count":2,"doc":"\#(doc)","first":"--since","format":"007","kept":false,"lib_mt":"false","#
                + #""method":"X","names":17,"stats":"userdata","string_mt":"false","trim":"x"}"#
        })
    }

    @Test func finishMayNotChangeLibrariesEither() throws {
        let outcome = try run("""
            function document(doc) end
            function finish() emit{args = loupe.args, math = math.floor(2.5)} table.x = 1 end
            """, arguments: ["a"])
        #expect(outcome.finish == ["s.lua: finish: s.lua:2: cannot set 'x' in 'table' while finish(report) runs: \(Self.why)"])
        let rows = try run("function document(doc) end\nfunction finish() emit{args = loupe.args, pi = math.pi > 3} end", arguments: ["a"])
        // The host reads a guarded table (loupe.args) as the table behind it.
        #expect(rows.finish == [#"{"args":["a"],"pi":true}"#])
    }

    @Test func aPluginMayNotChangeItsLibrariesWhileADocumentRunsButMayChangeItsOwnTables() throws {
        let outcome = try run("""
            local p = require "p"
            function document(doc)
              local ok, refused = pcall(p.poke, doc.id)
              emit{doc = doc.id, seen = p.remember(doc.id), refused = refused, trimmed = p.trim("  x  ")}
            end
            """, plugin: """
            local M = {seen = {}}
            local string = string          -- as modules often start
            function string.trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end   -- at load: allowed
            function M.poke(v) string.poked = v end
            function M.trim(s) return string.trim(s) end
            -- Its own tables are its own business (a cache, say).
            function M.remember(k) M.seen[#M.seen + 1] = k return #M.seen end
            return M
            """)
        #expect(outcome.documents == ["a", "b", "c"].enumerated().map { i, doc in
            #"{"doc":"\#(doc)","refused":"p/p.lua:4: cannot set 'poked' in 'string' while a document runs: \#(Self.why)","seen":\#(i + 1),"trimmed":"x"}"#
        })
    }
}
