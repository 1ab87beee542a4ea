internal import CLuaShim

/// How instances of a Swift class appear in Lua: a full userdata with a metatable named
/// ``name`` that carries methods, properties and metamethods.
///
/// Declare the class once, register it with ``LuaState/register(_:)``, then push objects
/// with ``LuaFrame/push(_:as:)``. Lua holds a strong reference to each pushed object until
/// the userdata is collected (`__gc` releases it).
///
/// ```swift
/// let counterClass = LuaClass<Counter>("Counter")
///     .property("value") { counter, frame in frame.returning(counter.value) }
///     .method("add") { counter, frame in
///         counter.value += Int(try frame.integer(2))
///         return 0
///     }
/// ```
///
/// In Lua, `c.value` reads a property, `c:add(2)` calls a method, `c.valeu` raises
/// "no field 'valeu' in Counter", and `getmetatable(c)` is `false`, so scripts cannot change
/// the class. Bad arguments are reported in Lua's words: `c.add({}, 1)` raises
/// "bad argument #1 to 'add' (Counter expected, got table)".
public struct LuaClass<Object: AnyObject>: Sendable {
    /// The body of a method or metamethod: `self` is argument 1 of the frame.
    public typealias Method = @Sendable (Object, LuaFrame) throws -> Int32
    /// A property getter: pushes the value and returns 1.
    public typealias Getter = @Sendable (Object, LuaFrame) throws -> Int32
    /// A property setter: the new value is argument 1 of the frame.
    public typealias Setter = @Sendable (Object, LuaFrame) throws -> Void

    /// The type name Lua shows (`__name`): in error messages and `tostring`.
    public let name: String
    private(set) var methods: [(name: String, body: Method)] = []
    private(set) var properties: [(name: String, get: Getter, set: Setter?)] = []
    private(set) var metamethods: [(name: String, body: Method)] = []

    /// Declares a class named `name` with no members yet.
    public init(_ name: String) {
        self.name = name
    }

    /// Adds a method, called as `object:name(...)`.
    public func method(_ name: String, _ body: @escaping Method) -> LuaClass {
        var copy = self
        copy.methods.append((name, body))
        return copy
    }

    /// Adds a property, read as `object.name` and, with a setter, assigned.
    public func property(
        _ name: String, get: @escaping Getter, set: Setter? = nil
    ) -> LuaClass {
        var copy = self
        copy.properties.append((name, get, set))
        return copy
    }

    /// Adds a metamethod such as `"__len"`, `"__tostring"`, `"__lt"` or `"__call"`.
    /// `__index`, `__newindex`, `__gc` and `__metatable` belong to the bridge and are refused.
    public func metamethod(_ event: String, _ body: @escaping Method) -> LuaClass {
        precondition(
            !["__index", "__newindex", "__gc", "__metatable", "__name"].contains(event),
            "\(event) is managed by LuaClass")
        var copy = self
        copy.metamethods.append((event, body))
        return copy
    }
}

extension LuaFrame {
    /// The object at `index` if it is an instance of `luaClass`, else `nil`.
    public func optionalObject<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) -> Object? {
        guard let box = loupe_toobject(L, base + index, luaClass.name) else { return nil }
        return Unmanaged<Object>.fromOpaque(box).takeUnretainedValue()
    }

    /// The object at `index`; throws "bad argument #n to 'f' (T expected, got U)" otherwise.
    public func object<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) throws(LuaCallError) -> Object {
        guard let object = optionalObject(index, luaClass) else {
            throw .type(index, expected: luaClass.name)
        }
        return object
    }
}

extension LuaState {
    /// Makes `luaClass` known to this state; objects of it can then be pushed.
    /// Registering a class again replaces its members for objects pushed afterwards.
    public func register<Object>(_ luaClass: LuaClass<Object>) {
        lua_checkstack(L, 6)
        _ = luaL_newmetatable(L, luaClass.name)
        let metatable = lua_gettop(L)
        defer { lua_settop(L, metatable - 1) }

        func setField(_ key: String) { lua_setfield(L, metatable, key) }
        func pushCallback(_ body: @escaping LuaFunction) {
            loupe_pushcallback(L, retainForLua(LuaCallback(body)))
        }
        func pushBox(_ body: @escaping LuaFunction) {
            loupe_pushbox(L, retainForLua(LuaCallback(body)))
        }
        let methodCheckingSelf = { (body: @escaping LuaClass<Object>.Method) -> LuaFunction in
            { frame in try body(frame.object(1, luaClass), frame) }
        }

        // __index: methods table, property numbers, getter.
        lua_createtable(L, 0, Int32(luaClass.methods.count))
        for method in luaClass.methods {
            pushCallback(methodCheckingSelf(method.body))
            lua_setfield(L, -2, method.name)
        }
        lua_createtable(L, 0, Int32(luaClass.properties.count))
        for (number, property) in luaClass.properties.enumerated() {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, property.name)
        }
        let getters = luaClass.properties.map(\.get)
        pushBox { frame in
            // Only this metatable's __index calls us, so argument 1 is an Object: no check.
            guard let box = lua_touserdata(frame.L, 1)?.load(as: UnsafeMutableRawPointer?.self) else {
                throw LuaCallError.message("attempt to use a \(luaClass.name) after it was collected")
            }
            let object = Unmanaged<Object>.fromOpaque(box).takeUnretainedValue()
            return try getters[Int(lua_tointegerx(frame.L, 2, nil))](object, frame)
        }
        loupe_pushobjectindex(L)
        setField("__index")

        // __newindex: settable property numbers, setter.
        lua_createtable(L, 0, 0)
        for (number, property) in luaClass.properties.enumerated() where property.set != nil {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, property.name)
        }
        let properties = luaClass.properties
        pushBox { frame in
            let object = try frame.object(1, luaClass)
            let property = properties[Int(lua_tointegerx(frame.L, 2, nil))]
            do {
                try property.set!(object, LuaFrame(frame.L, base: 2))
            } catch let error as LuaCallError {
                // The value is argument 1 of the setter's frame; say which field it was for.
                let problem: String
                switch error {
                case .type(_, let expected): problem = "\(expected) expected, got \(frame.typeName(3))"
                case .argument(_, let text): problem = text
                default: throw error
                }
                throw LuaCallError.message("bad value for field '\(property.name)' in \(luaClass.name) (\(problem))")
            }
            return 0
        }
        loupe_pushobjectnewindex(L)
        setField("__newindex")

        // Identity: two userdata for the same Swift object are equal.
        pushCallback { frame in
            frame.returning(frame.optionalObject(1, luaClass) === frame.optionalObject(2, luaClass))
        }
        setField("__eq")
        for metamethod in luaClass.metamethods {
            pushCallback(methodCheckingSelf(metamethod.body))
            setField(metamethod.name)
        }
        lua_pushcclosure(L, loupe_object_gc, 0)
        setField("__gc")
        lua_pushboolean(L, 0)
        setField("__metatable")
    }
}
