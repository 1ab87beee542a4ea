internal import CLuaShim

/// A Swift function callable from Lua.
///
/// It reads its arguments from the frame, pushes its results onto it and returns how many it
/// pushed. To make Lua raise, it throws a ``LuaCallError``; any other error is raised with its
/// description. It must not keep the frame beyond the call.
///
/// ```swift
/// let add = lua.function { args in
///     args.returning(try args.integer(1) + args.integer(2))
/// }
/// ```
public typealias LuaFunction = (LuaFrame) throws -> Int32

/// The box Lua holds for a Swift function (released by the closure's `__gc`).
final class LuaCallback {
    let body: LuaFunction
    init(_ body: @escaping LuaFunction) { self.body = body }
}

/// The type of a Lua value, as `lua_type` reports it.
public enum LuaType: Int32, Sendable {
    case none = -1, `nil` = 0, boolean, lightUserdata, number, string, table, function,
        userdata, thread

    /// The name Lua's `type()` gives (`"no value"` for an absent argument).
    public var name: String {
        switch self {
        case .none: "no value"
        case .lightUserdata: "userdata"
        default: String(describing: self)
        }
    }
}

/// A window on the Lua stack: the arguments of a Swift function called from Lua, or the
/// results of a Lua function called from Swift.
///
/// Indices are 1-based from the start of the window, as in the C API. Every accessor uses
/// only Lua's non-raising API and reads tables raw, so a script's metamethods never run and no
/// Lua error can unwind through the caller. Argument errors are thrown as ``LuaCallError`` with
/// Lua's own wording.
public struct LuaFrame {
    @usableFromInline let L: OpaquePointer
    @usableFromInline let base: Int32

    init(_ L: OpaquePointer, base: Int32) {
        self.L = L
        self.base = base
    }

    /// The state this frame belongs to.
    public var state: LuaState { LuaState.owner(of: L) }

    /// The raw `lua_State` of the running thread, for the package's own C fast paths only.
    package var unsafeRawState: OpaquePointer { L }

    /// Counts `bytes` of host memory against the state's memory cap, as if Lua held them
    /// (search results a document keeps, for instance); ``refund(_:)`` gives them back.
    /// - Throws: the memory-limit error, without counting them, when they would pass the cap.
    public func charge(_ bytes: Int) throws(LuaCallError) {
        let runtime = loupe_runtime_of(L)!
        if runtime.pointee.limit > 0, runtime.pointee.used + bytes > runtime.pointee.limit {
            let message = withUnsafeBytes(of: &runtime.pointee.memory_message) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw .message(message)
        }
        runtime.pointee.used += bytes
    }

    /// Gives back host memory counted by ``charge(_:)``.
    public func refund(_ bytes: Int) {
        let runtime = loupe_runtime_of(L)!
        runtime.pointee.used -= min(bytes, runtime.pointee.used)
    }

    /// The state's ``LuaState/hostContext``: quicker to reach than through ``state``.
    public var hostContext: UnsafeMutableRawPointer? { loupe_runtime_of(L)!.pointee.host_context }

    /// How many values the window holds (the arguments, or the results).
    public var count: Int32 { lua_gettop(L) - base }

    /// The type of the value at `index`; ``LuaType/none`` past the end.
    public func type(_ index: Int32) -> LuaType {
        index > count ? .none : LuaType(rawValue: lua_type(L, base + index)) ?? .none
    }

    /// The type name of the value at `index` as Lua's messages give it: the `__name` of a
    /// userdata's metatable (read raw), else the basic type name.
    public func typeName(_ index: Int32) -> String {
        index > count ? LuaType.none.name : LuaStack.typeName(L, at: base + index)
    }

    // MARK: - Reading arguments

    /// The integer at `index`, like `luaL_checkinteger`: floats with an exact integer value
    /// and strings that convert to one are accepted, as Lua's own functions accept them.
    @inline(__always)
    public func integer(_ index: Int32) throws(LuaCallError) -> Int64 {
        var isInteger: Int32 = 0
        let value = lua_tointegerx(L, base + index, &isInteger)
        if isInteger != 0 { return value }
        throw integerError(index)
    }

    private func integerError(_ index: Int32) -> LuaCallError {
        var isNumber: Int32 = 0
        _ = lua_tonumberx(L, base + index, &isNumber)
        return isNumber != 0
            ? .argument(index, "number has no integer representation")
            : .type(index, expected: "number")
    }

    /// The integer at `index`, or `nil` when the argument is absent or nil.
    public func optionalInteger(_ index: Int32) throws(LuaCallError) -> Int64? {
        isNoneOrNil(index) ? nil : try integer(index)
    }

    /// The number at `index`, like `luaL_checknumber` (numeric strings are accepted).
    @inline(__always)
    public func number(_ index: Int32) throws(LuaCallError) -> Double {
        var isNumber: Int32 = 0
        let value = lua_tonumberx(L, base + index, &isNumber)
        if isNumber != 0 { return value }
        throw .type(index, expected: "number")
    }

    /// The string at `index`; numbers are accepted and converted, as `luaL_checkstring` does.
    public func string(_ index: Int32) throws(LuaCallError) -> String {
        try withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The string at `index`, or `nil` when the argument is absent or nil.
    public func optionalString(_ index: Int32) throws(LuaCallError) -> String? {
        isNoneOrNil(index) ? nil : try string(index)
    }

    /// The bytes of the string at `index`, exactly.
    public func bytes(_ index: Int32) throws(LuaCallError) -> LuaString {
        try withBytes(index) { LuaString(bytes: Array($0)) }
    }

    /// Calls `body` with the bytes of the string at `index`, without copying them; the buffer
    /// is valid only during the call.
    public func withBytes<R>(
        _ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws(LuaCallError) -> R
    ) throws(LuaCallError) -> R {
        let kind = type(index)
        guard kind == .string || kind == .number else {
            throw .type(index, expected: "string")
        }
        var length = 0
        let pointer = lua_tolstring(L, base + index, &length)!
        return try pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            (bytes) throws(LuaCallError) -> R in
            try body(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    /// The truth of the value at `index` (only `nil`, `false` and absent are false).
    public func boolean(_ index: Int32) -> Bool {
        lua_toboolean(L, base + index) != 0
    }

    /// Whether the argument at `index` is absent or nil.
    public func isNoneOrNil(_ index: Int32) -> Bool {
        type(index).rawValue <= 0
    }

    /// A snapshot of the value at `index` (tables are read raw; see ``LuaValue``).
    public func value(_ index: Int32) throws(LuaCallError) -> LuaValue {
        try LuaStack.read(L, at: base + index)
    }

    /// A snapshot of the table at `index`.
    public func table(_ index: Int32) throws(LuaCallError) -> LuaTable {
        guard type(index) == .table else { throw .type(index, expected: "table") }
        guard case .table(let table) = try value(index) else { fatalError("unreachable") }
        return table
    }

    /// Every value in the window, as snapshots.
    public func values() throws(LuaCallError) -> [LuaValue] {
        var out: [LuaValue] = []
        out.reserveCapacity(Int(count))
        for i in stride(from: Int32(1), through: count, by: 1) { out.append(try value(i)) }
        return out
    }

    /// The value at `index` written in Lua syntax, read raw (see ``LuaFormatter``).
    public func describe(_ index: Int32, _ formatter: LuaFormatter = LuaFormatter()) -> String {
        formatter.describe(L, at: base + index)
    }

    // MARK: - Pushing results

    /// Pushes nil.
    public func pushNil() {
        lua_checkstack(L, 1)
        lua_pushnil(L)
    }

    /// Pushes a boolean.
    public func push(_ value: Bool) {
        lua_checkstack(L, 1)
        lua_pushboolean(L, value ? 1 : 0)
    }

    /// Pushes an integer.
    public func push(_ value: Int) {
        lua_checkstack(L, 1)
        lua_pushinteger(L, lua_Integer(value))
    }

    /// Pushes an integer.
    public func push(_ value: Int64) {
        lua_checkstack(L, 1)
        lua_pushinteger(L, value)
    }

    /// Pushes a float.
    public func push(_ value: Double) {
        lua_checkstack(L, 1)
        lua_pushnumber(L, value)
    }

    /// Pushes a string (its UTF-8 bytes).
    public func push(_ value: String) {
        lua_checkstack(L, 1)
        LuaStack.push(L, value)
    }

    /// Pushes raw bytes as a Lua string.
    public func push(bytes: UnsafeBufferPointer<UInt8>) {
        lua_checkstack(L, 1)
        bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
    }

    /// Pushes any value (tables are built anew from the snapshot).
    public func push(_ value: LuaValue) {
        LuaStack.push(L, value)
    }

    /// Pushes a Swift object as userdata of a class registered with ``LuaState/register(_:)``.
    public func push<Object: AnyObject>(_ object: Object, as luaClass: LuaClass<Object>) {
        lua_checkstack(L, 1)
        loupe_pushobject(L, retainForLua(object), luaClass.name)
    }

    /// Pushes the first user value of the userdata at `index` (the owner a value-class
    /// instance keeps alive, or an object's cache), or nil.
    public func pushUserValue(of index: Int32) {
        lua_checkstack(L, 1)
        _ = lua_getiuservalue(L, index > 0 ? base + index : index, 1)
    }

    /// Stores the value at `index` under integer `key` in the state's weak-valued table
    /// `table` (made on first use): it is found again with ``pushWeak(_:key:)`` for as long
    /// as something else keeps it alive.
    public func storeWeak(_ index: Int32, in table: String, key: Int) {
        lua_checkstack(L, 4)
        let value = index > 0 ? base + index : lua_absindex(L, index)
        pushWeakTable(table)
        lua_pushvalue(L, value)
        lua_rawseti(L, -2, lua_Integer(key))
        loupe_pop(L, 1)
    }

    /// Pushes what the weak table `table` holds under `key`: nil once collected.
    public func pushWeak(_ table: String, key: Int) {
        lua_checkstack(L, 3)
        pushWeakTable(table)
        lua_rawgeti(L, -1, lua_Integer(key))
        loupe_remove(L, -2)
    }

    private func pushWeakTable(_ name: String) {
        if lua_getfield(L, loupe_registryindex(), name) != LUA_TTABLE {
            loupe_pop(L, 1)
            loupe_newtable(L)
            loupe_newtable(L)
            LuaStack.push(L, "v")
            lua_setfield(L, -2, "__mode")
            lua_setmetatable(L, -2)
            lua_pushvalue(L, -1)
            lua_setfield(L, loupe_registryindex(), name)
        }
    }

    /// Pushes a copy of the value at `index`.
    public func pushCopy(of index: Int32) {
        lua_checkstack(L, 1)
        lua_pushvalue(L, index > 0 ? base + index : index)
    }

    /// Removes the value at `index`, shifting the ones above it down.
    public func remove(at index: Int32) {
        loupe_remove(L, index > 0 ? base + index : index)
    }

    /// Pushes a new table whose entries `fill` sets with ``setField(_:)``-style calls: `fill`
    /// pushes a value and names it; the table is left on top.
    public func pushTable(arrayCount: Int = 0, fieldCount: Int = 0) {
        lua_checkstack(L, 2)
        lua_createtable(L, Int32(clamping: arrayCount), Int32(clamping: fieldCount))
    }

    /// Pops the value on top and stores it in the table below it under `key` (raw).
    public func setField(_ key: String) {
        LuaStack.push(L, key)
        loupe_insert(L, -2)
        lua_rawset(L, -3)
    }

    /// Pops the value on top and stores it in the table below it at integer `index` (raw).
    public func setIndex(_ index: Int) {
        lua_rawseti(L, -2, lua_Integer(index))
    }

    /// Pushes `values` and returns their count: `return frame.returning(a, b)`.
    public func returning(_ values: LuaValue...) -> Int32 {
        for value in values { push(value) }
        return Int32(values.count)
    }

    /// Pushes one string and returns 1.
    public func returning(_ value: String) -> Int32 { push(value); return 1 }
    /// Pushes one integer and returns 1.
    public func returning(_ value: Int64) -> Int32 { push(value); return 1 }
    /// Pushes one integer and returns 1.
    public func returning(_ value: Int) -> Int32 { push(value); return 1 }
    /// Pushes one float and returns 1.
    public func returning(_ value: Double) -> Int32 { push(value); return 1 }
    /// Pushes one boolean and returns 1.
    public func returning(_ value: Bool) -> Int32 { push(value); return 1 }
}
