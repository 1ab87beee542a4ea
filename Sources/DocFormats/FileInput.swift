#if canImport(Glibc)
import Glibc
/// POSIX `read`, named apart from ``FileInput/read(path:maxBytes:)``.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
/// POSIX `read`, named apart from ``FileInput/read(path:maxBytes:)``.
private let systemRead = Darwin.read
#endif
import DocModel

/// Reading a file's bytes with POSIX calls, decompressing `.gz` files on the way.
public enum FileInput {
    /// The bytes of the file at `path`, decompressed when its name ends in `.gz`.
    ///
    /// `maxBytes` caps the bytes returned: a plain file larger than that is refused before
    /// it is read, and a compressed one fails as soon as its decompressed size passes the cap.
    ///
    /// - Throws: ``DocumentError`` naming the file, what was wrong and what to do.
    public static func read(path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        guard DocumentFormat.isGzip(path) else { return try FileBytes.read(path: path, maxBytes: maxBytes) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DocumentError(path: path, reason: FileBytes.describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DocumentError(path: path, reason: FileBytes.describeErrno(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DocumentError(path: path, reason: "is a directory, not a file")
        }
        return try inflate(fd: fd, path: path, maxBytes: maxBytes)
    }

    /// Streams the compressed file through an ``Inflater`` in 64 KiB chunks.
    private static func inflate(fd: Int32, path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        func fail(_ error: GzipError) -> DocumentError { DocumentError(path: path, reason: error.description) }
        let inflater: Inflater
        do { inflater = try Inflater(limit: maxBytes) } catch { throw fail(error) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DocumentError(path: path, reason: FileBytes.describeErrno(errno))
            }
            if n == 0 { break }
            do {
                try chunk.withUnsafeBufferPointer { (buffer) throws(GzipError) in
                    try inflater.feed(UnsafeBufferPointer(rebasing: buffer[..<n]), into: &out)
                }
            } catch {
                throw fail(error)
            }
        }
        do { try inflater.finish() } catch { throw fail(error) }
        return out
    }
}
