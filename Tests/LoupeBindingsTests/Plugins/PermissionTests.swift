import Foundation
import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// `loupe.fs` and `loupe.exec` under each caller's grants (the hostile plugin end to end is
/// in `PluginRunTests`, with a fake home folder).
@Suite struct PermissionTests {
    @Test func aPluginReadsItsOwnFolderByRelativePaths() throws {
        let lua = try PluginHarness()
        #expect(try lua.run("return table.concat(require('gazetteer').places(), ',')") == ["Lisbon,Porto,Harbour Street"])
    }

    @Test func theScriptHasNoGrantsByDefault() throws {
        let lua = try PluginHarness()
        #expect(lua.error("local s = loupe.fs.read('mediaLab/gazetteer/data/places.txt')")?.contains(
            "is outside what the script may read (it has no 'fs.read' permission for it; grant it with 'loupe run --allow fs.read=") == true)
        #expect(lua.error("local s = loupe.exec{'true'}") == """
            script:1: loupe.exec: the script may not run programs (it has no 'exec' permission; grant it with 'loupe run --allow exec')
            """)
    }

    @Test func grantedReadWriteAndExecWork() throws {
        try withTemporaryDirectory { dir in
            let real = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
            try writeFile("in.txt", "one\ntwo\n", in: dir)
            let lua = try PluginHarness(PluginHarness.runtime(script: .init(read: [real], write: [real], exec: true)))
            #expect(try lua.run("""
                local lines = {}
                for line in loupe.fs.lines("\(real)/in.txt") do lines[#lines + 1] = line end
                loupe.fs.write("\(real)/out.txt", "written")
                local status, out = loupe.exec{"echo", "hi"}
                return table.concat(lines, "+"), loupe.fs.read("\(real)/out.txt"), loupe.fs.exists("\(real)/nope"),
                  table.concat(loupe.fs.list("\(real)"), ","), status, out
                """) == ["one+two", "written", false, "in.txt,out.txt", 0, "hi\n"])
        }
    }

    @Test func aGrantToOnePluginIsNotAGrantToOthers() throws {
        try withTemporaryDirectory { dir in
            let real = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
            try writeFile("key", "secret", in: dir)
            let lua = try PluginHarness(PluginHarness.runtime(grants: ["mediaLab/gazetteer": .init(read: [real])]))
            #expect(try lua.run("return require('gazetteer').read('\(real)/key')") == ["secret"])
            #expect(lua.error("return loupe.fs.read('\(real)/key')")?.contains("outside what the script may read") == true)
        }
    }

    @Test func symbolicLinksAndDotDotAreResolvedBeforeTheCheck() throws {
        try withTemporaryDirectory { dir in
            let real = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
            try FileManager.default.createDirectory(atPath: real + "/allowed", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: real + "/secret", withIntermediateDirectories: true)
            try writeFile("secret/key", "secret", in: URL(fileURLWithPath: real))
            try FileManager.default.createSymbolicLink(atPath: real + "/allowed/link", withDestinationPath: real + "/secret")
            let lua = try PluginHarness(PluginHarness.runtime(script: .init(read: [real + "/allowed"])))
            #expect(lua.error("return loupe.fs.read('\(real)/allowed/link/key')")?.contains("'\(real)/secret/key' is outside what the script may read") == true)
            #expect(lua.error("return loupe.fs.read('\(real)/allowed/../secret/key')")?.contains("'\(real)/secret/key' is outside") == true)
            // A prefix is a folder, not a string prefix: /allowed-not is not inside /allowed.
            #expect(lua.error("return loupe.fs.read('\(real)/allowed-not/x')")?.contains("is outside what the script may read") == true)
        }
    }

    @Test func theCorpusIsReadableByEveryone() throws {
        try withTemporaryDirectory { dir in
            let real = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
            try writeFile("doc.txt", "corpus text", in: dir)
            var runtime = PluginHarness.runtime()
            runtime.corpus = [real]
            let lua = try PluginHarness(runtime)
            #expect(try lua.run("return loupe.fs.read('\(real)/doc.txt'), require('gazetteer').read('\(real)/doc.txt')")
                == ["corpus text", "corpus text"])
        }
    }

    @Test func theStateIsReleasedWithItsPluginsAndIterators() throws {
        weak var state: LuaState?
        do {
            let lua = try PluginHarness()
            try lua.run("local g = require 'gazetteer' local it = loupe.fs.lines and g.places() return #it")
            state = lua.environment.state
        }
        #expect(state == nil)
    }
}
