#if canImport(Glibc)
import Glibc
/// POSIX `read`, named apart from ``FileInput/read(path:maxBytes:)``.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
/// POSIX `read`, named apart from ``FileInput/read(path:maxBytes:)``.
private let systemRead = Darwin.read
#endif
import Checksums
import DocModel

/// What reading a file gave besides its text: its size and, when asked for, its SHA-256 (both
/// of the bytes on disk), and how many bytes it gave once decompressed. A run's manifest takes
/// the fingerprint from here, so the corpus is read once.
public struct FileReading: Equatable, Sendable {
    /// The bytes on disk; 0 when the file could not be read.
    public var size: Int64
    /// The SHA-256 of the bytes on disk, in hexadecimal; empty when not asked for, or when
    /// the file could not be read.
    public var sha256: String
    /// The bytes it gave, decompressed (its size, for a file that is not compressed).
    public var bytes: Int

    /// What reading gave.
    public init(size: Int64 = 0, sha256: String = "", bytes: Int = 0) {
        self.size = size
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// Reading a file's bytes with POSIX calls, decompressing `.gz` files on the way.
public enum FileInput {
    /// The bytes of the file at `path`, decompressed when its name ends in `.gz`.
    ///
    /// `maxBytes` caps the bytes returned: a plain file larger than that is refused before
    /// it is read, and a compressed one fails as soon as its decompressed size passes the cap.
    ///
    /// - Throws: ``DocumentError`` naming the file, what was wrong and what to do.
    public static func read(path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        var reading = FileReading()
        return try read(path: path, maxBytes: maxBytes, hashing: false, reading: &reading)
    }

    /// As ``read(path:maxBytes:)``, saying in `reading` what reading gave, with the SHA-256
    /// of the file's bytes when `hashing` (computed as they are read: the file is read once).
    ///
    /// A file that is refused or fails part-way (over `maxBytes`, not valid gzip) still gets
    /// its size and SHA-256 when `hashing`, so that a manifest, and a resumed or merged run,
    /// can tell which version of it failed; only a file that cannot be read gets none.
    public static func read(
        path: String, maxBytes: Int, hashing: Bool, reading: inout FileReading
    ) throws(DocumentError) -> [UInt8] {
        do {
            return try readOnce(path: path, maxBytes: maxBytes, hashing: hashing, reading: &reading)
        } catch {
            reading = hashing ? fingerprint(path: path) : FileReading()
            throw error
        }
    }

    /// The size and SHA-256 of the file at `path`, read apart from its text (for a file whose
    /// text could not be had); nothing when it cannot be read.
    public static func fingerprint(path: String) -> FileReading {
        guard let (sha256, size) = try? SHA256.sum(ofFileAt: path) else { return FileReading() }
        return FileReading(size: size, sha256: sha256, bytes: 0)
    }

    private static func readOnce(
        path: String, maxBytes: Int, hashing: Bool, reading: inout FileReading
    ) throws(DocumentError) -> [UInt8] {
        reading = FileReading()
        guard DocumentFormat.isGzip(path) else {
            let bytes = try FileBytes.read(path: path, maxBytes: maxBytes)
            reading = FileReading(size: Int64(bytes.count), sha256: hashing ? SHA256.hex(of: bytes) : "", bytes: bytes.count)
            return bytes
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DocumentError(path: path, reason: FileBytes.describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DocumentError(path: path, reason: FileBytes.describeErrno(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DocumentError(path: path, reason: "is a directory, not a file")
        }
        let sum = hashing ? SHA256() : nil
        var size: Int64 = 0
        let bytes = try inflate(fd: fd, path: path, maxBytes: maxBytes) { chunk in
            sum?.update(chunk)
            size += Int64(chunk.count)
        }
        reading = FileReading(size: size, sha256: sum?.finalize() ?? "", bytes: bytes.count)
        return bytes
    }

    /// Streams the compressed file through an ``Inflater`` in 64 KiB chunks, showing each
    /// chunk read to `read`.
    private static func inflate(
        fd: Int32, path: String, maxBytes: Int, read: (UnsafeRawBufferPointer) -> Void
    ) throws(DocumentError) -> [UInt8] {
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
            chunk.withUnsafeBytes { read(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
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
