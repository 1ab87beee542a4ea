internal import CLuaShim

/// A Lua value kept alive in the state's registry for Swift: a function, a userdata, a
/// coroutine, or a table used by identity (such as a sandbox environment).
///
/// The reference keeps its ``LuaState`` open; the registry slot is freed when the reference
/// is released. A Swift function stored in Lua should not capture a reference to its own
/// state's values, or the two keep each other alive.
///
/// Like its state, a reference must be used on one thread at a time; it is marked `Sendable`
/// only so that values holding one can travel inside errors.
public final class LuaReference: Equatable, @unchecked Sendable {
    /// The state the value lives in.
    public let state: LuaState
    let ref: Int32

    /// References the value at `index` of `L`.
    init(_ L: OpaquePointer, at index: Int32) {
        state = LuaState.owner(of: L)
        lua_pushvalue(L, index)
        ref = luaL_ref(state.L, loupe_registryindex())
    }

    deinit {
        luaL_unref(state.L, loupe_registryindex(), ref)
    }

    func push(into L: OpaquePointer) {
        precondition(LuaState.owner(of: L) === state, "a LuaReference used with another state")
        lua_rawgeti(L, loupe_registryindex(), lua_Integer(ref))
    }

    /// The type of the referenced value.
    public var type: LuaType {
        push(into: state.L)
        defer { loupe_pop(state.L, 1) }
        return LuaType(rawValue: lua_type(state.L, -1)) ?? .none
    }

    /// Two references are equal when they reference the same Lua value (raw equality).
    public static func == (a: LuaReference, b: LuaReference) -> Bool {
        guard a.state === b.state else { return false }
        let L = a.state.L
        a.push(into: L)
        b.push(into: L)
        defer { loupe_pop(L, 2) }
        return lua_rawequal(L, -1, -2) != 0
    }

    // MARK: - Tables by reference

    /// The value under `key` in the referenced table, read raw (no `__index`).
    public func rawGet(_ key: LuaValue) throws(LuaCallError) -> LuaValue {
        let L = state.L
        push(into: L)
        defer { loupe_pop(L, 1) }
        guard lua_type(L, -1) == LUA_TTABLE else { throw .message("not a table") }
        LuaStack.push(L, key)
        lua_rawget(L, -2)
        defer { loupe_pop(L, 1) }
        return try LuaStack.read(L, at: -1)
    }

    /// The value under a string key, read raw.
    public func rawGet(_ key: String) throws(LuaCallError) -> LuaValue {
        try rawGet(.string(LuaString(key)))
    }

    /// Stores `value` under `key` in the referenced table, raw (no `__newindex`).
    /// Does nothing when the value is not a table or the key is nil or NaN.
    public func rawSet(_ key: LuaValue, _ value: LuaValue) {
        let L = state.L
        push(into: L)
        defer { loupe_pop(L, 1) }
        guard lua_type(L, -1) == LUA_TTABLE, key.isValidKey else { return }
        LuaStack.push(L, key)
        LuaStack.push(L, value)
        lua_rawset(L, -3)
    }

    /// Stores `value` under a string key, raw.
    public func rawSet(_ key: String, _ value: LuaValue) {
        rawSet(.string(LuaString(key)), value)
    }

    /// Sets the referenced table's metatable (nil removes it): for module tables that are
    /// also callable (`loupe.stats`). Does nothing when the value is not a table.
    public func setMetatable(_ metatable: LuaReference?) {
        let L = state.L
        push(into: L)
        defer { loupe_pop(L, 1) }
        guard lua_type(L, -1) == LUA_TTABLE else { return }
        if let metatable { metatable.push(into: L) } else { lua_pushnil(L) }
        lua_setmetatable(L, -2)
    }
}
