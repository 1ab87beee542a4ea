/// Why a plugin operation failed, worded for the person at the terminal: the file (and line
/// when there is one), what was wrong, and what to do.
///
/// ```
/// loupe: plugin.toml:3: version "1.x" is not a semantic version (write it as MAJOR.MINOR.PATCH, e.g. 1.2.0)
/// ```
///
/// The CLI prints ``description`` after `loupe: ` and picks the exit code from ``kind``.
public struct PluginError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What sort of failure this is; decides the exit code.
    public enum Kind: String, Sendable {
        /// A manifest, project file, lock or grants file that is malformed.
        case invalidFile
        /// A plugin, module, version, file or source that cannot be found or read.
        case notFound
        /// No set of versions satisfies every range.
        case conflict
        /// Installed files differ from what the lock records.
        case integrity
        /// Permissions were not granted.
        case permission
        /// A command the user gave that cannot be carried out as given.
        case usage
        /// The system failed (a file could not be written, `git` failed).
        case system
    }

    /// What sort of failure this is.
    public var kind: Kind
    /// The file concerned, as the user would name it, if any.
    public var file: String?
    /// The line in ``file`` (1-based), if known.
    public var line: Int?
    /// What was wrong.
    public var problem: String
    /// What to do about it, if there is advice to give.
    public var hint: String?

    /// Makes an error.
    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, _ problem: String, hint: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.problem = problem
        self.hint = hint
    }

    /// `file:line: problem (hint)`, without the `loupe: ` prefix.
    public var description: String {
        var text = ""
        if let file { text += file + (line.map { ":\($0)" } ?? "") + ": " }
        text += problem
        if let hint { text += " (\(hint))" }
        return text
    }
}
