import Foundation
import LoupeBindings
@testable import LoupeEngine
import Testing

/// What carries plugins to the runtime: the setup message, `--allow`, the manifest fields.
@Suite struct PluginSetupTests {
    @Test func theSetupCarriesPluginsAndGrantsToWorkers() throws {
        let plugins = PluginRuntime(
            plugins: [.init(name: "mediaLab/quotes", root: "/p/q", modules: ["quotes", "quotes.rules"],
                            granted: .init(read: ["/data"], write: [], exec: true))],
            searchedFolders: [.init(path: "./loupe_plugins", label: "project")],
            script: .init(read: ["/r"], write: ["/w"]), scriptRoot: "/s", corpus: ["/c", "/c2/a.txt"])
        let request = WorkerRequest.setup(WorkerSetup(path: "s.lua", source: "x", arguments: ["a"], plugins: plugins))
        #expect(try WorkerRequest(frame: request.frame) == request)
    }

    @Test func allowValuesBecomeGrants() throws {
        let grants = try RunGrants(parsing: ["fs.read=data", "exec", "mediaLab/quotes:fs.write=/out", "mediaLab/quotes:exec"], from: "/home/u")
        #expect(grants.script == .init(read: ["/home/u/data"], write: [], exec: true))
        #expect(grants.plugins["mediaLab/quotes"] == .init(read: [], write: ["/out"], exec: true))
        #expect(throws: GrantError.self) { try RunGrants(parsing: ["fs.read"]) }
        #expect(throws: GrantError.self) { try RunGrants(parsing: ["net=1"]) }
    }

    @Test func theManifestStubReadsNameModulesAndPermissions() {
        let manifest = PluginManifestStub.parse("""
            name = "mediaLab/quotes"   # namespaced
            version = "1.2.0"
            [dependencies]
            "mediaLab/people" = "^1.2"
            [provides]
            modules = ["quotes",
                       "quotes.rules"]  # two
            [permissions]
            "fs.read" = ["~/corpora/gazetteers"]
            "fs.write" = []
            exec = true
            """, fallbackName: "x")
        #expect(manifest.name == "mediaLab/quotes")
        #expect(manifest.modules == ["quotes", "quotes.rules"])
        #expect(manifest.requested.read == ["~/corpora/gazetteers"])
        #expect(manifest.requested.exec)
    }

    @Test func pluginsAreFoundByNamespaceAndTheFirstOfANameWins() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/runtime-plugins").path
        let runtime = PluginRuntime.discover(folders: [.init(path: fixtures, label: "project"), .init(path: fixtures, label: "user")])
        #expect(runtime.plugins.map(\.name) == ["cycle", "evil", "mediaLab/gazetteer"])
        #expect(runtime.provider(of: "gazetteer.match") == 2)
        #expect(runtime.plugins.allSatisfy { $0.granted == .init() })
    }

    @Test func theCorpusRootsAreFoldersFilesAndGlobBases() {
        #expect(PluginRuntime.corpusRoots(["/c/x/*.txt", "/c/y/a.txt", "rel/**/b.md"], from: "/w") == ["/c/x", "/w/rel", "/c/y/a.txt"])
    }
}
