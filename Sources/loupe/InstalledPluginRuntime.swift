import Foundation
import LoupeBindings
import LoupeEngine
import Plugins

/// The adapter from the store (``Plugins``: where plugins are, their manifests, what the user
/// granted at install) to what the Lua runtime enforces (``PluginRuntime``).
extension PluginRuntime {
    /// The installed plugins as `locations` finds them, each granted what the store recorded
    /// (bundled ones what their manifest declares) plus what `--allow` adds for this run;
    /// `first` are plugin folders that come before all of them (the plugins `loupe test` tests),
    /// granted only what `--allow` gives.
    ///
    /// With `frozen` (`loupe run --frozen`), the user folder's plugins are left out: a frozen
    /// run uses only what the project's lock pins and what comes with Loupe.
    ///
    /// - Throws: ``PluginError`` naming a manifest, lockfile or grants file that cannot be read.
    static func installed(
        locations: Plugins.PluginLocations = Plugins.PluginLocations(), first: [String] = [], grants run: RunGrants = RunGrants(),
        frozen: Bool = false
    ) throws(PluginError) -> PluginRuntime {
        let skipped: Set<Plugins.PluginLocations.Kind> = frozen ? [.user] : []
        var runtime = PluginRuntime(
            searchedFolders: locations.searchOrder.map { location in
                Folder(path: location.directory, label: skipped.contains(location.kind)
                    ? "\(location.kind.rawValue): not used with --frozen, which uses only plugins loupe.lock pins; install it in the project"
                    : location.kind.rawValue)
            },
            script: run.script)
        let stored = try PluginGrants.load(locations: locations)
        var seen: Set<PluginName> = []
        for root in first {
            let manifest = try PluginManifest.load(folder: root)
            guard seen.insert(manifest.name).inserted else { continue }
            runtime.plugins.append(plugin(manifest, root: root, granted: .none, run: run))
        }
        // A module not found names the tested plugins too, first, as require tries them.
        runtime.searchedFolders.insert(
            contentsOf: runtime.plugins.map { Folder(path: $0.root, label: "\($0.name), tested") }, at: 0)
        for installed in try locations.discover(skipping: skipped) where seen.insert(installed.name).inserted {
            runtime.plugins.append(plugin(installed.manifest, root: installed.root, granted: stored.granted(to: installed), run: run))
        }
        return runtime
    }

    private static func plugin(_ manifest: PluginManifest, root: String, granted: PluginPermissions, run: RunGrants) -> Plugin {
        let name = manifest.name.description
        let stored = Permissions(read: granted.fsRead, write: granted.fsWrite, exec: granted.exec)
        let asked = manifest.permissions
        return Plugin(
            name: name, root: URL(fileURLWithPath: root).standardizedFileURL.path, modules: manifest.provides.modules,
            granted: stored.union(run.plugins[name] ?? Permissions()),
            requested: Permissions(read: asked.fsRead, write: asked.fsWrite, exec: asked.exec))
    }
}
