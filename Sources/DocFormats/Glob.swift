#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel

/// Glob patterns for ``CorpusPaths``: POSIX `glob()` for each path component's wildcards,
/// plus `**` for any number of directories.
extension CorpusPaths {
    /// Whether `argument` is a pattern rather than a path.
    static func hasGlobCharacters(_ argument: String) -> Bool {
        argument.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// The paths (files and directories) `pattern` matches, unsorted.
    ///
    /// The first `**` component splits the pattern: the part before it is expanded to
    /// directories; each of those and every directory under it (hidden ones skipped) then
    /// gets the part after it, expanded in turn (it may hold another `**`). With nothing
    /// after `**`, the directories before it are returned, to be walked.
    static func expand(_ pattern: String) throws(DocumentError) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let star = parts.firstIndex(of: "**") else { return posixGlob(pattern) }
        let prefixParts = parts[..<star]
        let rest = parts[(star + 1)...].filter { !$0.isEmpty }.joined(separator: "/")
        let bases: [String]
        if prefixParts.isEmpty {
            bases = [""]  // the current directory
        } else if prefixParts.allSatisfy(\.isEmpty) {
            bases = ["/"]
        } else {
            let prefix = prefixParts.joined(separator: "/")
            let candidates = hasGlobCharacters(prefix) ? posixGlob(prefix) : [prefix]
            bases = candidates.filter(isDirectory)
        }
        var out: [String] = []
        var visited = Set<DirectoryID>()
        for base in bases {
            if rest.isEmpty {
                out.append(base.isEmpty ? "." : base)
                continue
            }
            for directory in [base] + (try subdirectories(of: base, visited: &visited)) {
                let sub = directory.isEmpty ? rest : join(escape(directory), rest)
                out += try expand(sub)
            }
        }
        return out
    }

    /// The paths POSIX `glob()` finds for `pattern` (none when nothing matches), without `.`
    /// and `..` entries.
    static func posixGlob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        // Unsorted: callers sort in byte order (glob's own order follows the locale).
        guard glob(pattern, GLOB_NOSORT, nil, &matches) == 0 else { return [] }
        var out: [String] = []
        out.reserveCapacity(Int(matches.gl_pathc))
        for i in 0..<Int(matches.gl_pathc) {
            guard let cPath = matches.gl_pathv[i] else { continue }
            if isDotEntry(cPath) { continue }
            out.append(String(cString: cPath))
        }
        return out
    }

    /// Whether a path's last component is `.` or `..`, read on its bytes (a corpus pattern
    /// can match thousands of paths).
    private static func isDotEntry(_ path: UnsafePointer<CChar>) -> Bool {
        let length = strlen(path)
        var start = length
        while start > 0, path[start - 1] != CChar(UInt8(ascii: "/")) { start -= 1 }
        let dot = CChar(UInt8(ascii: "."))
        switch length - start {
        case 1: return path[start] == dot
        case 2: return path[start] == dot && path[start + 1] == dot
        default: return false
        }
    }

    /// `path` with glob's special characters escaped, to be used as a literal prefix.
    static func escape(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar == "*" || scalar == "?" || scalar == "[" || scalar == "]" || scalar == "\\" { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
