import LoupeTestSupport
import LuaRuntime
import Testing

/// The sandbox of DESIGN §7: one test per capability removed or wrapped.
@Suite struct SandboxTests {
    // MARK: Removed

    @Test(arguments: ["io", "debug", "package", "require", "dofile", "loadfile", "module",
                      "loadstring", "setfenv", "getfenv", "newproxy"])
    func dangerousGlobalsAreAbsent(_ name: String) throws {
        #expect(try Sandboxed().value("return \(name)") == .nil)
    }

    @Test(arguments: ["execute", "exit", "getenv", "remove", "rename", "tmpname", "setlocale"])
    func osHasOnlyTimeFunctions(_ name: String) throws {
        #expect(try Sandboxed().value("return os.\(name)") == .nil)
    }

    @Test func osTimeFunctionsRemain() throws {
        #expect(try Sandboxed().run("return type(os.time()), type(os.clock()), os.date('!%Y', 0), os.difftime(2, 1)")
            == ["number", "number", "1970", 1.0])
    }

    @Test func stringDumpIsAbsent() throws {
        #expect(try Sandboxed().value("return string.dump") == .nil)
        #expect(try Sandboxed().value("return ('x').dump") == .nil)
    }

    // MARK: Wrapped

    @Test func collectgarbageAnswersCountOnly() throws {
        #expect(try Sandboxed().value("return type(collectgarbage('count'))") == "number")
        try expectLuaError("collectgarbage()", contains: "bad argument #1 to 'collectgarbage' (only \"count\" is allowed")
        try expectLuaError("collectgarbage('stop')", contains: "only \"count\" is allowed in the sandbox")
    }

    @Test func loadCompilesTextOnlyInTheSandbox() throws {
        let box = try Sandboxed()
        #expect(try box.value("return load('return 1 + 1')()") == 2)
        try expectLuaError("load(42)", contains: "test:1: bad argument #1 to 'load' (string expected, got number)")
        // The loaded chunk sees the sandbox, not the state's real globals.
        #expect(try box.value("secret = 'mine' return load('return secret')()") == "mine")
        #expect(try box.value("return load('return io')()") == .nil)
        // An explicit environment is honoured (even nil).
        #expect(try box.value("return load('return x', 'c', 't', {x = 5})()") == 5)
        #expect(try box.run("return pcall(load('return print', 'c', 't', nil))").first == false)
        // Binary chunks are refused, whatever mode is asked for.
        let results = try box.run(#"return load("\27Lua\84\0", 'bin', 'b')"#)
        #expect(results.first == .nil)
        #expect(results.last.map { "\($0)".contains("attempt to load a binary chunk") } == true)
    }

    @Test func theStringMetatableIsLocked() throws {
        #expect(try Sandboxed().value("return getmetatable('')") == false)
        try expectLuaError("setmetatable('', {})", contains: "test:1: bad argument #1 to 'setmetatable' (table expected, got string)")
    }

    @Test func sandboxesCannotChangeEachOther() throws {
        let lua = LuaState()
        let first = try lua.makeSandbox { _ in }
        let second = try lua.makeSandbox { _ in }
        let tamper = try lua.load("string.upper = function() return 'hacked' end math.pi = 3", chunkName: "=a", environment: first)
        try lua.call(.function(tamper))
        let check = try lua.load("return string.upper('x'), ('x'):upper(), math.pi > 3.14", chunkName: "=b", environment: second)
        #expect(try lua.call(.function(check)) == ["X", "X", true])
        // Even the tampering sandbox's method calls reach the real string library.
        let own = try lua.load("return ('x'):upper()", chunkName: "=c", environment: first)
        #expect(try lua.call(.function(own)) == ["X"])
    }

    @Test func setmetatableRefusesFinalizers() throws {
        try expectLuaError("setmetatable({}, {__gc = function() while true do end end})",
                           contains: "bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in the sandbox)")
        #expect(try Sandboxed().value("return getmetatable(setmetatable({}, {__index = {a = 1}})).__index.a") == 1)
        try expectLuaError("setmetatable({}, 1)", contains: "test:1: bad argument #2 to 'setmetatable' (nil or table expected)")
        try expectLuaError("local t = setmetatable({}, {__metatable = 'no'}) setmetatable(t, {})",
                           contains: "test:1: cannot change a protected metatable")
    }

    @Test func aFinalizerAddedLaterNeverRuns() throws {
        // Lua marks an object for finalization only when its metatable has __gc at the time
        // of setmetatable: adding it afterwards does nothing.
        let box = try Sandboxed()
        try box.run("""
            local mt = {}
            setmetatable({}, mt)
            mt.__gc = function() ran = true end
            """)
        box.lua.collectGarbage()
        #expect(try box.value("return ran") == .nil)
    }

    @Test func xpcallRunsItsHandlerAfterUnwinding() throws {
        #expect(try Sandboxed().run("return xpcall(error, function(m) return 'handled: ' .. m end, 'oops')")
            == [false, "handled: oops"])
        #expect(try Sandboxed().run("return xpcall(function(a, b) return a + b end, print, 1, 2)") == [true, 3])
        // A looping handler is ordinary code under the budget.
        let error = try Sandboxed().error("return xpcall(error, function() while true do end end)")
        #expect(error?.kind == .instructionLimit)
    }

    @Test func printGoesToTheHost() throws {
        let box = try Sandboxed()
        try box.run("print('a', 1, nil, true) print()")
        #expect(box.printed.lines == ["a\t1\tnil\ttrue", ""])
    }

    @Test func theEnvironmentIsItsOwnG() throws {
        #expect(try Sandboxed().value("x = 1 return _G.x == x and _G._G == _G") == true)
    }

    @Test func hostUserdataMetatablesAreLocked() throws {
        // Functions made by the host are C closures over a userdata whose metatable is locked.
        let box = try Sandboxed()
        box.env.rawSet("f", box.lua.function { _ in 0 })
        #expect(try box.value("return getmetatable(f)") == .nil)
    }

    // MARK: Raw reads

    @Test func returnedValuesAreReadWithoutMetamethods() throws {
        let box = try Sandboxed()
        let result = try box.value("""
            return setmetatable({plain = 1}, {
              __index = function() while true do end end,
              __pairs = function() while true do end end,
              __len = function() while true do end end,
              __tostring = function() while true do end end,
            })
            """)
        #expect(result == .table(LuaTable(["plain": 1])))
    }
}
