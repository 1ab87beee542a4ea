import Foundation
import LoupeTestSupport
import Plugins
import Testing

/// Dependency resolution through the store: highest versions, backtracking, and conflicts
/// reported with their chain. Sources are local bare git repositories with version tags.
@Suite struct ResolverTests {
    @Test func picksTheHighestVersionsThatSatisfyEveryRange() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let people = try fixture.repository("people", plugin: "mediaLab/people", module: "people",
                versions: [("1.4.2", []), ("1.5.0", []), ("2.1.0", [])])
            let quotes = try fixture.repository("quotes", plugin: "mediaLab/quotes", module: "quotes", versions: [
                ("1.1.0", []),
                ("1.2.0", [#""mediaLab/people" = { version = "^1.4", git = "\#(people)" }"#]),
            ])
            #expect(try fixture.install(quotes) == ["installed mediaLab/people 1.5.0", "installed mediaLab/quotes 1.2.0"])
            let lock = try fixture.lock
            #expect(lock.plugins.map { "\($0.name) \($0.version) \($0.source)" } == [
                "mediaLab/people 1.5.0 \(people)@v1.5.0", "mediaLab/quotes 1.2.0 \(quotes)@v1.2.0",
            ])
            #expect(lock[try pluginName("mediaLab/quotes")]?.dependencies == [try pluginName("mediaLab/people")])
            #expect(lock.plugins.allSatisfy { $0.commit?.count == 40 })
        }
    }

    @Test func aConflictNamesTheChain() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let people = try fixture.repository("people", plugin: "mediaLab/people", module: "people",
                versions: [("1.4.2", []), ("2.1.0", [])])
            let quotes = try fixture.repository("quotes", plugin: "mediaLab/quotes", module: "quotes",
                versions: [("1.2.0", [#""mediaLab/people" = "^2.0""#])])
            try scratch.write("project/loupe.toml", """
                [plugins]
                "mediaLab/people" = { version = "~1.4", git = "\(people)" }
                """)
            let error = expectPluginError { try fixture.install(quotes) }
            #expect(error?.kind == .conflict)
            #expect(error?.description == "mediaLab/quotes 1.2.0 needs mediaLab/people ^2.0, but the project needs "
                + "mediaLab/people ~1.4 (available: 1.4.2, 2.1.0)")
            // Nothing was installed or locked.
            #expect(!FileManager.default.fileExists(atPath: scratch.path("project/loupe.lock")))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("project/loupe_plugins/mediaLab/quotes")))
        }
    }

    @Test func backtracksToAnOlderVersionWhenTheNewestConflicts() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let people = try fixture.repository("people", plugin: "mediaLab/people", module: "people",
                versions: [("1.4.2", []), ("2.1.0", [])])
            let quotes = try fixture.repository("quotes", plugin: "mediaLab/quotes", module: "quotes", versions: [
                ("1.2.0", [#""mediaLab/people" = "~1.4""#]),
                ("1.3.0", [#""mediaLab/people" = "^2""#]),
            ])
            try scratch.write("project/loupe.toml", """
                [plugins]
                "mediaLab/people" = { version = "~1.4", git = "\(people)" }
                """)
            #expect(try fixture.install(quotes) == ["installed mediaLab/people 1.4.2", "installed mediaLab/quotes 1.2.0"])
        }
    }

    @Test func aDependencyWithoutASourceIsExplained() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let quotes = try fixture.repository("quotes", plugin: "quotes", module: "quotes",
                versions: [("1.0.0", [#"people = "^1""#])])
            let error = expectPluginError { try fixture.install(quotes) }
            #expect(error?.description.hasPrefix("no source is known for people, which quotes 1.0.0 needs") == true)
        }
    }

    @Test func aTooNewLoupeRangeIsReported() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("future", name: "future", version: "1.0.0", extra: "loupe = \">=9\"\n")
            let error = expectPluginError { try fixture.install(scratch.path("future")) }
            #expect(error?.description
                == "future 1.0.0 works with Loupe >=9, but this is Loupe 0.1.0 (use another Loupe, or another version of future)")
        }
    }
}
