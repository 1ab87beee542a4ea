#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel

/// Turns command-line arguments (files, directories, glob patterns) into the ordered list
/// of files a run reads.
///
/// - A file is taken as named, whatever its extension (``DocumentLoader`` or `--format`
///   decides how to read it).
/// - A directory is walked recursively; files whose extension is one Loupe reads
///   (``DocumentFormat/extensions``, with or without `.gz`) are taken, names starting with
///   `.` (hidden files and directories) are skipped, and symbolic links are followed (each
///   directory is visited once, so a link loop ends).
/// - A pattern (an argument with `*`, `?` or `[`) is matched as POSIX `glob()` would (a
///   wildcard does not match a leading `.`, nor ever `.` or `..`; `\` escapes); a `**` path
///   component matches any number of directories (none included), skipping hidden ones:
///   `corpus/**/*.txt`. Files it matches are taken; directories it matches are walked as
///   above. A pattern ending in `/**` walks the directories before it.
/// - Only regular files and directories are taken: a dangling link, a device, a pipe or a
///   socket inside a directory or matched by a pattern is left out.
///
/// Each argument's files are sorted by path in byte order, so runs are deterministic;
/// arguments keep their order, and a file named twice is read once.
///
/// ```swift
/// let files = try CorpusPaths.list(["corpus/", "extra/*.jsonl", "notes/**/*.md"])
/// ```
public enum CorpusPaths {
    /// The paths of the files the arguments name, in run order.
    ///
    /// A file is not opened or measured here: a directory's entries say which are files and
    /// which are folders, so listing a folder of thousands of files reads the folder alone
    /// (looking at each file took as long as the listing itself, some 2 µs a file here, and
    /// far longer on network file systems). Workers learn each file's size as they read it.
    ///
    /// - Throws: ``DocumentError`` for the first argument that names nothing: a missing path,
    ///   a pattern that matches no file, a directory holding no file Loupe reads, or a
    ///   directory that cannot be opened.
    public static func list(_ arguments: [String]) throws(DocumentError) -> [String] {
        // One argument's files are already unique.
        if arguments.count == 1 { return try files(for: arguments[0]) }
        var result: [String] = []
        var seen = Set<String>()
        for argument in arguments {
            for file in try files(for: argument) where seen.insert(file).inserted {
                result.append(file)
            }
        }
        return result
    }

    /// The files one argument names, sorted.
    static func files(for argument: String) throws(DocumentError) -> [String] {
        var found: [String] = []
        if hasGlobCharacters(argument) {
            let matches = try expand(argument)
            guard !matches.isEmpty else {
                throw DocumentError(
                    path: argument,
                    reason: "no file matches this pattern; check it (a name starting with '.' matches only a pattern that starts with '.')")
            }
            for match in matches {
                if match.isDirectory {
                    var visited = Set<DirectoryID>()
                    try walk(match.path, into: &found, visited: &visited)
                } else {
                    found.append(match.path)
                }
            }
            guard !found.isEmpty else {
                throw DocumentError(path: argument, reason: "matches only directories that hold no file Loupe reads (\(knownExtensions))")
            }
        } else {
            var info = stat()
            guard stat(argument, &info) == 0 else {
                let reason = errno == ENOENT ? "no such file or directory; check the path" : FileBytes.describeErrno(errno)
                throw DocumentError(path: argument, reason: reason)
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var visited = Set<DirectoryID>()
                try walk(argument, into: &found, visited: &visited)
                guard !found.isEmpty else {
                    throw DocumentError(path: argument, reason: "is a directory that holds no file Loupe reads (\(knownExtensions))")
                }
            } else {
                found.append(argument)
            }
        }
        return sortedUnique(found)
    }

    /// The extensions taken from directories, for messages: ".txt, .md, …".
    static var knownExtensions: String {
        DocumentFormat.extensions.keys.sorted().map { "." + $0 }.joined(separator: ", ") + ", and the same with .gz"
    }

    // MARK: - Walking directories

    /// A directory's identity, to visit each directory once when links make loops.
    struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Appends the known-format files under `directory` (unsorted).
    static func walk(_ directory: String, into found: inout [String], visited: inout Set<DirectoryID>) throws(DocumentError) {
        for entry in try entries(of: directory, visited: &visited) {
            if entry.isDirectory {
                try walk(entry.path, into: &found, visited: &visited)
            } else if DocumentFormat(path: entry.path) != nil {
                found.append(entry.path)
            }
        }
    }

    /// All directories under `directory` (not hidden), at any depth, `directory` excluded.
    static func subdirectories(of directory: String, visited: inout Set<DirectoryID>) throws(DocumentError) -> [String] {
        var out: [String] = []
        for entry in try entries(of: directory, visited: &visited) where entry.isDirectory {
            out.append(entry.path)
            out += try subdirectories(of: entry.path, visited: &visited)
        }
        return out
    }

    /// The path of each entry of `directory` whose name does not start with `.`, and whether
    /// it is a directory (links followed); none if the directory was visited before. `""` is
    /// the current directory, and its entries' paths are bare names.
    private static func entries(
        of directory: String, visited: inout Set<DirectoryID>
    ) throws(DocumentError) -> [(path: String, isDirectory: Bool)] {
        let fsPath = directory.isEmpty ? "." : directory
        var info = stat()
        guard stat(fsPath, &info) == 0 else {
            throw DocumentError(path: fsPath, reason: FileBytes.describeErrno(errno))
        }
        guard visited.insert(DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            return []
        }
        guard let handle = opendir(fsPath) else {
            throw DocumentError(path: fsPath, reason: "cannot be opened as a directory (\(FileBytes.describeErrno(errno)))")
        }
        defer { closedir(handle) }
        var entries: [(path: String, isDirectory: Bool)] = []
        forEachEntry(of: handle) { name, type in
            if name[0] == CChar(UInt8(ascii: ".")) { return }
            let path = join(directory, String(cString: name))
            // Links and entries of unknown type are looked up; a dangling link is left out.
            if let isDirectory = isDirectory(type: type, path: path) { entries.append((path, isDirectory)) }
        }
        return entries
    }

    /// `directory/name`, without doubling a slash; a bare name in the current directory.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func sortedUnique(_ paths: [String]) -> [String] {
        // Byte order, on each path's bytes copied out once: comparing UTF8Views, or making C
        // strings at every comparison, costs ten to fifty times more.
        let keys = paths.map { Array($0.utf8) }
        let order = keys.indices.sorted { a, b in
            keys[a].withUnsafeBufferPointer { a in
                keys[b].withUnsafeBufferPointer { b in
                    let common = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                    return common != 0 ? common < 0 : a.count < b.count
                }
            }
        }
        var out: [String] = []
        out.reserveCapacity(paths.count)
        for index in order where out.last != paths[index] { out.append(paths[index]) }
        return out
    }
}
