import LuaRuntime
import Testing

/// Small limits that make hostile code fail in milliseconds.
public let testLimits = LuaLimits(
    instructions: 5_000_000, memory: 32 << 20,
    instructionHint: "--max-instructions", memoryHint: "--max-memory")

/// Lines a sandbox printed.
public final class PrintLog {
    public var lines: [String] = []
    public init() {}
}

/// A state and a sandbox in it, as scripts get them.
public final class Sandboxed {
    public let lua: LuaState
    public let env: LuaReference
    /// What the sandbox's `print` wrote.
    public let printed = PrintLog()

    public init(limits: LuaLimits = testLimits) throws {
        lua = LuaState(limits: limits)
        let log = printed
        env = try lua.makeSandbox { log.lines.append($0) }
    }

    /// Runs `code` in the sandbox and returns its results.
    @discardableResult
    public func run(_ code: String, chunkName: String = "=test") throws(LuaError) -> [LuaValue] {
        let chunk = try lua.load(code, chunkName: chunkName, environment: env)
        return try lua.call(.function(chunk))
    }

    /// Runs `code` and returns its single result.
    public func value(_ code: String) throws(LuaError) -> LuaValue {
        try run(code).first ?? .nil
    }

    /// Runs `code`, which must fail, and returns the error.
    public func error(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> LuaError? {
        do {
            let results = try run(code)
            Issue.record("expected an error, got \(results)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }
}

/// Asserts that `code` fails in a fresh sandbox with a message containing `text`.
public func expectLuaError(
    _ code: String, contains text: String, kind: LuaError.Kind = .runtime,
    limits: LuaLimits = testLimits, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let box = try Sandboxed(limits: limits)
    guard let error = box.error(code, sourceLocation: sourceLocation) else { return }
    #expect(error.kind == kind, "message: \(error.message)", sourceLocation: sourceLocation)
    #expect(error.message.contains(text), "message: \(error.message)", sourceLocation: sourceLocation)
}

/// Asserts that `code` returns `expected` in a fresh sandbox.
public func expectLua(
    _ code: String, equals expected: LuaValue..., sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let results = try Sandboxed().run(code)
    #expect(results == expected, sourceLocation: sourceLocation)
}
