internal import CLuaShim

/// How instances of a Swift type appear in Lua: a full userdata with a metatable named
/// ``name`` that carries methods, properties and metamethods, each documented.
///
/// Two storages:
/// - **reference** (`LuaClass<Document>("Document", …)`): the userdata holds a strong
///   reference to a Swift object, released by `__gc`; it has a cache for values computed
///   from the object (see ``LuaFrame/cached(_:key:_:)``);
/// - **value** (`LuaClass<SpanRef>(value: "Span", …)`): the userdata holds a copy of a plain
///   struct (no references inside), needs no finaliser and is cheap to make by the million;
///   it can keep an owner alive in its user value (``LuaFrame/push(_:as:owner:)``).
///
/// ```swift
/// let counterClass = LuaClass<Counter>("Counter", summary: "A running count.")
///     .field("value", "integer", LuaDoc("The count so far.")) { counter, frame in
///         frame.returning(counter.value)
///     }
///     .method("add", LuaDoc("Adds to the count.", parameters: [.init("n", "integer", "How much.")])) {
///         counter, frame in
///         counter.value += Int(try frame.integer(2))
///         return 0
///     }
/// ```
///
/// In Lua, `c.value` reads a field, `c:add(2)` calls a method, `c.valeu` raises
/// "no field 'valeu' in Counter", and `getmetatable(c)` is `false`, so scripts cannot change
/// the class. Bad arguments are reported in Lua's words: `c.add({}, 1)` raises
/// "bad argument #1 to 'add' (Counter expected, got table)".
public struct LuaClass<Object>: Sendable {
    /// The body of a method or metamethod: `self` is argument 1 of the frame.
    public typealias Method = @Sendable (Object, LuaFrame) throws -> Int32
    /// A field getter: pushes the value and returns 1.
    public typealias Getter = @Sendable (Object, LuaFrame) throws -> Int32
    /// A field setter: the new value is argument 1 of the frame.
    public typealias Setter = @Sendable (Object, LuaFrame) throws -> Void

    enum Storage: Sendable { case reference, value }

    /// The type name Lua shows (`__name`): in error messages and `tostring`.
    public let name: String
    /// One line saying what the class is, for the reference.
    public let summary: String
    let storage: Storage
    private(set) var methods: [(name: String, doc: LuaDoc, body: Method)] = []
    private(set) var fields: [(name: String, type: String, doc: LuaDoc, get: Getter, set: Setter?)] = []
    private(set) var metamethods: [(name: String, doc: LuaDoc, body: Method)] = []
    private(set) var fallback: Method?
    private(set) var luaMethods: [(name: String, doc: LuaDoc, source: String)] = []

    /// Declares a class whose instances are Swift objects held by reference.
    public init(_ name: String, summary: String = "") where Object: AnyObject {
        self.name = name
        self.summary = summary
        self.storage = .reference
    }

    /// Declares a class whose instances are copies of a plain struct (no references inside).
    public init(value name: String, summary: String = "") where Object: BitwiseCopyable {
        self.name = name
        self.summary = summary
        self.storage = .value
    }

    /// Adds a method, called as `object:name(...)`.
    public func method(_ name: String, _ doc: LuaDoc, _ body: @escaping Method) -> LuaClass {
        var copy = self
        copy.methods.append((name, doc, body))
        return copy
    }

    /// Adds a method written in Lua: `source` is a chunk returning the function. It is
    /// compiled once per state with the standard library (not a sandbox) in reach, and runs
    /// like any script code, under the caller's budget.
    public func luaMethod(_ name: String, _ doc: LuaDoc, source: String) -> LuaClass {
        var copy = self
        copy.luaMethods.append((name, doc, source))
        return copy
    }

    /// Adds a field, read as `object.name` and, with a setter, assigned.
    public func field(
        _ name: String, _ type: String, _ doc: LuaDoc, get: @escaping Getter, set: Setter? = nil
    ) -> LuaClass {
        var copy = self
        copy.fields.append((name, type, doc, get, set))
        return copy
    }

    /// Adds a metamethod such as `"__len"`, `"__tostring"`, `"__lt"` or `"__call"`.
    /// `__index`, `__newindex`, `__gc` and `__metatable` belong to the bridge and are refused.
    public func metamethod(_ event: String, _ doc: LuaDoc, _ body: @escaping Method) -> LuaClass {
        precondition(
            !["__index", "__newindex", "__gc", "__metatable", "__name"].contains(event),
            "\(event) is managed by LuaClass")
        var copy = self
        copy.metamethods.append((event, doc, body))
        return copy
    }

    /// Handles keys that are neither methods nor fields (such as integer indices): the frame
    /// holds `(self, key)`. Without it, such keys raise "no field 'x' in T".
    public func fallback(_ body: @escaping Method) -> LuaClass {
        var copy = self
        copy.fallback = body
        return copy
    }

    /// The class's documentation, for the reference, `:help` and editor stubs.
    public var info: LuaClassInfo {
        LuaClassInfo(
            name: name, summary: summary,
            members: fields.map { LuaMemberInfo(name: $0.name, kind: .field, type: $0.type, writable: $0.set != nil, doc: $0.doc) }
                + methods.map { LuaMemberInfo(name: $0.name, kind: .method, type: "", writable: false, doc: $0.doc) }
                + luaMethods.map { LuaMemberInfo(name: $0.name, kind: .method, type: "", writable: false, doc: $0.doc) }
                + metamethods.map { LuaMemberInfo(name: $0.name, kind: .metamethod, type: "", writable: false, doc: $0.doc) })
    }

    // MARK: - Storage

    /// The instance held by the userdata block at `block` (not type-checked).
    @inline(__always)
    func object(atBlock block: UnsafeMutableRawPointer) -> Object? {
        switch storage {
        case .value:
            return block.load(as: Object.self)
        case .reference:
            guard let box = block.load(as: UnsafeMutableRawPointer?.self) else { return nil }
            return unsafeBitCast(Unmanaged<AnyObject>.fromOpaque(box).takeUnretainedValue(), to: Object.self)
        }
    }
}

extension LuaFrame {
    /// The instance at `index` if it is one of `luaClass`, else `nil`.
    @inline(__always)
    public func optionalObject<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) -> Object? {
        guard let block = luaL_testudata(L, base + index, luaClass.name) else { return nil }
        return luaClass.object(atBlock: block)
    }

    /// The instance at `index`; throws "bad argument #n to 'f' (T expected, got U)" otherwise.
    @inline(__always)
    public func object<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) throws(LuaCallError) -> Object {
        guard let object = optionalObject(index, luaClass) else {
            throw .type(index, expected: luaClass.name)
        }
        return object
    }

    /// Pushes an instance of a class registered with ``LuaState/register(_:)``. For value
    /// classes, `owner` is a stack index whose value the userdata keeps alive (the document a
    /// span points into).
    @inline(__always)
    public func push<Object>(_ object: Object, as luaClass: LuaClass<Object>, owner: Int32? = nil) {
        lua_checkstack(L, 2)
        switch luaClass.storage {
        case .reference:
            loupe_pushobject(L, retainForLua(unsafeBitCast(object, to: AnyObject.self)), luaClass.name)
        case .value:
            let block = lua_newuserdatauv(L, MemoryLayout<Object>.size, owner == nil ? 0 : 1)!
            block.initializeMemory(as: Object.self, to: object)
            luaL_setmetatable(L, luaClass.name)
            if let owner {
                lua_pushvalue(L, owner > 0 ? base + owner : owner - 1)
                lua_setiuservalue(L, -2, 1)
            }
        }
    }

    /// Pushes the value cached under `key` for the object at `index` (a reference-class
    /// instance), computing it with `produce` (which must push exactly one value) the first
    /// time. Large strings and tables built from an object are made once this way.
    public func cached(_ index: Int32, key: String, _ produce: () throws -> Void) rethrows {
        lua_checkstack(L, 4)
        let object = index > 0 ? base + index : lua_absindex(L, index)
        if lua_getiuservalue(L, object, 1) != LUA_TTABLE {
            loupe_pop(L, 1)
            loupe_newtable(L)
            lua_pushvalue(L, -1)
            lua_setiuservalue(L, object, 1)
        }
        LuaStack.push(L, key)
        if lua_rawget(L, -2) != LUA_TNIL {
            loupe_remove(L, -2)
            return
        }
        loupe_pop(L, 1)
        try produce()
        LuaStack.push(L, key)
        lua_pushvalue(L, -2)
        lua_rawset(L, -4)
        loupe_remove(L, -2)
    }
}

extension LuaState {
    /// Makes `luaClass` known to this state; instances of it can then be pushed.
    /// Registering a class again replaces its members for instances pushed afterwards.
    public func register<Object>(_ luaClass: LuaClass<Object>) {
        lua_checkstack(L, 8)
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
        let checkingSelf = { (body: @escaping LuaClass<Object>.Method) -> LuaFunction in
            { frame in try body(frame.object(1, luaClass), frame) }
        }
        /// Argument 1 of __index/__newindex is always an instance (only this metatable's
        /// handlers receive it), so it is read without a type check.
        let selfOf = { (frame: LuaFrame) throws(LuaCallError) -> Object in
            guard let block = lua_touserdata(frame.L, 1), let object = luaClass.object(atBlock: block) else {
                throw .message("attempt to use a \(luaClass.name) after it was collected")
            }
            return object
        }

        // __index: methods table, field numbers, getter, fallback.
        lua_createtable(L, 0, Int32(luaClass.methods.count + luaClass.luaMethods.count))
        for method in luaClass.methods {
            pushCallback(checkingSelf(method.body))
            lua_setfield(L, -2, method.name)
        }
        for method in luaClass.luaMethods {
            do {
                let chunk = try load(method.source, chunkName: "=\(luaClass.name).\(method.name)")
                LuaStack.push(L, try call(.function(chunk)).first ?? .nil)
            } catch {
                preconditionFailure("\(luaClass.name).\(method.name) does not compile: \(error)")
            }
            lua_setfield(L, -2, method.name)
        }
        lua_createtable(L, 0, Int32(luaClass.fields.count))
        for (number, field) in luaClass.fields.enumerated() {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, field.name)
        }
        let getters = luaClass.fields.map(\.get)
        pushBox { frame in try getters[Int(lua_tointegerx(frame.L, 2, nil))](selfOf(frame), frame) }
        if let fallback = luaClass.fallback {
            pushBox { frame in try fallback(selfOf(frame), frame) }
        } else {
            lua_pushnil(L)
        }
        loupe_pushobjectindex(L)
        setField("__index")

        // __newindex: settable field numbers, setter.
        lua_createtable(L, 0, 0)
        for (number, field) in luaClass.fields.enumerated() where field.set != nil {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, field.name)
        }
        let fields = luaClass.fields
        pushBox { frame in
            let object = try selfOf(frame)
            let field = fields[Int(lua_tointegerx(frame.L, 2, nil))]
            do {
                try field.set!(object, LuaFrame(frame.L, base: 2))
            } catch let error as LuaCallError {
                // The value is argument 1 of the setter's frame; say which field it was for.
                let problem: String
                switch error {
                case .type(_, let expected): problem = "\(expected) expected, got \(frame.typeName(3))"
                case .argument(_, let text): problem = text
                default: throw error
                }
                throw LuaCallError.message("bad value for field '\(field.name)' in \(luaClass.name) (\(problem))")
            }
            return 0
        }
        loupe_pushobjectnewindex(L)
        setField("__newindex")

        // Equality: the same object (reference), or the same bytes (value).
        let size = MemoryLayout<Object>.size
        pushCallback { frame in
            guard let a = luaL_testudata(frame.L, 1, luaClass.name), let b = luaL_testudata(frame.L, 2, luaClass.name)
            else { return frame.returning(false) }
            switch luaClass.storage {
            case .reference:
                return frame.returning(a.load(as: UnsafeRawPointer?.self) == b.load(as: UnsafeRawPointer?.self))
            case .value:
                return frame.returning(UnsafeRawBufferPointer(start: a, count: size).elementsEqual(UnsafeRawBufferPointer(start: b, count: size)))
            }
        }
        setField("__eq")
        for metamethod in luaClass.metamethods {
            pushCallback(checkingSelf(metamethod.body))
            setField(metamethod.name)
        }
        if luaClass.storage == .reference {
            lua_pushcclosure(L, loupe_object_gc, 0)
            setField("__gc")
        }
        lua_pushboolean(L, 0)
        setField("__metatable")
    }
}
