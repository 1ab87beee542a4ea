/// One plugin as a lockfile pins it: exact version, where it came from, the checksum of its
/// files, and what the user granted it.
public struct LockedPlugin: Hashable, Sendable {
    /// Its name.
    public var name: PluginName
    /// The exact version installed.
    public var version: SemanticVersion
    /// Where it came from; for git, with the tag (or commit) it was taken at.
    public var source: PluginSource
    /// For git sources, the commit the tag pointed to.
    public var commit: String?
    /// The checksum of its file tree (``TreeHash``).
    public var sha256: String
    /// The plugins it depends on (their entries are in the same lock).
    public var dependencies: [PluginName]
    /// The permissions the user granted it.
    public var granted: PluginPermissions
    /// The range asked for, when this plugin was installed by name rather than as a
    /// dependency (the user folder has no `loupe.toml` to remember it).
    public var requested: VersionRange?

    /// Makes a lock entry.
    public init(
        name: PluginName, version: SemanticVersion, source: PluginSource, commit: String? = nil, sha256: String,
        dependencies: [PluginName] = [], granted: PluginPermissions = .none, requested: VersionRange? = nil
    ) {
        self.name = name
        self.version = version
        self.source = source
        self.commit = commit
        self.sha256 = sha256
        self.dependencies = dependencies
        self.granted = granted
        self.requested = requested
    }
}
