import Foundation
import Plugins
import Testing

/// Reading `plugin.toml`: every field, and errors that name the file, the line and the fix.
@Suite struct ManifestTests {
    static let full = """
        # A complete manifest.
        name = "mediaLab/quotes"        # namespaced
        version = "1.2.0"
        description = "Finds quotes and who said them."
        authors = ["Ada <ada@example.org>", 'Grace']
        license = "MIT"
        homepage = "https://example.org/quotes"
        loupe = ">=0.1, <2"

        [dependencies]
        "mediaLab/people" = "^1.2"
        dates = { version = "~1.4", git = "https://example.org/dates.git" }

        [provides]
        modules = [
          "quotes",
          "quotes.rules",   # a sub-module
        ]
        readers = []
        annotators = ["quote"]
        templates = ["templates/quotes.md"]
        commands = []

        [permissions]
        "fs.read" = ["~/corpora/gazetteers"]
        "fs.write" = []
        exec = false
        """

    @Test func readsEveryField() throws {
        let manifest = try PluginManifest.parse(Self.full)
        #expect(manifest.name.description == "mediaLab/quotes")
        #expect(manifest.namespace == "mediaLab")
        #expect(manifest.name.name == "quotes")
        #expect(manifest.version == v("1.2.0"))
        #expect(manifest.description == "Finds quotes and who said them.")
        #expect(manifest.authors == ["Ada <ada@example.org>", "Grace"])
        #expect(manifest.license == "MIT")
        #expect(manifest.homepage == "https://example.org/quotes")
        #expect(manifest.supportsLoupe(v("0.1.0")) && manifest.supportsLoupe(v("1.9.9")) && !manifest.supportsLoupe(v("2.0.0")))
        #expect(manifest.dependencies[try pluginName("mediaLab/people")]?.description == "^1.2")
        #expect(manifest.dependencies[try pluginName("dates")]?.description == "~1.4")
        #expect(manifest.dependencySources[try pluginName("dates")] == .git("https://example.org/dates.git", ref: nil))
        #expect(manifest.provides.modules == ["quotes", "quotes.rules"])
        #expect(manifest.provides.annotators == ["quote"])
        #expect(manifest.provides.templates == ["templates/quotes.md"])
        #expect(manifest.permissions == PluginPermissions(fsRead: ["~/corpora/gazetteers"]))
    }

    @Test func onlyNameAndVersionAreRequired() throws {
        let manifest = try PluginManifest.parse("name = \"quotes\"\nversion = \"0.1.0\"\n")
        #expect(manifest.namespace == nil)
        #expect(manifest.dependencies.isEmpty)
        #expect(manifest.permissions.isEmpty)
        #expect(manifest.supportsLoupe(v("9.0.0")))
    }

    @Test func loadsFromAFolder() throws {
        try Scratch.with { scratch in
            let folder = try scratch.plugin("quotes", name: "quotes", version: "0.3.1", modules: ["quotes"])
            #expect(try PluginManifest.load(folder: folder).version == v("0.3.1"))
            let error = expectPluginError { _ = try PluginManifest.load(folder: scratch.path("nothing")) }
            #expect(error?.kind == .notFound)
            #expect(error?.description.hasPrefix(scratch.path("nothing/plugin.toml") + ": no plugin manifest here") == true)
        }
    }

    @Test(arguments: [
        ("name = \"q\"\nversion = \"1.x\"\n",
         #"plugin.toml:2: version "1.x" is not a semantic version (write it as MAJOR.MINOR.PATCH, e.g. 1.2.0)"#),
        ("name = \"q\"\nversion = \"1.0.0\"\nlicence = \"MIT\"\n",
         #"plugin.toml:3: unknown key "licence" (known keys: name, version, description, authors, license, homepage, loupe, dependencies, provides, permissions)"#),
        ("name = \"q\"\nversion = \"1.0.0\"\n[permissions]\nnetwork = true\n",
         #"plugin.toml:4: unknown key "network" in [permissions] (known keys: fs.read, fs.write, exec)"#),
        ("version = \"1.0.0\"\n",
         #"plugin.toml: "name" is missing (add e.g. name = "mediaLab/quotes")"#),
        ("name = \"Quotes\"\nversion = \"1.0.0\"\n",
         #"plugin.toml:1: plugin name "Quotes" is not a valid name (write it as NAME or NAMESPACE/NAME, with a name of lowercase letters, digits, _ and -)"#),
        ("name = \"q\"\nversion = \"1.0.0\"\n[dependencies]\npeople = \"^one\"\n",
         #"plugin.toml:4: version range "^one" is not understood at "^one" (write e.g. ^1.2, ~1.4, >=1.0,<2, =1.2.3 or *)"#),
        ("name = \"q\"\nversion = 1\n",
         #"plugin.toml:2: "version" is an integer, not a string"#),
        ("name = \"q\"\nversion = \"1.0.0\"\n[provides]\nmodules = [\"a b\"]\n",
         #"plugin.toml:4: module name "a b" is not valid (use names such as quotes or quotes.rules: letters, digits and _, parts joined by dots)"#),
        ("name = \"q\nversion = \"1.0.0\"\n",
         #"plugin.toml:1: a string is not closed on its line (add the closing ")"#),
        ("name = \"q\"\nname = \"r\"\n", #"plugin.toml:2: key "name" is defined twice"#),
        ("name = \"q\"\nversion = 1.0.0\n",
         #"plugin.toml:2: 1.0.0 is not a value Loupe reads (strings go in double quotes: "1.0.0")"#),
    ])
    func errorsNameTheLineAndTheFix(text: String, message: String) {
        let error = expectPluginError { _ = try PluginManifest.parse(text) }
        #expect(error?.description == message)
        #expect(error?.kind == .invalidFile)
    }

    @Test func namespacesMayUseCapitalsButNamesMayNot() throws {
        #expect(try pluginName("mediaLab/quotes").namespace == "mediaLab")
        #expect(throws: PluginError.self) { try PluginName(parsing: "media/Quotes") }
        #expect(throws: PluginError.self) { try PluginName(parsing: "a/b/c") }
        #expect(throws: PluginError.self) { try PluginName(parsing: "") }
    }
}
