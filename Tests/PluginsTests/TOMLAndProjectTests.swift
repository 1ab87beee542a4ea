import Foundation
import Plugins
import Testing

/// The TOML subset through the files that use it: the lock (arrays of tables, inline
/// tables) and the project file (rewritten in place).
@Suite struct TOMLAndProjectTests {
    @Test func aLockReadsBackToTheSameBytes() throws {
        let people = LockedPlugin(
            name: try pluginName("mediaLab/people"), version: v("1.4.2"), source: .git("/srv/people.git", ref: "v1.4.2"),
            commit: "abc123", sha256: String(repeating: "a", count: 64))
        let quotes = LockedPlugin(
            name: try pluginName("mediaLab/quotes"), version: v("1.2.0"), source: .archive("/tmp/q \"1\".tar.gz"),
            sha256: String(repeating: "b", count: 64), dependencies: [try pluginName("mediaLab/people")],
            granted: PluginPermissions(fsRead: ["~/corpora"], exec: true), requested: try range("^1.2"))
        let lock = LockFile(plugins: [quotes, people])
        #expect(lock.plugins.map(\.name.description) == ["mediaLab/people", "mediaLab/quotes"])
        let text = lock.rendered()
        let again = try LockFile.parse(text, file: "loupe.lock")
        #expect(again == lock)
        #expect(again.rendered() == text)
        #expect(text.contains(#"granted = { "fs.read" = ["~/corpora"], "fs.write" = [], exec = true }"#))
        #expect(text.contains(#"path = "/tmp/q \"1\".tar.gz""#))
    }

    @Test func aLockWritesLocalSourcesInsideTheProjectRelativeToIt() throws {
        try Scratch.with { scratch in
            let folder = scratch.path("project")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let sum = String(repeating: "c", count: 64)
            let lock = LockFile(plugins: [
                LockedPlugin(name: try pluginName("a"), version: v("1.0.0"), source: .archive(folder + "/vendor/a.tar.gz"), sha256: sum),
                LockedPlugin(name: try pluginName("b"), version: v("1.0.0"), source: .git(folder + "/repos/b.git", ref: "v1.0.0"), sha256: sum),
                LockedPlugin(name: try pluginName("c"), version: v("1.0.0"), source: .folder("/elsewhere/c"), sha256: sum),
            ])
            try lock.write(to: folder + "/loupe.lock")
            let text = try String(contentsOfFile: folder + "/loupe.lock", encoding: .utf8)
            #expect(text.contains("path = \"vendor/a.tar.gz\"\n"))
            #expect(text.contains("git = \"repos/b.git\"\n"))
            #expect(text.contains("path = \"/elsewhere/c\"\n"))
            // Read back from wherever the project is now.
            #expect(try LockFile.load(path: folder + "/loupe.lock") == lock)
        }
    }

    @Test func lockErrorsNameTheLine() {
        let error = expectPluginError {
            _ = try LockFile.parse("version = 1\n\n[[plugin]]\nname = \"q\"\nversion = \"1.0.0\"\nsource = \"ftp\"\n", file: "loupe.lock")
        }
        #expect(error?.description == #"loupe.lock:6: source "ftp" is not folder, archive or git"#)
    }

    @Test func stringsArraysAndTables() throws {
        let text = #"""
            name = "q"
            version = "1.0.0"
            description = """
            Two \
              lines"""
            authors = [ # who
              "A \u00e9", 'B\n',
            ]
            [provides]
            modules = []
            """#
        let manifest = try PluginManifest.parse(text)
        #expect(manifest.description == "Two lines")
        #expect(manifest.authors == ["A é", "B\\n"])
    }

    @Test func theProjectFileKeepsWhatItDoesNotOwn() throws {
        try Scratch.with { scratch in
            let path = try scratch.write("loupe.toml", """
                # My project
                [run]
                jobs = 2

                [plugins]
                # old comment
                zeta = "^1"

                [report]
                title = "x"
                """)
            var project = try ProjectFile.load(path: path)
            #expect(project.requirements.map(\.name.description) == ["zeta"])
            project.set(ProjectFile.Requirement(name: try pluginName("mediaLab/quotes"), range: try range("^1.2.0"),
                source: .git("/srv/quotes.git", ref: nil)))
            try project.save()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == """
                # My project
                [run]
                jobs = 2

                [plugins]
                "mediaLab/quotes" = { version = "^1.2.0", git = "/srv/quotes.git" }
                # old comment
                zeta = "^1"

                [report]
                title = "x"

                """)
            #expect(try ProjectFile.load(path: path).requirements.count == 2)
        }
    }

    @Test func relativeSourcesAreReadFromTheProjectsFolder() throws {
        try Scratch.with { scratch in
            let path = try scratch.write("work/project/loupe.toml", """
                [plugins]
                a = { version = "^1", path = "../a" }
                b = { version = "^1", archive = "/abs/b.tar.gz" }
                c = { version = "^1", git = "repos/c.git", tag = "v1.0.0" }
                d = { version = "^1", git = "https://example.org/d.git" }
                """)
            let sources = try ProjectFile.load(path: path).requirements.map(\.source)
            #expect(sources == [
                .folder(scratch.path("work/a")), .archive("/abs/b.tar.gz"),
                .git(scratch.path("work/project/repos/c.git"), ref: "v1.0.0"), .git("https://example.org/d.git", ref: nil),
            ])
        }
    }

    @Test func rewritingKeepsCommentsWithTheirEntriesAndWritesPathsInsideTheProjectRelative() throws {
        try Scratch.with { scratch in
            let path = try scratch.write("work/project/loupe.toml", """
                [plugins]  # what this analysis uses
                # Shared by the media lab; ask Ada before upgrading.

                # pinned for the 2025 paper
                zeta = "~1.4"   # see notes.md
                b = { version = "^1", path = "vendor/b" }
                # a closing note
                """)
            var project = try ProjectFile.load(path: path)
            let folder = scratch.path("work/project")
            project.set(ProjectFile.Requirement(name: try pluginName("a"), range: try range("^0.1.0"),
                source: .archive(folder + "/dist/a-0.1.0.tar.gz")))
            project.set(ProjectFile.Requirement(name: try pluginName("c"), range: try range("^2.0.0"),
                source: .git(folder + "/repos/c.git", ref: "v2.0.0")))
            project.set(ProjectFile.Requirement(name: try pluginName("d"), range: try range("^1.0.0"),
                source: .folder(scratch.path("work/d"))))
            try project.save()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == """
                [plugins] # what this analysis uses
                # Shared by the media lab; ask Ada before upgrading.
                a = { version = "^0.1.0", archive = "dist/a-0.1.0.tar.gz" }
                b = { version = "^1", path = "vendor/b" }
                c = { version = "^2.0.0", git = "repos/c.git", tag = "v2.0.0" }
                d = { version = "^1.0.0", path = "\(scratch.path("work/d"))" }
                # pinned for the 2025 paper
                zeta = "~1.4" # see notes.md
                # a closing note

                """)
            // Read back, the relative paths are the same sources.
            let sources = try ProjectFile.load(path: path).requirements.map(\.source)
            #expect(sources[0] == .archive(folder + "/dist/a-0.1.0.tar.gz"))
            #expect(sources[2] == .git(folder + "/repos/c.git", ref: "v2.0.0"))
        }
    }

    @Test func anEmptyProjectFileGetsAPluginsTable() throws {
        try Scratch.with { scratch in
            let path = try scratch.write("loupe.toml", "")
            var project = try ProjectFile.load(path: path)
            project.set(ProjectFile.Requirement(name: try pluginName("dates"), range: try range("~0.3")))
            try project.save()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "[plugins]\ndates = \"~0.3\"\n")
        }
    }
}
