#if canImport(Glibc)
import Glibc
#endif

/// How the REPL marks text: ANSI colours on a terminal, plain marks elsewhere, and never
/// colour when `NO_COLOR` is set (https://no-color.org).
public struct ReplStyle: Sendable {
    /// Whether ANSI escapes are written.
    public var color: Bool

    /// A style with or without colour.
    public init(color: Bool) { self.color = color }

    /// Colour when `fd` is a terminal and `NO_COLOR` is unset or empty.
    public static func forOutput(_ fd: Int32) -> ReplStyle {
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        return ReplStyle(color: isatty(fd) == 1 && !noColor)
    }

    /// A span's own text inside its context: reverse video, or «…» without colour.
    public func highlight(_ text: String) -> String { color ? "\u{1B}[7m\(text)\u{1B}[0m" : "«\(text)»" }
    /// Headings.
    public func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    /// Secondary information (positions, counts).
    public func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    /// Error messages.
    public func error(_ text: String) -> String { color ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
}
