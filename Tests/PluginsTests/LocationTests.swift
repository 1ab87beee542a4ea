import Foundation
import Plugins
import Testing

/// Where plugins are looked for, precedence between the folders, and module lookup.
@Suite struct LocationTests {
    @Test func findsTheThreeFolders() throws {
        try Scratch.with { scratch in
            try scratch.write("project/loupe.toml", "")
            try scratch.write("project/deep/inside/.keep", "")
            try scratch.write("checkout/plugins/README.md", "bundled")
            try scratch.write("checkout/.build/debug/loupe", "")
            let locations = PluginLocations(
                environment: ["HOME": scratch.path("home")], currentDirectory: scratch.path("project/deep/inside"),
                executablePath: scratch.path("checkout/.build/debug/loupe"))
            #expect(locations.projectFile == scratch.path("project/loupe.toml"))
            #expect(locations.project == scratch.path("project/loupe_plugins"))
            #expect(locations.lockFile == scratch.path("project/loupe.lock"))
            #expect(locations.user == scratch.path("home/.local/share/loupe/plugins"))
            #expect(locations.bundled == scratch.path("checkout/plugins"))
            #expect(locations.searchOrder.map(\.kind) == [.project, .user, .bundled])
        }
    }

    @Test func environmentOverridesTheDefaults() throws {
        try Scratch.with { scratch in
            let locations = PluginLocations(
                environment: ["HOME": "/nowhere", "XDG_DATA_HOME": scratch.path("data"), "LOUPE_BUNDLED_PLUGINS": "/opt/b"],
                currentDirectory: scratch.path(""), executablePath: "/usr/bin/loupe")
            #expect(locations.user == scratch.path("data/loupe/plugins"))
            #expect(locations.bundled == "/opt/b")
            #expect(locations.project == nil)
            // A relative XDG_DATA_HOME is ignored, as the XDG spec says.
            #expect(PluginLocations.userFolder(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]) == "/h/.local/share/loupe/plugins")
        }
    }

    @Test func installedPrefixShareFolder() throws {
        try Scratch.with { scratch in
            try scratch.write("prefix/bin/loupe", "")
            try scratch.write("prefix/share/loupe/plugins/.keep", "")
            let bundled = PluginLocations.bundledFolder(environment: [:], executablePath: scratch.path("prefix/bin/loupe"))
            #expect(bundled == scratch.path("prefix/share/loupe/plugins"))
        }
    }

    @Test func discoversByPrecedence() throws {
        try Scratch.with { scratch in
            try scratch.write("project/loupe.toml", "")
            try scratch.plugin("project/loupe_plugins/mediaLab/quotes", name: "mediaLab/quotes", version: "2.0.0",
                modules: ["quotes", "quotes.rules"])
            try scratch.plugin("user/mediaLab/quotes", name: "mediaLab/quotes", version: "1.0.0", modules: ["quotes"])
            try scratch.plugin("user/people", name: "people", version: "1.1.0", modules: ["people"])
            try scratch.write("user/people/people/init.lua", "return {}")
            try scratch.plugin("bundled/dates", name: "dates", version: "0.1.0", modules: ["dates"])
            let locations = PluginLocations(
                projectFile: scratch.path("project/loupe.toml"), user: scratch.path("user"), bundled: scratch.path("bundled"))
            let plugins = try locations.discover()
            #expect(plugins.map { "\($0.name) \($0.manifest.version) \($0.location)" } == [
                "mediaLab/quotes 2.0.0 project", "people 1.1.0 user", "dates 0.1.0 bundled",
            ])
            // The project's quotes hides the user's; which file a module is in is the runtime's to say.
            #expect(try locations.plugin(named: PluginName(parsing: "mediaLab/quotes"))?.root
                == scratch.path("project/loupe_plugins/mediaLab/quotes"))
            #expect(try locations.plugin(named: PluginName(parsing: "figures")) == nil)
        }
    }

    @Test func theRepositoryFindsItsOwnBundledFolder() {
        let locations = PluginLocations(environment: ["HOME": "/nowhere"])
        #expect(locations.bundled?.hasSuffix("/plugins") == true)
    }
}
