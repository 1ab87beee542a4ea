import Foundation
import LoupeTestSupport
import Testing

/// `loupe.repl{…}` in a script run by `loupe run`: a REPL on the terminal with `--jobs 1`,
/// after which the run goes on; a clear error, never a wait, with more jobs or no terminal.
@Suite struct RunReplTests {
    /// Opens the REPL on the first example article (`harbour-dredging`) and emits a row for
    /// every document.
    private static let script = """
        function document(doc)
          if doc.id == "harbour-dredging" then loupe.repl{doc = doc, n = 42} end
          emit{doc = doc.id}
        end
        """

    @Test(.timeLimit(.minutes(2)))
    func withOneJobOnATerminalTheReplOpensAndTheRunGoesOn() throws {
        try withTemporaryDirectory { directory in
            let script = try writeFile("poke.lua", Self.script, in: directory)
            let output = directory.appendingPathComponent("out.jsonl").path
            // No instruction budget: only Ctrl-C can stop the endless loop typed below. A short
            // deadline, which must not count while the session is open.
            let terminal = try PseudoTerminal(
                ["run", "--jobs", "1", "--max-instructions", "0", "--doc-timeout", "1", "-o", output, script, "examples/articles/"],
                environment: ["XDG_STATE_HOME": directory.path])
            try terminal.expect("loupe.repl: the run waits; bound doc, n")
            try terminal.expect("\n> ")
            terminal.send("n + 1\r")
            try terminal.expect("43\r\n> ")
            terminal.send("doc.id\r")
            try terminal.expect("\"harbour-dredging\"\r\n> ")
            // The script's functions are visible; locals typed persist.
            terminal.send("local m = n * 2\r")
            try terminal.expect("> ")
            terminal.send("type(document), m\r")
            try terminal.expect("\"function\"\t84\r\n> ")
            terminal.send("local t = os.clock() while os.clock() - t < 1.5 do end return 'past the deadline'\r")
            try terminal.expect("\"past the deadline\"\r\n> ")
            try terminal.interruptAnEndlessLoop()
            terminal.send("1 + 1\r")
            try terminal.expect("2\r\n> ")
            terminal.send("\u{4}")
            try terminal.expect("loupe: 3 documents done, 3 rows in ")
            #expect(try terminal.waitForExit() == 0)
            let rows = try String(contentsOfFile: output, encoding: .utf8)
            #expect(rows == #"{"doc":"harbour-dredging"}"# + "\n" + #"{"doc":"rail-strike"}"# + "\n" + #"{"doc":"school-meals"}"# + "\n")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func withTwoJobsOnATerminalItIsAClearError() throws {
        try withTemporaryDirectory { directory in
            let script = try writeFile("poke.lua", Self.script, in: directory)
            let terminal = try PseudoTerminal(["run", "--jobs", "2", script, "examples/articles/"])
            try terminal.expect("loupe.repl needs a terminal")
            try terminal.expect("`loupe run --jobs 1`")
            try terminal.expect("loupe: 2 documents done, 1 failed (1 script error), 2 rows in ")
            #expect(try terminal.waitForExit() == 1)
            #expect(!terminal.transcript.contains("\n> "))
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func withoutATerminalItIsAClearError() throws {
        try withTemporaryDirectory { directory in
            let script = try writeFile("poke.lua", Self.script, in: directory)
            let result = try runLoupe(["run", "--jobs", "1", script, "examples/articles/"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("harbour-dredging.txt"))
            #expect(result.stderr.contains("loupe.repl needs a terminal"))
            #expect(result.stderr.contains("`loupe run --jobs 1`"))
            #expect(result.stdout == #"{"doc":"rail-strike"}"# + "\n" + #"{"doc":"school-meals"}"# + "\n")
        }
    }
}
