import Foundation
import LoupeTestSupport
import Testing

/// `loupe repl` with standard input not a terminal: chunks from the pipe, no prompts.
@Suite struct ReplPipeTests {
    @Test func readsChunksWithoutPrompts() throws {
        let input = """
            local n = #doc:sentences()
            n * 2
            for i = 1, 2 do
              print(i)
            end
            doc.meta.date, #corpus
            corpus:find("school-meals").id
            :next
            doc.id

            """
        let result = try runLoupe(["repl", "examples/articles/"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == ["18", "1", "2", "\"2022-03-08\"\t3", "\"school-meals\""])
        #expect(lines.contains("doc = corpus[2] of 3"))
        #expect(lines.last == "\"rail-strike\"")
        #expect(!result.stdout.contains("> "))
    }

    @Test func errorsPrintATracebackAndTheExitStatusIs1() throws {
        let result = try runLoupe(["repl"], stdin: "local function f() error('boom') end\nf()\n1 + 1\n")
        #expect(result.status == 1)
        #expect(result.stdout == "2\n")
        #expect(result.stderr.hasPrefix("repl:1: boom\nstack traceback:\n"))
        #expect(result.stderr.contains("[C]: in function 'error'"))
    }

    @Test func withoutACorpusDocumentsComeFromStrings() throws {
        let result = try runLoupe(["repl"], stdin: """
            d = loupe.document("It rained. Then it stopped.", {date = "2024-01-01"})
            #d:sentences(), d.meta.date, doc, corpus

            """)
        #expect(result.stdout == "2\t\"2024-01-01\"\tnil\tnil\n")
    }

    @Test func anUnfinishedChunkAtTheEndIsReported() throws {
        let result = try runLoupe(["repl"], stdin: "for i = 1, 2 do\n")
        #expect(result.status == 1)
        #expect(result.stderr == "repl:1: 'end' expected near <eof>\n")
    }

    @Test func loadRunsAScriptIntoTheSession() throws {
        let result = try runLoupe(["repl", "examples/articles/"], stdin: ":load scripts/sentences-and-figures.lua\ndocument(doc)\n")
        #expect(result.stderr.contains("loaded scripts/sentences-and-figures.lua; try document(doc)"))
        #expect(result.stdout.contains(#""doc":"harbour-dredging""#))
    }

    @Test func loupeReplIsAClearErrorInARun() throws {
        try withTemporaryDirectory { directory in
            let script = try writeFile("poke.lua", "function document(doc) loupe.repl{doc = doc} end\n", in: directory)
            let result = try runLoupe(["run", "--jobs", "1", script, "examples/articles/rail-strike.txt"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("loupe.repl needs a terminal"))
            #expect(result.stderr.contains("`loupe run --jobs 1`"))
        }
    }

    @Test func loupeReplInTheReplBindsNames() throws {
        let result = try runLoupe(["repl"], stdin: "loupe.repl{answer = 42}\nanswer\n")
        #expect(result.stdout == "42\n")
        #expect(result.stderr == "loupe.repl: bound answer\n")
    }

    @Test func helpHasExamples() throws {
        let result = try runLoupe(["repl", "--help"])
        #expect(result.stdout.contains("loupe repl examples/articles/"))
        #expect(result.stdout.contains("--max-instructions"))
        #expect(result.stdout.contains("--title"))
    }
}
