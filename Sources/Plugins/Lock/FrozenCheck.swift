import Foundation

/// What `loupe run --frozen` checks before running: that the project's plugins are exactly
/// those its lock pins.
///
/// ```swift
/// try FrozenCheck.verify(project: PluginLocations())     // throws at the first difference
/// let pinned = try FrozenCheck.lockedPlugins(project: PluginLocations())  // for the run manifest
/// ```
public enum FrozenCheck {
    /// Checks that every plugin `loupe.toml` wants is locked at a version its range allows,
    /// that every locked plugin is installed at its version with the locked checksum, and
    /// that nothing else is installed in `loupe_plugins/`.
    ///
    /// - Throws: ``PluginError`` (kind `.integrity`) naming the plugin and, when possible, the
    ///   file that differs; `.usage` when there is no project.
    public static func verify(project locations: PluginLocations) throws(PluginError) {
        if let first = try findings(project: locations).first { throw first.error }
    }

    /// What ``verify(project:)`` checks, with every installed file that differs from the lock
    /// (as `loupe plugin verify` lists them) rather than the first.
    ///
    /// - Throws: ``PluginError`` when there is no project, `loupe.toml` or `loupe.lock` cannot
    ///   be read, or `loupe.toml` wants a plugin the lock does not pin at a version it allows.
    public static func findings(project locations: PluginLocations) throws(PluginError) -> [LockVerifier.Finding] {
        guard let projectFile = locations.projectFile, let folder = locations.project, let lockPath = locations.lockFile else {
            throw PluginError(.usage, "--frozen checks a project's plugins against its loupe.lock, but there is no loupe.toml here or above",
                hint: "run from inside the project, or leave out --frozen")
        }
        let project = try ProjectFile.load(path: projectFile)
        if !FileManager.default.fileExists(atPath: lockPath), !project.requirements.isEmpty {
            throw PluginError(.integrity, file: lockPath, "is missing, so the plugins cannot be checked",
                hint: "run `loupe plugin install` to write it")
        }
        let lock = try LockFile.load(path: lockPath)
        for requirement in project.requirements {
            guard let locked = lock[requirement.name] else {
                throw PluginError(.integrity, file: projectFile, "wants \(requirement.name), which loupe.lock does not pin",
                    hint: "run `loupe plugin update` to resolve and lock it")
            }
            if !requirement.range.contains(locked.version) {
                throw PluginError(.integrity, file: projectFile,
                    "wants \(requirement.name) \(requirement.range), but loupe.lock pins \(locked.version)",
                    hint: "run `loupe plugin update \(requirement.name)`")
            }
        }
        let differences = LockVerifier.check(lock: lock, folder: folder)
        _ = try PluginLocations.plugins(in: folder, kind: .project)  // A broken manifest is reported as such.
        return differences + LockVerifier.strays(lock: lock, folder: folder)
    }

    /// The plugins the project's lock pins (name, version, checksum), sorted by name; empty
    /// when there is no project or no lock.
    public static func lockedPlugins(project locations: PluginLocations) throws(PluginError) -> [LockedPlugin] {
        guard let lockPath = locations.lockFile else { return [] }
        return try LockFile.load(path: lockPath).plugins
    }
}
