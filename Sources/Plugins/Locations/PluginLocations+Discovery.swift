import Foundation

extension PluginLocations {
    /// Every plugin installed in the plugin folders, in precedence order (project, user,
    /// bundled), by name within each folder. A plugin hidden by one of the same name in an
    /// earlier folder is left out.
    ///
    /// `skipping` leaves out the folders of those kinds (a frozen run skips the user folder).
    ///
    /// - Throws: ``PluginError`` naming the manifest of a plugin that cannot be read.
    public func discover(skipping: Set<Kind> = []) throws(PluginError) -> [InstalledPlugin] {
        var seen: Set<PluginName> = []
        var plugins: [InstalledPlugin] = []
        for location in searchOrder where !skipping.contains(location.kind) {
            for plugin in try Self.plugins(in: location.directory, kind: location.kind) where !seen.contains(plugin.name) {
                seen.insert(plugin.name)
                plugins.append(plugin)
            }
        }
        return plugins
    }

    /// The plugins installed directly in `directory`: `<dir>/<name>/` and `<dir>/<ns>/<name>/`.
    public static func plugins(in directory: String, kind: Kind) throws(PluginError) -> [InstalledPlugin] {
        let files = FileManager.default
        var plugins: [InstalledPlugin] = []
        for entry in sortedEntries(directory) {
            let folder = (directory as NSString).appendingPathComponent(entry)
            if files.fileExists(atPath: (folder as NSString).appendingPathComponent(PluginManifest.fileName)) {
                plugins.append(InstalledPlugin(manifest: try PluginManifest.load(folder: folder), root: folder, location: kind))
                continue
            }
            for inner in sortedEntries(folder) {
                let root = (folder as NSString).appendingPathComponent(inner)
                if files.fileExists(atPath: (root as NSString).appendingPathComponent(PluginManifest.fileName)) {
                    plugins.append(InstalledPlugin(manifest: try PluginManifest.load(folder: root), root: root, location: kind))
                }
            }
        }
        return plugins.sorted { $0.name < $1.name }
    }

    /// The installed plugin named `name`, by precedence.
    public func plugin(named name: PluginName) throws(PluginError) -> InstalledPlugin? {
        try discover().first { $0.name == name }
    }

    /// The names in `directory`, sorted, without hidden ones; empty when it cannot be read.
    static func sortedEntries(_ directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { !$0.hasPrefix(".") }.sorted()
    }
}
