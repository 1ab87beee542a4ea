import Foundation
import LoupeTestSupport
import LuaRuntime
import Testing

/// Runaway code is stopped by the instruction budget or the memory cap, with a message that
/// names the limit and how to raise it, and the state then runs the next call normally.
@Suite struct LimitTests {
    struct Hostile: CustomTestStringConvertible, Sendable {
        var name: String
        var code: String
        var kind: LuaError.Kind
        var message: String
        var testDescription: String { name }
    }

    static let instructionMessage = "instruction limit exceeded (5,000,000 instructions; raise it with --max-instructions)"
    static let memoryMessage = "memory limit exceeded (32 MiB; raise it with --max-memory)"

    static let hostile: [Hostile] = [
        Hostile(name: "infinite loop", code: "while true do end",
                kind: .instructionLimit, message: "test:1: " + instructionMessage),
        Hostile(name: "pcall swallowing the error", code: """
            while true do pcall(function() while true do end end) end
            """, kind: .instructionLimit, message: instructionMessage),
        Hostile(name: "xpcall and error in a loop", code: """
            local function spin() while true do end end
            for i = 1, math.huge do xpcall(spin, function() return spin() end) end
            """, kind: .instructionLimit, message: instructionMessage),
        Hostile(name: "loop inside a coroutine", code: """
            local co = coroutine.wrap(function() while true do end end)
            co()
            """, kind: .instructionLimit, message: instructionMessage),
        Hostile(name: "coroutine resumed in a swallowing loop", code: """
            while true do
              coroutine.resume(coroutine.create(function() while true do end end))
            end
            """, kind: .instructionLimit, message: instructionMessage),
        Hostile(name: "huge string.rep", code: "return ('x'):rep(1e9)",
                kind: .memoryLimit, message: memoryMessage),
        Hostile(name: "string doubling", code: "local s = 'x' while true do s = s .. s end",
                kind: .memoryLimit, message: memoryMessage),
        Hostile(name: "growing table swallowed by pcall", code: """
            local t = {}
            while true do pcall(function() for i = 1, 1e6 do t[#t + 1] = {} end end) end
            """, kind: .memoryLimit, message: memoryMessage),
        // With the small test cap, the Lua stack hits the memory cap first; see below for
        // Lua's own stack limit.
        Hostile(name: "deep recursion", code: "local function f() return 1 + f() end return f()",
                kind: .memoryLimit, message: memoryMessage),
        Hostile(name: "C stack overflow through coroutines", code: """
            local function f() coroutine.wrap(f)() end
            f()
            """, kind: .runtime, message: "C stack overflow"),
        Hostile(name: "parser nesting bomb", code: """
            return load(string.rep("(", 100000) .. "1" .. string.rep(")", 100000))
            """, kind: .runtime, message: "never"),
    ]

    @Test(arguments: hostile)
    func hostileCodeIsStoppedAndTheStateRecovers(_ hostile: Hostile) throws {
        let box = try Sandboxed()
        do {
            let results = try box.run(hostile.code)
            // Only the parser bomb returns: load() reports the failure as nil plus a message.
            #expect(hostile.message == "never", "expected an error, got \(results)")
            #expect(results.first == .nil)
            #expect(results.last.map { "\($0)".contains("C stack overflow") } == true)
        } catch {
            #expect(error.kind == hostile.kind)
            #expect(error.message.contains(hostile.message), "message: \(error.message)")
            #expect(!error.message.contains("\n"), "a one-line message")
        }
        // The same state, and the same sandbox, run the next call normally.
        #expect(try box.run("local t = {} for i = 1, 100 do t[i] = i end return #t, ('ok'):rep(2)") == [100, "okok"])
    }

    @Test func aParserNestingBombAtTopLevelIsASyntaxError() throws {
        let lua = LuaState(limits: testLimits)
        #expect {
            _ = try lua.load("return " + String(repeating: "{", count: 100_000), chunkName: "=bomb")
        } throws: { error in
            (error as? LuaError)?.kind == .syntax && "\(error)".contains("C stack overflow")
        }
    }

    @Test func deepRecursionMeetsLuasStackLimit() throws {
        let box = try Sandboxed(limits: LuaLimits(instructions: 50_000_000, memory: 512 << 20))
        let error = box.error("local function f() return 1 + f() end return f()")
        #expect(error?.kind == .runtime)
        #expect(error?.message == "test:1: stack overflow")
        #expect(try box.value("return 1") == 1)
    }

    @Test func theBudgetIsPerCall() throws {
        let box = try Sandboxed()
        // Each call may use nearly the whole budget; many calls in a row are fine.
        let spend = try box.lua.load("for i = 1, 1000000 do end", chunkName: "=spend", environment: box.env)
        for _ in 0..<5 { try box.lua.call(.function(spend)) }
    }

    @Test func limitsCanBeRaisedAndRemoved() throws {
        let box = try Sandboxed()
        let loop = "local n = 0 for i = 1, 3000000 do n = n + 1 end return n"
        #expect(box.error(loop)?.kind == .instructionLimit)
        box.lua.limits.instructions = 50_000_000
        #expect(try box.value(loop) == 3_000_000)
        box.lua.limits.memory = nil
        #expect(try box.value("return #('x'):rep(40 * 1024 * 1024)") == 41_943_040)
    }

    @Test func memoryIsAccountedAndReturned() throws {
        let box = try Sandboxed()
        box.lua.collectGarbage()
        let before = box.lua.memoryInUse
        try box.run("big = ('x'):rep(8 * 1024 * 1024)")
        #expect(box.lua.memoryInUse >= 8 * 1024 * 1024)
        try box.run("big = nil")
        box.lua.collectGarbage()
        #expect(box.lua.memoryInUse < before + 1024 * 1024)
        #expect(box.lua.peakMemory > 8 * 1024 * 1024)
    }

    @Test(.timeLimit(.minutes(1)))
    func interruptStopsARunningCall() throws {
        let box = try Sandboxed(limits: .none)
        box.lua.interruptMessage = "interrupted by the test"
        let lua = UncheckedBox(box.lua)
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            lua.value.interrupt()
        }
        thread.start()
        let error = box.error("while true do end")
        #expect(error?.kind == .interrupted)
        #expect(error?.message == "test:1: interrupted by the test")
        #expect(try box.value("return 1") == 1)
    }

    /// A session nested in a running call (a REPL opened by `loupe.repl{…}`): its chunks get
    /// a whole budget each, an interrupted one stops only itself, and the outer call then goes
    /// on with the budget it had left and finishes normally.
    @Test func aNestedSessionHasItsOwnBudgetAndInterruptions() throws {
        let box = try Sandboxed()
        // Weak: a function the state holds must not hold the state (nor its sandbox).
        weak var weakBox = box
        var nested: [Result<[LuaValue], LuaError>] = []
        box.env.rawSet("session", box.lua.function { _ in
            guard let box = weakBox else { return 0 }
            let lua = box.lua, env = box.env
            lua.nestedSession {
                // About 4 million instructions: more than the outer call has left.
                for code in ["local n = 0 for i = 1, 2000000 do n = n + 1 end return n", "interrupt() while true do end", "return 'after'"] {
                    do throws(LuaError) {
                        let chunk = try lua.load(code, chunkName: "=typed", environment: env)
                        nested.append(.success(try lua.call(.function(chunk))))
                    } catch {
                        nested.append(.failure(error))
                    }
                }
            }
            return 0
        })
        box.env.rawSet("interrupt", box.lua.function { _ in
            weakBox?.lua.interrupt()
            return 0
        })
        // The outer call spends about 3.8 of its 5 million instructions before the session
        // and 0.6 million after it.
        let results = try box.run("""
            local n = 0 for i = 1, 1900000 do n = n + 1 end
            session()
            for i = 1, 300000 do n = n + 1 end
            return n
            """)
        #expect(results == [2_200_000])
        #expect(nested.count == 3)
        #expect(try nested[0].get() == [2_000_000])
        if case .failure(let error) = nested[1] {
            #expect(error.kind == .interrupted)
        } else {
            Issue.record("the interrupted chunk returned \(nested[1])")
        }
        #expect(try nested[2].get() == ["after"])
        // Still whole for the next call.
        #expect(try box.value("return 1") == 1)
    }

    @Test func withoutANestedSessionTheOuterBudgetCounts() throws {
        let box = try Sandboxed()
        weak var weakBox = box
        var inner: LuaError?
        box.env.rawSet("session", box.lua.function { _ in
            guard let box = weakBox else { return 0 }
            let lua = box.lua, env = box.env
            do throws(LuaError) {
                let chunk = try lua.load("for i = 1, 2000000 do end", chunkName: "=typed", environment: env)
                try lua.call(.function(chunk))
            } catch {
                inner = error
            }
            return 0
        })
        _ = box.error("for i = 1, 4000000 do end session()")
        #expect(inner?.kind == .instructionLimit)
    }
}

/// Hands a value to another thread in a test that knows the access is safe.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
