/// A plugin's name, with an optional namespace: `mediaLab/quotes` or `quotes`.
///
/// The name is lowercase letters, digits, `_` and `-`; the namespace may also use capitals,
/// so a group's name (`mediaLab`) can keep its camelCase. Installed plugins live at
/// `<plugins folder>/<namespace>/<name>/` or `<plugins folder>/<name>/`.
public struct PluginName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The namespace (`mediaLab`), if any.
    public var namespace: String?
    /// The name (`quotes`).
    public var name: String

    /// Parses `ns/name` or `name`; the error says what is wrong (the caller adds the file).
    public init(parsing text: String) throws(PluginError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let hint = "write it as NAME or NAMESPACE/NAME, with a name of lowercase letters, digits, _ and -"
        guard parts.count <= 2 else {
            throw PluginError(.invalidFile, "plugin name \"\(text)\" has more than one '/'", hint: hint)
        }
        let name = parts[parts.count - 1]
        guard Self.isValid(name, capitals: false) else {
            throw PluginError(.invalidFile, "plugin name \"\(text)\" is not a valid name", hint: hint)
        }
        if parts.count == 2 {
            guard Self.isValid(parts[0], capitals: true) else {
                throw PluginError(.invalidFile, "plugin name \"\(text)\" has an invalid namespace \"\(parts[0])\"", hint: hint)
            }
            self.namespace = parts[0]
        }
        self.name = name
    }

    /// `ns/name` or `name`.
    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    /// The folder the plugin is installed in, relative to a plugins folder.
    public var relativeFolder: String { description }

    /// Orders by the written form, so lists and lockfiles are sorted the same everywhere.
    public static func < (lhs: PluginName, rhs: PluginName) -> Bool {
        Array(lhs.description.utf8).lexicographicallyPrecedes(Array(rhs.description.utf8))
    }

    private static func isValid(_ segment: String, capitals: Bool) -> Bool {
        !segment.isEmpty && segment.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || (capitals && byte >= 0x41 && byte <= 0x5A)
        }
    }
}
