#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// Re-exported: run manifests and their users name SHA256 through LoupeEngine.
@_exported import Checksums

extension SHA256 {
    /// The SHA-256 and size of the file at `path`, read in pieces of up to 1 MiB (no larger
    /// than the file: a corpus is mostly small files, and clearing a 1 MiB buffer for each
    /// one cost more than hashing it).
    ///
    /// - Throws: ``OutputError`` naming the file when it cannot be opened or read.
    public static func hex(ofFileAt path: String) throws(OutputError) -> (sha256: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            throw OutputError.system(
                path: path, "open it to compute its SHA-256", hint: "check that it exists and is readable")
        }
        defer { close(descriptor) }
        let sum = SHA256()
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 1 << 20
        var buffer = [UInt8](repeating: 0, count: min(max(expected + 1, 4096), 1 << 20))
        var size: Int64 = 0
        while true {
            let count = try buffer.withMutableBytes { (raw) throws(OutputError) in
                try POSIX.readSome(descriptor, into: raw, path: path)
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            size += Int64(count)
        }
        return (sum.finalize(), size)
    }

}
