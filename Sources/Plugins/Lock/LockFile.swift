import Foundation

/// `loupe.lock` beside a project's `loupe.toml` (and, in the same format, `grants.toml` in
/// the user's plugin folder): every plugin installed, pinned.
///
/// TOML, written deterministically: plugins sorted by name, keys in a fixed order, strings
/// always double-quoted, so the same installs give the same bytes and diffs stay small.
///
/// ```toml
/// # loupe.lock: the exact plugins this project uses, written by `loupe plugin`. Do not edit.
/// version = 1
///
/// [[plugin]]
/// name = "mediaLab/quotes"
/// version = "1.2.0"
/// source = "git"
/// git = "https://example.org/quotes.git"
/// tag = "v1.2.0"
/// commit = "5114f85…"
/// sha256 = "9f86d08…"
/// dependencies = ["mediaLab/people"]
/// granted = { "fs.read" = ["~/corpora/gazetteers"], "fs.write" = [], exec = false }
/// ```
///
/// `source` is `folder`, `archive` (both with `path = "…"`) or `git` (with `git`, `tag` and
/// `commit`). `requested` (a range) marks a plugin installed by name rather than as a
/// dependency; the project's `loupe.toml` says the same for project installs.
public struct LockFile: Equatable, Sendable {
    /// The layout version this Loupe writes and reads.
    public static let formatVersion = 1

    /// The plugins, sorted by name.
    public var plugins: [LockedPlugin]

    /// Makes a lock.
    public init(plugins: [LockedPlugin] = []) {
        self.plugins = plugins.sorted { $0.name < $1.name }
    }

    /// The entry for `name`, if locked.
    public subscript(name: PluginName) -> LockedPlugin? {
        plugins.first { $0.name == name }
    }

    /// Replaces or adds the entry for `plugin.name`, keeping the list sorted.
    public mutating func set(_ plugin: LockedPlugin) {
        plugins.removeAll { $0.name == plugin.name }
        plugins.append(plugin)
        plugins.sort { $0.name < $1.name }
    }

    /// Removes the entry for `name`.
    public mutating func remove(_ name: PluginName) {
        plugins.removeAll { $0.name == name }
    }

    /// Reads the lock at `path`; an absent file is an empty lock.
    ///
    /// - Throws: ``PluginError`` naming the file and line when it is malformed.
    public static func load(path: String) throws(PluginError) -> LockFile {
        guard let data = FileManager.default.contents(atPath: path) else { return LockFile() }
        var lock = try parse(String(decoding: data, as: UTF8.self), file: path)
        // Local sources inside the project are written relative to it (see write(to:)).
        let folder = (path as NSString).deletingLastPathComponent
        for index in lock.plugins.indices {
            lock.plugins[index].source = ProjectFile.anchored(lock.plugins[index].source, at: folder)
        }
        return lock
    }

    /// Parses lock text; `file` is how messages name it.
    public static func parse(_ text: String, file: String) throws(PluginError) -> LockFile {
        let fields = TOMLFields(file: file)
        let root = try fields.parse(text)
        try fields.rejectUnknown(root, known: ["version", "plugin"])
        if let item = root["version"], item.value != .integer(formatVersion) {
            throw fields.error(line: item.line, "this lock has layout version \(item.value), which this Loupe cannot read",
                hint: "use a newer Loupe, or delete the file and install the plugins again")
        }
        var plugins: [LockedPlugin] = []
        for table in try fields.tables("plugin", in: root) {
            try fields.rejectUnknown(table, known: [
                "name", "version", "source", "path", "git", "tag", "commit", "sha256", "dependencies", "granted", "requested",
            ], in: "[plugin]")
            let (nameText, nameLine) = try fields.requiredString("name", in: table, example: "\"quotes\"")
            let name: PluginName
            do { name = try PluginName(parsing: nameText) } catch { throw PluginManifest.located(error, fields, nameLine) }
            let (versionText, versionLine) = try fields.requiredString("version", in: table, example: "\"1.0.0\"")
            guard let version = SemanticVersion(versionText) else {
                throw fields.error(line: versionLine, "version \"\(versionText)\" is not a semantic version")
            }
            let (kind, kindLine) = try fields.requiredString("source", in: table, example: "\"folder\"")
            let source: PluginSource
            switch kind {
            case "folder": source = .folder(try fields.requiredString("path", in: table, example: "\"…\"").value)
            case "archive": source = .archive(try fields.requiredString("path", in: table, example: "\"…\"").value)
            case "git":
                source = .git(try fields.requiredString("git", in: table, example: "\"…\"").value,
                    ref: try fields.string("tag", in: table)?.value)
            default:
                throw fields.error(line: kindLine, "source \"\(kind)\" is not folder, archive or git")
            }
            var dependencies: [PluginName] = []
            for text in try fields.strings("dependencies", in: table)?.value ?? [] {
                do { dependencies.append(try PluginName(parsing: text)) } catch { throw PluginManifest.located(error, fields, table.line) }
            }
            var granted = PluginPermissions.none
            if let grants = try fields.table("granted", in: table) {
                granted = try PluginPermissions.read(grants, fields: fields, section: "granted")
            }
            var requested: VersionRange?
            if let (text, line) = try fields.string("requested", in: table) {
                do { requested = try VersionRange(parsing: text) } catch { throw PluginManifest.located(error, fields, line) }
            }
            plugins.append(LockedPlugin(
                name: name, version: version, source: source, commit: try fields.string("commit", in: table)?.value,
                sha256: try fields.requiredString("sha256", in: table, example: "\"…\"").value,
                dependencies: dependencies, granted: granted, requested: requested))
        }
        return LockFile(plugins: plugins)
    }

    /// The lock as TOML text (deterministic, see the type's description).
    public func rendered(header: String = "loupe.lock: the exact plugins this project uses, written by `loupe plugin`. Do not edit.") -> String {
        var text = "# \(header)\nversion = \(Self.formatVersion)\n"
        for plugin in plugins {
            text += "\n[[plugin]]\n"
            text += "name = \(TOMLWriter.quoted(plugin.name.description))\n"
            text += "version = \(TOMLWriter.quoted(plugin.version.description))\n"
            switch plugin.source {
            case .folder(let path): text += "source = \"folder\"\npath = \(TOMLWriter.quoted(path))\n"
            case .archive(let path): text += "source = \"archive\"\npath = \(TOMLWriter.quoted(path))\n"
            case .git(let url, let ref):
                text += "source = \"git\"\ngit = \(TOMLWriter.quoted(url))\n"
                if let ref { text += "tag = \(TOMLWriter.quoted(ref))\n" }
            }
            if let commit = plugin.commit { text += "commit = \(TOMLWriter.quoted(commit))\n" }
            text += "sha256 = \(TOMLWriter.quoted(plugin.sha256))\n"
            text += "dependencies = \(TOMLWriter.array(plugin.dependencies.sorted().map(\.description)))\n"
            text += "granted = \(plugin.granted.inlineTOML)\n"
            if let requested = plugin.requested { text += "requested = \(TOMLWriter.quoted(requested.description))\n" }
        }
        return text
    }

    /// Writes the lock to `path` atomically.
    /// Local sources inside the lock's folder (the project) are written relative to it, so
    /// that the project can move; ``load(path:)`` reads them back from there.
    public func write(to path: String, header: String? = nil) throws(PluginError) {
        var relative = self
        let folder = (path as NSString).deletingLastPathComponent
        for index in relative.plugins.indices {
            relative.plugins[index].source = ProjectFile.relative(relative.plugins[index].source, inside: folder)
        }
        let text = header.map { relative.rendered(header: $0) } ?? relative.rendered()
        try FileSystem.writeAtomically(text, to: path)
    }
}
