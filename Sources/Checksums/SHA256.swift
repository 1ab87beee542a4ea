#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLibCrypto

/// SHA-256 sums (of run manifests' inputs, of plugin trees), computed by OpenSSL's libcrypto (the EVP digest API) and fed in pieces, so a
/// file of any size is hashed in constant memory.
///
/// ```swift
/// SHA256.hex(of: Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public final class SHA256 {
    private let context: OpaquePointer

    /// Starts a sum.
    public init() {
        // Allocation is the only way these calls fail; treat it like any failed allocation.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot start a SHA-256 digest (out of memory?)")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the sum.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Adds bytes to the sum.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The sum of everything added, as 64 lowercase hexadecimal digits. Call once.
    public func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Self.hexDigits(digest.prefix(Int(length)))
    }

    /// The SHA-256 of `bytes`, in hexadecimal.
    public static func hex(of bytes: [UInt8]) -> String {
        let sum = SHA256()
        sum.update(bytes)
        return sum.finalize()
    }

    /// The SHA-256 and size of the file at `path`, read in pieces of up to 1 MiB.
    ///
    /// - Throws: ``ChecksumError`` naming the file and the system's reason when it cannot be
    ///   opened or read.
    public static func sum(ofFileAt path: String) throws(ChecksumError) -> (sha256: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw ChecksumError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let sum = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var size: Int64 = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ChecksumError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            size += Int64(count)
        }
        return (sum.finalize(), size)
    }

    /// `bytes` as lowercase hexadecimal digits.
    public static func hexDigits(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A file whose SHA-256 could not be computed.
public struct ChecksumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// Why, as the system says it ("No such file or directory").
    public var reason: String

    /// Makes an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: cannot read it to compute its SHA-256 (reason)`.
    public var description: String { "\(path): cannot read it to compute its SHA-256 (\(reason))" }
}
