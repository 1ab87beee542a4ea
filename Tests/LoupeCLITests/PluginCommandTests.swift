import Foundation
import LoupeTestSupport
import Testing

/// `loupe plugin …` and `loupe run --frozen`, through the real binary, in temporary folders
/// with HOME, XDG_DATA_HOME and the bundled folder pointed there too.
@Suite struct PluginCommandTests {
    /// The environment that keeps a test away from the real home and plugin folders.
    static func environment(_ dir: URL) -> [String: String] {
        ["HOME": dir.appendingPathComponent("home").path, "XDG_DATA_HOME": dir.appendingPathComponent("data").path,
         "LOUPE_BUNDLED_PLUGINS": dir.appendingPathComponent("bundled").path]
    }

    @Test func roundTripFromNewToFrozen() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            let made = try runLoupe(["plugin", "new", "mediaLab/quotes"], in: dir, environment: env)
            #expect(made.status == 0)
            #expect(made.stdout.split(separator: "\n") == [
                "quotes/plugin.toml", "quotes/quotes.lua", "quotes/tests/quotes_spec.lua", "quotes/README.md",
            ])
            // Edit: a new function and a permission request.
            let manifest = dir.appendingPathComponent("quotes/plugin.toml")
            var text = try String(contentsOf: manifest, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"fs.read\" = []", with: "\"fs.read\" = [\"~/gazetteers\"]")
            try Data(text.utf8).write(to: manifest)
            try writeFile("quotes/quotes.lua", "local M = {}\nfunction M.count() return 1 end\nreturn M\n", in: dir)

            let first = try runLoupe(["plugin", "pack", "quotes", "-o", "one.tar.gz"], in: dir, environment: env)
            let second = try runLoupe(["plugin", "pack", "quotes", "-o", "two.tar.gz"], in: dir, environment: env)
            #expect(first.status == 0 && second.status == 0)
            let sum = String(first.stdout.prefix(64))
            #expect(first.stdout == "\(sum)  one.tar.gz\n")
            #expect(second.stdout == "\(sum)  two.tar.gz\n")
            #expect(try Data(contentsOf: dir.appendingPathComponent("one.tar.gz"))
                == Data(contentsOf: dir.appendingPathComponent("two.tar.gz")))

            let project = dir.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try writeFile("loupe.toml", "", in: project)
            // No terminal and no --yes: the permission is shown and nothing is installed.
            let refused = try runLoupe(["plugin", "install", "../one.tar.gz"], in: project, environment: env)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("  mediaLab/quotes 0.1.0\n    fs.read   read files under ~/gazetteers\n"))
            #expect(refused.stderr.contains(
                "loupe: permissions need granting and there is no terminal to ask on (run the command in a terminal to answer, or pass --yes to grant them)"))
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("loupe.lock").path))

            let installed = try runLoupe(["plugin", "install", "../one.tar.gz", "--yes"], in: project, environment: env)
            #expect(installed.status == 0, "\(installed.stderr)")
            #expect(installed.stderr.contains("loupe: installed mediaLab/quotes 0.1.0\nloupe: wrote loupe.lock\n"))
            let lock = try String(contentsOf: project.appendingPathComponent("loupe.lock"), encoding: .utf8)
            #expect(lock.contains("name = \"mediaLab/quotes\"\nversion = \"0.1.0\"\nsource = \"archive\"\n"))
            #expect(lock.contains(#"granted = { "fs.read" = ["~/gazetteers"], "fs.write" = [], exec = false }"#))

            let verified = try runLoupe(["plugin", "verify"], in: project, environment: env)
            #expect(verified.status == 0)
            #expect(verified.stderr == "loupe: 1 plugin matches loupe.lock\n")
            let listed = try runLoupe(["plugin", "list"], in: project, environment: env)
            #expect(listed.stdout == "mediaLab/quotes 0.1.0  project  loupe_plugins/mediaLab/quotes\n")
            let info = try runLoupe(["plugin", "info", "mediaLab/quotes"], in: project, environment: env)
            #expect(info.stdout.contains("granted     fs.read   read files under ~/gazetteers"))

            try writeFile("s.lua", "function document(doc) emit{id = doc.id} end\n", in: project)
            try writeFile("d.txt", "Some text.", in: project)
            let frozen = try runLoupe(["run", "--frozen", "s.lua", "d.txt"], in: project, environment: env)
            #expect(frozen.status == 0, "\(frozen.stderr)")
            #expect(frozen.stdout == #"{"id":"d"}"# + "\n")
            // The run manifest records the locked plugins and their checksums.
            let recorded = try runLoupe(["run", "--frozen", "-o", "out.jsonl", "s.lua", "d.txt"], in: project, environment: env)
            #expect(recorded.status == 0)
            let runManifest = try String(contentsOf: project.appendingPathComponent("out.jsonl.manifest.json"), encoding: .utf8)
            let lockedSum = try #require(lock.split(separator: "\n").first { $0.hasPrefix("sha256 = ") }).dropFirst(10).dropLast()
            #expect(runManifest.contains("mediaLab/quotes"))
            #expect(runManifest.contains(String(lockedSum)))

            // A changed file: verify and run --frozen fail, naming it.
            try writeFile("loupe_plugins/mediaLab/quotes/quotes.lua", "return {}\n", in: project)
            let changed = try runLoupe(["plugin", "verify"], in: project, environment: env)
            #expect(changed.status == 1)
            #expect(changed.stderr.hasPrefix(
                "loupe: loupe_plugins/mediaLab/quotes/quotes.lua: changed since mediaLab/quotes 0.1.0 was installed"))
            // Without --frozen the run goes on, says so, and its manifest records the files that ran.
            let unfrozen = try runLoupe(["run", "-o", "changed.jsonl", "s.lua", "d.txt"], in: project, environment: env)
            #expect(unfrozen.status == 0)
            #expect(unfrozen.stderr.hasPrefix("loupe: warning: the installed mediaLab/quotes differs from loupe.lock; the run manifest records the files that ran"))
            let changedManifest = try String(contentsOf: project.appendingPathComponent("changed.jsonl.manifest.json"), encoding: .utf8)
            #expect(!changedManifest.contains(String(lockedSum)))
            let refusedRun = try runLoupe(["run", "--frozen", "s.lua", "d.txt"], in: project, environment: env)
            #expect(refusedRun.status == 1)
            #expect(refusedRun.stdout.isEmpty)
            // Both say it the same way, and what to do.
            #expect(refusedRun.stderr == changed.stderr + "loupe: --frozen: nothing was run\n")
            #expect(changed.stderr.contains(
                "loupe: installed plugins differ from loupe.lock: reinstall what the lock pins with `loupe plugin install` (no source), "
                + "delete the folders of plugins it does not pin, or undo the changes\n"))
            // Which does it.
            let reinstalled = try runLoupe(["plugin", "install"], in: project, environment: env)
            #expect(reinstalled.stderr == "loupe: reinstalled mediaLab/quotes 0.1.0\nloupe: installed as loupe.lock pins\n", "\(reinstalled.stderr)")
            #expect(try runLoupe(["plugin", "verify"], in: project, environment: env).status == 0)

            // Removing leaves an empty [plugins] and an empty lock.
            let removed = try runLoupe(["plugin", "remove", "mediaLab/quotes"], in: project, environment: env)
            #expect(removed.status == 0)
            #expect(removed.stderr == "loupe: removed mediaLab/quotes 0.1.0\n")
        }
    }

    @Test func installFromGitAtATagWithADependencyAtARange() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            let people = dir.appendingPathComponent("people.git")
            try GitFixture.repository(at: people, versions: ["1.3.0", "1.4.2", "2.0.0"].map {
                ("v\($0)", GitFixture.pluginFiles(name: "mediaLab/people", version: $0, module: "people"))
            })
            let quotes = dir.appendingPathComponent("quotes.git")
            try GitFixture.repository(at: quotes, versions: ["1.1.0", "1.2.0", "1.3.0"].map {
                ("v\($0)", GitFixture.pluginFiles(name: "mediaLab/quotes", version: $0, module: "quotes",
                    dependencies: [#""mediaLab/people" = { version = "~1.4", git = "\#(people.path)" }"#]))
            })
            let project = dir.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try writeFile("loupe.toml", "# analysis of quotes\n", in: project)
            let result = try runLoupe(["plugin", "install", quotes.path + "@v1.2.0"], in: project, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("loupe: installed mediaLab/people 1.4.2\nloupe: installed mediaLab/quotes 1.2.0\n"))
            let lock = try String(contentsOf: project.appendingPathComponent("loupe.lock"), encoding: .utf8)
            #expect(lock.contains("git = \"\(people.path)\"\ntag = \"v1.4.2\"\ncommit = "))
            #expect(lock.contains("git = \"\(quotes.path)\"\ntag = \"v1.2.0\"\ncommit = "))
            #expect(lock.contains(#"dependencies = ["mediaLab/people"]"#))
            let toml = try String(contentsOf: project.appendingPathComponent("loupe.toml"), encoding: .utf8)
            #expect(toml == "# analysis of quotes\n\n[plugins]\n\"mediaLab/quotes\" = { version = \"^1.2.0\", git = \"\(quotes.path)\" }\n")
            #expect(try runLoupe(["plugin", "verify"], in: project, environment: env).status == 0)
            // It runs: the script requires both, at the locked versions.
            try writeFile("s.lua", """
                local quotes, people = require "quotes", require "people"
                function document(doc) emit{quotes = quotes.version, people = people.version} end
                """, in: project)
            try writeFile("d.txt", "text\n", in: project)
            let ran = try runLoupe(["run", "--frozen", "s.lua", "d.txt"], in: project, environment: env)
            #expect(ran.status == 0, "\(ran.stderr)")
            #expect(ran.stdout == #"{"people":"1.4.2","quotes":"1.2.0"}"# + "\n")
            // A fresh copy of the project: install without a source installs what loupe.lock pins,
            // quotes 1.2.0 although 1.3.0 exists.
            try FileManager.default.removeItem(at: project.appendingPathComponent("loupe_plugins"))
            let restored = try runLoupe(["plugin", "install"], in: project, environment: env)
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(restored.stderr == "loupe: reinstalled mediaLab/people 1.4.2\nloupe: reinstalled mediaLab/quotes 1.2.0\nloupe: installed as loupe.lock pins\n")
            #expect(try String(contentsOf: project.appendingPathComponent("loupe.lock"), encoding: .utf8) == lock)
            #expect(try runLoupe(["plugin", "verify"], in: project, environment: env).status == 0)
            // update moves quotes within ^1.2.0 to 1.3.0; people stays (no newer ~1.4).
            let updated = try runLoupe(["plugin", "update"], in: project, environment: env)
            #expect(updated.stderr == "loupe: updated mediaLab/quotes 1.2.0 → 1.3.0\n")
        }
    }

    @Test func aFrozenRunLeavesOutUserPluginsTheLockDoesNotPin() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("src"), withIntermediateDirectories: true)
            #expect(try runLoupe(["plugin", "new", "dates", "--dir", "src/dates"], in: dir, environment: env).status == 0)
            #expect(try runLoupe(["plugin", "install", "src/dates"], in: dir, environment: env).status == 0)
            let project = dir.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
            try writeFile("loupe.toml", "", in: project)
            try writeFile("s.lua", "local dates = require 'dates'\nfunction document(doc) emit{words = dates.words(doc)} end\n", in: project)
            try writeFile("d.txt", "two words\n", in: project)
            let plain = try runLoupe(["run", "s.lua", "d.txt"], in: project, environment: env)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.stdout == #"{"words":2}"# + "\n")
            let frozen = try runLoupe(["run", "--frozen", "s.lua", "d.txt"], in: project, environment: env)
            #expect(frozen.status == 1)
            #expect(frozen.stderr.contains("module 'dates' not found: no installed plugin provides it (looked in: "))
            #expect(frozen.stderr.contains(
                "loupe/plugins (user: not used with --frozen, which uses only plugins loupe.lock pins; install it in the project)"), "\(frozen.stderr)")
        }
    }

    @Test func aDeclaredModuleWithoutItsFileIsRefusedAtPackAndInstall() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("bad/bad"), withIntermediateDirectories: true)
            try writeFile("bad/plugin.toml", "name = \"bad\"\nversion = \"1.0.0\"\n[provides]\nmodules = [\"bad\", \"bad.rules\"]\n", in: dir)
            try writeFile("bad/bad.lua", "return {}\n", in: dir)
            let message = "bad declares module 'bad.rules' under [provides], but has neither bad/rules.lua nor bad/rules/init.lua "
                + "(add the file, or remove the module from [provides] modules)\n"
            let packed = try runLoupe(["plugin", "pack", "bad"], in: dir, environment: env)
            #expect(packed.status == 2)
            #expect(packed.stderr == "loupe: bad/plugin.toml: " + message)
            let installed = try runLoupe(["plugin", "install", "--user", "bad"], in: dir, environment: env)
            #expect(installed.status == 2)
            #expect(installed.stderr == "loupe: \(dir.path)/bad: " + message, "\(installed.stderr)")
            // A plugin without tests says so under loupe test.
            try writeFile("bad/bad/rules.lua", "return {}\n", in: dir)
            let tested = try runLoupe(["test", "bad"], in: dir, environment: env)
            #expect(tested.status == 0)
            #expect(tested.stdout == "0 passed, 0 failed\n")
            #expect(tested.stderr == "loupe: bad has no tests: add tests/NAME_spec.lua or tests/golden/ (see `loupe test --help`)\n")
        }
    }

    @Test func installWithoutASourceAndWithoutALockInstallsWhatLoupeTomlWants() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            let project = dir.appendingPathComponent("project")
            try FileManager.default.createDirectory(at: project.appendingPathComponent("vendor"), withIntermediateDirectories: true)
            #expect(try runLoupe(["plugin", "new", "dates", "--dir", "vendor/dates"], in: project, environment: env).status == 0)
            try writeFile("loupe.toml", "[plugins]\n# kept in the repository\ndates = { version = \"^0.1\", path = \"vendor/dates\" }\n", in: project)
            let result = try runLoupe(["plugin", "install"], in: project, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "loupe: installed dates 0.1.0\nloupe: wrote loupe.lock\n")
            let lock = try String(contentsOf: project.appendingPathComponent("loupe.lock"), encoding: .utf8)
            #expect(lock.contains("source = \"folder\"\npath = \"vendor/dates\"\n"), "\(lock)")
            #expect(try runLoupe(["plugin", "verify"], in: project, environment: env).status == 0)
        }
    }

    @Test func userInstallsOutsideAProject() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("src"), withIntermediateDirectories: true)
            #expect(try runLoupe(["plugin", "new", "dates", "--dir", "src/dates"], in: dir, environment: env).status == 0)
            let result = try runLoupe(["plugin", "install", "src/dates"], in: dir, environment: env)
            #expect(result.status == 0)
            #expect(result.stderr.hasPrefix("loupe: no loupe.toml here or above: installing in your user folder "))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/loupe/plugins/dates/dates.lua").path))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/loupe/plugins/grants.toml").path))
            let listed = try runLoupe(["plugin", "list"], in: dir, environment: env)
            #expect(listed.stdout.hasPrefix("dates 0.1.0  user"))
        }
    }

    @Test func onATerminalTheUserIsAskedYesOrNo() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("src/runner"), withIntermediateDirectories: true)
            try writeFile("src/runner/plugin.toml", "name = \"runner\"\nversion = \"1.0.0\"\n[permissions]\nexec = true\n", in: dir)
            try writeFile("loupe.toml", "", in: dir)
            let declined = try PseudoTerminal(["plugin", "install", "src/runner"], in: dir, environment: env)
            try declined.expect("exec      start programs")
            try declined.expect("Grant these permissions? [y/N] ")
            declined.send("n\r")
            #expect(try declined.waitForExit() == 1)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("loupe_plugins/runner").path))
            let granted = try PseudoTerminal(["plugin", "install", "src/runner"], in: dir, environment: env)
            try granted.expect("Grant these permissions? [y/N] ")
            granted.send("y\r")
            #expect(try granted.waitForExit() == 0)
            let lock = try String(contentsOf: dir.appendingPathComponent("loupe.lock"), encoding: .utf8)
            #expect(lock.contains(#"granted = { "fs.read" = [], "fs.write" = [], exec = true }"#))
        }
    }

    @Test func errorsAndExitCodes() throws {
        try withTemporaryDirectory { dir in
            let env = Self.environment(dir)
            let missing = try runLoupe(["plugin", "install", "nowhere"], in: dir, environment: env)
            #expect(missing.status == 2)
            #expect(missing.stderr == "loupe: nowhere: no such folder, archive or repository "
                + "(give a plugin folder, a .tar.gz/.zip archive or a git URL)\n")
            let badName = try runLoupe(["plugin", "new", "Bad/Name"], in: dir, environment: env)
            #expect(badName.status == 2)
            try writeFile("plugin.toml", "name = \"x\"\nversion = \"1.x\"\n", in: dir)
            let badVersion = try runLoupe(["plugin", "pack"], in: dir, environment: env)
            #expect(badVersion.status == 2)
            #expect(badVersion.stderr == "loupe: ./plugin.toml:2: version \"1.x\" is not a semantic version "
                + "(write it as MAJOR.MINOR.PATCH, e.g. 1.2.0)\n")
            let noProject = try runLoupe(["run", "--frozen", "s.lua", "d.txt"], in: dir, environment: env)
            #expect(noProject.status == 2)
            #expect(noProject.stderr.contains("there is no loupe.toml here or above"))
        }
    }

    @Test(arguments: ["new", "install", "list", "info", "remove", "update", "pack", "verify"])
    func everyCommandHasHelpWithExamplesAndExitCodes(command: String) throws {
        let help = try runLoupe(["plugin", command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(help.stdout.contains("Exit codes:"))
    }
}
