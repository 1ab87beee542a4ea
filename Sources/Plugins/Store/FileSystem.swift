import Foundation

/// The few file operations the store needs, with errors that name the path.
enum FileSystem {
    /// Writes `text` to `path` through a temporary file and a rename, so a reader never sees
    /// half a file.
    static func writeAtomically(_ text: String, to path: String) throws(PluginError) {
        let folder = (path as NSString).deletingLastPathComponent
        try makeFolder(folder.isEmpty ? "." : folder)
        let temporary = path + ".tmp-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { throw PluginError(.system, file: path, "cannot replace it") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PluginError(.system, file: path, "cannot write it", hint: "check that its folder is writable")
        }
    }

    /// Makes `path` and its parents.
    static func makeFolder(_ path: String) throws(PluginError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PluginError(.system, file: path, "cannot make this folder", hint: "check the permissions of its parent")
        }
    }

    /// Removes `path` (a file or a whole folder) if it exists.
    static func remove(_ path: String) throws(PluginError) {
        guard FileManager.default.fileExists(atPath: path) || isLink(path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw PluginError(.system, file: path, "cannot remove it", hint: "check the permissions of its folder")
        }
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ purpose: String) throws(PluginError) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("loupe-\(purpose)-\(UUID().uuidString)")
        try makeFolder(path)
        return path
    }

    /// Copies the tree at `source` to `destination` (which must not exist), leaving out `.git`
    /// and the install record, keeping execute bits and links.
    static func copyTree(from source: String, to destination: String) throws(PluginError) {
        try makeFolder(destination)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: source) } catch {
            throw PluginError(.notFound, file: source, "cannot list this folder")
        }
        for name in names where name != ".git" && name != TreeHash.recordFileName {
            let from = (source as NSString).appendingPathComponent(name)
            let to = (destination as NSString).appendingPathComponent(name)
            var status = stat()
            guard lstat(from, &status) == 0 else { throw PluginError(.system, file: from, "cannot read its status") }
            if status.st_mode & S_IFMT == S_IFDIR {
                try copyTree(from: from, to: to)
            } else {
                do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                    throw PluginError(.system, file: from, "cannot copy it to \(to)")
                }
            }
        }
    }

    /// Whether `path` is a symbolic link.
    static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Whether `path` is a folder (following links).
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `path` made absolute against the current directory, `~` expanded, normalised.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded)
            .standardizedFileURL.path
    }
}
