#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel

/// Glob patterns for ``CorpusPaths``: `*`, `?` and `[…]` within a path component, matched
/// with `fnmatch` on each directory's entries, plus `**` for any number of directories.
///
/// Matching reads directories, not files: whether an entry is a directory comes with the
/// entry (`d_type`), so a pattern over a folder of thousands of files costs one directory
/// read, not a `stat` per file (which POSIX `glob()` with `GLOB_MARK` makes, and which is
/// slow on network file systems). Only links, and file systems that do not give entry
/// types, are looked up.
extension CorpusPaths {
    /// Whether `argument` is a pattern rather than a path.
    static func hasGlobCharacters(_ argument: some StringProtocol) -> Bool {
        argument.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// A path a pattern matched, and whether it is a directory (links followed).
    struct Match {
        var path: String
        var isDirectory: Bool
    }

    /// The files and directories `pattern` matches, unsorted.
    ///
    /// The first `**` component splits the pattern: the part before it is expanded to
    /// directories; each of those and every directory under it (hidden ones skipped) then
    /// gets the part after it, expanded in turn (it may hold another `**`). With nothing
    /// after `**`, the directories before it are returned, to be walked.
    static func expand(_ pattern: String) throws(DocumentError) -> [Match] {
        let absolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/").map(String.init)
        return try expand(components[...], under: absolute ? "/" : "", onlyDirectories: pattern.hasSuffix("/"))
    }

    private static func expand(
        _ components: ArraySlice<String>, under base: String, onlyDirectories: Bool
    ) throws(DocumentError) -> [Match] {
        guard let star = components.firstIndex(of: "**") else {
            return match(components, under: base).filter { !onlyDirectories || $0.isDirectory }
        }
        let bases = match(components[..<star], under: base).filter(\.isDirectory)
        let rest = components[(star + 1)...]
        var out: [Match] = []
        var visited = Set<DirectoryID>()
        for base in bases {
            if rest.isEmpty {
                out.append(Match(path: base.path.isEmpty ? "." : base.path, isDirectory: true))
                continue
            }
            for directory in [base.path] + (try subdirectories(of: base.path, visited: &visited)) {
                out += try expand(rest, under: directory, onlyDirectories: onlyDirectories)
            }
        }
        return out
    }

    /// What the components (no `**`) match under the directory `base` (`""` for the current
    /// one, whose matches are bare names); `base` itself when there are no components.
    private static func match(_ components: ArraySlice<String>, under base: String) -> [Match] {
        var found = [Match(path: base, isDirectory: true)]
        for (position, component) in zip(components.indices, components) {
            let isLast = position == components.index(before: components.endIndex)
            var next: [Match] = []
            for parent in found where parent.isDirectory {
                if hasGlobCharacters(component) {
                    component.withCString { pattern in
                        forEachEntry(of: parent.path) { name, type in
                            guard fnmatch(pattern, name, FNM_PERIOD) == 0 else { return }
                            let path = join(parent.path, String(cString: name))
                            guard let isDirectory = isDirectory(type: type, path: path) else { return }
                            if isLast || isDirectory { next.append(Match(path: path, isDirectory: isDirectory)) }
                        }
                    }
                } else {
                    let path = join(parent.path, unescaped(component))
                    if isLast {
                        // A named last component must exist, as with glob(), and be a file or a folder.
                        guard let isDirectory = isDirectory(type: UInt8(DT_UNKNOWN), path: path) else { continue }
                        next.append(Match(path: path, isDirectory: isDirectory))
                    } else {
                        next.append(Match(path: path, isDirectory: true))  // read next, or skipped if it is not one
                    }
                }
            }
            found = next
        }
        return found
    }

    /// Calls `body` with the name and type (`d_type`) of each entry of the open directory
    /// `handle` but `.` and `..`.
    static func forEachEntry(of handle: OpaquePointer, _ body: (UnsafePointer<CChar>, UInt8) -> Void) {
        while let entry = readdir(handle) {
            withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    let dot = CChar(UInt8(ascii: "."))
                    if name[0] == dot && (name[1] == 0 || (name[1] == dot && name[2] == 0)) { return }
                    body(name, entry.pointee.d_type)
                }
            }
        }
    }

    /// As ``forEachEntry(of:_:)-(OpaquePointer,_)``, for the directory at `path` (`""` for the
    /// current one); nothing for a directory that cannot be read (glob() skips those too).
    static func forEachEntry(of path: String, _ body: (UnsafePointer<CChar>, UInt8) -> Void) {
        guard let handle = opendir(path.isEmpty ? "." : path) else { return }
        defer { closedir(handle) }
        forEachEntry(of: handle, body)
    }

    /// Whether the entry at `path`, of type `type`, is a directory (or a regular file); a
    /// link, or an entry of unknown type, is looked up (links followed). Nil for anything else
    /// (a dangling link, a vanished entry, a device, a pipe or a socket): no corpus file.
    static func isDirectory(type: UInt8, path: String) -> Bool? {
        switch Int32(type) {
        case Int32(DT_DIR): return true
        case Int32(DT_REG): return false
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            let kind = info.st_mode & S_IFMT
            return kind == S_IFDIR ? true : kind == S_IFREG ? false : nil
        default: return nil
        }
    }

    /// A literal component with glob's backslash escapes removed.
    private static func unescaped(_ component: String) -> String {
        guard component.utf8.contains(UInt8(ascii: "\\")) else { return component }
        var out = ""
        var escaping = false
        for scalar in component.unicodeScalars {
            if !escaping && scalar == "\\" { escaping = true; continue }
            escaping = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
