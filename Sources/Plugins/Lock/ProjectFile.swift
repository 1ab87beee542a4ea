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
/// table (sorted by name; comments inside that table are not kept) and nothing else.
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

    /// Rewrites the file's `[plugins]` table from ``requirements``, keeping the rest.
    public func save() throws(PluginError) {
        let old = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try FileSystem.writeAtomically(Self.replacingPluginsTable(in: old, with: pluginsTable), to: path)
    }

    /// The `[plugins]` table's text, sorted by name.
    var pluginsTable: String {
        var text = "[plugins]\n"
        for requirement in requirements.sorted(by: { $0.name < $1.name }) {
            let key = TOMLWriter.key(requirement.name.description)
            let version = TOMLWriter.quoted(requirement.range.description)
            switch requirement.source {
            case nil: text += "\(key) = \(version)\n"
            case .folder(let path): text += "\(key) = { version = \(version), path = \(TOMLWriter.quoted(path)) }\n"
            case .archive(let path): text += "\(key) = { version = \(version), archive = \(TOMLWriter.quoted(path)) }\n"
            case .git(let url, let tag):
                text += "\(key) = { version = \(version), git = \(TOMLWriter.quoted(url))"
                    + (tag.map { ", tag = \(TOMLWriter.quoted($0))" } ?? "") + " }\n"
            }
        }
        return text
    }

    /// `text` with its `[plugins]` table (header to the next header) replaced by `table`, or
    /// with `table` appended when it has none.
    static func replacingPluginsTable(in text: String, with table: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        func isHeader(_ line: String) -> Bool { line.trimmingSpaces.hasPrefix("[") }
        guard let start = lines.firstIndex(where: {
            let trimmed = $0.trimmingSpaces
            return trimmed == "[plugins]" || trimmed.hasPrefix("[plugins]") && String(trimmed.dropFirst(9)).trimmingSpaces.hasPrefix("#")
        }) else {
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
