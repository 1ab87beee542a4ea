/// Why bytes could not be read as Loupe's binary coding: they end too soon, or they hold
/// something no writer produces (a bad tag, an over-long varint, a count larger than the
/// bytes left). Reading garbage gives this error, never a crash.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The bytes ended in the middle of a value.
        case truncated
        /// The bytes cannot have been written by ``WireWriter``; the text says how.
        case malformed(String)
    }

    /// What was wrong.
    public var reason: Reason
    /// The byte offset at which reading failed.
    public var offset: Int

    /// Makes an error at `offset`.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        switch reason {
        case .truncated: "truncated data: the bytes end at offset \(offset), in the middle of a value"
        case .malformed(let text): "corrupt data at offset \(offset): \(text)"
        }
    }
}
