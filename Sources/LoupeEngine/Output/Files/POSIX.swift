#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls outputs need, with `EINTR` retried and errors as ``OutputError``.
enum POSIX {
    /// Writes all of `bytes` to `descriptor`; `path` names the file in errors.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(OutputError) {
        let code = writeFully(descriptor, bytes)
        if code != 0 {
            errno = code
            throw OutputError.system(path: path, "write")
        }
    }

    /// Writes all of `bytes`, retrying short writes and interruptions; returns 0, or the
    /// `errno` of the write that failed. Every writer of the engine (outputs, the worker
    /// pipes, the journal) goes through it, each turning the code into its own error.
    static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    static func readSome(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String
    ) throws(OutputError) -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw OutputError.system(path: path, "read") }
        }
    }

    /// Creates a new file that did not exist (mode 0666 less the umask, as any new file).
    static func createNew(_ path: String, reportedAs name: String) throws(OutputError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0 {
            throw OutputError.system(
                path: name, "create \(path)", hint: "check that the folder exists and is writable")
        }
        return descriptor
    }

    /// Flushes a file's data to the disk, so a rename never publishes a file whose bytes are
    /// still only in memory.
    static func sync(_ descriptor: Int32, path: String) throws(OutputError) {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw OutputError.system(path: path, "flush to disk") }
        }
    }

    /// Flushes a folder's entries, so that renames into it survive a crash. Best effort: some
    /// file systems refuse to sync a folder, and the data itself is already safe.
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The folder part of `path` ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The name part of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// A path beside `path` that nobody uses: `.NAME.loupe-<random>.<role>`, hidden, and
    /// named so that a leftover from a killed run is recognisable.
    static func siblingPath(of path: String, role: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return siblingPrefix(of: path) + "\(getpid())-\(random).\(role)"
    }

    /// `folder/.NAME.loupe-`: how every sibling of `path` starts (the writer's process id
    /// comes next).
    private static func siblingPrefix(of path: String) -> String {
        let folder = folder(of: path)
        let prefix = folder == "." && !path.hasPrefix("./") ? "" : (folder == "/" ? "/" : folder + "/")
        return "\(prefix).\(name(of: path)).loupe-"
    }

    /// Whether process `pid` exists and is not a zombie (a killed process nobody has waited
    /// for yet, common in containers whose first process does not reap).
    private static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = fopen("/proc/\(pid)/stat", "r") else { return true }
        defer { fclose(stat) }
        var line = [CChar](repeating: 0, count: 512)
        guard fgets(&line, Int32(line.count), stat) != nil else { return true }
        // "pid (command) S …": the state follows the last closing parenthesis.
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(after: close)...].trimmingPrefix(" ").first != "Z"
    }

    /// Deletes the siblings of `path` (``siblingPath(of:role:)``) left by processes that no
    /// longer exist: a run killed before it could clean up (kill -9, a power cut) leaves its
    /// temporary file, and the next run over the same output removes it.
    static func removeAbandonedSiblings(of path: String) {
        let prefix = siblingPrefix(of: path)
        let namePrefix = String(prefix.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard let directory = opendir(folder(of: path)) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(namePrefix), let pid = Int32(name.dropFirst(namePrefix.count).prefix { $0 != "-" }),
                pid != getpid(), !isRunning(pid)
            else { continue }
            unlink(String(prefix.dropLast(namePrefix.count)) + name)
        }
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws ``OutputError`` (the standard one rethrows
    /// untyped errors).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(OutputError) -> R) throws(OutputError) -> R {
        try withUnsafeBytes { raw in Result { () throws(OutputError) in try body(raw) } }.get()
    }

    /// `withUnsafeMutableBytes` for a body that throws ``OutputError``.
    mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(OutputError) -> R
    ) throws(OutputError) -> R {
        try withUnsafeMutableBytes { raw in Result { () throws(OutputError) in try body(raw) } }.get()
    }
}
