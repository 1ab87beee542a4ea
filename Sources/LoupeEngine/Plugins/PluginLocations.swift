import Foundation
import LoupeBindings

/// Where installed plugins live, in order of precedence: the project's `loupe_plugins/` next
/// to the nearest `loupe.toml`, the user's `$XDG_DATA_HOME/loupe/plugins`, and the bundled
/// `plugins/` (`$LOUPE_BUNDLED_PLUGINS`, or found up from the executable).
///
/// A plugin is a folder with a `plugin.toml`, at `<location>/<name>/` or
/// `<location>/<namespace>/<name>/`.
public enum PluginLocations {
    /// The folders to search from `directory` (the current one), with their labels.
    public static func folders(
        from directory: String = FileManager.default.currentDirectoryPath, executable: String = CommandLine.arguments[0],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [PluginRuntime.Folder] {
        var folders: [PluginRuntime.Folder] = []
        if let project = projectRoot(from: directory) {
            folders.append(.init(path: project + "/loupe_plugins", label: "project"))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        folders.append(.init(path: data + "/loupe/plugins", label: "user"))
        if let bundled = environment["LOUPE_BUNDLED_PLUGINS"], !bundled.isEmpty {
            folders.append(.init(path: bundled, label: "bundled"))
        } else if let bundled = bundledFolder(executable: executable) {
            folders.append(.init(path: bundled, label: "bundled"))
        }
        return folders
    }

    /// The folder of the nearest `loupe.toml` at or above `directory`.
    static func projectRoot(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("loupe.toml").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The first `plugins/` folder at or above the executable's folder.
    static func bundledFolder(executable: String) -> String? {
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable
        var folder = URL(fileURLWithPath: real).deletingLastPathComponent().standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            let candidate = folder.appendingPathComponent("plugins").path
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The plugin folders (holding a `plugin.toml`) directly in `folder` or one namespace down,
    /// sorted by path.
    public static func pluginFolders(in folder: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if manager.fileExists(atPath: path + "/plugin.toml") {
                found.append(path)
            } else if let inner = try? manager.contentsOfDirectory(atPath: path) {
                for innerName in inner.sorted() where manager.fileExists(atPath: path + "/" + innerName + "/plugin.toml") {
                    found.append(path + "/" + innerName)
                }
            }
        }
        return found
    }
}
