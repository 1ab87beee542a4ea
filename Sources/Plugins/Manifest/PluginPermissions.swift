/// What a plugin may do beyond the sandbox's default (reading its own folder and the corpus,
/// writing through `emit` and the report): read or write more paths, and start processes.
///
/// A manifest requests permissions in its `[permissions]` table; the user grants them at
/// install time (recorded in `loupe.lock` or the user folder's `grants.toml`, see
/// ``PluginGrants``).
///
/// ```toml
/// [permissions]
/// "fs.read" = ["~/corpora/gazetteers"]
/// "fs.write" = []
/// exec = false
/// ```
public struct PluginPermissions: Hashable, Sendable {
    /// Path prefixes the plugin may read, as written (`~` is the user's home).
    public var fsRead: [String]
    /// Path prefixes the plugin may write, as written.
    public var fsWrite: [String]
    /// Whether the plugin may start processes.
    public var exec: Bool

    /// No permissions beyond the sandbox's default.
    public static let none = PluginPermissions()

    /// Makes a set of permissions.
    public init(fsRead: [String] = [], fsWrite: [String] = [], exec: Bool = false) {
        self.fsRead = fsRead
        self.fsWrite = fsWrite
        self.exec = exec
    }

    /// Whether nothing beyond the default is asked for.
    public var isEmpty: Bool { fsRead.isEmpty && fsWrite.isEmpty && !exec }

    /// Whether everything `other` asks for is within these permissions (same paths or paths
    /// under these prefixes; exec only if these allow it).
    public func covers(_ other: PluginPermissions) -> Bool {
        func within(_ path: String, _ prefixes: [String]) -> Bool {
            prefixes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        return other.fsRead.allSatisfy { within($0, fsRead) } && other.fsWrite.allSatisfy { within($0, fsWrite) }
            && (!other.exec || exec)
    }

    /// One line per permission, for showing before asking to grant them:
    /// `read files under ~/corpora/gazetteers`, `start programs`.
    public var summaryLines: [String] {
        fsRead.map { "fs.read   read files under \($0)" } + fsWrite.map { "fs.write  write files under \($0)" }
            + (exec ? ["exec      start programs"] : [])
    }

    /// The `[permissions]`-style TOML keys, in a fixed order, as one inline table.
    var inlineTOML: String {
        "{ \"fs.read\" = \(TOMLWriter.array(fsRead)), \"fs.write\" = \(TOMLWriter.array(fsWrite)), exec = \(exec) }"
    }

    /// Reads a `[permissions]` table (or an inline one), refusing unknown keys.
    static func read(_ table: TOMLTable, fields: TOMLFields, section: String) throws(PluginError) -> PluginPermissions {
        try fields.rejectUnknown(table, known: ["fs.read", "fs.write", "exec"], in: section)
        return PluginPermissions(
            fsRead: try fields.strings("fs.read", in: table)?.value ?? [],
            fsWrite: try fields.strings("fs.write", in: table)?.value ?? [],
            exec: try fields.bool("exec", in: table) ?? false)
    }
}
