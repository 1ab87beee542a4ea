import Foundation
import LuaRuntime

/// Who calls `loupe.fs` and `loupe.exec`, and what it may touch: the main script or one plugin.
///
/// Each caller's functions are bound to its own policy, so the caller is known without looking
/// at the Lua stack. Every path is checked as its real path (symbolic links and `..` resolved),
/// so a link inside a plugin's folder that points at `~/.ssh` is refused like `~/.ssh` itself.
final class PathPolicy {
    /// The plugin's name, or `nil` for the main script.
    let pluginName: String?
    /// Where relative paths start (real path).
    let root: String
    /// Real-path prefixes it may read: its own folder (a plugin), the corpus, its `fs.read` grants.
    let readable: [String]
    /// Real-path prefixes it may write: its `fs.write` grants.
    let writable: [String]
    /// Whether it may run programs.
    let mayExec: Bool

    /// The policy of the main script of `runtime`.
    convenience init(script runtime: PluginRuntime) {
        self.init(name: nil, root: runtime.scriptRoot, ownFolder: false, granted: runtime.script, corpus: runtime.corpus)
    }

    /// The policy of `plugin` in `runtime`.
    convenience init(plugin: PluginRuntime.Plugin, in runtime: PluginRuntime) {
        self.init(
            name: plugin.name, root: plugin.root, ownFolder: true, granted: plugin.granted, requested: plugin.requested,
            corpus: runtime.corpus)
    }

    private init(
        name: String?, root: String, ownFolder: Bool, granted: PluginRuntime.Permissions,
        requested: PluginRuntime.Permissions = .init(), corpus: [String]
    ) {
        pluginName = name
        let realRoot = PathPolicy.resolve(root, from: FileManager.default.currentDirectoryPath)
        self.root = realRoot
        let cwd = FileManager.default.currentDirectoryPath
        readable = (ownFolder ? [realRoot] : []) + (corpus + granted.read).map { PathPolicy.resolve($0, from: cwd) }
        writable = granted.write.map { PathPolicy.resolve($0, from: cwd) }
        mayExec = granted.exec
        requestedRead = requested.read.map { PathPolicy.resolve($0, from: cwd) }
        requestedWrite = requested.write.map { PathPolicy.resolve($0, from: cwd) }
        requestsExec = requested.exec
    }

    /// What the plugin's manifest asks for (real paths), for the hint of a refusal.
    private let requestedRead: [String]
    private let requestedWrite: [String]
    private let requestsExec: Bool

    /// How messages name the caller.
    var callerName: String { pluginName.map { "plugin '\($0)'" } ?? "the script" }

    // MARK: - Checks

    /// The real path of `path` if the caller may read it; else the refusal, naming `function`.
    func readablePath(_ path: String, function: String) throws(LuaCallError) -> String {
        let real = PathPolicy.resolve(path, from: root)
        guard readable.contains(where: { PathPolicy.isInside(real, $0) }) else {
            throw .message(refusal(function, real, verb: "read", permission: "fs.read"))
        }
        return real
    }

    /// The real path of `path` if the caller may write it; else the refusal.
    func writablePath(_ path: String, function: String) throws(LuaCallError) -> String {
        let real = PathPolicy.resolve(path, from: root)
        guard writable.contains(where: { PathPolicy.isInside(real, $0) }) else {
            throw .message(refusal(function, real, verb: "write", permission: "fs.write"))
        }
        return real
    }

    /// Nothing if the caller may run programs; else the refusal.
    func checkExec(function: String) throws(LuaCallError) {
        guard mayExec else {
            throw .message(
                "\(function): \(callerName) may not run programs (it has no 'exec' permission; \(grantHint("exec", asked: requestsExec)))")
        }
    }

    private func refusal(_ function: String, _ path: String, verb: String, permission: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let asked = (permission == "fs.read" ? requestedRead : requestedWrite).contains { PathPolicy.isInside(path, $0) }
        return "\(function): '\(path)' is outside what \(callerName) may \(verb) (it has no '\(permission)' permission for it; "
            + "\(grantHint("\(permission)=\(folder.isEmpty ? "/" : folder)", asked: asked)))"
    }

    /// How the user grants `what` (`fs.read=/data`, `exec`) to this caller; `asked` says
    /// whether the plugin's manifest asks for it (only then can installing grant it).
    private func grantHint(_ what: String, asked: Bool) -> String {
        guard let pluginName else { return "grant it with 'loupe run --allow \(what)'" }
        if asked {
            return "its plugin.toml asks for it: grant it at 'loupe plugin install', or for one run with 'loupe run --allow \(pluginName):\(what)'"
        }
        return "its plugin.toml does not ask for it; grant it for one run with 'loupe run --allow \(pluginName):\(what)'"
    }

    // MARK: - Paths

    /// Whether `path` is `prefix` or inside it (both real, absolute paths).
    static func isInside(_ path: String, _ prefix: String) -> Bool {
        if prefix == "/" { return true }
        return path == prefix || path.hasPrefix(prefix + "/")
    }

    /// The absolute real path of `path` (relative paths from `base`, `~` the home folder):
    /// symbolic links and `..` resolved in the part that exists, the rest normalised.
    static func resolve(_ path: String, from base: String) -> String {
        var full = path
        if full == "~" || full.hasPrefix("~/") {
            full = homeFolder + full.dropFirst()
        } else if !full.hasPrefix("/") {
            full = base + "/" + full
        }
        var components = normalised(full)
        var rest: [String] = []
        // Walk up to the deepest part that exists; resolve it; keep what does not exist as written.
        while true {
            let candidate = "/" + components.joined(separator: "/")
            if let real = realPath(candidate) {
                return normalised(real + (rest.isEmpty ? "" : "/" + rest.joined(separator: "/"))).joinedPath
            }
            guard let last = components.popLast() else { return "/" + rest.joined(separator: "/") }
            rest.insert(last, at: 0)
        }
    }

    private static func normalised(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = out.popLast(); continue }
            out.append(String(part))
        }
        return out
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static var homeFolder: String {
        ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    }
}

extension Array where Element == String {
    fileprivate var joinedPath: String { "/" + joined(separator: "/") }
}
