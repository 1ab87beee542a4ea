import Aggregates
import DocFormats
import DocModel
import Foundation
import LoupeBindings
import LuaRuntime

/// One failed test of `loupe test`.
public struct PluginTestFailure: Equatable, Sendable {
    /// Where: `file:line` (or the file, for a golden test).
    public var location: String
    /// The test's name (`group › test`, or the golden case).
    public var name: String
    /// What went wrong.
    public var message: String
    /// More lines to show under it (a golden test's diff).
    public var details: [String] = []

    /// The failure as printed: one line, then its details indented.
    public var text: String {
        ([("\(location): \(name.isEmpty ? "" : name + ": ")\(message)")] + details.map { "    " + $0 }).joined(separator: "\n")
    }
}

/// What `loupe test` found.
public struct PluginTestReport: Equatable, Sendable {
    /// Tests that passed.
    public var passed = 0
    /// Tests that failed.
    public var failures: [PluginTestFailure] = []

    /// An empty report.
    public init() {}

    /// The closing line: `N passed, N failed`.
    public var summary: String { "\(passed) passed, \(failures.count) failed" }

    mutating func add(_ other: PluginTestReport) {
        passed += other.passed
        failures += other.failures
    }
}

/// Runs a plugin's tests: its spec files `tests/*_spec.lua` (see ``SpecLibrary``) and its golden
/// tests `tests/golden/<case>.<ext>`, whose rows, emitted by `tests/golden/run.lua`, must be the
/// JSON lines of `tests/golden/<case>.expected.json`.
///
/// Each spec file and each golden case runs in a fresh Lua state, in the sandbox, with every
/// installed plugin requireable and the tested plugin's own folder readable (relative paths
/// start there); nothing else is granted.
public struct PluginTestRunner {
    /// The plugins `require` finds (the tested ones first).
    public var runtime: PluginRuntime
    /// Limits of each state.
    public var limits: LuaLimits
    /// Whether golden tests write their expected files instead of comparing (`--update`).
    public var update = false
    /// Where printed lines go.
    public var print: (String) -> Void = { _ in }

    /// A runner over `runtime`.
    public init(runtime: PluginRuntime, limits: LuaLimits) {
        self.runtime = runtime
        self.limits = limits
    }

    /// Runs the tests of the plugin in `root`; `display` is how paths under it are shown.
    public func run(plugin root: String, display: String) -> PluginTestReport {
        var report = PluginTestReport()
        var access = runtime
        access.scriptRoot = root
        access.script = PluginRuntime.Permissions(read: [root])
        let tests = root + "/tests"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests)) ?? []
        for name in names.sorted() where name.hasSuffix("_spec.lua") {
            report.add(runSpec(path: tests + "/" + name, display: display + "/tests/" + name, access: access))
        }
        report.add(GoldenTests(runner: self, access: access).run(folder: tests + "/golden", display: display + "/tests/golden"))
        return report
    }

    private func runSpec(path: String, display: String, access: PluginRuntime) -> PluginTestReport {
        var report = PluginTestReport()
        guard let source = FileManager.default.contents(atPath: path) else {
            report.failures.append(.init(location: display, name: "", message: "cannot read the spec file"))
            return report
        }
        let folder = (path as NSString).deletingLastPathComponent
        do throws(LuaError) {
            let environment = try ScriptEnvironment(
                limits: limits, version: LoupeVersion.current, print: print, emit: { _, _ in }, plugins: access)
            environment.phase = .interactive
            let state = environment.state
            environment.sandbox.rawSet("fixture", environment.documentFunction { (frame) throws(LuaCallError) -> Document in
                try Self.fixture(try frame.string(1), folder: folder, root: access.scriptRoot)
            })
            let library = try state.load(SpecLibrary.source, chunkName: "=loupe.spec", environment: environment.sandbox)
            let results = try state.call(.function(library)).first ?? .nil
            do throws(LuaError) {
                let chunk = try state.load(String(decoding: source, as: UTF8.self), chunkName: "@" + display, environment: environment.sandbox)
                try state.call(.function(chunk))
            } catch {
                report.failures.append(Self.failure(display, name: "", error.message))
            }
            guard case .table(let table)? = try state.call(results).first else { return report }
            if case .integer(let passed) = table["passed"] { report.passed += Int(passed) }
            if case .table(let failures) = table["failures"] {
                for case .table(let failure) in failures.sequence {
                    let name = if case .string(let s) = failure["name"] { s.text } else { "" }
                    let message = if case .string(let s) = failure["message"] { s.text } else { "" }
                    var reported = Self.failure(display, name: name, message)
                    // A failed to_equal of two tables: their lines, shown as a diff.
                    if case .table(let expected) = failure["expected_lines"], case .table(let actual) = failure["actual_lines"] {
                        let lines = { (table: LuaTable) in table.sequence.compactMap { value -> String? in
                            if case .string(let s) = value { return s.text } else { return nil }
                        } }
                        reported.details = Array(LineDiff.unified(
                            expected: lines(expected), actual: lines(actual), expectedName: "expected", context: 3).dropFirst(2))
                    }
                    report.failures.append(reported)
                }
            }
        } catch {
            report.failures.append(Self.failure(display, name: "", error.message))
        }
        return report
    }

    /// A failure whose message may start with `file:line: `, which becomes its location.
    static func failure(_ file: String, name: String, _ message: String) -> PluginTestFailure {
        var location = file
        var text = message
        if let colon = message.firstIndex(of: ":") {
            let rest = message[message.index(after: colon)...]
            let digits = rest.prefix { $0.isNumber }
            if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(": ") {
                location = String(message[..<colon]) + ":" + digits
                text = String(rest.dropFirst(digits.count + 2))
            }
        }
        return PluginTestFailure(location: location, name: name, message: text)
    }

    /// The first document of the fixture file `name` (relative to the spec's folder).
    private static func fixture(_ name: String, folder: String, root: String) throws(LuaCallError) -> Document {
        let path = URL(fileURLWithPath: folder + "/" + name).standardizedFileURL.path
        guard path.hasPrefix(root + "/") else {
            throw .message("fixture: '\(name)' is outside the plugin's folder; keep fixtures under tests/")
        }
        guard let first = DocumentLoader.load(path: path).first else {
            throw .message("fixture: '\(name)' holds no document")
        }
        switch first {
        case .success(let document): return document
        case .failure(let error): throw .message("fixture: \(error)")
        }
    }
}
