/// Where a plugin comes from: a folder, an archive, or a git repository at a tag.
///
/// Written in `loupe.toml`, in a manifest's `[dependencies]` and in `loupe.lock` as one of
/// `path = "…"`, `archive = "…"` or `git = "…"` (with `tag` / `commit` in the lock).
public enum PluginSource: Hashable, Sendable, CustomStringConvertible {
    /// A plugin folder (holding `plugin.toml`).
    case folder(String)
    /// A `.tar.gz`, `.tgz` or `.zip` archive of a plugin folder.
    case archive(String)
    /// A git repository (URL or local path), optionally at a tag or commit.
    case git(String, ref: String?)

    /// How the source is shown to people: the path, or `URL@ref`.
    public var description: String {
        switch self {
        case .folder(let path), .archive(let path): path
        case .git(let url, let ref): ref.map { "\(url)@\($0)" } ?? url
        }
    }

    /// The source's location without a ref (the git URL, or the path).
    public var location: String {
        switch self {
        case .folder(let path), .archive(let path): path
        case .git(let url, _): url
        }
    }

    /// Whether `path` names an archive Loupe can read, by its extension.
    public static func isArchive(_ path: String) -> Bool {
        [".tar.gz", ".tgz", ".zip", ".tar"].contains { path.lowercased().hasSuffix($0) }
    }
}
