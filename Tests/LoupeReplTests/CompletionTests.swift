import LoupeBindings
import Testing

@testable import LoupeRepl

/// Tab completion candidates, without a terminal.
@Suite struct CompletionTests {
    @Test func methodsAndFieldsComeFromTheAPIDefinition() throws {
        let session = try makeSession(Printed())
        #expect(session.completions(for: "doc:se") == ["doc:sentences"])
        #expect(session.completions(for: "print(#doc:to") == ["doc:tokens"])
        #expect(session.completions(for: "doc.me") == ["doc.meta"])
        #expect(session.completions(for: "corpus:f") == ["corpus:find"])
        session.submit("s = doc:sentences()[1]")
        #expect(session.completions(for: "s.sta") == ["s.start"])
    }

    @Test func globalsAndTableKeys() throws {
        let session = try makeSession(Printed())
        #expect(session.completions(for: "corp") == ["corpus"])
        #expect(session.completions(for: "string.for") == ["string.format"])
        #expect(session.completions(for: "loupe.kw") == ["loupe.kwic"])
        session.submit("local settings = {width = 1, weight = 2}")
        #expect(session.completions(for: "settings.w") == ["settings.weight", "settings.width"])
        #expect(session.completions(for: "whi") == ["while"])
        #expect(session.completions(for: "nothing.here.") == [])
    }

    @Test func commandsAndHelpNames() throws {
        let session = try makeSession(Printed())
        #expect(session.completions(for: ":he") == [":help"])
        #expect(session.completions(for: ":help doc:sen") == ["doc:sentences"])
        #expect(session.completions(for: #"require ""#) == [])
        #expect(ReplSession.endsWithRequire(#"x = require(""#))
    }

    @Test func modulesOfInstalledPluginsAfterRequire() throws {
        let plugins = PluginRuntime(plugins: [
            .init(name: "mediaLab/quotes", root: "/nowhere/quotes", modules: ["quotes", "quotes.rules"]),
            .init(name: "figures", root: "/nowhere/figures", modules: ["figures"]),
        ])
        let session = try makeSession(Printed(), plugins: plugins)
        #expect(session.completions(for: #"local q = require "qu"#) == ["quotes", "quotes.rules"])
        #expect(session.completions(for: #"require("f"#) == ["figures"])
        #expect(session.completions(for: "qu") == [])
    }
}
