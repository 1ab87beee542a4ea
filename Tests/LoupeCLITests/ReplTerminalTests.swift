import Foundation
import LoupeTestSupport
import Testing

/// `loupe repl` on a pseudo-terminal, as a person uses it: prompts, Tab, history, Ctrl-C.
@Suite struct ReplTerminalTests {
    /// A REPL over the example articles, with its history in `state` (an XDG_STATE_HOME).
    private func repl(state: URL, _ extra: [String] = [], environment: [String: String] = [:]) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            ["repl"] + extra + ["examples/articles/"],
            environment: ["XDG_STATE_HOME": state.path].merging(environment) { $1 })
        try terminal.expect("\n> ")
        return terminal
    }

    @Test func tabCompletesADocumentMethod() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state)
            terminal.send("doc:se\t")
            try terminal.expect("ntences")  // libedit redraws only what Tab added
            terminal.send("()\r")
            try terminal.expect("9 spans (sentence)")
            try terminal.expect("She added:")
            try terminal.expect("\n> ")
        }
    }

    @Test func anUnfinishedForLoopContinuesOnASecondLine() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state)
            terminal.send("for i = 1, 3 do\r")
            try terminal.expect(">> ")
            terminal.send("print(i * 10) end\r")
            try terminal.expect("10\r\n20\r\n30\r\n> ")
        }
    }

    @Test func upArrowRecallsALineFromAnEarlierSession() throws {
        try withTemporaryDirectory { state in
            let first = try repl(state: state)
            first.send("6 * 7\r")
            try first.expect("42\r\n> ")
            first.send(":quit\r")
            #expect(try first.waitForExit() == 0)
            let history = try String(contentsOf: state.appendingPathComponent("loupe/history"), encoding: .utf8)
            #expect(history == "6 * 7\n:quit\n")

            let second = try repl(state: state)
            second.send("\u{1B}[A\u{1B}[A")  // past ":quit", to the line before
            try second.expect("6 * 7")
            second.send("\r")
            try second.expect("42\r\n> ")
        }
    }

    @Test func controlDOnAnEmptyLineLeaves() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state)
            terminal.send("\u{4}")
            #expect(try terminal.waitForExit() == 0)
        }
    }

    @Test func controlCStopsAnEndlessLoopAndThePromptReturns() throws {
        try withTemporaryDirectory { state in
            // No instruction budget: only the interrupt can stop the loop.
            let terminal = try repl(state: state, ["--max-instructions", "0"])
            try terminal.interruptAnEndlessLoop()
            terminal.send("1 + 1\r")
            try terminal.expect("2\r\n> ")
            terminal.send("half-typed\u{3}")
            try terminal.expect("> ")
            terminal.send(":quit\r")
            #expect(try terminal.waitForExit() == 0)
        }
    }

    @Test func typedUTF8ReachesLuaWholeInAnyLocale() throws {
        try withTemporaryDirectory { state in
            // LANG=C: the REPL still reads and shows what is typed as UTF-8.
            let terminal = try repl(state: state, environment: ["LANG": "C", "LC_ALL": ""])
            terminal.send("s = 'naïve £5 — ok'\r")
            try terminal.expect("\n> ")
            terminal.send("#s, s\r")
            try terminal.expect("17\t\"naïve £5 — ok\"")
            try terminal.expect("\n> ")
        }
    }

    @Test func aSpanPrintsHighlightedInItsContext() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state)
            terminal.send("doc:sentences()[3]\r")
            try terminal.expect("Span sentence 3")
            try terminal.expect("of harbour-dredging, bytes 330–379")
            // The sentence before it, then the span in reverse video, then what follows.
            try terminal.expect("the authority’s director of operations. \u{1B}[7mShe said the survey would cost about $1.2 million.\u{1B}[0m Local fishermen")
        }
    }

    @Test func noColorMarksTheSpanWithoutEscapes() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state, environment: ["NO_COLOR": "1"])
            terminal.send("doc:sentences()[3]\r")
            try terminal.expect("operations. «She said the survey would cost about $1.2 million.» Local")
            #expect(!terminal.transcript.contains("\u{1B}[7m"))
        }
    }

    @Test func helpShowsAnAPIEntry() throws {
        try withTemporaryDirectory { state in
            let terminal = try repl(state: state)
            terminal.send(":help doc:sentences\r")
            try terminal.expect("doc:sentences()")
            try terminal.expect("The sentences.")
            try terminal.expect("returns Layer")
            try terminal.expect("\n> ")
        }
    }
}
