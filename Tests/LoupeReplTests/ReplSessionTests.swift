import DocModel
import LoupeBindings
import LuaRuntime
import Testing

@testable import LoupeRepl

/// Collects what a session prints.
final class Printed {
    var output: [String] = []
    var errors: [String] = []
}

/// A session over three small documents (the corpus), printing into `printed`.
func makeSession(_ printed: Printed, documents: Int = 3, plugins: PluginRuntime = PluginRuntime()) throws -> ReplSession {
    var configuration = ReplSession.Configuration(version: "test")
    configuration.plugins = plugins
    configuration.output = { printed.output.append($0) }
    configuration.errors = { printed.errors.append($0) }
    let corpus = LazyCorpus(count: documents, expectedID: { "doc\($0 + 1)" }) { index in
        Document(id: "doc\(index + 1)", text: "Document \(index + 1) begins here. It has two sentences.")
    }
    return try ReplSession(corpus: corpus, configuration: configuration)
}

@Suite struct ReplSessionTests {
    @Test func expressionsPrintAndStatementsRun() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        #expect(session.submit("1 + 1, 'a', {x = 1}") == .ran(ok: true))
        #expect(session.submit("t = {}; t.self = t") == .ran(ok: true))
        #expect(session.submit("t") == .ran(ok: true))
        #expect(printed.output == ["2\t\"a\"\t{x = 1}", "{self = <cycle>}"])
    }

    @Test func unfinishedChunksAskForMore() throws {
        let session = try makeSession(Printed())
        #expect(session.submit("for i = 1, 2 do") == .needsMore)
        #expect(session.submit("x = {") == .needsMore)
        #expect(session.submit("{1,") == .needsMore)
        #expect(session.submit("print(1") == .needsMore)
        #expect(session.submit("for i = 1, 2 do\nend") == .ran(ok: true))
        #expect(session.submit("x y") == .ran(ok: false))
    }

    @Test func localsSurviveBetweenLines() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        session.submit("local x = 20")
        session.submit("local function double(n) return n * 2 end")
        session.submit("double(x) + 2")
        #expect(printed.output == ["42"])
    }

    @Test func documentsAreReadOnlyWhenUsed() throws {
        let printed = Printed()
        let session = try makeSession(printed, documents: 2_000)
        #expect(session.corpus?.loadedCount == 1)
        session.submit("#corpus, corpus[1500].id, corpus:find('doc7').id")
        #expect(printed.output == ["2000\t\"doc1500\"\t\"doc7\""])
        #expect(session.corpus?.loadedCount == 3)
    }

    @Test func commandsMoveThroughTheCorpus() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        #expect(session.submit(":next") == .ran(ok: true))
        #expect(session.submit(":doc doc3") == .ran(ok: true))
        #expect(session.submit(":next") == .ran(ok: false))
        #expect(printed.errors == ["doc is the last document (3)"])
        printed.output.removeAll()
        #expect(session.submit("doc.id") == .ran(ok: true))
        #expect(printed.output == ["\"doc3\""])
        #expect(session.submit(":nope") == .ran(ok: false))
        #expect(session.submit(":quit") == .quit)
    }

    @Test func findListsMatchingDocuments() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        #expect(session.submit(":find Document [23]") == .ran(ok: true))
        #expect(printed.output.count == 3)
        #expect(printed.output[0].hasPrefix("2  doc2  «Document 2»"))
        #expect(printed.output[2].hasPrefix("2 of 3 documents match"))
    }

    @Test func resetStartsAFreshState() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        session.submit("x = 1")
        #expect(session.submit(":reset") == .ran(ok: true))
        session.submit("x, doc.id")
        #expect(printed.output == ["nil\t\"doc1\""])
    }

    @Test func helpComesFromTheAPIDefinition() throws {
        let printed = Printed()
        let session = try makeSession(printed)
        session.submit(":help corpus:find")
        #expect(printed.output.first?.hasPrefix("corpus:find(id)\n  The document whose id is `id`.") == true)
        session.submit(":help")
        #expect(printed.output.last?.contains(":doc N|ID") == true)
        #expect(printed.output.last?.contains("'local x = 1' is\n  'x = 1'") == true || printed.output.last?.contains("'local x = 1'") == true)
        session.submit(":help nosuchthing")
        #expect(printed.errors.last?.hasPrefix("no API entry named 'nosuchthing'") == true)
    }

    /// A session opened by a running script (`loupe.repl{…}` in `loupe run --jobs 1`): in the
    /// script's state, over its globals, with the bindings set; what it assigns stays in it.
    @Test func anAttachedSessionSeesTheScriptsGlobals() throws {
        let printed = Printed()
        let environment = try ScriptEnvironment(limits: LuaLimits(), version: "test", print: { printed.output.append($0) }, emit: { _, _ in })
        let scriptGlobals = environment.state.newEnvironment(inheriting: environment.sandbox)
        scriptGlobals.rawSet("helper", environment.state.function { frame in
            frame.push("helped")
            return 1
        })
        var configuration = ReplSession.Configuration(version: "test")
        configuration.output = { printed.output.append($0) }
        configuration.errors = { printed.errors.append($0) }
        let session = ReplSession(
            attachingTo: environment, inheriting: scriptGlobals, bindings: LuaTable(["n": .integer(42)]),
            configuration: configuration)
        #expect(session.submit("n + 1, helper()") == .ran(ok: true))
        #expect(session.submit("local m = n * 2") == .ran(ok: true))
        #expect(session.submit("m") == .ran(ok: true))
        #expect(printed.output == ["43\t\"helped\"", "84"])
        #expect(try scriptGlobals.rawGet("m") == .nil)
        #expect(session.completions(for: "hel") == ["helper"])
        #expect(session.completions(for: "string.up") == ["string.upper"])
        #expect(session.submit("loupe.repl{k = 'bound'}") == .ran(ok: true))
        #expect(printed.errors == ["loupe.repl: bound k"])
        #expect(session.submit(":reset") == .ran(ok: false))
        session.close()
        // Back to the run's own handler: none here, so an error.
        #expect(session.submit("loupe.repl{k = 1}") == .ran(ok: false))
        #expect(printed.errors.contains { $0.contains("loupe.repl needs a terminal") })
    }
}
