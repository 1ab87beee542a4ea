import Foundation

/// An exclusive lock on a plugin folder for the length of one command (`flock` on
/// `<folder>/.loupe-lock`), so two installs at once wait for each other instead of mixing
/// their files and locks. The lock goes when the object does, or when the process ends.
final class FolderLock {
    private let descriptor: Int32

    /// Takes the lock on `folder` (made if missing), waiting while another command holds it.
    init(_ folder: String) throws(PluginError) {
        try FileSystem.makeFolder(folder)
        let path = (folder as NSString).appendingPathComponent(".loupe-lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PluginError(.system, file: path, "cannot open the folder's lock (\(String(cString: strerror(errno))))",
                hint: "check that the folder is writable")
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
