import LoupeTestSupport
import LuaRuntime
import Testing

/// Errors come back to Swift typed, with message, chunk, line and traceback.
@Suite struct ErrorTests {
    @Test func syntaxErrorsNameTheChunkAndLine() throws {
        let lua = LuaState()
        do {
            _ = try lua.load("local x = 1\nlocal = 2", chunkName: "@scripts/who.lua")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.chunk == "scripts/who.lua")
            #expect(error.line == 2)
            #expect(error.message == "scripts/who.lua:2: <name> expected near '='")
        }
    }

    @Test func runtimeErrorsCarryATraceback() throws {
        let box = try Sandboxed()
        let error = box.error("""
            local function inner(doc) return doc.meta.date end
            local function outer() local date = inner({}) return date end
            local result = outer()
            return result
            """)
        #expect(error?.kind == .runtime)
        #expect(error?.line == 1)
        #expect(error?.message == "test:1: attempt to index a nil value (field 'meta')")
        let traceback = try #require(error?.traceback)
        #expect(traceback.hasPrefix("stack traceback:"))
        #expect(traceback.contains("in upvalue 'inner'") || traceback.contains("in local 'inner'"))
        #expect(traceback.contains("test:2:"))
        #expect(error?.fullDescription.contains("\nstack traceback:") == true)
    }

    @Test func nonStringErrorObjectsAreKept() throws {
        let error = try Sandboxed().error("error({code = 42})")
        #expect(error?.value == .table(LuaTable(["code": 42])))
        #expect(error?.message == "test:1: (error object is a table value)")
    }

    @Test func errorObjectsAreReadRaw() throws {
        // A __tostring on the error object must not run in the host.
        let error = try Sandboxed().error("""
            error(setmetatable({}, {__tostring = function() while true do end end}))
            """)
        #expect(error?.message.contains("error object is a table value") == true)
    }

    @Test func positionsAreParsedFromMessages() {
        let e = LuaError(kind: .runtime, message: #"[string "a:b"]:12: boom"#)
        #expect(e.chunk == #"[string "a:b"]"#)
        #expect(e.line == 12)
        #expect(LuaError(kind: .runtime, message: "no position").line == nil)
    }

    @Test func errorsRepeatedByCoroutineLevelsShowOnePosition() throws {
        let error = try Sandboxed().error("""
            local function f() coroutine.wrap(f)() end
            f()
            """)
        #expect(error?.message == "test:1: C stack overflow")
    }
}
