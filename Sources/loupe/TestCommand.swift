import ArgumentParser
import Foundation
import LoupeBindings
import LoupeEngine
import Plugins

/// `loupe test`: run a plugin's spec files and golden tests.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests of a plugin, or of every plugin in a folder.",
        discussion: """
            Spec files are tests/*_spec.lua in the plugin's folder. They run in the sandbox, with \
            the plugin's modules (and every installed plugin's) available to require, and use:
              describe(name, fn)          group tests
              it(name, fn)                one test: it fails if fn raises
              expect(x).to_be(y)          x == y
              expect(x).to_equal(y)       deep equality of tables
              expect(x).to_be_truthy()    also .to_be_falsy()
              expect(x).to_contain(v)     a substring of a string, or an element of a list
              expect(fn).to_fail(pattern) fn raises (with a message matching the Lua pattern)
              loupe.document(text, meta)  a document from a string
              fixture("name.txt")         a file beside the spec, read as a document

            Golden tests: each input tests/golden/CASE.EXT (any format Loupe reads) is run \
            through tests/golden/run.lua, a script with document(doc) that emits rows; the rows, \
            one JSON object per line, must equal tests/golden/CASE.expected.json. A mismatch \
            shows a diff; --update writes the expected files (check them by eye).

            Each failure is printed on one line (file:line: test: message), with a diff under \
            it for a golden test or a to_equal of two tables; then comes the closing line \
            'N passed, N failed'.

            Without an argument, tests the plugin in the current folder, or every plugin in it. \
            PLUGIN may be a folder or the name of an installed plugin. `loupe plugin test` is \
            the same command.

            Exit codes: 0 every test passed; 1 a test failed; 2 usage error (no such plugin).

            Examples:
              loupe test                       # the plugin in the current folder
              loupe test plugins/              # every bundled plugin
              loupe test mediaLab/quotes       # an installed plugin, by name
              loupe test --update my-plugin/   # write the golden tests' expected files
            """)

    @Argument(help: ArgumentHelp("A plugin's folder or name, or a folder of plugins (default: the current folder).", valueName: "plugin|dir"))
    var target: String?

    @Flag(help: "Write the golden tests' expected files from what run.lua emits, instead of comparing.")
    var update = false

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func run() throws {
        let plugins: [(root: String, display: String)]
        let runtime: PluginRuntime
        do {
            plugins = try Self.resolve(target ?? ".")
            runtime = try PluginRuntime.installed(first: plugins.map(\.root))
        } catch let error as UsageError {
            throw usageFailure(error.description)
        } catch {
            throw usageFailure("\(error)")
        }
        if plugins.isEmpty { Diagnostics.error("loupe: no plugins (folders with a plugin.toml) in '\(target ?? ".")'") }
        var runner = PluginTestRunner(runtime: runtime, limits: limitOptions.limits)
        runner.update = update
        runner.print = { Diagnostics.error($0) }
        var report = PluginTestReport()
        let output = StandardOutput()
        for plugin in plugins {
            let result = runner.run(plugin: plugin.root, display: plugin.display)
            if result.passed == 0 && result.failures.isEmpty {
                Diagnostics.error("loupe: \(plugin.display) has no tests: add tests/NAME_spec.lua or tests/golden/ (see `loupe test --help`)")
            }
            for failure in result.failures { output.write(failure.text + "\n") }
            report.passed += result.passed
            report.failures += result.failures
        }
        output.write(report.summary + "\n")
        output.flush()
        if !report.failures.isEmpty { throw ExitCode(ExitStatus.failure) }
    }

    /// The plugin folders `target` names: a plugin's folder, a folder of plugins, or the name
    /// of an installed plugin.
    static func resolve(_ target: String) throws -> [(root: String, display: String)] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let trimmed = target.count > 1 && target.hasSuffix("/") ? String(target.dropLast()) : target
        if manager.fileExists(atPath: trimmed, isDirectory: &isDirectory), isDirectory.boolValue {
            if manager.fileExists(atPath: trimmed + "/" + PluginManifest.fileName) { return [(absolute(trimmed), trimmed)] }
            return try Plugins.PluginLocations.plugins(in: trimmed, kind: .project).map { plugin in
                (absolute(plugin.root), plugin.root.hasPrefix("./") ? String(plugin.root.dropFirst(2)) : plugin.root)
            }
        }
        let locations = Plugins.PluginLocations()
        if let plugin = try locations.discover().first(where: { $0.name.description == target }) {
            return [(absolute(plugin.root), PluginCLI.display(plugin.root))]
        }
        let looked = locations.searchOrder.map { "\($0.directory) (\($0.kind.rawValue))" }.joined(separator: ", ")
        throw UsageError(description: "'\(target)' is neither a folder nor an installed plugin (looked in: \(looked))")
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
