import Foundation

/// What the user granted each installed plugin, for the runtime to enforce.
///
/// Grants are recorded when a plugin is installed: in the project's `loupe.lock` for project
/// plugins, and in `grants.toml` (the lock format, see ``LockFile``) in the user's plugin
/// folder for user plugins. Bundled plugins ship with Loupe and get what their manifest
/// declares. A plugin with no record gets nothing beyond the sandbox's default.
///
/// ```swift
/// let grants = try PluginGrants.load(locations: PluginLocations())
/// let allowed = grants.granted(to: plugin)     // PluginPermissions
/// ```
public struct PluginGrants: Sendable {
    /// The file name of the user folder's record of installs and grants.
    public static let userFileName = "grants.toml"

    private var project: LockFile
    private var user: LockFile

    /// Makes grants from records already read (for tests).
    public init(project: LockFile = LockFile(), user: LockFile = LockFile()) {
        self.project = project
        self.user = user
    }

    /// Reads the project's lock and the user folder's `grants.toml`.
    ///
    /// - Throws: ``PluginError`` naming a record that is malformed.
    public static func load(locations: PluginLocations) throws(PluginError) -> PluginGrants {
        PluginGrants(
            project: try locations.lockFile.map { path throws(PluginError) in try LockFile.load(path: path) } ?? LockFile(),
            user: try LockFile.load(path: userFile(locations)))
    }

    /// The user folder's `grants.toml`.
    public static func userFile(_ locations: PluginLocations) -> String {
        (locations.user as NSString).appendingPathComponent(userFileName)
    }

    /// What was granted to `plugin`, given where it is installed.
    public func granted(to plugin: InstalledPlugin) -> PluginPermissions {
        switch plugin.location {
        case .project: project[plugin.name]?.granted ?? .none
        case .user: user[plugin.name]?.granted ?? .none
        case .bundled: plugin.manifest.permissions
        }
    }

    /// What was granted to the plugin named `name` installed in `location`, if it is recorded
    /// there (bundled plugins: nil, their manifest says).
    public func granted(to name: PluginName, in location: PluginLocations.Kind) -> PluginPermissions? {
        switch location {
        case .project: project[name]?.granted
        case .user: user[name]?.granted
        case .bundled: nil
        }
    }
}
