#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files with POSIX calls (no Foundation on the hot path), for every reader.
public enum FileBytes {
    /// The bytes of the file at `path`; directories and files over `maxBytes` are refused.
    /// - Throws: ``DocumentError`` naming the file, what was wrong and what to do.
    public static func read(path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DocumentError(path: path, reason: describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DocumentError(path: path, reason: describeErrno(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DocumentError(path: path, reason: "is a directory, not a file")
        }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw DocumentError(
                path: path,
                reason: "is \(size) bytes, over the limit of \(maxBytes) bytes; raise it with --max-doc-bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, size - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DocumentError(path: path, reason: describeErrno(errno))
            }
            if n == 0 { break }
            filled += n
        }
        return filled == size ? bytes : Array(bytes[..<filled])
    }

    /// What an `errno` from opening or reading a file means, and what to do.
    public static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file; check the path"
        case EACCES: "permission denied; check the file's permissions"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
        }
    }

    /// The offset of the first zero byte, found by `memchr` (a text file has none).
    static func firstZero(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let zero = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(zero) - base
        }
    }

    /// The offset of the first byte that does not start or continue valid UTF-8.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
