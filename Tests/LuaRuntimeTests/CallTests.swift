import LoupeTestSupport
import LuaRuntime
import Testing

/// Swift calls Lua and Lua calls Swift; Swift functions raise in Lua's own words.
@Suite struct CallTests {
    let box: Sandboxed

    init() throws {
        box = try Sandboxed()
        let lua = box.lua
        box.env.rawSet("add", lua.function { frame in
            frame.returning(try frame.integer(1) + frame.integer(2))
        })
        box.env.rawSet("greet", lua.function { frame in
            frame.returning("hello, " + (try frame.optionalString(1) ?? "world"))
        })
        box.env.rawSet("fail", lua.function { frame in
            throw LuaCallError.message("no such speaker: " + (try frame.string(1)))
        })
        box.env.rawSet("rethrow", lua.function { frame in
            throw LuaCallError.value(try frame.value(1))
        })
        box.env.rawSet("swiftError", lua.function { _ in
            struct Oops: Error, CustomStringConvertible { var description: String { "oops from Swift" } }
            throw Oops()
        })
        box.env.rawSet("many", lua.function { frame in
            let n = Int(try frame.integer(1))
            for i in 1...n { frame.push(i) }
            return Int32(n)
        })
        box.env.rawSet("callback", lua.function { frame in
            // Lua → Swift → Lua → Swift: calls the Lua function given, from Swift.
            let results = try frame.state.call(try frame.value(1), try frame.value(2))
            frame.push(results.first ?? .nil)
            return 1
        })
    }

    @Test func swiftFunctionsTakeArgumentsAndReturnResults() throws {
        #expect(try box.run("return add(2, 40), greet(), greet('Lua')") == [42, "hello, world", "hello, Lua"])
        #expect(try box.value("return select('#', many(100))") == 100)
    }

    @Test func argumentErrorsUseLuasGrammar() throws {
        #expect(box.error("return add(1, 'x')")?.message == "test:1: bad argument #2 to 'add' (number expected, got string)")
        #expect(box.error("return add(1)")?.message == "test:1: bad argument #2 to 'add' (number expected, got no value)")
        #expect(box.error("return add(1, 1.5)")?.message == "test:1: bad argument #2 to 'add' (number has no integer representation)")
        #expect(box.error("local t = {f = add} return t.f({}, 1)")?.message == "test:1: bad argument #1 to 'f' (number expected, got table)")
    }

    @Test func messagesArePrefixedWithTheCallersPosition() throws {
        let error = box.error("\n\nfail('Smith')")
        #expect(error?.message == "test:3: no such speaker: Smith")
        #expect(error?.chunk == "test")
        #expect(error?.line == 3)
        #expect(box.error("swiftError()")?.message == "test:1: oops from Swift")
    }

    @Test func errorsFromSwiftCanBeCaughtInLua() throws {
        #expect(try box.run("return pcall(function() fail('x') end)") == [false, "test:1: no such speaker: x"])
        // Called directly by pcall (a C function), there is no Lua line to name, as with error().
        #expect(try box.run("return pcall(fail, 'x')") == [false, "no such speaker: x"])
        // A table error object passes through Swift with its contents (as a copy).
        #expect(try box.value("local ok, got = pcall(rethrow, {code = 7}) return got.code") == 7)
    }

    @Test func nestedCallsBetweenSwiftAndLua() throws {
        #expect(try box.value("return callback(function(x) return add(x, 1) end, 41)") == 42)
        let error = box.error("return callback(function(x) error('inner ' .. x) end, 'boom')")
        #expect(error?.message.contains("inner boom") == true)
    }

    @Test func callingWithArgumentsFromSwift() throws {
        let concat = try box.lua.load("local a, b = ... return a .. b", chunkName: "=t", environment: box.env)
        #expect(try box.lua.call(.function(concat), "Rod J. ", "Rosenstein") == ["Rod J. Rosenstein"])
    }

    @Test func resultsCanBeReadInPlace() throws {
        let chunk = try box.lua.load("return 1, 'two', {3}", chunkName: "=t", environment: box.env)
        let described = try box.lua.call(.function(chunk), arguments: []) { results in
            (1...results.count).map { results.describe($0) }
        }
        #expect(described == ["1", "\"two\"", "{3}"])
    }
}
