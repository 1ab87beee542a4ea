import Foundation
import LoupeBindings

/// What one run grants beyond the defaults, from `--allow`: `fs.read=PATH`, `fs.write=PATH` and
/// `exec` for the main script; `PLUGIN:fs.read=PATH` and so on for one plugin.
public struct RunGrants: Equatable, Sendable {
    /// The main script's grants.
    public var script = PluginRuntime.Permissions()
    /// Each plugin's grants, by its name.
    public var plugins: [String: PluginRuntime.Permissions] = [:]

    /// No grants.
    public init() {}

    /// Reads `--allow` values; relative paths are made absolute from `directory`.
    /// - Throws: ``GrantError`` naming a value that is not a permission.
    public init(parsing values: [String], from directory: String = FileManager.default.currentDirectoryPath) throws(GrantError) {
        for value in values {
            let equals = value.firstIndex(of: "=")
            var key = String(value[..<(equals ?? value.endIndex)])
            let path = equals.map { String(value[value.index(after: $0)...]) }
            var plugin: String?
            if let colon = key.lastIndex(of: ":") {
                plugin = String(key[..<colon])
                key = String(key[key.index(after: colon)...])
            }
            var permissions = plugin.map { plugins[$0] ?? .init() } ?? script
            switch (key, path) {
            case ("exec", nil): permissions.exec = true
            case ("fs.read", let path?) where !path.isEmpty: permissions.read.append(Self.absolute(path, from: directory))
            case ("fs.write", let path?) where !path.isEmpty: permissions.write.append(Self.absolute(path, from: directory))
            default:
                throw GrantError(
                    value: value,
                    message: "--allow takes fs.read=PATH, fs.write=PATH or exec, optionally after a plugin's name and ':' (quotes:fs.read=PATH), not '\(value)'")
            }
            if let plugin { plugins[plugin] = permissions } else { script = permissions }
        }
    }

    private static func absolute(_ path: String, from directory: String) -> String {
        if path.hasPrefix("/") || path == "~" || path.hasPrefix("~/") { return path }
        return directory + "/" + path
    }
}

/// An `--allow` value that is not a permission.
public struct GrantError: Error, Equatable, CustomStringConvertible {
    /// The value as given.
    public var value: String
    /// What is wrong and what to write instead.
    public var message: String
    public var description: String { message }
}

extension PluginRuntime {
    /// The corpus as the permission checks see it: folders whole, files one by one (or their
    /// folders, past 256 files, to keep the workers' setup small), a glob pattern as the
    /// folder before its first wildcard. Paths are made absolute from `directory`.
    public static func corpusRoots(_ arguments: [String], from directory: String = FileManager.default.currentDirectoryPath) -> [String] {
        var folders: [String] = []
        var files: [String] = []
        for argument in arguments {
            var path = argument.hasPrefix("/") ? argument : directory + "/" + argument
            if let wildcard = path.firstIndex(where: { "*?[{".contains($0) }) {
                path = String(path[..<wildcard])
                path = path.hasSuffix("/") ? String(path.dropLast()) : (path as NSString).deletingLastPathComponent
                folders.append(path.isEmpty ? "/" : path)
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(path)
            } else {
                files.append(path)
            }
        }
        if files.count > 256 { files = Array(Set(files.map { ($0 as NSString).deletingLastPathComponent })).sorted() }
        return folders + files
    }
}
