import Foundation
import LoupeTestSupport
import Testing

/// Plugins at run time through `loupe run` (so in worker processes): `require`, isolation,
/// and permissions, with a hostile plugin and a well-behaved one.
@Suite struct PluginRunTests {
    // MARK: Helpers

    /// Runs `script` over the project's corpus with `arguments`; returns `attempt → result`.
    private func results(_ script: String, _ arguments: [String] = [], in project: PluginProject) throws -> [String: String] {
        try writeFile("s.lua", script, in: project.project)
        let result = try runLoupe(
            ["run"] + arguments + ["s.lua", project.corpus.path], in: project.project, environment: project.environment)
        #expect(result.status == 0, "\(result.stderr)")
        var out: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let key = row?["attempt"] as? String { out[key] = row?["result"] as? String ?? "" }
        }
        return out
    }

    private static let hostileScript = """
        script_secret = "the script's"
        local evil = require "evil"
        local gazetteer = require "gazetteer"
        function document(doc)
          for attempt, result in pairs(evil.attempts()) do emit{attempt = attempt, result = result} end
          emit{attempt = "after_tamper", result = string.upper("x") .. " " .. tostring(math.pi > 3.14) .. " " .. gazetteer.shared_global()}
          emit{attempt = "after_exports", result = gazetteer.find("to Porto")[1]}
        end
        """

    // MARK: The hostile plugin

    @Test func everyAttemptOfTheHostilePluginIsRefusedNamingThePermission() throws {
        try withTemporaryDirectory { dir in
            let project = try PluginProject(in: dir)
            let r = try results(Self.hostileScript, in: project)
            let key = project.home.path + "/.ssh/id_rsa"
            let readRefusal = "is outside what plugin 'evil' may read (it has no 'fs.read' permission for it; its plugin.toml asks for it: grant it at 'loupe plugin install', or for one run with 'loupe run --allow evil:fs.read="
            // (pcall calls loupe.fs.read directly: no Lua line to name.)
            #expect(r["ssh_key"] == "loupe.fs.read: '\(key)' \(readRefusal)\(project.home.path)/.ssh')")
            #expect(r["ssh_lines"]?.contains("loupe.fs.lines: '\(key)' \(readRefusal)") == true)
            #expect(r["list_home"]?.contains("loupe.fs.list: '\(project.home.path)' \(readRefusal)") == true)
            #expect(r["dot_dot"]?.contains("loupe.fs.read: '\(key)' \(readRefusal)") == true)
            // The link inside its own folder is followed to where it points, and refused there.
            #expect(r["symlink"]?.contains("loupe.fs.read: '\(key)' \(readRefusal)") == true)
            let plugins = project.project.path + "/loupe_plugins"
            #expect(r["write_outside"]?.contains(
                "loupe.fs.write: '\(plugins)/pwned.txt' is outside what plugin 'evil' may write (it has no 'fs.write' permission for it; its plugin.toml asks for it: grant it at 'loupe plugin install', or for one run with 'loupe run --allow evil:fs.write=\(plugins)')") == true)
            #expect(r["write_own"]?.contains("loupe.fs.write: '\(plugins)/evil/pwned.txt' is outside what plugin 'evil' may write (it has no 'fs.write' permission") == true)
            #expect(r["exec"]?.contains("loupe.exec: plugin 'evil' may not run programs (it has no 'exec' permission; its plugin.toml asks for it: grant it at 'loupe plugin install', or for one run with 'loupe run --allow evil:exec')") == true)
            #expect(r["popen"]?.contains("io.popen is not available in Loupe's sandbox: run programs with loupe.exec{program, args...} (that needs the 'exec' permission)") == true)
            #expect(r["execute"]?.contains("os.execute is not available in Loupe's sandbox: run programs with loupe.exec") == true)
            #expect(r["execute"]?.contains("'exec' permission") == true)
            #expect(r["ssh_key_io"]?.contains("io.open is not available in Loupe's sandbox: read files with loupe.fs.read(path)") == true)
            #expect(r["ssh_key_io"]?.contains("'fs.read' permission") == true)
            #expect(r["remove"]?.contains("os.remove is not available in Loupe's sandbox") == true)
            #expect(r["remove"]?.contains("'fs.write' permission") == true)
            #expect(r["loadlib"]?.contains("package.loadlib is not available in Loupe's sandbox: C modules are never loaded") == true)
            #expect(r["cpath"]?.contains("package.cpath is not available in Loupe's sandbox: C modules are never loaded") == true)
            // Globals of the script and of the other plugin are out of reach; the plugin's own
            // libraries refuse changes while a document runs (the next documents would see them).
            #expect(r["script_global"] == "nil")
            #expect(r["raw_global"] == "nil")
            #expect(r["other_plugin_global"] == "nil")
            #expect(r["tamper"]?.contains(
                "evil/evil.lua:31: cannot set 'upper' in 'string' while a document runs: library tables are shared by the documents of a worker, so the change would leak into the next ones (set it at the script's top level, or use a local)") == true)
            #expect(r["args"]?.contains("cannot set '1' in 'loupe.args' while a document runs") == true)
            #expect(r["after_tamper"] == "X true kept in the gazetteer's globals")
            // Another plugin's exports cannot be replaced: the script still gets the real ones.
            #expect(r["replace_function"]?.contains("module 'gazetteer' is read-only outside its plugin: cannot set 'find'") == true)
            #expect(r["nested"]?.contains("module 'gazetteer' is read-only outside its plugin: cannot set 'loads'") == true)
            #expect(r["after_exports"] == "Porto")
            // Nothing was written anywhere.
            #expect(!FileManager.default.fileExists(atPath: plugins + "/pwned.txt"))
            #expect(!FileManager.default.fileExists(atPath: plugins + "/evil/pwned.txt"))
        }
    }

    // MARK: What plugins may do

    @Test func aPluginReadsItsOwnDataTheCorpusAndWhatWasGranted() throws {
        try withTemporaryDirectory { dir in
            let project = try PluginProject(in: dir)
            let script = """
                local gazetteer = require "gazetteer"
                function document(doc)
                  emit{attempt = "places", result = table.concat(gazetteer.find(doc.text), ",")}
                  emit{attempt = "corpus", result = gazetteer.read("\(project.corpus.path)/a.txt")}
                  emit{attempt = "granted", result = gazetteer.read("\(project.extra.path)/extra-places.txt")}
                  emit{attempt = "script_granted", result = loupe.fs.read("\(project.extra.path)/extra-places.txt")}
                  emit{attempt = "loads", result = tostring(require("gazetteer").loads)}
                end
                """
            let r = try results(script, ["--allow", "mediaLab/gazetteer:fs.read=\(project.extra.path)", "--allow", "fs.read=../gazetteers"], in: project)
            #expect(r["places"] == "Lisbon,Harbour Street")
            #expect(r["corpus"] == "They walked from Lisbon to Harbour Street.\n")
            #expect(r["granted"] == "Faro\n")
            #expect(r["script_granted"] == "Faro\n")
            #expect(r["loads"] == "1")
        }
    }

    @Test func grantsAreForTheirOwnerOnly() throws {
        try withTemporaryDirectory { dir in
            let project = try PluginProject(in: dir)
            let script = """
                local gazetteer = require "gazetteer"
                function document(doc)
                  emit{attempt = "plugin", result = select(2, pcall(gazetteer.read, "\(project.extra.path)/extra-places.txt"))}
                end
                """
            let r = try results(script, ["--allow", "fs.read=\(project.extra.path)"], in: project)
            #expect(r["plugin"]?.contains("is outside what plugin 'mediaLab/gazetteer' may read") == true)
            // The gazetteer's manifest asks for nothing: installing cannot grant it, --allow can.
            #expect(r["plugin"]?.contains("(it has no 'fs.read' permission for it; its plugin.toml does not ask for it; "
                + "grant it for one run with 'loupe run --allow mediaLab/gazetteer:fs.read=\(project.extra.path)')") == true, "\(r["plugin"] ?? "")")
        }
    }

    @Test func anUnknownModuleSaysWhereLoupeLookedAndHowToInstall() throws {
        try withTemporaryDirectory { dir in
            let project = try PluginProject(in: dir)
            try writeFile("s.lua", "local q = require 'quotes'\nfunction document(doc) end", in: project.project)
            let result = try runLoupe(["run", "s.lua", project.corpus.path], in: project.project, environment: project.environment)
            #expect(result.status == 1)
            let project_ = URL(fileURLWithPath: project.project.path).standardizedFileURL.path
            #expect(result.stderr.contains(
                "s.lua:1: module 'quotes' not found: no installed plugin provides it (looked in: \(project_)/loupe_plugins (project), \(dir.path)/xdg/loupe/plugins (user), \(dir.path)/no-bundled (bundled)); install one with 'loupe plugin install'"),
                "\(result.stderr)")
        }
    }

    @Test func badAllowValuesAreUsageErrors() throws {
        let result = try runLoupe(["run", "--allow", "fs.reed=/x", "scripts/word-count.lua", "examples/articles"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--allow takes fs.read=PATH, fs.write=PATH or exec"))
    }
}

/// Plugins in `loupe repl`, read from a pipe.
@Suite struct PluginReplTests {
    @Test func theReplRequiresPluginsAndTakesAllow() throws {
        try withTemporaryDirectory { dir in
            let project = try PluginProject(in: dir)
            let input = """
                table.concat(require("gazetteer").places(), ",")
                loupe.fs.read("\(project.extra.path)/extra-places.txt")

                """
            let granted = try runLoupe(
                ["repl", "--no-history", "--allow", "fs.read=\(project.extra.path)"], stdin: input, in: project.project,
                environment: project.environment)
            #expect(granted.status == 0, "\(granted.stderr)")
            #expect(granted.stdout == "\"Lisbon,Porto,Harbour Street\"\n\"Faro\\n\"\n")
            let refused = try runLoupe(["repl", "--no-history"], stdin: input, in: project.project, environment: project.environment)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is outside what the script may read (it has no 'fs.read' permission for it"))
        }
    }
}

/// What the user granted at `loupe plugin install` is what the plugin may do at run time.
@Suite struct InstalledGrantTests {
    @Test func aPermissionGrantedAtInstallIsEnforcedAsGranted() throws {
        try withTemporaryDirectory { dir in
            let real = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
            let project = try PluginProject(in: URL(fileURLWithPath: real))
            let source = real + "/reader-source"
            try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
            try writeFile("plugin.toml", """
                name = "reader"
                version = "1.0.0"
                [provides]
                modules = ["reader"]
                [permissions]
                "fs.read" = ["\(project.extra.path)"]
                """, in: URL(fileURLWithPath: source))
            try writeFile("reader.lua", "return { read = function(p) return loupe.fs.read(p) end }", in: URL(fileURLWithPath: source))
            let install = try runLoupe(["plugin", "install", source, "--yes"], in: project.project, environment: project.environment)
            #expect(install.status == 0, "\(install.stderr)")
            try writeFile("s.lua", """
                local reader, gazetteer = require "reader", require "gazetteer"
                function document(doc)
                  emit{granted = reader.read("\(project.extra.path)/extra-places.txt"),
                       other = select(2, pcall(gazetteer.read, "\(project.extra.path)/extra-places.txt"))}
                end
                """, in: project.project)
            let run = try runLoupe(["run", "s.lua", project.corpus.path], in: project.project, environment: project.environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(#""granted":"Faro\n""#))
            // The gazetteer, copied in without an install, was granted nothing.
            #expect(run.stdout.contains("is outside what plugin 'mediaLab/gazetteer' may read"))
        }
    }
}
