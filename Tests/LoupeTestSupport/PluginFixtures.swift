import Foundation

/// The fixture plugins of `Tests/Fixtures/runtime-plugins`.
public let fixturePlugins: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures/runtime-plugins")

/// A project in a temporary folder, as the plugin tests need it: `project/loupe.toml` with
/// the fixture plugins copied into `project/loupe_plugins/`, a fake home folder holding
/// `.ssh/id_rsa`, a symbolic link from the hostile plugin's folder to that `.ssh`, and a
/// one-document corpus.
public struct PluginProject {
    /// The temporary folder holding everything.
    public let root: URL
    /// The project (holds `loupe.toml`); commands run here.
    public var project: URL { root.appendingPathComponent("project") }
    /// The fake home folder.
    public var home: URL { root.appendingPathComponent("home") }
    /// The corpus folder (one document, `a.txt`).
    public var corpus: URL { project.appendingPathComponent("corpus") }
    /// A folder outside everything, for grants.
    public var extra: URL { root.appendingPathComponent("gazetteers") }
    /// The environment that points Loupe at this project only (no user or bundled plugins).
    public var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": root.appendingPathComponent("xdg").path,
         "LOUPE_BUNDLED_PLUGINS": root.appendingPathComponent("no-bundled").path]
    }

    /// Sets the project up in `root`.
    public init(in root: URL) throws {
        self.root = root
        let manager = FileManager.default
        try manager.createDirectory(at: home.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
        try writeFile(".ssh/id_rsa", "-----BEGIN FAKE KEY-----\n", in: home)
        try manager.createDirectory(at: corpus, withIntermediateDirectories: true)
        try manager.createDirectory(at: extra, withIntermediateDirectories: true)
        try writeFile("a.txt", "They walked from Lisbon to Harbour Street.\n", in: corpus)
        try writeFile("extra-places.txt", "Faro\n", in: extra)
        try writeFile("loupe.toml", "# a Loupe project\n", in: project)
        let plugins = project.appendingPathComponent("loupe_plugins")
        try manager.copyItem(at: fixturePlugins, to: plugins)
        try manager.createSymbolicLink(
            at: plugins.appendingPathComponent("evil/link"), withDestinationURL: home.appendingPathComponent(".ssh"))
    }
}
