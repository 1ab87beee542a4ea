import Foundation

/// A plugin found in one of the plugin folders: its manifest, its folder, and which of the
/// ``PluginLocations`` it is in.
///
/// Which file a module is in is the runtime's to say (`require` in LoupeBindings, from the
/// modules the manifest declares): the store only finds plugins.
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
}
