import Foundation
import LoupeTestSupport
import Plugins
import Testing

/// Installing, granting, updating, removing, verifying and the frozen check.
@Suite struct StoreTests {
    static let gazetteer = "\n[permissions]\n\"fs.read\" = [\"~/corpora/gazetteers\"]\nexec = true\n"

    @Test func installsAFolderAndRecordsItEverywhere() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/quotes", name: "mediaLab/quotes", version: "1.2.0", modules: ["quotes"])
            #expect(try fixture.install(scratch.path("src/quotes")) == ["installed mediaLab/quotes 1.2.0"])
            let root = scratch.path("project/loupe_plugins/mediaLab/quotes")
            #expect(FileManager.default.fileExists(atPath: root + "/quotes.lua"))
            let locked = try #require(try fixture.lock[try pluginName("mediaLab/quotes")])
            #expect(locked.source == .folder(scratch.path("src/quotes")))
            #expect(locked.sha256 == (try TreeHash.checksum(ofTreeAt: root)))
            #expect(try String(contentsOfFile: scratch.path("project/loupe.toml"), encoding: .utf8)
                == "[plugins]\n\"mediaLab/quotes\" = { version = \"^1.2.0\", path = \"\(scratch.path("src/quotes"))\" }\n")
            #expect(fixture.requests.isEmpty)  // Nothing to grant.
            // Installing again changes nothing.
            #expect(try fixture.install(scratch.path("src/quotes")) == [])
            #expect(try fixture.locations.plugin(named: PluginName(parsing: "mediaLab/quotes"))?.location == .project)
        }
    }

    @Test func relativeDependencySourcesAreReadFromThePlugin() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/people", name: "people", version: "1.4.0", modules: ["people"])
            try scratch.plugin("src/quotes", name: "quotes", version: "1.0.0",
                dependencies: ["people": #"{ version = "^1.4", path = "../people" }"#], modules: ["quotes"])
            #expect(try fixture.install(scratch.path("src/quotes")) == ["installed people 1.4.0", "installed quotes 1.0.0"])
            #expect(try fixture.lock[try pluginName("people")]?.source == .folder(scratch.path("src/people")))
        }
    }

    @Test func permissionsAreAskedForAndRecorded() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/places", name: "places", version: "0.1.0", modules: ["places"], extra: Self.gazetteer)
            fixture.grant = false
            let refused = expectPluginError { try fixture.install(scratch.path("src/places")) }
            #expect(refused?.kind == .permission)
            #expect(fixture.requests.map(\.name.description) == ["places"])
            #expect(!FileManager.default.fileExists(atPath: scratch.path("project/loupe_plugins/places")))
            fixture.grant = true
            try fixture.install(scratch.path("src/places"))
            let grants = try PluginGrants.load(locations: fixture.locations)
            let installed = try #require(try fixture.locations.plugin(named: try pluginName("places")))
            #expect(grants.granted(to: installed) == PluginPermissions(fsRead: ["~/corpora/gazetteers"], exec: true))
        }
    }

    @Test func userInstallsKeepGrantsInTheUserFolder() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/places", name: "places", version: "0.1.0", modules: ["places"], extra: Self.gazetteer)
            try fixture.install(scratch.path("src/places"), scope: .user)
            #expect(FileManager.default.fileExists(atPath: scratch.path("user/places/places.lua")))
            let grants = try PluginGrants.load(locations: fixture.locations)
            #expect(grants.granted(to: try pluginName("places"), in: .user)?.exec == true)
            let record = try LockFile.load(path: scratch.path("user/grants.toml"))
            #expect(record.plugins.first?.requested?.description == "^0.1.0")
            #expect(try fixture.store.remove(try pluginName("places"), scope: .user).map(\.description) == ["removed places 0.1.0"])
            #expect(!FileManager.default.fileExists(atPath: scratch.path("user/places")))
        }
    }

    @Test func updateMovesToTheNewestTagAndRemoveTakesOrphans() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let people = try fixture.repository("people", plugin: "people", module: "people", versions: [("1.0.0", [])])
            let quotes = try fixture.repository("quotes", plugin: "quotes", module: "quotes",
                versions: [("1.0.0", [#"people = { version = "^1", git = "\#(people)" }"#])])
            try fixture.install(quotes)
            try GitFixture.addVersion("v1.1.0", files: GitFixture.pluginFiles(name: "people", version: "1.1.0", module: "people"),
                to: URL(fileURLWithPath: people))
            #expect(try fixture.store.update(nil, scope: .project).map(\.description) == ["updated people 1.0.0 → 1.1.0"])
            #expect(try fixture.lock[try pluginName("people")]?.source == .git(people, ref: "v1.1.0"))
            let needed = expectPluginError { _ = try fixture.store.remove(try pluginName("people"), scope: .project) }
            #expect(needed?.description == "people is needed by quotes (remove that plugin first)")
            #expect(try fixture.store.remove(try pluginName("quotes"), scope: .project).map(\.description)
                == ["removed people 1.1.0", "removed quotes 1.0.0"])
            #expect(try fixture.lock.plugins.isEmpty)
            #expect(try String(contentsOfFile: scratch.path("project/loupe.toml"), encoding: .utf8) == "[plugins]\n")
        }
    }

    @Test func gitPinsByTagVersionOrRange() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let quotes = try fixture.repository("quotes", plugin: "quotes", module: "quotes",
                versions: [("1.0.0", []), ("1.1.0", []), ("2.0.0", [])])
            #expect(try fixture.install(quotes + "@v1.0.0") == ["installed quotes 1.0.0"])
            #expect(try fixture.install(quotes + "@1.1.0") == ["updated quotes 1.0.0 → 1.1.0"])
            #expect(try fixture.install(quotes + "@^2") == ["updated quotes 1.1.0 → 2.0.0"])
            let missing = expectPluginError { try fixture.install(quotes + "@v9.9.9") }
            #expect(missing?.description == "\(quotes): has no tag v9.9.9 (its tags: v1.0.0, v1.1.0, v2.0.0)")
        }
    }

    @Test func verifyAndTheFrozenCheckNameTheChangedFile() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/quotes", name: "quotes", version: "1.0.0", modules: ["quotes"])
            try fixture.install(scratch.path("src/quotes"))
            let folder = scratch.path("project/loupe_plugins")
            #expect(LockVerifier.check(lock: try fixture.lock, folder: folder).isEmpty)
            try FrozenCheck.verify(project: fixture.locations)
            #expect(try FrozenCheck.lockedPlugins(project: fixture.locations).map(\.version) == [v("1.0.0")])

            try scratch.write("project/loupe_plugins/quotes/quotes.lua", "return 'tampered'")
            let findings = LockVerifier.check(lock: try fixture.lock, folder: folder)
            #expect(findings.map(\.description) == [
                "\(folder)/quotes/quotes.lua: changed since quotes 1.0.0 was installed (the lock pins its files' checksum)"
            ])
            let frozen = expectPluginError { try FrozenCheck.verify(project: fixture.locations) }
            #expect(frozen?.kind == .integrity)
            #expect(frozen?.file == "\(folder)/quotes/quotes.lua")

            // update reinstalls from the recorded source, and the check passes again.
            #expect(try fixture.store.update(nil, scope: .project).map(\.description) == ["reinstalled quotes 1.0.0"])
            try FrozenCheck.verify(project: fixture.locations)

            try scratch.plugin("project/loupe_plugins/stray", name: "stray", version: "0.1.0")
            let stray = expectPluginError { try FrozenCheck.verify(project: fixture.locations) }
            #expect(stray?.problem == "stray is installed but not in loupe.lock")
        }
    }

    @Test func restoreInstallsWhatTheLockPinsAndRefusesOtherFiles() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            try scratch.plugin("src/quotes", name: "mediaLab/quotes", version: "1.2.0", modules: ["quotes"])
            #expect(try fixture.install(scratch.path("src/quotes")) == ["installed mediaLab/quotes 1.2.0"])
            let installed = scratch.path("project/loupe_plugins")
            // A fresh copy of the project: loupe.toml and loupe.lock, no plugins.
            try FileManager.default.removeItem(atPath: installed)
            #expect(try fixture.store.restore(scope: .project).map(\.description) == ["reinstalled mediaLab/quotes 1.2.0"])
            try FrozenCheck.verify(project: fixture.locations)
            #expect(try fixture.store.restore(scope: .project).isEmpty)
            // The source now holds other files under the same version: refused, nothing installed.
            try FileManager.default.removeItem(atPath: installed)
            try scratch.write("src/quotes/quotes.lua", "return {changed = true}\n")
            let error = expectPluginError { _ = try fixture.store.restore(scope: .project) }
            #expect(error?.kind == .integrity)
            #expect(error?.problem.hasPrefix("now holds mediaLab/quotes 1.2.0 with other files than the lock pins") == true)
            #expect(!FileManager.default.fileExists(atPath: installed + "/mediaLab/quotes"))
        }
    }

    @Test func theFrozenCheckWantsALockForWantedPlugins() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch, projectFile: "[plugins]\nquotes = \"^1\"\n")
            let error = expectPluginError { try FrozenCheck.verify(project: fixture.locations) }
            #expect(error?.description.hasPrefix(scratch.path("project/loupe.lock") + ": is missing") == true)
            let none = expectPluginError {
                try FrozenCheck.verify(project: PluginLocations(projectFile: nil, user: scratch.path("u"), bundled: nil))
            }
            #expect(none?.kind == .usage)
        }
    }

    @Test func archivesInstallFromTheirTopFolder() throws {
        try Scratch.with { scratch in
            let fixture = try StoreFixture(scratch)
            let zip = repositoryRoot.appendingPathComponent("Tests/Fixtures/plugins/zipped.zip").path
            #expect(try fixture.install(zip) == ["installed tools/zipped 0.2.0"])
            let unsafe = repositoryRoot.appendingPathComponent("Tests/Fixtures/plugins/dot-dot.tar.gz").path
            #expect(expectPluginError { try fixture.install(unsafe) }?.kind == .invalidFile)
        }
    }

    @Test func sourceArgumentsAreRecognised() throws {
        try Scratch.with { scratch in
            try scratch.plugin("folder", name: "f", version: "1.0.0")
            #expect(try SourceArgument(parsing: scratch.path("folder")).source == .folder(scratch.path("folder")))
            #expect(try SourceArgument(parsing: scratch.path("folder") + "@1.0.0").pin == "1.0.0")
            #expect(try SourceArgument(parsing: "https://example.org/q.git@v1.2.0")
                == SourceArgument(source: .git("https://example.org/q.git", ref: nil), pin: "v1.2.0"))
            #expect(try SourceArgument(parsing: "git@example.org:lab/q.git").source == .git("git@example.org:lab/q.git", ref: nil))
            let error = expectPluginError { _ = try SourceArgument(parsing: scratch.path("nothing")) }
            #expect(error?.problem == "no such folder, archive or repository")
        }
    }
}

extension SourceArgument {
    init(source: PluginSource, pin: String?) {
        self = try! SourceArgument(parsing: "git+" + source.location)
        self.pin = pin
    }
}
