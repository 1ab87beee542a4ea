import LoupeTestSupport
import LuaRuntime
import Testing

/// Values are written in Lua syntax, read raw, with limits on depth and size.
@Suite struct FormatterTests {
    func describe(_ code: String, _ formatter: LuaFormatter = LuaFormatter()) throws -> [String] {
        let box = try Sandboxed()
        let chunk = try box.lua.load(code, chunkName: "=t", environment: box.env)
        return try box.lua.call(.function(chunk), arguments: []) { results in
            (1...results.count).map { results.describe($0, formatter) }
        }
    }

    @Test func scalarsLookLikeLua() throws {
        #expect(try describe("return nil, true, 42, 1.5, 3.0, 1e100, -0.0, 1/0, 'plain'")
            == ["nil", "true", "42", "1.5", "3.0", "1e+100", "-0.0", "inf", "\"plain\""])
    }

    @Test func stringsAreQuotedWithEscapes() throws {
        #expect(try describe(#"return "a\0b", "line\nnext\t\"q\" \\", "\0001", "día", "\255\254""#)
            == [#""a\0b""#, #""line\nnext\t\"q\" \\""#, #""\0001""#, "\"día\"", #""\255\254""#])
    }

    @Test func rawStringsAreLeftAlone() throws {
        #expect(try describe("return 'a\\nb', {1}", LuaFormatter(quoteStrings: false)) == ["a\nb", "{1}"])
    }

    @Test func tablesShowSequenceThenSortedKeys() throws {
        #expect(try describe("return {}, {1, 2, 3}, {z = 1, a = {true}, [5] = 'five', ['two words'] = 2, ['end'] = 0}")
            == ["{}", "{1, 2, 3}", #"{[5] = "five", a = {true}, ["end"] = 0, ["two words"] = 2, z = 1}"#])
    }

    @Test func cyclesDepthAndSizeAreBounded() throws {
        #expect(try describe("local t = {name = 'loop'} t.self = t return t") == [#"{name = "loop", self = <cycle>}"#])
        #expect(try describe("return {{{{{{1}}}}}}", LuaFormatter(maxDepth: 3)) == ["{{{{…}}}}"])
        #expect(try describe("local t = {} for i = 1, 100 do t[i] = i end return t", LuaFormatter(maxItems: 3))
            == ["{1, 2, 3, …(97 more)}"])
    }

    @Test func metamethodsNeverRun() throws {
        let described = try describe("""
            return setmetatable({a = 1}, {__tostring = function() while true do end end,
                                          __pairs = function() while true do end end,
                                          __name = "Fancy"})
            """)
        #expect(described == ["{a = 1}"])
    }

    @Test func functionsAndUserdataShowTheirType() throws {
        let described = try describe("return print, coroutine.create(print)")
        #expect(described[0].hasPrefix("function: 0x"))
        #expect(described[1].hasPrefix("thread: 0x"))
    }
}
