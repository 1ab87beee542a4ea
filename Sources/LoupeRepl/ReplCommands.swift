import DocModel
import DocSearch
import Foundation
import LoupeBindings
import LuaRuntime

/// The REPL's commands: lines that start with `:`.
extension ReplSession {
    /// A command, its argument, and what `:help` says of it.
    struct Command {
        var name: String
        var argument: String
        var summary: String
    }

    /// Every command, in the order `:help` lists them (completion offers their names).
    static let commands: [Command] = [
        Command(name: "help", argument: "[name]", summary: "this help, or the API entry for name (:help doc:sentences, :help Span)"),
        Command(name: "doc", argument: "N|ID", summary: "make corpus[N], or the document with id ID, the current doc"),
        Command(name: "next", argument: "", summary: "make the next document doc"),
        Command(name: "prev", argument: "", summary: "make the previous document doc"),
        Command(name: "find", argument: "PATTERN", summary: "list the documents whose text matches PATTERN (a PCRE2 regular expression)"),
        Command(name: "load", argument: "FILE", summary: "run a Lua file in the session (a script's document(doc) can then be called)"),
        Command(name: "time", argument: "EXPR", summary: "evaluate EXPR and say how long it took"),
        Command(name: "reset", argument: "", summary: "start over with a fresh Lua state (corpus and doc bound again)"),
        Command(name: "quit", argument: "", summary: "leave (or Ctrl-D on an empty line)"),
    ]

    /// Runs `:name argument`.
    func command(_ line: String) -> Outcome {
        let name = String(line.prefix { !$0.isWhitespace })
        let argument = line.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "help", "h", "?": help(argument)
        case "doc": return .ran(ok: chooseDocument(argument))
        case "next", "n": return .ran(ok: step(by: 1))
        case "prev", "p": return .ran(ok: step(by: -1))
        case "find": return .ran(ok: find(argument))
        case "load": return .ran(ok: load(file: argument))
        case "time": return time(argument)
        case "reset":
            guard !isAttached else {
                fail(":reset is not available here: this session runs in the script's own Lua state (:quit goes back to the run)")
                return .ran(ok: false)
            }
            do throws(LuaError) {
                try reset()
                configuration.errors(configuration.style.dim("a fresh Lua state" + (corpus == nil ? "" : "; corpus and doc bound again")))
            } catch {
                report(error)
                return .ran(ok: false)
            }
        case "quit", "q", "exit": return .quit
        default:
            fail("unknown command ':\(name)'; :help lists the commands")
            return .ran(ok: false)
        }
        return .ran(ok: true)
    }

    /// What `:help` prints without a name.
    static var helpText: String {
        var text = """
            Loupe REPL: Lua 5.4 with the document model, in the same sandbox as scripts.
              Type an expression to print its value (no 'return' needed); an unfinished chunk
              continues on a '>>' line. Tables print in Lua syntax, documents as a summary,
              spans with their context, layers and lists of spans as numbered lines.
              Variables persist between lines: globals, and also 'local' declarations at the top
              level of a line, which the REPL turns into session variables ('local x = 1' is
              'x = 1'); locals inside functions, loops and blocks stay local.
              doc     the current document (:doc, :next, :prev)
              corpus  every document given: #corpus, corpus[i], corpus:find(id), for d in corpus do … end;
                      each is read the first time it is used
              loupe.document("text", {date = "…"}) makes a document from a string.

            Commands:

            """
        let width = commands.map { $0.name.count + $0.argument.count }.max() ?? 0
        for command in commands {
            let head = ":\(command.name)" + (command.argument.isEmpty ? "" : " \(command.argument)")
            text += "  " + head + String(repeating: " ", count: width + 3 - head.count) + command.summary + "\n"
        }
        text += """

            Keys: Tab completes names, fields and methods; Up/Down recall earlier lines (kept in
            $XDG_STATE_HOME/loupe/history); Ctrl-R searches them; Ctrl-A/E/K/W edit; Ctrl-C stops
            running code or drops the line; Ctrl-D on an empty line leaves.
            """
        return text
    }

    private func help(_ name: String) {
        guard !name.isEmpty else {
            configuration.output(Self.helpText)
            return
        }
        let entries = APIReference.help(name)
        guard entries.isEmpty else {
            configuration.output(entries.joined(separator: "\n").trimmingCharacters(in: .newlines))
            return
        }
        if let command = Self.commands.first(where: { ":" + $0.name == name || $0.name == name }) {
            configuration.output(":\(command.name) \(command.argument)\n  \(command.summary)")
            return
        }
        fail(APIReference.unknownNameMessage(name))
    }

    private func chooseDocument(_ argument: String) -> Bool {
        guard let corpus else { return fail("no corpus: start with `loupe repl FILES…`, or make one with loupe.document(\"text\")") }
        if let n = Int(argument) {
            guard n >= 1, n <= corpus.count else { return fail(":doc takes 1 to \(corpus.count), not \(n)") }
            return selectDocument(n - 1)
        }
        guard !argument.isEmpty else { return fail(":doc takes a number (1 to \(corpus.count)) or a document id") }
        guard let index = corpus.index(ofID: argument) else { return fail("no document has the id '\(argument)'") }
        return selectDocument(index)
    }

    private func step(by offset: Int) -> Bool {
        guard let corpus else { return fail("no corpus: start with `loupe repl FILES…`") }
        let next = (currentIndex ?? -1) + offset
        guard next >= 0, next < corpus.count else {
            return fail(offset > 0 ? "doc is the last document (\(corpus.count))" : "doc is the first document")
        }
        return selectDocument(next)
    }

    /// Lists the documents whose clean text matches; stops early on Ctrl-C.
    private func find(_ pattern: String) -> Bool {
        guard let corpus else { return fail("no corpus: start with `loupe repl FILES…`") }
        guard !pattern.isEmpty else { return fail(":find takes a regular expression") }
        let regex: PCRERegex
        do throws(PCRECompileError) {
            regex = try PCRERegex(pattern)
        } catch {
            return fail("bad pattern: \(error)")
        }
        _ = LuaState.takeInterruptSignals()
        var found = 0
        let shown = 50
        for index in 0..<corpus.count {
            if LuaState.takeInterruptSignals() {
                configuration.errors("(stopped at corpus[\(index + 1)])")
                break
            }
            guard let document = try? corpus.document(at: index),
                let match = try? document.withBytes({ try regex.firstMatch(in: $0) })
            else { continue }
            found += 1
            if found <= shown {
                let span = InspectedSpan(document: document, span: match.span, layer: nil, index: nil)
                configuration.output("\(configuration.style.bold(String(index + 1)))  \(document.id)  \(printer.inContext(span, width: 30))")
            }
        }
        configuration.output(configuration.style.dim(
            "\(found) of \(corpus.count) documents match" + (found > shown ? " (first \(shown) shown)" : "") + "; :doc N opens one"))
        return true
    }

    /// Runs a file's chunk in the session, as a script's top level runs.
    private func load(file: String) -> Bool {
        guard !file.isEmpty else { return fail(":load takes a file name") }
        guard let data = FileManager.default.contents(atPath: file) else { return fail("cannot read '\(file)'") }
        let source = String(decoding: data, as: UTF8.self)
        do throws(LuaError) {
            let chunk = try environment.state.load(source, chunkName: "@" + file, environment: globals)
            guard run(chunk) else { return false }
        } catch {
            report(error)
            return false
        }
        let defined = ["document", "finish"].filter { (try? globals.rawGet($0))?.typeName == "function" }
        configuration.errors(configuration.style.dim("loaded \(file)"
            + (defined.contains("document") && currentIndex != nil ? "; try document(doc)" : "")))
        return true
    }

    private func time(_ expression: String) -> Outcome {
        guard !expression.isEmpty else {
            fail(":time takes an expression or a chunk")
            return .ran(ok: false)
        }
        guard case .success(let chunk) = compile(expression) else {
            return submit(expression) == .needsMore ? failed(":time takes a complete chunk") : .ran(ok: false)
        }
        let clock = ContinuousClock()
        var ok = false
        let elapsed = clock.measure { ok = run(chunk) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        configuration.errors(configuration.style.dim(seconds < 1 ? String(format: "%.3f ms", seconds * 1000) : String(format: "%.3f s", seconds)))
        return .ran(ok: ok)
    }

    @discardableResult
    private func fail(_ message: String) -> Bool {
        configuration.errors(configuration.style.error(message))
        return false
    }

    private func failed(_ message: String) -> Outcome {
        fail(message)
        return .ran(ok: false)
    }
}
