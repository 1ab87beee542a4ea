import Foundation
import LoupeTestSupport
import Plugins
import Testing

/// A scratch folder for one test, removed when the test's body returns.
struct Scratch {
    let root: URL

    /// Runs `body` with a fresh scratch folder.
    static func with<R>(_ body: (Scratch) throws -> R) throws -> R {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        return try body(Scratch(root: root))
    }

    /// The absolute path of `relative` inside the scratch folder.
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Writes `contents` to `relative`, making folders as needed; returns the path.
    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// Makes a plugin folder at `relative` with a manifest and one module per provided name.
    @discardableResult
    func plugin(
        _ relative: String, name: String, version: String, dependencies: [String: String] = [:],
        modules: [String] = [], extra: String = ""
    ) throws -> String {
        var manifest = "name = \"\(name)\"\nversion = \"\(version)\"\n\(extra)"
        if !dependencies.isEmpty {
            manifest += "\n[dependencies]\n"
            for (dependency, range) in dependencies.sorted(by: { $0.key < $1.key }) {
                manifest += range.hasPrefix("{") ? "\"\(dependency)\" = \(range)\n" : "\"\(dependency)\" = \"\(range)\"\n"
            }
        }
        if !modules.isEmpty {
            manifest += "\n[provides]\nmodules = [" + modules.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
        }
        try write("\(relative)/plugin.toml", manifest)
        for module in modules {
            try write("\(relative)/\(module.replacingOccurrences(of: ".", with: "/")).lua", "return { name = \"\(module)\" }\n")
        }
        return path(relative)
    }
}

/// Runs `body`, expecting a ``PluginError``, and returns it (or records a failure).
func expectPluginError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> PluginError? {
    do {
        try body()
        Issue.record("expected a PluginError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as PluginError {
        return error
    } catch {
        Issue.record("expected a PluginError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Parses a version written in a test.
func v(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

/// Parses a range written in a test.
func range(_ text: String) throws -> VersionRange { try VersionRange(parsing: text) }

/// Parses a plugin name written in a test.
func pluginName(_ text: String) throws -> PluginName { try PluginName(parsing: text) }

/// A project in a scratch folder (`project/loupe.toml`), a user folder, and a store on them
/// that records every grant request and answers `grant`.
final class StoreFixture {
    let scratch: Scratch
    var requests: [PluginStore.GrantRequest] = []
    var grant = true

    init(_ scratch: Scratch, projectFile: String = "") throws {
        self.scratch = scratch
        try scratch.write("project/loupe.toml", projectFile)
    }

    var locations: PluginLocations {
        PluginLocations(projectFile: scratch.path("project/loupe.toml"), user: scratch.path("user"), bundled: nil)
    }

    var store: PluginStore {
        PluginStore(locations: locations, loupeVersion: SemanticVersion("0.1.0")) { [self] (asked) throws(PluginError) in
            requests += asked
            return grant
        }
    }

    /// Installs `argument` in the project; returns the changes as text.
    @discardableResult
    func install(_ argument: String, scope: PluginStore.Scope = .project) throws -> [String] {
        try store.install(SourceArgument(parsing: argument), scope: scope).map(\.description)
    }

    var lock: LockFile { get throws { try LockFile.load(path: scratch.path("project/loupe.lock")) } }

    /// Makes a bare repository `name.git` with one tagged commit per (version, dependencies).
    @discardableResult
    func repository(_ name: String, plugin: String, module: String, versions: [(String, [String])]) throws -> String {
        let bare = scratch.root.appendingPathComponent("\(name).git")
        try GitFixture.repository(at: bare, versions: versions.map { version, dependencies in
            ("v\(version)", GitFixture.pluginFiles(name: plugin, version: version, module: module, dependencies: dependencies))
        })
        return bare.path
    }
}
