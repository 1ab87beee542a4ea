internal import CPCRE2

/// A PCRE2 regular expression, compiled once for UTF-8 text with Unicode properties and,
/// where the platform allows, JIT-compiled.
///
/// Patterns always use `PCRE2_UTF` and `PCRE2_UCP`: `\w`, `\d`, `\b` and case-less matching
/// follow Unicode, and `.` matches a code point, not a byte. `\C` (one byte) is refused, so a
/// match never starts or ends inside a code point. Match spans are UTF-8 byte offsets, like
/// every `Span`.
///
/// ```swift
/// let regex = try PCRERegex(#"(?<who>\p{Lu}\w+) said"#)
/// let said = try regex.matches(in: document)   // [PCREMatch]
/// said.first?[named: "who"]                      // the speaker's span
/// ```
///
/// ## Threads
/// A `PCRERegex` is safe to use from several threads at once, which is why it is
/// `@unchecked Sendable`: the compiled pattern, and its JIT code (made in the initialiser,
/// before the value can be shared), are never written after initialisation, and PCRE2
/// documents compiled patterns as shareable; every matching call makes its own match data,
/// which PCRE2 forbids sharing, and JIT matching runs on PCRE2's default stack on the
/// calling thread.
public final class PCRERegex: @unchecked Sendable {
    /// Compile options beyond UTF and Unicode properties, which are always on.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        /// Options from PCRE2's compile flags.
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Letters match either case, by Unicode rules (`(?i)`).
        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        /// `^` and `$` also match at line starts and ends (`(?m)`).
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        /// `.` also matches a newline (`(?s)`).
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        /// White space and `#` comments in the pattern are ignored (`(?x)`).
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// The pattern is a plain string, with no metacharacters; only ``caseless`` also
        /// applies (the other options are ignored).
        public static let literal = Options(rawValue: PCRE2_LITERAL)
    }

    /// The pattern as given.
    public let pattern: String
    /// The options it was compiled with.
    public let options: Options
    /// Whether matching runs JIT-compiled code (false when JIT was not asked for or the
    /// platform lacks it; matching is then interpreted, with the same results).
    public let isJITCompiled: Bool
    /// The number of capturing groups (group 0, the whole match, not counted).
    public let captureCount: Int
    /// Named groups: each name with its group numbers, in increasing order (more than one only
    /// when the pattern allows duplicate names with `(?J)`).
    public let groupNames: [String: [Int]]

    /// The compiled pattern (`pcre2_code_8 *`), read-only after `init`.
    let code: OpaquePointer

    /// Compiles `pattern`.
    ///
    /// - Parameters:
    ///   - pattern: The regular expression, in PCRE2 (Perl) syntax.
    ///   - options: Flags such as ``Options/caseless``.
    ///   - jit: Whether to JIT-compile; when the platform cannot, matching silently falls
    ///     back to the interpreter. Turning it off is for tests and comparisons.
    /// - Throws: ``PCRECompileError`` with PCRE2's message and the byte offset in the pattern
    ///   where compiling stopped ("missing closing parenthesis at offset 4").
    public init(_ pattern: String, options: Options = [], jit: Bool = true) throws(PCRECompileError) {
        self.pattern = pattern
        self.options = options
        // A literal pattern has no classes or `\C` to qualify, and PCRE2 refuses the flags.
        let flags = options.contains(.literal)
            ? options.intersection([.literal, .caseless]).rawValue | PCRE2_UTF
            : options.rawValue | PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C
        var errorCode: Int32 = 0
        var errorOffset = 0
        let length = pattern.utf8.count
        // One byte more than the pattern, so that even the empty pattern has an address.
        let utf8 = Array(pattern.utf8) + [0]
        let compiled = utf8.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, length, flags, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PCRECompileError(
                pattern: pattern, message: pcre2ErrorMessage(errorCode), offset: errorOffset, code: errorCode)
        }
        code = compiled
        isJITCompiled = jit && pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        groupNames = Self.readNameTable(compiled)
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// Whether this PCRE2 library can JIT-compile on this machine.
    public static var isJITAvailable: Bool {
        var available: UInt32 = 0
        return pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &available) >= 0 && available == 1
    }

    /// The PCRE2 library's version ("10.42 2022-12-11"), for run manifests.
    public static var libraryVersion: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress) }
        guard length > 1 else { return "" }
        return String(decoding: buffer[..<Int(length - 1)], as: UTF8.self)
    }

    /// The name table: entries of a fixed size, each a big-endian group number in two bytes
    /// followed by the NUL-terminated name.
    private static func readNameTable(_ code: OpaquePointer) -> [String: [Int]] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var names: [String: [Int]] = [:]
        for k in 0..<Int(count) {
            let entry = table + k * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize), entry[end] != 0 { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
            names[name, default: []].append(number)
        }
        return names.mapValues { $0.sorted() }
    }
}

/// PCRE2's text for an error code ("missing closing parenthesis").
func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
    guard length >= 0 else { return "PCRE2 error \(code)" }
    return String(decoding: buffer[..<Int(length)], as: UTF8.self)
}
