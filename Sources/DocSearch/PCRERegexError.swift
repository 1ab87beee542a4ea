/// Why a pattern did not compile: PCRE2's message and where in the pattern it stopped.
public struct PCRECompileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern as given.
    public var pattern: String
    /// PCRE2's message ("missing closing parenthesis").
    public var message: String
    /// The byte offset in the pattern's UTF-8 where compiling stopped (0-based).
    public var offset: Int
    /// PCRE2's error code.
    public var code: Int32

    /// "missing closing parenthesis at offset 4".
    public var description: String { "\(message) at offset \(offset)" }
}

/// Why matching stopped before it could answer: a resource limit (too much backtracking,
/// too deep a recursion) rather than a plain "no match".
public struct PCREMatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// PCRE2's message ("match limit exceeded").
    public var message: String
    /// PCRE2's (negative) error code.
    public var code: Int32

    public var description: String { message }
}
