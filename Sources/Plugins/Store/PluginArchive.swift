import Checksums
import Foundation
#if canImport(Glibc)
import Glibc
#endif
internal import CArchive

/// Plugin archives, through libarchive: extracted safely, packed reproducibly.
///
/// **Extracting** (`.tar.gz`, `.tgz`, `.tar`, `.zip`) refuses, naming the entry, anything that
/// could write outside the destination: absolute paths, `..` components, hard links, and
/// symbolic links whose target is absolute or leads outside. Devices and FIFOs are refused too.
///
/// **Packing** writes a `.tar.gz` whose bytes depend only on the plugin's files: entries
/// sorted by path under one folder `<name>-<version>/`, every time set to 2000-01-01,
/// owner and group 0 with no names, modes 0755 for folders and executables and 0644 for
/// other files, the pax format (plain ustar headers unless a path is too long), and a gzip
/// header without a timestamp. Packing the same files twice gives the same bytes.
public enum PluginArchive {
    /// The time every packed entry carries (2000-01-01T00:00:00Z): fixed, so packs are
    /// reproducible, and not 0, which some tools warn about.
    public static let packTime = 946_684_800

    // MARK: - Extracting

    /// Extracts the archive at `path` into the folder `destination` (made if missing).
    ///
    /// - Throws: ``PluginError`` naming the archive and the offending entry.
    public static func extract(_ path: String, into destination: String) throws(PluginError) {
        guard let archive = archive_read_new() else { throw PluginError(.system, file: path, "libarchive failed to start") }
        defer { archive_read_free(archive) }
        archive_read_support_filter_all(archive)
        archive_read_support_format_tar(archive)
        archive_read_support_format_gnutar(archive)
        archive_read_support_format_zip(archive)
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw PluginError(.notFound, file: path, "cannot open this archive: \(message(archive))",
                hint: "give a .tar.gz, .tgz, .tar or .zip file")
        }
        try FileSystem.makeFolder(destination)
        var entry: OpaquePointer?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw PluginError(.invalidFile, file: path, "cannot read the archive: \(message(archive))")
            }
            let rawName = archive_entry_pathname_utf8(entry).map { String(cString: $0) }
                ?? archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
            let name = try safeRelativePath(rawName, archive: path)
            if name.isEmpty { continue }  // "./" itself
            let target = (destination as NSString).appendingPathComponent(name)
            if archive_entry_hardlink(entry) != nil {
                throw PluginError(.invalidFile, file: path, "entry \(rawName) is a hard link, which Loupe does not extract",
                    hint: "pack the plugin again with `loupe plugin pack`")
            }
            let type = archive_entry_filetype(entry) & UInt32(Glibc.S_IFMT)
            try FileSystem.makeFolder((target as NSString).deletingLastPathComponent)
            switch type {
            case UInt32(Glibc.S_IFDIR):
                try FileSystem.makeFolder(target)
            case UInt32(Glibc.S_IFLNK):
                let linkTarget = archive_entry_symlink(entry).map { String(cString: $0) } ?? ""
                try checkLink(name: name, target: linkTarget, archive: path, raw: rawName)
                try FileSystem.remove(target)
                if symlink(linkTarget, target) != 0 {
                    throw PluginError(.system, file: target, "cannot make the link from \(rawName)")
                }
            case UInt32(Glibc.S_IFREG):
                try FileSystem.remove(target)
                let executable = archive_entry_perm(entry) & 0o111 != 0
                let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, executable ? 0o755 : 0o644)
                guard descriptor >= 0 else {
                    throw PluginError(.system, file: target, "cannot write it (\(String(cString: strerror(errno))))")
                }
                defer { close(descriptor) }
                while true {
                    let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                    if count == 0 { break }
                    guard count > 0 else {
                        throw PluginError(.invalidFile, file: path, "entry \(rawName) is damaged: \(message(archive))")
                    }
                    let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress, count) }
                    guard written == count else { throw PluginError(.system, file: target, "cannot write it (disk full?)") }
                }
                // The umask may have taken bits away; a plugin's executables stay executable.
                fchmod(descriptor, executable ? 0o755 : 0o644)
            default:
                throw PluginError(.invalidFile, file: path, "entry \(rawName) is neither a file, a folder nor a link",
                    hint: "plugins hold only files, folders and links")
            }
        }
    }

    /// `name` without a leading `./`, refused when absolute or holding `..`.
    static func safeRelativePath(_ name: String, archive: String) throws(PluginError) -> String {
        if name.hasPrefix("/") {
            throw PluginError(.invalidFile, file: archive, "entry \(name) has an absolute path, which could write anywhere",
                hint: "this archive is unsafe; ask its author for one made with `loupe plugin pack`")
        }
        let parts = name.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") {
            throw PluginError(.invalidFile, file: archive, "entry \(name) climbs out of the archive with '..'",
                hint: "this archive is unsafe; ask its author for one made with `loupe plugin pack`")
        }
        return parts.joined(separator: "/")
    }

    /// Refuses a link whose target is absolute or leads outside the extracted tree.
    static func checkLink(name: String, target: String, archive: String, raw: String) throws(PluginError) {
        var depth = name.split(separator: "/").count - 1  // Folders above the link, inside the tree.
        var escapes = target.hasPrefix("/") || target.isEmpty
        for part in target.split(separator: "/") where !escapes {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { escapes = true }
        }
        if escapes {
            throw PluginError(.invalidFile, file: archive, "entry \(raw) is a link to \(target.isEmpty ? "nothing" : target), outside the plugin",
                hint: "this archive is unsafe; links in a plugin must point inside it")
        }
    }

    // MARK: - Packing

    /// Packs the plugin folder `folder` into the `.tar.gz` `output`, under the folder
    /// `prefix` (usually `<name>-<version>`), and returns the archive's SHA-256.
    ///
    /// - Throws: ``PluginError`` naming a file that cannot be read (or is a link: packs hold
    ///   files only) or the output that cannot be written.
    @discardableResult
    public static func pack(folder: String, prefix: String, to output: String) throws(PluginError) -> String {
        let outputAbsolute = FileSystem.absolute(output)
        let entries = try TreeHash.entries(of: folder).filter {
            FileSystem.absolute((folder as NSString).appendingPathComponent($0.path)) != outputAbsolute
        }
        if let link = entries.first(where: { $0.kind == "link" }) {
            throw PluginError(.invalidFile, file: (folder as NSString).appendingPathComponent(link.path),
                "is a symbolic link; packs hold only files", hint: "replace the link with the file it points to")
        }
        // Every folder that holds a file, so extracting tools need not invent them.
        var folders: Set<String> = [""]
        for entry in entries {
            var parts = entry.path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        var items: [(path: String, entry: TreeHash.Entry?)] = folders.map { ($0, nil) } + entries.map { ($0.path, $0) }
        items.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }

        guard let archive = archive_write_new() else { throw PluginError(.system, file: output, "libarchive failed to start") }
        defer { archive_write_free(archive) }
        archive_write_set_format_pax_restricted(archive)
        archive_write_add_filter_gzip(archive)
        // "!timestamp": the gzip header's time field stays 0, so packs are reproducible.
        archive_write_set_filter_option(archive, "gzip", "timestamp", nil)
        let temporary = output + ".tmp-\(getpid())"
        guard archive_write_open_filename(archive, temporary) == ARCHIVE_OK else {
            throw PluginError(.system, file: output, "cannot write the archive: \(message(archive))")
        }
        for item in items {
            guard let header = archive_entry_new() else { throw PluginError(.system, file: output, "out of memory") }
            defer { archive_entry_free(header) }
            let name = item.path.isEmpty ? prefix + "/" : prefix + "/" + item.path + (item.entry == nil ? "/" : "")
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_mtime(header, time_t(packTime), 0)
            archive_entry_set_uid(header, 0)
            archive_entry_set_gid(header, 0)
            var contents: [UInt8] = []
            if let entry = item.entry {
                let source = (folder as NSString).appendingPathComponent(entry.path)
                guard let data = FileManager.default.contents(atPath: source) else {
                    throw PluginError(.system, file: source, "cannot read it")
                }
                contents = Array(data)
                archive_entry_set_filetype(header, UInt32(Glibc.S_IFREG))
                archive_entry_set_perm(header, entry.kind == "exec" ? 0o755 : 0o644)
                archive_entry_set_size(header, la_int64_t(contents.count))
            } else {
                archive_entry_set_filetype(header, UInt32(Glibc.S_IFDIR))
                archive_entry_set_perm(header, 0o755)
                archive_entry_set_size(header, 0)
            }
            guard archive_write_header(archive, header) == ARCHIVE_OK else {
                throw PluginError(.system, file: output, "cannot write entry \(name): \(message(archive))")
            }
            if !contents.isEmpty {
                let written = contents.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
                guard written == contents.count else {
                    throw PluginError(.system, file: output, "cannot write entry \(name): \(message(archive))")
                }
            }
        }
        guard archive_write_close(archive) == ARCHIVE_OK else {
            throw PluginError(.system, file: output, "cannot finish the archive: \(message(archive))")
        }
        guard rename(temporary, output) == 0 else { throw PluginError(.system, file: output, "cannot write it") }
        do { return try SHA256.sum(ofFileAt: output).sha256 } catch {
            throw PluginError(.system, file: output, "cannot read it back (\(error.reason))")
        }
    }

    private static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    }
}
