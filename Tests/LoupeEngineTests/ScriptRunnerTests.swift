import DocModel
import Foundation
import LoupeEngine
import LoupeTestSupport
import LuaRuntime
import Testing

/// `document(doc)` runs per file; rows come out in order; a bad document fails alone.
@Suite struct ScriptRunnerTests {
    struct Outcome {
        var rows: [String] = []
        var failures: [String] = []
        var printed: [String] = []
        var summary = ScriptRunner.Summary()
    }

    func run(_ script: String, files: [(String, String)], limits: LuaLimits = testLimits) throws -> Outcome {
        try withTemporaryDirectory { dir in
            let paths = try files.map { try writeFile($0.0, $0.1, in: dir) }
            var outcome = Outcome()
            let printed = PrintLog()
            let runner = try ScriptRunner(source: script, path: "script.lua", limits: limits) {
                printed.lines.append($0)
            }
            outcome.summary = runner.run(
                paths: paths,
                rows: { outcome.rows.append(JSONWriter.string(.table($0))) },
                failure: { outcome.failures.append($0.replacingOccurrences(of: dir.path + "/", with: "")) })
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
        #expect(outcome.summary == ScriptRunner.Summary(documents: 2, rows: 3, failures: 0))
    }

    @Test func aFailingDocumentFailsAloneAndLosesItsRows() throws {
        let outcome = try run("""
            function document(doc)
              emit{doc = doc.id}
              if doc.text:find("bad") then error("cannot handle " .. doc.id) end
            end
            """, files: [("1.txt", "good"), ("2.txt", "bad"), ("3.txt", "good")])
        #expect(outcome.rows == [#"{"doc":"1"}"#, #"{"doc":"3"}"#])
        #expect(outcome.summary == ScriptRunner.Summary(documents: 2, rows: 2, failures: 1))
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
            "\(error)".contains("script.lua:1: emit{…} can only be called while a document runs")
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
}

