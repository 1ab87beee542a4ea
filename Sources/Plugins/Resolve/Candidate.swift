/// One version of a plugin that a source offers: its manifest, and how to get its files.
struct Candidate: Sendable {
    /// Its manifest (at that version).
    var manifest: PluginManifest
    /// The exact source: for git, the tag (or commit) this version is at.
    var source: PluginSource
    /// For git, the commit.
    var commit: String?
    /// For folders and extracted archives, the folder holding the files.
    var folder: String?

    /// The plugin's name.
    var name: PluginName { manifest.name }
    /// Its version.
    var version: SemanticVersion { manifest.version }
}
