import DocFormats
import DocModel
import Foundation
import LoupeEngine
import LoupeTestSupport
import LuaRuntime
import Testing

/// `document(doc)` runs per document in one state, as in a worker; a bad document fails alone.
@Suite struct ScriptRunnerTests {
    struct Outcome: Equatable {
        var rows: [String] = []
        var failures: [String] = []
        var printed: [String] = []
        var documents = 0
    }

    /// Runs `script` on each file in turn, as a worker does, and gathers what came out.
    func run(_ script: String, files: [(String, String)], limits: LuaLimits = testLimits) throws -> Outcome {
        try withTemporaryDirectory { dir in
            let paths = try files.map { try writeFile($0.0, $0.1, in: dir) }
            var outcome = Outcome()
            let printed = PrintLog()
            let runner = try ScriptRunner(setup: WorkerSetup(path: "script.lua", source: script), limits: limits) {
                printed.lines.append($0)
            }
            for path in paths {
                for loaded in DocumentLoader.load(path: path) {
                    let result = loaded.mapError { DocumentFailure(.unreadable, $0.description) }.flatMap(runner.run)
                    switch result {
                    case .success(let products):
                        outcome.documents += 1
                        outcome.rows += products.rows.map { JSONWriter.string(.table($0.fields)) }
                    case .failure(let failure):
                        outcome.failures.append(failure.message.replacingOccurrences(of: dir.path + "/", with: ""))
                    }
                }
            }
            outcome.printed = printed.lines
            return outcome
        }
    }

    @Test func rowsComeOutInDocumentOrder() throws {
        let outcome = try run("""
            function document(doc)
              print("visiting " .. doc.id)
              for word in doc.text:gmatch("%a+") do emit{doc = doc.id, word = word} end
            end
            """, files: [("b.txt", "one two"), ("a.txt", "three")])
        #expect(outcome.rows == [
            #"{"doc":"b","word":"one"}"#, #"{"doc":"b","word":"two"}"#, #"{"doc":"a","word":"three"}"#,
        ])
        #expect(outcome.printed == ["visiting b", "visiting a"])
        #expect(outcome.documents == 2 && outcome.failures.isEmpty)
    }

    @Test func aFailingDocumentFailsAloneAndLosesItsRows() throws {
        let outcome = try run("""
            function document(doc)
              emit{doc = doc.id}
              if doc.text:find("bad") then error("cannot handle " .. doc.id) end
            end
            """, files: [("1.txt", "good"), ("2.txt", "bad"), ("3.txt", "good")])
        #expect(outcome.rows == [#"{"doc":"1"}"#, #"{"doc":"3"}"#])
        #expect(outcome.documents == 2 && outcome.failures.count == 1)
        let failure = try #require(outcome.failures.first)
        #expect(failure.hasPrefix("2.txt: script.lua:3: cannot handle 2\nstack traceback:"))
    }

    @Test func limitsFailOneDocument() throws {
        let outcome = try run("""
            function document(doc)
              if doc.id == "loop" then while true do end end
              emit{doc = doc.id}
            end
            """, files: [("loop.txt", "x"), ("fine.txt", "y")])
        #expect(outcome.rows == [#"{"doc":"fine"}"#])
        #expect(outcome.failures == [
            "loop.txt: script.lua:2: instruction limit exceeded (5,000,000 instructions; raise it with --max-instructions)",
        ])
    }

    @Test func unreadableDocumentsAreReported() throws {
        let outcome = try run("function document(doc) emit{doc = doc.id} end",
                              files: [("zero.txt", "a\u{0}b"), ("ok.txt", "fine")])
        #expect(outcome.rows == [#"{"doc":"ok"}"#])
        #expect(outcome.failures == ["zero.txt: is not a text file (byte 2 is a zero byte); give Loupe text files"])
    }

    @Test func badRowsAreArgumentErrors() throws {
        let outcome = try run("function document(doc) emit{f = print} end", files: [("a.txt", "x")])
        #expect(outcome.failures.first?.contains(
            "bad argument #1 to 'emit' (field 'f' holds a function; rows hold strings, numbers, booleans and tables of them)") == true)
        let list = try run("function document(doc) emit{1, 2} end", files: [("a.txt", "x")])
        #expect(list.failures.first?.contains("a row needs named fields") == true)
    }

    @Test func scriptsThatCannotRunAreRefusedUpFront() throws {
        #expect { try run("function document(doc)", files: []) } throws: { error in
            "\(error)" == "script.lua:1: 'end' expected near <eof>"
        }
        #expect { try run("local x = 1", files: []) } throws: { error in
            "\(error)".contains("the script defines no function 'document'")
        }
        #expect { try run("emit{a = 1}", files: []) } throws: { error in
            "\(error)".contains("script.lua:1: emit can only be called while a document runs or in finish(report)")
        }
    }

    @Test func theDocumentCarriesIdPathTextAndWarnings() throws {
        let outcome = try run("""
            function document(doc)
              emit{id = doc.id, path = doc.path:match("[^/]+$"), text = doc.text, warnings = doc.meta.warnings}
            end
            """, files: [("bytes.txt", "caf\u{E9}")])
        #expect(outcome.rows.count == 1)
        #expect(outcome.rows.first?.contains(#""id":"bytes","path":"bytes.txt","text":"café""#) == true)
        #expect(outcome.rows.first?.contains("warnings") == false)
    }

    @Test func globalsSetByOneDocumentAreGoneForTheNext() throws {
        let outcome = try run("""
            local seen = 0          -- a top-level local lives on (documents share the worker)
            greeting = "hello"      -- a top-level global is there for every document
            function document(doc)
              seen = seen + 1
              emit{doc = doc.id, leaked = leaked, greeting = greeting, seen = seen}
              leaked = doc.id
            end
            """, files: [("a.txt", "x"), ("b.txt", "y")])
        #expect(outcome.rows == [
            #"{"doc":"a","greeting":"hello","seen":1}"#, #"{"doc":"b","greeting":"hello","seen":2}"#,
        ])
    }

    @Test func loadedChunksSetTheDocumentsGlobalsToo() throws {
        // `load` without an environment compiles into the globals of the moment, as Lua's
        // does: a document's, which the next document does not see; the top level's own.
        let outcome = try run("""
            load("greeting = 'hello'")()
            function document(doc)
              load("n = (n or 0) + 1")()
              local f = load("return n, greeting")
              emit{doc = doc.id, n = n, seen = select(1, f()), greeting = select(2, f())}
            end
            """, files: [("a.txt", "x"), ("b.txt", "y")])
        #expect(outcome.rows == [
            #"{"doc":"a","greeting":"hello","n":1,"seen":1}"#, #"{"doc":"b","greeting":"hello","n":1,"seen":1}"#,
        ])
    }

    @Test func namedTablesArgumentsAndFinish() throws {
        try withTemporaryDirectory { dir in
            let runner = try ScriptRunner(
                setup: WorkerSetup(path: "s.lua", source: """
                    function document(doc) emit("words", {doc = doc.id, first = loupe.args[1]}) end
                    function finish() emit("totals", {args = #loupe.args}) end
                    """, arguments: ["--since", "2016"]),
                limits: testLimits, print: { _ in })
            let path = try writeFile("a.txt", "text", in: dir)
            let document = try #require(try DocumentLoader.load(path: path).first?.get())
            let rows = try runner.run(document).get().rows
            #expect(rows.map(\.table) == ["words"])
            #expect(JSONWriter.string(.table(rows[0].fields)) == #"{"doc":"a","first":"--since"}"#)
            let finish = runner.finish(aggregates: [])
            #expect(finish.failure == nil)
            #expect(finish.rows.map { "\($0.table) \(JSONWriter.string(.table($0.fields)))" } == [#"totals {"args":2}"#])
        }
    }

    @Test func badTableNamesAreArgumentErrors() throws {
        let outcome = try run(#"function document(doc) emit("no spaces", {a = 1}) end"#, files: [("a.txt", "x")])
        #expect(outcome.failures.first?.contains(
            "bad argument #1 to 'emit' (a table name is a letter or '_' followed by letters, digits or '_' (at most 64); got 'no spaces')") == true)
    }
}
