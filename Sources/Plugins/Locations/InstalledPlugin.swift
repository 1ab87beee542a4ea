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

extension PluginManifest {
    /// Checks that every module the manifest declares has its file in `folder`: module `a.b`
    /// is `a/b.lua` or `a/b/init.lua` (the runtime's `require` looks for the same two), so a
    /// plugin that would fail at `require` is refused when it is packed or installed.
    ///
    /// - Throws: ``PluginError`` (`.invalidFile`) naming the manifest and the module.
    public func checkModuleFiles(in folder: String) throws(PluginError) {
        for module in provides.modules {
            let relative = module.split(separator: ".").joined(separator: "/")
            let candidates = [relative + ".lua", relative + "/init.lua"]
            var isFolder: ObjCBool = false
            let found = candidates.contains { candidate in
                FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(candidate), isDirectory: &isFolder)
                    && !isFolder.boolValue
            }
            if !found {
                throw PluginError(.invalidFile, file: (folder as NSString).appendingPathComponent(Self.fileName),
                    "\(name) declares module '\(module)' under [provides], but has neither \(candidates[0]) nor \(candidates[1])",
                    hint: "add the file, or remove the module from [provides] modules")
            }
        }
    }
}
