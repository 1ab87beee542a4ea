import Foundation

/// A plugin's manifest: `plugin.toml` at the root of its folder, read without running code.
///
/// ```toml
/// name = "mediaLab/quotes"
/// version = "1.2.0"
/// description = "Finds quotes and who said them."
/// authors = ["Ada <ada@example.org>"]
/// license = "MIT"
/// homepage = "https://example.org/quotes"
/// loupe = ">=0.1, <2"
///
/// [dependencies]
/// "mediaLab/people" = "^1.2"
/// "mediaLab/dates" = { version = "~1.4", git = "https://example.org/dates.git" }
///
/// [provides]
/// modules = ["quotes", "quotes.rules"]
///
/// [permissions]
/// "fs.read" = ["~/corpora/gazetteers"]
/// ```
///
/// Only `name` and `version` are required. Unknown keys are errors naming the key, the file
/// and the line, so a typo (`licence`) is caught rather than ignored.
public struct PluginManifest: Hashable, Sendable {
    /// The file name of a manifest inside a plugin folder.
    public static let fileName = "plugin.toml"

    /// The plugin's name (with its namespace, if any).
    public var name: PluginName
    /// Its version.
    public var version: SemanticVersion
    /// One line saying what it does.
    public var description: String
    /// Its authors, as written (`"Ada <ada@example.org>"`).
    public var authors: [String]
    /// Its license (an SPDX identifier, ideally).
    public var license: String?
    /// Where to read more.
    public var homepage: String?
    /// The Loupe versions it works with; nil means any.
    public var loupeRange: VersionRange?
    /// The plugins it needs, with the versions it accepts.
    public var dependencies: [PluginName: VersionRange]
    /// Where to get a dependency, when the manifest says (`{ version = "^1", git = "…" }`).
    public var dependencySources: [PluginName: PluginSource]
    /// What it offers.
    public var provides: PluginProvides
    /// What it asks to do beyond the sandbox's default.
    public var permissions: PluginPermissions

    /// The namespace part of ``name``.
    public var namespace: String? { name.namespace }

    /// Makes a manifest from its parts (for tests and scaffolding).
    public init(
        name: PluginName, version: SemanticVersion, description: String = "", authors: [String] = [],
        license: String? = nil, homepage: String? = nil, loupeRange: VersionRange? = nil,
        dependencies: [PluginName: VersionRange] = [:], dependencySources: [PluginName: PluginSource] = [:],
        provides: PluginProvides = PluginProvides(), permissions: PluginPermissions = .none
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.authors = authors
        self.license = license
        self.homepage = homepage
        self.loupeRange = loupeRange
        self.dependencies = dependencies
        self.dependencySources = dependencySources
        self.provides = provides
        self.permissions = permissions
    }

    /// Reads `folder/plugin.toml`.
    ///
    /// - Throws: ``PluginError`` naming the file (and line) when it is missing or malformed.
    public static func load(folder: String) throws(PluginError) -> PluginManifest {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.notFound, file: path, "no plugin manifest here",
                hint: "a plugin folder holds a plugin.toml; `loupe plugin new NAME` makes one")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PluginError(.invalidFile, file: path, "is not UTF-8 text", hint: "save it as UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Parses manifest text; `file` is how messages name it.
    public static func parse(_ text: String, file: String = fileName) throws(PluginError) -> PluginManifest {
        let fields = TOMLFields(file: file)
        let root = try fields.parse(text)
        try fields.rejectUnknown(root, known: [
            "name", "version", "description", "authors", "license", "homepage", "loupe", "dependencies", "provides",
            "permissions",
        ])
        let (nameText, nameLine) = try fields.requiredString("name", in: root, example: "\"mediaLab/quotes\"")
        let name: PluginName
        do { name = try PluginName(parsing: nameText) } catch { throw located(error, fields, nameLine) }
        let (versionText, versionLine) = try fields.requiredString("version", in: root, example: "\"0.1.0\"")
        guard let version = SemanticVersion(versionText) else {
            throw fields.error(line: versionLine, "version \"\(versionText)\" is not a semantic version",
                hint: "write it as MAJOR.MINOR.PATCH, e.g. 1.2.0")
        }
        var manifest = PluginManifest(name: name, version: version)
        manifest.description = try fields.string("description", in: root)?.value ?? ""
        manifest.authors = try fields.strings("authors", in: root)?.value ?? []
        manifest.license = try fields.string("license", in: root)?.value
        manifest.homepage = try fields.string("homepage", in: root)?.value
        if let (range, line) = try fields.string("loupe", in: root) {
            do { manifest.loupeRange = try VersionRange(parsing: range) } catch { throw located(error, fields, line) }
        }
        if let table = try fields.table("dependencies", in: root) {
            for (key, item) in table.entries {
                let dependency: PluginName
                do { dependency = try PluginName(parsing: key) } catch { throw located(error, fields, item.line) }
                let (range, source) = try dependencySpec(item, key: key, fields: fields)
                manifest.dependencies[dependency] = range
                if let source { manifest.dependencySources[dependency] = source }
            }
        }
        if let table = try fields.table("provides", in: root) {
            manifest.provides = try PluginProvides.read(table, fields: fields)
        }
        if let table = try fields.table("permissions", in: root) {
            manifest.permissions = try PluginPermissions.read(table, fields: fields, section: "permissions")
        }
        return manifest
    }

    /// Whether this plugin says it works with Loupe `version`.
    public func supportsLoupe(_ version: SemanticVersion) -> Bool {
        loupeRange?.contains(version) ?? true
    }

    /// A range, or a `{ version = …, git|path|archive = … }` table.
    static func dependencySpec(_ item: TOMLItem, key: String, fields: TOMLFields) throws(PluginError) -> (VersionRange, PluginSource?) {
        switch item.value {
        case .string(let text):
            do { return (try VersionRange(parsing: text), nil) } catch { throw located(error, fields, item.line) }
        case .table(let table):
            try fields.rejectUnknown(table, known: ["version", "git", "tag", "path", "archive"], in: key)
            var range = VersionRange.any
            if let (text, line) = try fields.string("version", in: table) {
                do { range = try VersionRange(parsing: text) } catch { throw located(error, fields, line) }
            }
            var source: PluginSource?
            if let git = try fields.string("git", in: table)?.value {
                source = .git(git, ref: try fields.string("tag", in: table)?.value)
            } else if let path = try fields.string("path", in: table)?.value {
                source = .folder(path)
            } else if let archive = try fields.string("archive", in: table)?.value {
                source = .archive(archive)
            }
            return (range, source)
        default:
            throw fields.mistyped(key, item, expected: "a version range (\"^1.2\") or a table ({ version = \"^1.2\", git = \"…\" })")
        }
    }

    /// `error` (from a parser that knows no file) with the file and line filled in.
    static func located(_ error: PluginError, _ fields: TOMLFields, _ line: Int) -> PluginError {
        var error = error
        error.file = fields.file
        error.line = line
        return error
    }
}

/// What a plugin offers, as its manifest's `[provides]` table declares it.
public struct PluginProvides: Hashable, Sendable {
    /// Lua modules, by the name `require` takes: module `a.b` is the file `a/b.lua` or
    /// `a/b/init.lua` under the plugin's root.
    public var modules: [String]
    /// File extensions or formats it reads (declared only, for now).
    public var readers: [String]
    /// Layer names it adds.
    public var annotators: [String]
    /// Report templates, as paths in the plugin's folder.
    public var templates: [String]
    /// Commands it adds.
    public var commands: [String]

    /// Makes a list of what a plugin provides.
    public init(modules: [String] = [], readers: [String] = [], annotators: [String] = [], templates: [String] = [],
        commands: [String] = [])
    {
        self.modules = modules
        self.readers = readers
        self.annotators = annotators
        self.templates = templates
        self.commands = commands
    }

    static func read(_ table: TOMLTable, fields: TOMLFields) throws(PluginError) -> PluginProvides {
        try fields.rejectUnknown(table, known: ["modules", "readers", "annotators", "templates", "commands"], in: "provides")
        var provides = PluginProvides()
        if let (modules, line) = try fields.strings("modules", in: table) {
            for module in modules where !isModuleName(module) {
                throw fields.error(line: line, "module name \"\(module)\" is not valid",
                    hint: "use names such as quotes or quotes.rules: letters, digits and _, parts joined by dots")
            }
            provides.modules = modules
        }
        provides.readers = try fields.strings("readers", in: table)?.value ?? []
        provides.annotators = try fields.strings("annotators", in: table)?.value ?? []
        provides.templates = try fields.strings("templates", in: table)?.value ?? []
        provides.commands = try fields.strings("commands", in: table)?.value ?? []
        return provides
    }

    /// `a`, `a.b`, `a_1.b2`: dot-separated identifiers.
    static func isModuleName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        }
    }
}
