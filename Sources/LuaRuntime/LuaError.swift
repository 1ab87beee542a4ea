/// An error that came out of Lua: a syntax error, a runtime error, or a limit that stopped
/// the call.
///
/// ``message`` is Lua's own text, position prefix included (`"script.lua:12: attempt to index
/// a nil value (local 'x')"`); ``chunk`` and ``line`` give that position apart, and
/// ``traceback`` the stack at the point of the error (runtime errors only).
public struct LuaError: Error, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Equatable, Sendable {
        /// The chunk did not compile.
        case syntax
        /// The code raised an error (`error()`, a failed operation, a host function's error).
        case runtime
        /// The instruction budget of the call ran out (see ``LuaLimits/instructions``).
        case instructionLimit
        /// The memory cap of the state was reached (see ``LuaLimits/memory``).
        case memoryLimit
        /// The host interrupted the call (``LuaState/interrupt()``).
        case interrupted
        /// Lua itself ran out of memory without a cap being reached.
        case outOfMemory
        /// The error handler failed (usually a stack overflow while handling an error).
        case errorHandler
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The error message, as Lua formats it.
    public var message: String
    /// The chunk the error points at (`"script.lua"`, `"eval"`), when known.
    public var chunk: String?
    /// The line in ``chunk``, when known.
    public var line: Int?
    /// `stack traceback:` and the frames, for runtime errors.
    public var traceback: String?
    /// The error object, when it was not a string (`error({code = 2})`).
    public var value: LuaValue?

    /// Makes an error; the position is parsed from `message` when not given.
    public init(
        kind: Kind, message: String, chunk: String? = nil, line: Int? = nil,
        traceback: String? = nil, value: LuaValue? = nil
    ) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.value = value
        if chunk == nil, let position = LuaError.position(in: message) {
            self.chunk = position.chunk
            self.line = position.line
        } else {
            self.chunk = chunk
            self.line = line
        }
    }

    /// The message; Lua's messages already say where.
    public var description: String { message }

    /// The message followed by the traceback, as `lua` prints an uncaught error.
    public var fullDescription: String {
        guard let traceback, !traceback.isEmpty else { return message }
        return message + "\n" + traceback
    }

    /// Splits `"chunk:12: text"` into its chunk and line; `nil` when the message has no prefix.
    static func position(in message: String) -> (chunk: String, line: Int)? {
        // The chunk name may itself contain ':' (`[string "a:b"]`), so take the first
        // ":<digits>:" run.
        let bytes = Array(message.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ":"), i > 0 {
                var j = i + 1
                var line = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57, line < 100_000_000 {
                    line = line * 10 + Int(bytes[j] - 48)
                    j += 1
                }
                if j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: ":") {
                    return (String(decoding: bytes[..<i], as: UTF8.self), line)
                }
            }
            i += 1
        }
        return nil
    }
}

/// The error a Swift function bridged into Lua throws to make Lua raise.
///
/// Each case is raised in Lua's own grammar by the C trampoline, after the Swift frame has
/// returned (no Lua error ever unwinds through Swift):
///
/// ```lua
/// -- .message("file not found")      → "script.lua:3: file not found"
/// -- .argument(2, "out of range")    → "bad argument #2 to 'sub' (out of range)"
/// -- .type(1, expected: "Document")  → "bad argument #1 to 'find' (Document expected, got nil)"
/// ```
public enum LuaCallError: Error, Equatable {
    /// Raise `message`, prefixed with the calling chunk and line like `luaL_error`.
    case message(String)
    /// Raise "bad argument #n to 'f' (text)"; for methods Lua does not count `self`.
    case argument(Int32, String)
    /// Raise "bad argument #n to 'f' (T expected, got U)".
    case type(Int32, expected: String)
    /// Raise a value as it is: re-raising a caught Lua error object keeps it intact.
    case value(LuaValue)
}
