import Foundation

/// What `loupe plugin install` was given: a source and, after a last `@`, a tag, a version
/// or a range.
///
/// | argument | source |
/// |---|---|
/// | `../quotes` (a folder with `plugin.toml`) | folder |
/// | `quotes-1.2.0.tar.gz`, `.tgz`, `.tar`, `.zip` | archive |
/// | `https://…`, `ssh://…`, `file://…`, `git@host:path`, `git+…`, `….git`, a folder that is a git repository | git |
///
/// `@v1.2.0` (a tag), `@1.2.0` (a version: the tag `v1.2.0` or `1.2.0`) and `@^1.2` (a range)
/// choose among a repository's versions; for a folder or an archive they must agree with its
/// manifest.
public struct SourceArgument: Hashable, Sendable {
    /// The source, with local paths made absolute.
    public var source: PluginSource
    /// The text after `@`, if any.
    public var pin: String?

    /// Parses an argument.
    ///
    /// - Throws: ``PluginError`` when the argument names nothing Loupe can install from.
    public init(parsing text: String) throws(PluginError) {
        var location = text
        if let at = text.lastIndex(of: "@"), at != text.startIndex {
            let after = String(text[text.index(after: at)...])
            if !after.isEmpty, !after.contains("/"), !after.contains(":") {
                location = String(text[..<at])
                pin = after
            }
        }
        if location.hasPrefix("git+") {
            source = .git(String(location.dropFirst(4)), ref: nil)
        } else if location.contains("://") {
            source = .git(location, ref: nil)
        } else if location.range(of: #"^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:"#, options: .regularExpression) != nil {
            source = .git(location, ref: nil)
        } else {
            let path = FileSystem.absolute(location)
            if PluginSource.isArchive(path), !FileSystem.isFolder(path) {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw PluginError(.notFound, file: location, "no such archive")
                }
                source = .archive(path)
            } else if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(PluginManifest.fileName)) {
                source = .folder(path)
            } else if Self.isGitRepository(path) {
                source = .git(path, ref: nil)
            } else {
                throw PluginError(.notFound, file: location,
                    FileManager.default.fileExists(atPath: path)
                        ? "is neither a plugin folder (no plugin.toml), an archive nor a git repository"
                        : "no such folder, archive or repository",
                    hint: "give a plugin folder, a .tar.gz/.zip archive or a git URL")
            }
        }
    }

    /// A bare repository (`HEAD` and `objects/`) or a working copy (`.git`).
    static func isGitRepository(_ path: String) -> Bool {
        let files = FileManager.default
        return files.fileExists(atPath: (path as NSString).appendingPathComponent(".git"))
            || (files.fileExists(atPath: (path as NSString).appendingPathComponent("HEAD"))
                && files.fileExists(atPath: (path as NSString).appendingPathComponent("objects")))
    }
}
