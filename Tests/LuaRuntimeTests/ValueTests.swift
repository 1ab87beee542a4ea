import LoupeTestSupport
import LuaRuntime
import Testing

/// Values cross between Swift and Lua both ways, keeping their exact type and bytes.
@Suite struct ValueTests {
    let lua = LuaState(limits: testLimits)

    /// Sends `value` through a Lua identity function and returns what comes back.
    func roundTrip(_ value: LuaValue) throws -> LuaValue {
        let identity = try lua.load("return ...", chunkName: "=identity")
        return try lua.call(.function(identity), value).first ?? .nil
    }

    @Test(arguments: [
        LuaValue.nil, true, false, 0, 42, -7, .integer(Int64.max), .integer(Int64.min),
        1.5, -0.25, .number(1e300), 3.0, "", "plain", "a\0b", "día ✓",
        .string(LuaString(bytes: [0xFF, 0xFE, 0x00, 0x41])),
    ])
    func scalarsSurviveARoundTrip(_ value: LuaValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test func integersAndFloatsStayApart() throws {
        let results = try lua.call(.function(try lua.load("return 3, 3.0, 2^53, 7 // 2", chunkName: "=t")))
        #expect(results == [.integer(3), .number(3.0), .number(9007199254740992), .integer(3)])
    }

    @Test func stringsKeepZeroBytesAndInvalidUTF8() throws {
        let results = try lua.call(.function(try lua.load(#"return "a\0b", "\255x", #"a\0b""#, chunkName: "=t")))
        #expect(results[0] == .string(LuaString(bytes: [97, 0, 98])))
        #expect(results[1] == .string(LuaString(bytes: [255, 120])))
        #expect(results[2] == .integer(3))
        guard case .string(let invalid) = results[1] else { return }
        #expect(!invalid.isValidUTF8)
        #expect(invalid.text == "\u{FFFD}x")
    }

    @Test func nestedTablesRoundTrip() throws {
        let table = LuaValue.table(LuaTable(
            sequence: [1, "two", .table(LuaTable(sequence: [3.5]))],
            fields: [
                .init(key: "name", value: "Rosenstein"),
                .init(key: true, value: .table(LuaTable(["deep": .table(LuaTable(["er": 1]))]))),
                .init(key: 10, value: "sparse"),
                .init(key: 2.5, value: "float key"),
            ]))
        #expect(try roundTrip(table) == table)
    }

    @Test func tablesFromLuaAreReadRawInAFixedOrder() throws {
        let code = """
            local t = setmetatable({}, {__index = function() error("metamethod ran") end,
                                        __pairs = function() error("metamethod ran") end})
            t.zeta, t.alpha, t[2], t[1], t[true], t[5] = 1, 2, "b", "a", "yes", "gap"
            return t
            """
        guard case .table(let table) = try lua.call(.function(try lua.load(code, chunkName: "=t"))).first else {
            Issue.record("not a table")
            return
        }
        #expect(table.sequence == ["a", "b"])
        #expect(table.fields.map(\.key) == [true, 5, "alpha", "zeta"])
        #expect(table["alpha"] == 2)
        #expect(table[.integer(1)] == "a")
        #expect(table["missing"] == .nil)
    }

    @Test func aTableThatContainsItselfIsAnErrorNotAHang() throws {
        let chunk = try lua.load("local t = {} t.self = t return t", chunkName: "=t")
        #expect(throws: LuaError.self) { try lua.call(.function(chunk)) }
    }

    @Test func invalidKeysAreSkippedWhenPushing() throws {
        let table = LuaValue.table(LuaTable(fields: [.init(key: .number(.nan), value: 1), .init(key: "ok", value: 2)]))
        #expect(try roundTrip(table) == .table(LuaTable(["ok": 2])))
    }

    @Test func functionsCrossBothWays() throws {
        let double = lua.function { frame in frame.returning(try frame.integer(1) * 2) }
        let apply = try lua.load("local f, x = ... return f(x), f", chunkName: "=apply")
        let results = try lua.call(.function(apply), double, 21)
        #expect(results[0] == 42)
        #expect(results[1] == double)
        // A Lua function comes back as a reference that can be called again.
        let adder = try lua.call(.function(try lua.load("return function(a, b) return a + b end", chunkName: "=t")))
        #expect(try lua.call(adder[0], 2, 3) == [5])
    }

    @Test func coroutinesAndLightUserdataAreReferences() throws {
        let results = try lua.call(.function(try lua.load("return coroutine.create(print)", chunkName: "=t")))
        guard case .thread(let ref) = results.first else {
            Issue.record("expected a thread, got \(results)")
            return
        }
        #expect(ref.type == .thread)
        #expect(try roundTrip(.lightUserdata(0x1234)) == .lightUserdata(0x1234))
    }

    @Test func referencesToTablesReadAndWriteRaw() throws {
        let table = lua.newTable()
        table.rawSet("answer", 42)
        table.rawSet(.nil, 1)  // ignored: nil cannot be a key
        #expect(try table.rawGet("answer") == 42)
        let read = try lua.load("local t = ... return t.answer", chunkName: "=t")
        #expect(try lua.call(.function(read), .function(table)) == [42])
    }

    @Test func typeNamesMatchLua() {
        #expect(LuaValue.integer(1).typeName == "number")
        #expect(LuaValue.lightUserdata(1).typeName == "userdata")
        #expect(LuaValue.nil.isFalsy && LuaValue.boolean(false).isFalsy && !LuaValue.integer(0).isFalsy)
    }
}
