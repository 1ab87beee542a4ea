import Foundation

/// A project's `loupe.toml`: it marks the project's root (plugins go in `loupe_plugins/`
/// beside it, the lock in `loupe.lock`) and lists the plugins the project wants.
///
/// ```toml
/// [plugins]
/// "mediaLab/quotes" = "^1.2"
/// "mediaLab/people" = { version = "~1.4", git = "https://example.org/people.git" }
/// dates = { version = "^0.3", path = "../dates" }
/// ```
///
/// The file may be empty. Only `[plugins]` is read here; other tables belong to other parts
/// of Loupe and are left alone. `loupe plugin install` and `remove` rewrite the `[plugins]`
/// table (sorted by name, comments kept with their entries, local paths inside the project
/// written relative to it) and nothing else.
public struct ProjectFile: Sendable {
    /// One wanted plugin.
    public struct Requirement: Hashable, Sendable {
        /// The plugin.
        public var name: PluginName
        /// The versions the project accepts.
        public var range: VersionRange
        /// Where to get it, if given.
        public var source: PluginSource?

        /// Makes a requirement.
        public init(name: PluginName, range: VersionRange, source: PluginSource? = nil) {
            self.name = name
            self.range = range
            self.source = source
        }
    }

    /// The file's path.
    public var path: String
    /// The wanted plugins, in file order.
    public var requirements: [Requirement]

    /// Reads `path`.
    ///
    /// - Throws: ``PluginError`` naming the file and line when it is malformed.
    public static func load(path: String) throws(PluginError) -> ProjectFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.notFound, file: path, "cannot read the project file")
        }
        let fields = TOMLFields(file: path)
        let root = try fields.parse(String(decoding: data, as: UTF8.self))
        var requirements: [Requirement] = []
        if let table = try fields.table("plugins", in: root) {
            for (key, item) in table.entries {
                let name: PluginName
                do { name = try PluginName(parsing: key) } catch { throw PluginManifest.located(error, fields, item.line) }
                let (range, source) = try PluginManifest.dependencySpec(item, key: key, fields: fields)
                let folder = (path as NSString).deletingLastPathComponent
                requirements.append(Requirement(name: name, range: range, source: source.map { Self.anchored($0, at: folder) }))
            }
        }
        return ProjectFile(path: path, requirements: requirements)
    }

    /// `source` with a relative local path read from the project's folder, wherever the
    /// command runs: `path = "../dates"` means beside the project.
    static func anchored(_ source: PluginSource, at folder: String) -> PluginSource {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") || path.hasPrefix("~") ? path
                : URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
        }
        switch source {
        case .folder(let path): return .folder(absolute(path))
        case .archive(let path): return .archive(absolute(path))
        case .git(let url, let ref):
            let isLocal = !url.contains("://") && !url.contains(":") && !url.hasPrefix("/")
            return isLocal ? .git(absolute(url), ref: ref) : source
        }
    }

    /// The requirement for `name`, if any.
    public subscript(name: PluginName) -> Requirement? {
        requirements.first { $0.name == name }
    }

    /// Replaces or adds a requirement.
    public mutating func set(_ requirement: Requirement) {
        if let index = requirements.firstIndex(where: { $0.name == requirement.name }) {
            requirements[index] = requirement
        } else {
            requirements.append(requirement)
        }
    }

    /// Removes the requirement for `name`.
    public mutating func remove(_ name: PluginName) {
        requirements.removeAll { $0.name == name }
    }

    /// Rewrites the file's `[plugins]` table from ``requirements``, keeping the rest, and
    /// keeping the comments of the table: those on the lines above an entry and at the end of
    /// its line stay with that plugin, others stay at the top of the table.
    public func save() throws(PluginError) {
        let old = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let comments = Self.comments(inPluginsTableOf: old)
        try FileSystem.writeAtomically(Self.replacingPluginsTable(in: old, with: pluginsTable(comments: comments)), to: path)
    }

    /// The `[plugins]` table's text, sorted by name, with `comments` (see
    /// ``comments(inPluginsTableOf:)``) put back. A local path inside the project's folder is
    /// written relative to it, so the project can move.
    func pluginsTable(comments: PluginsTableComments = PluginsTableComments()) -> String {
        var text = "[plugins]" + (comments.header.map { " " + $0 } ?? "") + "\n"
        for line in comments.top { text += line + "\n" }
        for requirement in requirements.sorted(by: { $0.name < $1.name }) {
            let name = requirement.name.description
            for line in comments.above[name] ?? [] { text += line + "\n" }
            let key = TOMLWriter.key(name)
            let version = TOMLWriter.quoted(requirement.range.description)
            let local = { (path: String) in TOMLWriter.quoted(self.written(path)) }
            switch requirement.source {
            case nil: text += "\(key) = \(version)"
            case .folder(let path): text += "\(key) = { version = \(version), path = \(local(path)) }"
            case .archive(let path): text += "\(key) = { version = \(version), archive = \(local(path)) }"
            case .git(let url, let tag):
                let isLocal = url.hasPrefix("/")
                text += "\(key) = { version = \(version), git = \(isLocal ? local(url) : TOMLWriter.quoted(url))"
                    + (tag.map { ", tag = \(TOMLWriter.quoted($0))" } ?? "") + " }"
            }
            text += (comments.trailing[name].map { " " + $0 } ?? "") + "\n"
        }
        for line in comments.bottom { text += line + "\n" }
        return text
    }

    /// `path` as written in the file: relative to the project's folder when inside it.
    func written(_ path: String) -> String {
        Self.relative(path, inside: (self.path as NSString).deletingLastPathComponent)
    }

    /// `path` relative to `folder` when it is inside it, else as it is: how `loupe.toml` and
    /// `loupe.lock` write local sources, so that a project can move (``anchored(_:at:)``
    /// reads them back).
    static func relative(_ path: String, inside folder: String) -> String {
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        if full == folder { return "." }
        return full.hasPrefix(folder + "/") ? String(full.dropFirst(folder.count + 1)) : path
    }

    /// `source` with its local path written by ``relative(_:inside:)``.
    static func relative(_ source: PluginSource, inside folder: String) -> PluginSource {
        switch source {
        case .folder(let path): return .folder(relative(path, inside: folder))
        case .archive(let path): return .archive(relative(path, inside: folder))
        case .git(let url, let ref): return url.hasPrefix("/") ? .git(relative(url, inside: folder), ref: ref) : source
        }
    }

    /// The comments of a `[plugins]` table, by where they stand.
    struct PluginsTableComments: Equatable {
        /// A comment on the `[plugins]` line itself.
        var header: String?
        /// Comment lines before the first entry that are separated from it by a blank line.
        var top: [String] = []
        /// Comment lines directly above an entry, by plugin name.
        var above: [String: [String]] = [:]
        /// A comment at the end of an entry's line, by plugin name.
        var trailing: [String: String] = [:]
        /// Comment lines after the last entry.
        var bottom: [String] = []
    }

    /// The comments of `text`'s `[plugins]` table (none when it has no such table).
    static func comments(inPluginsTableOf text: String) -> PluginsTableComments {
        var comments = PluginsTableComments()
        var lines = text.components(separatedBy: "\n")[...]
        guard let start = lines.firstIndex(where: { isPluginsHeader($0) }) else { return comments }
        comments.header = commentPart(of: lines[start])
        lines = lines[(start + 1)...]
        var pending: [String] = []
        for line in lines {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("[") { break }
            if trimmed.hasPrefix("#") {
                pending.append(trimmed)
            } else if trimmed.isEmpty {
                if comments.above.isEmpty, comments.trailing.isEmpty { comments.top += pending } else { comments.bottom += pending }
                pending = []
            } else if let name = keyName(of: trimmed) {
                if !pending.isEmpty { comments.above[name, default: []] += pending }
                pending = []
                if let comment = commentPart(of: trimmed) { comments.trailing[name] = comment }
            }
        }
        comments.bottom += pending
        return comments
    }

    private static func isPluginsHeader(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces
        return trimmed == "[plugins]" || trimmed.hasPrefix("[plugins]") && String(trimmed.dropFirst(9)).trimmingSpaces.hasPrefix("#")
    }

    /// The key of an entry line (`"mediaLab/quotes" = …` or `dates = …`), unquoted.
    private static func keyName(of line: String) -> String? {
        if line.hasPrefix("\"") {
            let rest = line.dropFirst()
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        guard let equals = line.firstIndex(of: "=") else { return nil }
        return String(line[..<equals]).trimmingSpaces
    }

    /// The `# …` at the end of `line`, outside strings, if any.
    private static func commentPart(of line: String) -> String? {
        var quote: Character?
        var escaped = false
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if escaped { escaped = false } else if c == "\\" && open == "\"" { escaped = true } else if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                return String(line[index...]).trimmingSpaces
            }
        }
        return nil
    }

    /// `text` with its `[plugins]` table (header to the next header) replaced by `table`, or
    /// with `table` appended when it has none.
    static func replacingPluginsTable(in text: String, with table: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        func isHeader(_ line: String) -> Bool { line.trimmingSpaces.hasPrefix("[") }
        guard let start = lines.firstIndex(where: isPluginsHeader) else {
            let body = lines.joined(separator: "\n")
            return body.isEmpty ? table : body + "\n\n" + table
        }
        var end = start + 1
        while end < lines.count, !isHeader(lines[end]) { end += 1 }
        // Blank lines before the next table stay, to keep the layout.
        var keep = end
        while keep > start + 1, lines[keep - 1].trimmingSpaces.isEmpty { keep -= 1 }
        let tableLines: [String] = table.split(separator: "\n").map(String.init)
        var replaced: [String] = Array(lines[..<start])
        replaced += tableLines
        replaced += Array(lines[keep...])
        return replaced.joined(separator: "\n") + "\n"
    }
}
