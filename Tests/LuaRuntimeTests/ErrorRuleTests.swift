import LoupeTestSupport
import LuaRuntime
import Testing

/// The Lua error rule: no Lua error ever unwinds through a Swift frame. Every `defer` in a
/// Swift function called from Lua runs and every Swift object is released, however many
/// errors are raised through it. (`make check-asan` runs this suite under the address
/// sanitizer too.)
@Suite struct ErrorRuleTests {
    static let iterations = 100_000
    let limits = LuaLimits(instructions: 100_000_000, memory: 256 << 20)

    @Test func raisingFromSwiftRunsEveryDeferAndLeaksNothing() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed(limits: limits)
        box.env.rawSet("raise", box.lua.function { frame in
            let object = counter.make()
            defer { counter.defersRun += 1 }
            object.number = Int(try frame.integer(1))
            throw LuaCallError.message("failure \(object.number)")
        })
        let caught = try box.value("""
            local caught = 0
            for i = 1, \(Self.iterations) do
              local ok, message = pcall(raise, i)
              if not ok and message == "failure " .. i then caught = caught + 1 end
            end
            return caught
            """)
        #expect(caught == .integer(Int64(Self.iterations)))
        #expect(counter.defersRun == Self.iterations)
        #expect(counter.created == Self.iterations)
        #expect(counter.alive == 0)
    }

    @Test func argumentErrorsRunEveryDeferToo() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed(limits: limits)
        box.env.rawSet("typed", box.lua.function { frame in
            let object = counter.make()
            defer { counter.defersRun += 1 }
            _ = object
            return frame.returning(try frame.integer(1))
        })
        let caught = try box.value("""
            local caught = 0
            for i = 1, \(Self.iterations) do
              if not pcall(typed, "not a number") then caught = caught + 1 end
            end
            return caught
            """)
        #expect(caught == .integer(Int64(Self.iterations)))
        #expect(counter.defersRun == Self.iterations)
        #expect(counter.alive == 0)
    }

    @Test func userdataIsReleasedWhenCollectedEvenAfterErrors() throws {
        let counter = LifetimeCounter()
        let trackedClass = LuaClass<Tracked>("Tracked")
            .field("number", "integer", LuaDoc("Its number."), get: { object, frame in frame.returning(object.number) })
            .method("fail", LuaDoc("Always fails.")) { object, _ in
                throw LuaCallError.message("object \(object.number) failed")
            }
        let box = try Sandboxed(limits: limits)
        box.lua.register(trackedClass)
        box.env.rawSet("make", box.lua.function { frame in
            let object = counter.make()
            object.number = Int(try frame.integer(1))
            frame.push(object, as: trackedClass)
            return 1
        })
        try box.run("""
            for i = 1, \(Self.iterations) do
              local object = make(i)
              assert(object.number == i)
              assert(not pcall(object.fail, object))
              assert(not pcall(function() return object.missing end))
            end
            """)
        #expect(counter.created == Self.iterations)
        box.lua.collectGarbage()
        #expect(counter.alive == 0)
    }

    @Test func errorsInNestedLuaCallsUnwindOnlyLua() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed(limits: limits)
        box.env.rawSet("call", box.lua.function { frame in
            let object = counter.make()
            defer { counter.defersRun += 1 }
            _ = object
            // The inner error is caught by lua_pcall inside `call`, and raised again to the
            // outer Lua code by the trampoline once this frame has returned.
            let function = try frame.value(1)
            do throws(LuaError) {
                try frame.state.call(function)
            } catch {
                throw LuaCallError.message("inner call failed: \(error.message)")
            }
            return 0
        })
        let caught = try box.value("""
            local caught = 0
            for i = 1, 10000 do
              local ok, message = pcall(call, function() error("deep " .. i) end)
              if not ok and message:find("deep " .. i, 1, true) then caught = caught + 1 end
            end
            return caught
            """)
        #expect(caught == 10000)
        #expect(counter.defersRun == 10000)
        #expect(counter.alive == 0)
    }

    @Test func aLimitTrippingInsideANestedCallRunsTheDefers() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed(limits: testLimits)
        box.env.rawSet("call", box.lua.function { frame in
            let object = counter.make()
            defer { counter.defersRun += 1 }
            _ = object
            try frame.state.call(try frame.value(1))
            return 0
        })
        let error = box.error("call(function() while true do end end)")
        #expect(error?.kind == .instructionLimit)
        #expect(counter.defersRun == 1)
        #expect(counter.alive == 0)
    }
}
