#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output that cannot be written: the message names the file, what failed and what to do.
///
/// Whatever the error, the previous output at that path (if any) is untouched: outputs are
/// only ever renamed into place once complete.
public struct OutputError: Error, Equatable, CustomStringConvertible {
    /// The output file (or standard output, `-`) concerned.
    public var path: String
    /// The whole message, starting with the path.
    public var message: String

    /// Makes an error about `path`; `message` follows the path and a colon.
    init(path: String, _ message: String) {
        self.path = path
        self.message = "\(path): \(message)"
    }

    /// An error about a failed system call, with the system's reason and a hint.
    static func system(
        path: String, _ action: String, errno code: Int32 = errno,
        hint: String = "check the disk and the folder's permissions"
    ) -> OutputError {
        OutputError(path: path, "cannot \(action): \(String(cString: strerror(code))) (\(hint))")
    }

    /// The message.
    public var description: String { message }
}
