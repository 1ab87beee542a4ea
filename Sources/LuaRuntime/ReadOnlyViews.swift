internal import CLuaShim

// MARK: - Read-only views of tables

extension LuaState {
    /// The registry key of the table that maps each read-only view to the table it shows.
    static let viewsKey = "loupe.views"

    /// The state's table of read-only views: `views[view] = table`, weak in its keys.
    ///
    /// Trusted Lua code (the plugin prelude) makes a view of a table (a proxy whose `__index`
    /// reads the table and whose `__newindex` refuses) and records it here; the host's raw
    /// readers (``LuaFormatter``, reading a row or a result into a ``LuaValue``) then read the
    /// table the view shows instead of the empty proxy. Sandboxed code never sees this table.
    ///
    /// ```swift
    /// let views = state.readOnlyViews()   // pass it to trusted Lua as .function(views)
    /// ```
    public func readOnlyViews() -> LuaReference {
        lua_checkstack(L, 3)
        if lua_getfield(L, loupe_registryindex(), LuaState.viewsKey) != LUA_TTABLE {
            loupe_pop(L, 1)
            lua_createtable(L, 0, 0)
            lua_createtable(L, 0, 1)
            lua_pushstring(L, "k")
            lua_setfield(L, -2, "__mode")
            lua_setmetatable(L, -2)
            lua_pushvalue(L, -1)
            lua_setfield(L, loupe_registryindex(), LuaState.viewsKey)
        }
        defer { loupe_pop(L, 1) }
        return LuaReference(L, at: -1)
    }
}

extension LuaStack {
    /// When the table at `index` is a read-only view, pushes the table it shows and returns
    /// true; otherwise pushes nothing. Raw: no metamethod runs.
    static func pushViewTarget(_ L: OpaquePointer, of index: Int32) -> Bool {
        let index = lua_absindex(L, index)
        lua_checkstack(L, 3)
        guard lua_getfield(L, loupe_registryindex(), LuaState.viewsKey) == LUA_TTABLE else {
            loupe_pop(L, 1)
            return false
        }
        lua_pushvalue(L, index)
        guard lua_rawget(L, -2) == LUA_TTABLE else {
            loupe_pop(L, 2)
            return false
        }
        loupe_remove(L, -2)
        return true
    }
}
