import Checksums
import Foundation
import Plugins
import Testing

/// The tree checksum: exactly as TreeHash documents it, and stable under what must not count.
@Suite struct TreeHashTests {
    @Test func followsTheDocumentedDefinition() throws {
        try Scratch.with { scratch in
            try scratch.write("p/b.lua", "B")
            try scratch.write("p/a/z.lua", "Z")
            try scratch.write("p/run.sh", "#!/bin/sh\n")
            chmod(scratch.path("p/run.sh"), 0o755)
            let expected = "file \(SHA256.hex(of: Array("Z".utf8))) a/z.lua\n"
                + "file \(SHA256.hex(of: Array("B".utf8))) b.lua\n"
                + "exec \(SHA256.hex(of: Array("#!/bin/sh\n".utf8))) run.sh\n"
            let entries = try TreeHash.entries(of: scratch.path("p"))
            #expect(TreeHash.listing(entries) == expected)
            #expect(try TreeHash.checksum(ofTreeAt: scratch.path("p")) == SHA256.hex(of: Array(expected.utf8)))
        }
    }

    @Test func ignoresTimesGitEmptyFoldersAndTheRecord() throws {
        try Scratch.with { scratch in
            try scratch.write("p/plugin.toml", "name = \"p\"\nversion = \"1.0.0\"\n")
            let before = try TreeHash.checksum(ofTreeAt: scratch.path("p"))
            try scratch.write("p/.git/HEAD", "ref: refs/heads/main\n")
            try scratch.write("p/.loupe-tree", "anything")
            try FileManager.default.createDirectory(atPath: scratch.path("p/empty"), withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)],
                ofItemAtPath: scratch.path("p/plugin.toml"))
            #expect(try TreeHash.checksum(ofTreeAt: scratch.path("p")) == before)
        }
    }

    @Test func contentsNamesAndTheExecuteBitCount() throws {
        try Scratch.with { scratch in
            try scratch.write("p/a.lua", "x")
            let base = try TreeHash.checksum(ofTreeAt: scratch.path("p"))
            chmod(scratch.path("p/a.lua"), 0o700)
            let executable = try TreeHash.checksum(ofTreeAt: scratch.path("p"))
            #expect(executable != base)
            chmod(scratch.path("p/a.lua"), 0o644)
            #expect(try TreeHash.checksum(ofTreeAt: scratch.path("p")) == base)
            try scratch.write("p/a.lua", "y")
            #expect(try TreeHash.checksum(ofTreeAt: scratch.path("p")) != base)
        }
    }

    @Test func differencesNameEachFile() throws {
        try Scratch.with { scratch in
            try scratch.write("p/keep.lua", "1")
            try scratch.write("p/change.lua", "1")
            try scratch.write("p/gone.lua", "1")
            let before = try TreeHash.entries(of: scratch.path("p"))
            try scratch.write("p/change.lua", "2")
            try FileManager.default.removeItem(atPath: scratch.path("p/gone.lua"))
            try scratch.write("p/new.lua", "1")
            let after = try TreeHash.entries(of: scratch.path("p"))
            #expect(TreeHash.differences(from: before, to: after) == ["changed change.lua", "removed gone.lua", "added new.lua"])
            #expect(TreeHash.parse(listing: TreeHash.listing(before)) == before)
        }
    }
}
