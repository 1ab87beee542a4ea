#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `.txt` files into documents.
///
/// The bytes are decoded as UTF-8; invalid sequences become U+FFFD and the document gets a
/// warning saying where the first one was. A file with zero bytes in it is refused as binary.
public struct PlainTextReader: Sendable {
    /// Files larger than this are refused rather than read.
    public var maxBytes: Int

    /// A reader refusing files over `maxBytes` (64 MiB by default).
    public init(maxBytes: Int = 64 << 20) {
        self.maxBytes = maxBytes
    }

    /// Reads the file at `path`.
    public func read(path: String) throws(DocumentError) -> Document {
        let bytes = try FileBytes.read(path: path, maxBytes: maxBytes)
        return try document(path: path, bytes: bytes)
    }

    /// Makes a document from the bytes of a file.
    public func document(path: String, bytes: [UInt8]) throws(DocumentError) -> Document {
        if let zero = bytes.firstIndex(of: 0) {
            throw DocumentError(
                path: path,
                reason: "is not a text file (byte \(zero + 1) is a zero byte); give Loupe text files")
        }
        var warnings: [String] = []
        let text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            let offset = FileBytes.firstInvalidUTF8(in: bytes) ?? 0
            warnings.append(
                "invalid UTF-8 at byte \(offset + 1) replaced with U+FFFD; re-encode the file as UTF-8 to keep those characters")
        }
        return Document(id: Self.identifier(for: path), path: path, text: text, warnings: warnings)
    }

    /// The file name without directories and extension: `corpus/a/0001.txt` → `0001`.
    public static func identifier(for path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// Reading whole files with POSIX calls (no Foundation on the hot path).
enum FileBytes {
    static func read(path: String, maxBytes: Int) throws(DocumentError) -> [UInt8] {
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

    static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file; check the path"
        case EACCES: "permission denied; check the file's permissions"
        case EISDIR: "is a directory, not a file"
        default: String(cString: strerror(code))
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
