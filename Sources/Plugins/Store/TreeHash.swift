import Checksums
import Foundation

/// The checksum of a plugin's file tree, as `loupe.lock` records it and `loupe plugin verify`
/// recomputes it.
///
/// Precisely: every regular file and symbolic link under the root, at any depth, except
/// anything named `.git` (a file or a folder, at any depth) and the install record
/// `.loupe-tree` at the root, is listed as one line
///
///     <kind> <sha256> <path>\n
///
/// where `kind` is `file`, `exec` (a regular file with any execute bit set) or `link`;
/// `sha256` is the SHA-256 of the file's bytes, or of a link's target as written; `path` is
/// relative to the root with `/` between folders. Lines are sorted by path, bytewise (UTF-8).
/// Folders are not listed (an empty folder changes nothing); modes other than the execute
/// bit, owners and times do not count. The tree's checksum is the SHA-256 of the listing.
/// A path holding a newline, or a file that is neither regular nor a link (a FIFO, a
/// device), is an error.
///
/// The listing itself is kept beside an installed plugin as `.loupe-tree`, so that when the
/// checksum no longer matches, `verify` can name the files that changed.
public enum TreeHash {
    /// The install record at the root of an installed plugin: its listing when installed.
    public static let recordFileName = ".loupe-tree"

    /// One file of a tree.
    public struct Entry: Hashable, Sendable {
        /// `file`, `exec` or `link`.
        public var kind: String
        /// The SHA-256 of its contents (a link: of its target).
        public var sha256: String
        /// Its path relative to the root, `/`-separated.
        public var path: String

        /// The entry's line in a listing, without the newline.
        public var line: String { "\(kind) \(sha256) \(path)" }
    }

    /// The entries of the tree at `root`, sorted by path.
    ///
    /// - Throws: ``PluginError`` naming a file that cannot be read or listed.
    public static func entries(of root: String) throws(PluginError) -> [Entry] {
        var entries: [Entry] = []
        try walk(root: root, relative: "", into: &entries)
        return entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// The listing of `entries`: one line each, newline-terminated.
    public static func listing(_ entries: [Entry]) -> String {
        entries.map { $0.line + "\n" }.joined()
    }

    /// The checksum of a listing's entries.
    public static func checksum(of entries: [Entry]) -> String {
        SHA256.hex(of: Array(listing(entries).utf8))
    }

    /// The checksum of the tree at `root`.
    public static func checksum(ofTreeAt root: String) throws(PluginError) -> String {
        checksum(of: try entries(of: root))
    }

    /// Parses a listing (a `.loupe-tree` record); nil when it is malformed.
    public static func parse(listing text: String) -> [Entry]? {
        var entries: [Entry] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, ["file", "exec", "link"].contains(String(parts[0])) else { return nil }
            entries.append(Entry(kind: String(parts[0]), sha256: String(parts[1]), path: String(parts[2])))
        }
        return entries
    }

    /// What differs between two listings, one line per path: `changed quotes.lua`,
    /// `added extra.lua`, `removed rules.lua`, sorted by path.
    public static func differences(from old: [Entry], to new: [Entry]) -> [String] {
        let before = Dictionary(old.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [(String, String)] = []
        for (path, entry) in after {
            if let previous = before[path] {
                if previous != entry { lines.append((path, "changed \(path)")) }
            } else {
                lines.append((path, "added \(path)"))
            }
        }
        for path in before.keys where after[path] == nil { lines.append((path, "removed \(path)")) }
        return lines.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map(\.1)
    }

    private static func walk(root: String, relative: String, into entries: inout [Entry]) throws(PluginError) {
        let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw PluginError(.notFound, file: folder, "cannot list this folder", hint: "check that it exists and is readable")
        }
        for name in names {
            if name == ".git" || (relative.isEmpty && name == recordFileName) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = (root as NSString).appendingPathComponent(path)
            if path.contains("\n") {
                throw PluginError(.invalidFile, file: full, "a file name holds a newline", hint: "rename it")
            }
            var status = stat()
            guard lstat(full, &status) == 0 else {
                throw PluginError(.system, file: full, "cannot read its status (\(String(cString: strerror(errno))))")
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(root: root, relative: path, into: &entries)
            case S_IFREG:
                let sum: String
                do { sum = try SHA256.sum(ofFileAt: full).sha256 } catch {
                    throw PluginError(.system, file: full, "cannot read it (\(error.reason))")
                }
                let executable = status.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH) != 0
                entries.append(Entry(kind: executable ? "exec" : "file", sha256: sum, path: path))
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""
                entries.append(Entry(kind: "link", sha256: SHA256.hex(of: Array(target.utf8)), path: path))
            default:
                throw PluginError(.invalidFile, file: full, "is neither a file, a folder nor a link",
                    hint: "plugins hold only files, folders and links; remove it")
            }
        }
    }
}
