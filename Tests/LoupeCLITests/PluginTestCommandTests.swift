import Foundation
import LoupeTestSupport
import Testing

/// `loupe test`: spec files and golden tests of plugins, the failure lines, the diff and the
/// closing line; and the bundled plugins' own tests, which run here as part of `make test`.
@Suite struct PluginTestCommandTests {
    private let fixtures = "Tests/Fixtures/plugin-tests"

    /// The environment with no user or bundled plugins but the repository's.
    private var isolated: [String: String] {
        ["XDG_DATA_HOME": "/nonexistent/xdg", "LOUPE_BUNDLED_PLUGINS": repositoryRoot.appendingPathComponent("plugins").path]
    }

    @Test func theBundledPluginsPassTheirTests() throws {
        let result = try runLoupe(["test", "plugins/"], environment: isolated)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix(" passed, 0 failed\n"), "\(result.stdout)")
        // There are bundled plugins, and tests ran: "0 passed" would mean none were found.
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let passed = Int(result.stdout.split(separator: "\n").last?.split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 5, "\(result.stdout)")
    }

    @Test func aFailedToEqualOfTablesShowsADiff() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("p/tests"), withIntermediateDirectories: true)
            try writeFile("p/plugin.toml", "name = \"p\"\nversion = \"0.1.0\"\n", in: dir)
            try writeFile("p/tests/p_spec.lua", """
                it("rows", function()
                  expect({{doc = "a", n = 1}, {doc = "a", n = 2}, {doc = "b", n = 1}})
                    .to_equal({{doc = "a", n = 1}, {doc = "a", n = 3}, {doc = "b", n = 1}})
                end)
                """, in: dir)
            let result = try runLoupe(["test", "p"], in: dir, environment: isolated)
            #expect(result.status == 1)
            #expect(result.stdout == """
                p/tests/p_spec.lua:2: rows: the tables differ (- expected, + actual)
                    @@ … @@
                       }
                       {
                         doc = "a"
                    -    n = 3
                    +    n = 2
                       }
                       {
                         doc = "b"
                0 passed, 1 failed

                """, "\(result.stdout)")
        }
    }

    @Test func listNamesAModuleAnEarlierPluginHides() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("loupe_plugins/mine"), withIntermediateDirectories: true)
            try writeFile("loupe.toml", "", in: dir)
            try writeFile("loupe_plugins/mine/plugin.toml", "name = \"mine\"\nversion = \"1.0.0\"\n[provides]\nmodules = [\"quotes\"]\n", in: dir)
            try writeFile("loupe_plugins/mine/quotes.lua", "return {}\n", in: dir)
            let result = try runLoupe(["plugin", "list"], in: dir, environment: isolated)
            #expect(result.status == 0)
            // Columns are as wide as the longest name; the bundled plugins follow the project's.
            let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.first == "mine 1.0.0 project loupe_plugins/mine", "\(result.stdout)")
            #expect(lines.contains { $0.hasPrefix("quotes 0.1.0 bundled ") }, "\(result.stdout)")
            #expect(result.stderr == "loupe: module 'quotes' of quotes (bundled) is hidden: require finds mine's (project) first\n")
        }
    }

    @Test func aGoldenScriptErrorNamesRunLuaWithTheTracebackUnderIt() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("p/tests/golden"), withIntermediateDirectories: true)
            try writeFile("p/plugin.toml", "name = \"p\"\nversion = \"0.1.0\"\n", in: dir)
            try writeFile("p/tests/golden/one.txt", "hi\n", in: dir)
            try writeFile("p/tests/golden/run.lua", "function document(d) emit{x = d.nope.x} end\n", in: dir)
            let result = try runLoupe(["test", "p"], in: dir, environment: isolated)
            #expect(result.status == 1)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "p/tests/golden/run.lua:1: golden 'one': no field 'nope' in Document", "\(result.stdout)")
            #expect(lines.dropFirst().first == "    stack traceback:")
            #expect(lines.last == "0 passed, 1 failed")
        }
    }

    @Test func aModuleNotFoundUnderTestNamesTheTestedPluginFirst() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("p/tests"), withIntermediateDirectories: true)
            try writeFile("p/plugin.toml", "name = \"p\"\nversion = \"0.1.0\"\n", in: dir)
            try writeFile("p/tests/p_spec.lua", "local helpers = require 'p.helpers'\n", in: dir)
            let result = try runLoupe(["test", "p"], in: dir, environment: isolated)
            #expect(result.status == 1)
            #expect(result.stdout.hasPrefix("p/tests/p_spec.lua:1: module 'p.helpers' not found: no installed plugin provides it (looked in: "
                + dir.appendingPathComponent("p").standardizedFileURL.path + " (p, tested), "), "\(result.stdout)")
        }
    }

    @Test func loupePluginTestIsLoupeTest() throws {
        let plugin = try runLoupe(["plugin", "test", fixtures], environment: isolated)
        let test = try runLoupe(["test", fixtures], environment: isolated)
        #expect(plugin.status == 1 && test.status == 1)
        #expect(plugin.stdout == test.stdout)
        #expect(try runLoupe(["plugin", "test", "--help"]).stdout.contains("USAGE: loupe plugin test [<plugin|dir>] [--update]"))
        #expect(try runLoupe(["plugin", "--help"]).stdout.contains("loupe plugin test quotes/"))
    }

    @Test func aPassingPluginEndsWithTheClosingLineAndExitCode0() throws {
        let result = try runLoupe(["test", fixtures + "/tidy"], environment: isolated)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "5 passed, 0 failed\n")
    }

    @Test func failuresNameFileLineTestAndShowTheGoldenDiff() throws {
        let result = try runLoupe(["test", fixtures], environment: isolated)
        #expect(result.status == 1)
        let golden = fixtures + "/wordy/tests/golden"
        #expect(result.stdout == """
            \(fixtures)/wordy/tests/wordy_spec.lua:10: wordy › is wrong about this one on purpose: expected 3, got 2
            \(golden)/three.txt: golden 'three': the rows differ from three.expected.json (3 expected, 3 emitted)
                --- \(golden)/three.expected.json (expected)
                +++ actual
                 {"doc":"three","sentence":1,"words":2}
                -{"doc":"three","sentence":2,"words":4}
                +{"doc":"three","sentence":2,"words":3}
                 {"doc":"three","sentence":3,"words":2}
            7 passed, 2 failed

            """)
    }

    @Test func updateWritesTheExpectedFiles() throws {
        try withTemporaryDirectory { dir in
            let copy = dir.appendingPathComponent("wordy")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(fixtures + "/wordy"), to: copy)
            let expected = copy.appendingPathComponent("tests/golden/three.expected.json")
            try FileManager.default.removeItem(at: expected)
            let missing = try runLoupe(["test", "wordy"], in: dir, environment: isolated)
            #expect(missing.stdout.contains("wordy/tests/golden/three.txt: golden 'three': no three.expected.json; write it with 'loupe test --update'"))
            _ = try runLoupe(["test", "--update", "wordy"], in: dir, environment: isolated)
            #expect(try String(contentsOf: expected, encoding: .utf8).hasPrefix(#"{"doc":"three","sentence":1,"words":2}"#))
        }
    }

    @Test func aNewPluginsScaffoldPassesItsOwnSpec() throws {
        try withTemporaryDirectory { dir in
            let made = try runLoupe(["plugin", "new", "mediaLab/quotes"], in: dir, environment: isolated)
            #expect(made.status == 0, "\(made.stderr)")
            let result = try runLoupe(["test", "quotes"], in: dir, environment: isolated)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout == "1 passed, 0 failed\n")
        }
    }

    @Test func anUnknownPluginIsAUsageError() throws {
        let result = try runLoupe(["test", "no-such-plugin"], environment: isolated)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'no-such-plugin' is neither a folder nor an installed plugin (looked in: "))
    }

    @Test func helpShowsExamplesAndExitCodes() throws {
        let result = try runLoupe(["test", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("loupe test plugins/"))
        #expect(result.stdout.contains("Exit codes: 0 every test passed; 1 a test failed; 2 usage error"))
    }
}
