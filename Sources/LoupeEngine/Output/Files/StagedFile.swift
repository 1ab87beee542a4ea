#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written beside its destination under a temporary name, and renamed over the
/// destination only once complete and on disk.
///
/// Why: a run that fails, is interrupted or is killed must never leave a half-written output,
/// nor destroy the previous one. Until ``publish()`` the destination is untouched; `rename`
/// within one folder replaces it in one step. A staged file dropped without being published
/// is deleted (``discard()`` runs on `deinit`); a killed process leaves its hidden
/// `.NAME.loupe-PID-….tmp` behind, which the next file staged for the same destination deletes.
///
/// Life cycle: create → write through ``descriptor`` (or let SQLite write ``temporaryPath``)
/// → ``finish()`` → ``publish()``; or ``discard()`` at any point.
final class StagedFile {
    /// Where the file goes once complete.
    let destination: String
    /// Where it is written meanwhile: a hidden file in the destination's folder (a rename
    /// cannot cross file systems).
    let temporaryPath: String
    /// The open temporary file, or -1 once closed.
    private(set) var descriptor: Int32
    private var published = false

    /// Creates the temporary file for `destination`.
    ///
    /// - Throws: ``OutputError`` when the folder is missing or not writable.
    init(destination: String) throws(OutputError) {
        self.destination = destination
        POSIX.removeAbandonedSiblings(of: destination)
        var attempts = 0
        while true {
            let candidate = POSIX.siblingPath(of: destination, role: "tmp")
            let fd = open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                temporaryPath = candidate
                descriptor = fd
                return
            }
            attempts += 1
            if errno != EEXIST || attempts > 16 {
                throw OutputError.system(
                    path: destination, "create a temporary file in '\(POSIX.folder(of: destination))'",
                    hint: "check that the folder exists and is writable")
            }
        }
    }

    /// Writes `text` to `path` atomically: complete on disk before it replaces what was there.
    ///
    /// - Throws: ``OutputError`` naming the file.
    static func write(_ text: String, to path: String) throws(OutputError) {
        let file = try StagedFile(destination: path)
        try Array(text.utf8).withBytes { (bytes) throws(OutputError) in
            try POSIX.writeAll(file.descriptor, bytes, path: path)
        }
        try file.finish()
        try file.publish()
        POSIX.syncFolder(POSIX.folder(of: path))
    }

    /// Closes the descriptor, for a writer (SQLite) that opens ``temporaryPath`` itself.
    func closeDescriptor() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Flushes the complete file to the disk and closes it; next comes ``publish()``.
    func finish() throws(OutputError) {
        if descriptor < 0 {
            descriptor = open(temporaryPath, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw OutputError.system(path: destination, "reopen \(temporaryPath)") }
        }
        defer { closeDescriptor() }
        try POSIX.sync(descriptor, path: destination)
    }

    /// Renames the finished file over the destination. The caller syncs the folder afterwards
    /// (once for all the files of an output set).
    func publish() throws(OutputError) {
        precondition(descriptor < 0, "publish() before finish()")
        if rename(temporaryPath, destination) != 0 {
            throw OutputError.system(path: destination, "rename \(temporaryPath) to it")
        }
        published = true
    }

    /// Deletes the temporary file; the destination keeps what it held.
    func discard() {
        guard !published else { return }
        closeDescriptor()
        unlink(temporaryPath)
        published = true  // Nothing is left to clean up.
    }

    deinit { discard() }
}
