internal import CLuaShim

/// Moving values between Swift and the Lua stack (C → stack and stack → Swift, as lua.h's
/// sections say). Only non-raising, raw API is used: this code runs inside Swift callbacks.
enum LuaStack {
    /// Tables nested deeper than this are refused when read (they are almost surely a
    /// mistake, and the limit keeps the Swift stack small).
    static let maxDepth = 200
    /// Values read from one table, nested ones included: a table that shares subtables can
    /// describe far more values than it holds (`t = {t, t}` forty times over), and reading
    /// happens in host code, beyond the instruction budget.
    static let maxValues = 1_000_000

    /// The type name Lua's messages use: a userdata's `__name` (read raw), else the type.
    static func typeName(_ L: OpaquePointer, at index: Int32) -> String {
        let type = lua_type(L, index)
        if type == LUA_TUSERDATA || type == LUA_TLIGHTUSERDATA, lua_getmetatable(L, index) != 0 {
            lua_pushstring(L, "__name")
            defer { loupe_pop(L, 2) }
            if lua_rawget(L, -2) == LUA_TSTRING { return String(cString: loupe_tostring(L, -1)) }
        }
        return String(cString: loupe_typename_at(L, index))
    }

    // MARK: - C → stack

    static func push(_ L: OpaquePointer, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    static func push(_ L: OpaquePointer, _ value: LuaValue) {
        lua_checkstack(L, 3)
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s):
            s.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    _ = lua_pushlstring(L, $0.baseAddress, $0.count)
                }
            }
        case .table(let table):
            lua_createtable(L, Int32(clamping: table.sequence.count), Int32(clamping: table.fields.count))
            for (i, element) in table.sequence.enumerated() {
                push(L, element)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
            for field in table.fields where field.key.isValidKey {
                push(L, field.key)
                push(L, field.value)
                lua_rawset(L, -3)
            }
        case .function(let ref), .userdata(let ref), .thread(let ref):
            ref.push(into: L)
        case .lightUserdata(let address):
            lua_pushlightuserdata(L, UnsafeMutableRawPointer(bitPattern: address))
        }
    }

    // MARK: - stack → Swift

    /// A snapshot of the value at `index` (absolute or relative).
    static func read(_ L: OpaquePointer, at index: Int32) throws(LuaCallError) -> LuaValue {
        var path: [UnsafeRawPointer] = []
        var budget = maxValues
        return try read(L, at: lua_absindex(L, index), path: &path, budget: &budget)
    }

    private static func read(
        _ L: OpaquePointer, at index: Int32, path: inout [UnsafeRawPointer], budget: inout Int
    ) throws(LuaCallError) -> LuaValue {
        budget -= 1
        if budget < 0 {
            throw .message("cannot read a table of more than \(LuaLimits.formatCount(maxValues)) values (shared subtables count each time)")
        }
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let pointer = lua_tolstring(L, index, &length)!
            return .string(LuaString(bytes: Array(UnsafeRawBufferPointer(start: pointer, count: length))))
        case LUA_TTABLE: return .table(try readTable(L, at: index, path: &path, budget: &budget))
        case LUA_TLIGHTUSERDATA:
            return .lightUserdata(UInt(bitPattern: lua_touserdata(L, index)))
        case LUA_TFUNCTION: return .function(LuaReference(L, at: index))
        case LUA_TUSERDATA: return .userdata(LuaReference(L, at: index))
        default: return .thread(LuaReference(L, at: index))
        }
    }

    private static func readTable(
        _ L: OpaquePointer, at index: Int32, path: inout [UnsafeRawPointer], budget: inout Int
    ) throws(LuaCallError) -> LuaTable {
        // A read-only view (a module table another plugin returned) reads as the table it shows.
        if LuaStack.pushViewTarget(L, of: index) {
            defer { loupe_pop(L, 1) }
            return try readTable(L, at: lua_gettop(L), path: &path, budget: &budget)
        }
        let identity = lua_topointer(L, index)!
        if path.contains(identity) {
            throw .message("cannot read a table that contains itself (a cycle)")
        }
        if path.count >= maxDepth {
            throw .message("cannot read tables nested more than \(maxDepth) deep")
        }
        path.append(identity)
        defer { path.removeLast() }

        var entries: [LuaTable.Field] = []
        lua_checkstack(L, 4)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            // Read the key from a copy: lua_tolstring would turn a number key into a string
            // in place and confuse lua_next.
            lua_pushvalue(L, -2)
            let key: LuaValue
            let value: LuaValue
            do {
                key = try read(L, at: lua_absindex(L, -1), path: &path, budget: &budget)
                value = try read(L, at: lua_absindex(L, -2), path: &path, budget: &budget)
            } catch {
                loupe_pop(L, 3)
                throw error
            }
            loupe_pop(L, 2)
            entries.append(LuaTable.Field(key: key, value: value))
        }
        return splitSequence(entries)
    }

    /// Moves the entries with keys 1...n (no gap) into the sequence part.
    private static func splitSequence(_ entries: [LuaTable.Field]) -> LuaTable {
        var byIndex: [Int64: LuaValue] = [:]
        var rest: [LuaTable.Field] = []
        for entry in entries {
            if case .integer(let i) = entry.key, i >= 1 { byIndex[i] = entry.value } else { rest.append(entry) }
        }
        var sequence: [LuaValue] = []
        var next: Int64 = 1
        while let value = byIndex.removeValue(forKey: next) {
            sequence.append(value)
            next += 1
        }
        for (key, value) in byIndex { rest.append(LuaTable.Field(key: .integer(key), value: value)) }
        return LuaTable(sequence: sequence, fields: rest)
    }
}
