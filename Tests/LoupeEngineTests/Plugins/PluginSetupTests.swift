import Foundation
import LoupeBindings
@testable import LoupeEngine
import Testing

/// What carries plugins to the runtime: the setup message, `--allow`, the corpus roots.
@Suite struct PluginSetupTests {
    @Test func theSetupCarriesPluginsAndGrantsToWorkers() throws {
        let plugins = PluginRuntime(
            plugins: [.init(name: "mediaLab/quotes", root: "/p/q", modules: ["quotes", "quotes.rules"],
                            granted: .init(read: ["/data"], write: [], exec: true), requested: .init(read: ["~/data"], write: ["/out"]))],
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

    @Test func theCorpusRootsAreFoldersFilesAndGlobBases() {
        #expect(PluginRuntime.corpusRoots(["/c/x/*.txt", "/c/y/a.txt", "rel/**/b.md"], from: "/w") == ["/c/x", "/w/rel", "/c/y/a.txt"])
    }
}
