#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel

/// Reading a page's bytes with POSIX calls, refusing directories and files over the limit.
enum PageFile {
    static func read(path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DocumentError(path: path, reason: describe(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DocumentError(path: path, reason: describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DocumentError(path: path, reason: "is a directory, not a file") }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw DocumentError(
                path: path, reason: "is \(size) bytes, over the limit of \(maxBytes) bytes; raise it with --max-doc-bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.read(fd, base + filled, size - filled)
                #else
                return Darwin.read(fd, base + filled, size - filled)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DocumentError(path: path, reason: describe(errno))
            }
            if n == 0 { break }
            filled += n
        }
        return filled == size ? bytes : Array(bytes[..<filled])
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file; check the path"
        case EACCES: "permission denied; check the file's permissions"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
        }
    }
}
