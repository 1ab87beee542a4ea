import Foundation
import LoupeTestSupport
import Plugins
import Testing

/// Packing is reproducible; extraction refuses entries that would escape.
@Suite struct ArchiveTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/plugins")

    @Test func packingTwiceGivesIdenticalBytes() throws {
        try Scratch.with { scratch in
            try scratch.plugin("p", name: "mediaLab/quotes", version: "1.2.0", modules: ["quotes", "quotes.rules"])
            try scratch.write("p/tools/run.sh", "#!/bin/sh\n")
            chmod(scratch.path("p/tools/run.sh"), 0o700)
            let first = try PluginArchive.pack(folder: scratch.path("p"), prefix: "q-1.2.0", to: scratch.path("one.tar.gz"))
            // New times and other modes on the files must change nothing.
            sleep(1)
            try scratch.write("p/quotes.lua", "return { name = \"quotes\" }\n")
            chmod(scratch.path("p/plugin.toml"), 0o600)
            let second = try PluginArchive.pack(folder: scratch.path("p"), prefix: "q-1.2.0", to: scratch.path("two.tar.gz"))
            #expect(first == second)
            let one = try Data(contentsOf: URL(fileURLWithPath: scratch.path("one.tar.gz")))
            let two = try Data(contentsOf: URL(fileURLWithPath: scratch.path("two.tar.gz")))
            #expect(one == two)
            // gzip: magic, deflate, then a zero modification time.
            #expect(Array(one.prefix(8)) == [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0])
        }
    }

    @Test func aPackExtractsToTheSameTree() throws {
        try Scratch.with { scratch in
            try scratch.plugin("p", name: "quotes", version: "1.0.0", modules: ["quotes"])
            try scratch.write("p/bin/tool", "#!/bin/sh\n")
            chmod(scratch.path("p/bin/tool"), 0o755)
            try scratch.write("p/.git/config", "ignored")
            try PluginArchive.pack(folder: scratch.path("p"), prefix: "quotes-1.0.0", to: scratch.path("p/self.tar.gz"))
            try PluginArchive.extract(scratch.path("p/self.tar.gz"), into: scratch.path("out"))
            // The pack does not hold itself, nor .git.
            try FileManager.default.removeItem(atPath: scratch.path("p/self.tar.gz"))
            #expect(try TreeHash.checksum(ofTreeAt: scratch.path("out/quotes-1.0.0")) == TreeHash.checksum(ofTreeAt: scratch.path("p")))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out/quotes-1.0.0/.git")))
        }
    }

    @Test func linksAreNotPacked() throws {
        try Scratch.with { scratch in
            try scratch.plugin("p", name: "quotes", version: "1.0.0")
            try FileManager.default.createSymbolicLink(atPath: scratch.path("p/link"), withDestinationPath: "plugin.toml")
            let error = expectPluginError { try PluginArchive.pack(folder: scratch.path("p"), prefix: "x", to: scratch.path("x.tar.gz")) }
            #expect(error?.description == scratch.path("p/link")
                + ": is a symbolic link; packs hold only files (replace the link with the file it points to)")
        }
    }

    @Test(arguments: [
        ("absolute-path.tar.gz", "entry /tmp/loupe-evil-absolute.txt has an absolute path, which could write anywhere"),
        ("dot-dot.tar.gz", "entry evil/../../loupe-evil-dotdot.txt climbs out of the archive with '..'"),
        ("link-outside.tar.gz", "entry evil/secrets is a link to ../../../home/.ssh, outside the plugin"),
    ])
    func unsafeEntriesAreRefused(fixture: String, problem: String) throws {
        try Scratch.with { scratch in
            let archive = Self.fixtures.appendingPathComponent(fixture).path
            let error = expectPluginError { try PluginArchive.extract(archive, into: scratch.path("out/deep")) }
            #expect(error?.kind == .invalidFile)
            #expect(error?.file == archive)
            #expect(error?.problem == problem)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/loupe-evil-absolute.txt"))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("loupe-evil-dotdot.txt")))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out/deep/evil/secrets")))
        }
    }

    @Test func linksInsideAndZipArchivesExtract() throws {
        try Scratch.with { scratch in
            try PluginArchive.extract(Self.fixtures.appendingPathComponent("link-inside.tar.gz").path, into: scratch.path("a"))
            #expect(try String(contentsOfFile: scratch.path("a/fine/words"), encoding: .utf8) == "a b c\n")
            try PluginArchive.extract(Self.fixtures.appendingPathComponent("zipped.zip").path, into: scratch.path("z"))
            #expect(try PluginManifest.load(folder: scratch.path("z/zipped")).name.description == "tools/zipped")
        }
    }
}
