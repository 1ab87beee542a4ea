import Foundation

/// A plugin found in one of the plugin folders: its manifest, its folder, and which of the
/// ``PluginLocations`` it is in.
public struct InstalledPlugin: Hashable, Sendable {
    /// Its manifest.
    public var manifest: PluginManifest
    /// Its folder (the one holding `plugin.toml`).
    public var root: String
    /// Which plugin folder it was found in.
    public var location: PluginLocations.Kind

    /// Makes a record of an installed plugin.
    public init(manifest: PluginManifest, root: String, location: PluginLocations.Kind) {
        self.manifest = manifest
        self.root = root
        self.location = location
    }

    /// Its name.
    public var name: PluginName { manifest.name }

    /// The files module `module` could be in, in the order `require` tries them:
    /// `a/b.lua`, then `a/b/init.lua`, under the plugin's root.
    public func candidateFiles(forModule module: String) -> [String] {
        let relative = module.split(separator: ".").joined(separator: "/")
        return [relative + ".lua", relative + "/init.lua"].map { (root as NSString).appendingPathComponent($0) }
    }

    /// The file of module `module` in this plugin, if it exists (whether or not the manifest
    /// declares it: a plugin's own modules may `require` each other).
    public func file(forModule module: String) -> String? {
        guard PluginProvides.isModuleName(module) else { return nil }
        return candidateFiles(forModule: module).first { FileManager.default.fileExists(atPath: $0) }
    }
}
