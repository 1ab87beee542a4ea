internal import CLuaShim

#if canImport(Glibc)
import Glibc
#endif

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
public final class LuaClass<Object>: @unchecked Sendable {
    // Sendable: a class is built once (its builder methods run while a `static let`
    // initialises) and never changes after; Lua states only read it.

    /// The body of a method or metamethod: `self` is argument 1 of the frame.
    public typealias Method = @Sendable (Object, LuaFrame) throws -> Int32
    /// A field getter: pushes the value and returns 1.
    public typealias Getter = @Sendable (Object, LuaFrame) throws -> Int32
    /// A field setter: the new value is argument 1 of the frame.
    public typealias Setter = @Sendable (Object, LuaFrame) throws -> Void

    @usableFromInline enum Storage: Sendable { case reference, value, light }

    /// The type name Lua shows (`__name`): in error messages and `tostring`.
    public let name: String
    /// One line saying what the class is, for the reference.
    public let summary: String
    @usableFromInline let storage: Storage
    /// The name as a C string, made once; its address is also the metatable's light-userdata
    /// key in the registry (see `loupe_testudata_p`).
    let cName: UnsafeMutablePointer<CChar>
    @usableFromInline var key: UnsafeMutableRawPointer { UnsafeMutableRawPointer(cName) }
    /// Reads an instance from its userdata block, and writes one into a new block; made in
    /// the inlinable initialisers so that they are specialised for `Object` in the module
    /// that declares the class (generic code would look up type metadata on every call).
    @usableFromInline let load: @Sendable (UnsafeMutableRawPointer) -> Object?
    @usableFromInline let store: (@Sendable (UnsafeMutableRawPointer, Object) -> Void)?

    // Members, with their bodies already adapted to plain `LuaFunction`s by the inlinable
    // builder methods below: specialised for `Object` where the class is declared, so that
    // registering and calling them involves no generic code at all.
    @usableFromInline var methods: [Member] = []
    @usableFromInline var fields: [Field] = []
    @usableFromInline var metamethods: [Member] = []
    @usableFromInline var fallbackBody: LuaFunction?
    @usableFromInline var collectHook: LuaFunction?
    private(set) var luaMethods: [(name: String, doc: LuaDoc, source: String)] = []

    @usableFromInline
    struct Member {
        let name: String
        let doc: LuaDoc
        let body: LuaFunction
        @usableFromInline init(name: String, doc: LuaDoc, body: @escaping LuaFunction) {
            self.name = name
            self.doc = doc
            self.body = body
        }
    }

    @usableFromInline
    struct Field {
        let name: String
        let type: String
        let doc: LuaDoc
        /// Called with (self, field number).
        let get: LuaFunction
        /// Called with the frame's argument 1 = self and the value at argument 3.
        let set: LuaFunction?
        @usableFromInline init(name: String, type: String, doc: LuaDoc, get: @escaping LuaFunction, set: LuaFunction?) {
            self.name = name
            self.type = type
            self.doc = doc
            self.get = get
            self.set = set
        }
    }

    @usableFromInline
    init(
        name: String, summary: String, storage: Storage, load: @escaping @Sendable (UnsafeMutableRawPointer) -> Object?,
        store: (@Sendable (UnsafeMutableRawPointer, Object) -> Void)?
    ) {
        self.name = name
        self.summary = summary
        self.storage = storage
        self.load = load
        self.store = store
        cName = strdup(name)!
    }

    deinit { free(cName) }

    /// Declares a class whose instances are Swift objects held by reference.
    @inlinable
    public convenience init(_ name: String, summary: String = "") where Object: AnyObject {
        self.init(name: name, summary: summary, storage: .reference, load: { block in
            guard let box = block.load(as: UnsafeMutableRawPointer?.self) else { return nil }
            return Unmanaged<Object>.fromOpaque(box).takeUnretainedValue()
        }, store: nil)
    }

    /// Declares a class whose instances are copies of a plain struct (no references inside).
    @inlinable
    public convenience init(value name: String, summary: String = "") where Object: BitwiseCopyable {
        self.init(name: name, summary: summary, storage: .value, load: { block in block.load(as: Object.self) },
                  store: { block, value in block.initializeMemory(as: Object.self, to: value) })
    }

    /// Declares the state's light-userdata class: instances are 64-bit handles (never 0)
    /// pushed as light userdata, which cost no allocation at all, not even for the garbage
    /// collector. Lua gives all light userdata one metatable, so a state can register only one
    /// such class; a handle must carry everything needed to find what it stands for.
    @inlinable
    public convenience init(light name: String, summary: String = "") where Object == UInt64 {
        self.init(name: name, summary: summary, storage: .light,
                  load: { block in UInt64(UInt(bitPattern: block)) }, store: nil)
    }

    /// Adds a method, called as `object:name(...)`.
    @inlinable
    public func method(_ name: String, _ doc: LuaDoc, _ body: @escaping Method) -> LuaClass {
        methods.append(Member(name: name, doc: doc, body: checkingSelf(body)))
        return self
    }

    /// Adds a method written in Lua: `source` is a chunk returning the function. It is
    /// compiled once per state with the standard library (not a sandbox) in reach, and runs
    /// like any script code, under the caller's budget.
    public func luaMethod(_ name: String, _ doc: LuaDoc, source: String) -> LuaClass {
        luaMethods.append((name, doc, source))
        return self
    }

    /// Adds a field, read as `object.name` and, with a setter, assigned.
    @inlinable
    public func field(
        _ name: String, _ type: String, _ doc: LuaDoc, get: @escaping Getter, set: Setter? = nil
    ) -> LuaClass {
        let load = self.load
        let className = self.name
        let getter: LuaFunction = { frame in
            // Only this class's __index calls it, so argument 1 is an instance: no type check.
            guard let block = frame._rawBlock(at: 1), let object = load(block) else {
                throw LuaCallError.message("attempt to use a \(className) after it was collected")
            }
            return try get(object, frame)
        }
        var setter: LuaFunction?
        if let set {
            setter = { frame in
                guard let block = frame._rawBlock(at: 1), let object = load(block) else {
                    throw LuaCallError.message("attempt to use a \(className) after it was collected")
                }
                try set(object, frame._shifted(by: 2))
                return 0
            }
        }
        fields.append(Field(name: name, type: type, doc: doc, get: getter, set: setter))
        return self
    }

    /// Adds a metamethod such as `"__len"`, `"__tostring"`, `"__lt"` or `"__call"`.
    /// `__index`, `__newindex`, `__gc` and `__metatable` belong to the bridge and are refused.
    @inlinable
    public func metamethod(_ event: String, _ doc: LuaDoc, _ body: @escaping Method) -> LuaClass {
        precondition(
            !["__index", "__newindex", "__gc", "__metatable", "__name"].contains(event),
            "\(event) is managed by LuaClass")
        metamethods.append(Member(name: event, doc: doc, body: checkingSelf(body)))
        return self
    }

    /// Runs `body` when Lua collects an instance's userdata, just before the reference to the
    /// Swift object is released (reference classes only). It must not fail.
    @inlinable
    public func onCollect(_ body: @escaping @Sendable (Object, LuaFrame) -> Void) -> LuaClass {
        precondition(storage == .reference, "onCollect is for reference classes")
        let load = self.load
        collectHook = { frame in
            if let block = frame._rawBlock(at: 1), let object = load(block) { body(object, frame) }
            return 0
        }
        return self
    }

    /// Handles keys that are neither methods nor fields (such as integer indices): the frame
    /// holds `(self, key)`. Without it, such keys raise "no field 'x' in T".
    @inlinable
    public func fallback(_ body: @escaping Method) -> LuaClass {
        let load = self.load
        fallbackBody = { frame in
            guard let block = frame._rawBlock(at: 1), let object = load(block) else { return 0 }
            return try body(object, frame)
        }
        return self
    }

    /// `body` behind a check that argument 1 is an instance ("bad argument #1 to 'f'
    /// (T expected, got U)" otherwise): methods can be called with anything as `self`.
    @inlinable
    func checkingSelf(_ body: @escaping Method) -> LuaFunction {
        let load = self.load
        let key = self.key
        let className = self.name
        let isLight = storage == .light
        return { frame in
            guard let block = isLight ? frame._lightUserdata(at: 1) : frame._userdataBlock(at: 1, key: key),
                let object = load(block)
            else {
                throw LuaCallError.type(1, expected: className)
            }
            return try body(object, frame)
        }
    }

    /// The class's documentation, for the reference, `:help` and editor definitions.
    public var info: LuaClassInfo {
        LuaClassInfo(
            name: name, summary: summary,
            members: fields.map { LuaMemberInfo(name: $0.name, kind: .field, type: $0.type, writable: $0.set != nil, doc: $0.doc) }
                + methods.map { LuaMemberInfo(name: $0.name, kind: .method, type: "", writable: false, doc: $0.doc) }
                + luaMethods.map { LuaMemberInfo(name: $0.name, kind: .method, type: "", writable: false, doc: $0.doc) }
                + metamethods.map { LuaMemberInfo(name: $0.name, kind: .metamethod, type: "", writable: false, doc: $0.doc) })
    }

}

extension LuaFrame {
    /// The instance at `index` if it is one of `luaClass`, else `nil`.
    @inlinable @inline(__always)
    public func optionalObject<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) -> Object? {
        let block = luaClass.storage == .light ? _lightUserdata(at: index) : _userdataBlock(at: index, key: luaClass.key)
        guard let block else { return nil }
        return luaClass.load(block)
    }

    /// The instance at `index`; throws "bad argument #n to 'f' (T expected, got U)" otherwise.
    @inlinable @inline(__always)
    public func object<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) throws(LuaCallError) -> Object {
        guard let object = optionalObject(index, luaClass) else {
            throw .type(index, expected: luaClass.name)
        }
        return object
    }

    /// Pushes an instance of a class registered with ``LuaState/register(_:)``. For value
    /// classes, `owner` is a stack index whose value the userdata keeps alive (the document a
    /// span points into).
    ///
    /// For reference classes, `accountedBytes` is memory the object holds that Lua should
    /// count (against ``LuaLimits/memory`` and for collection pacing) while the userdata lives.
    @inlinable @inline(__always)
    public func push<Object>(_ object: Object, as luaClass: LuaClass<Object>, owner: Int32? = nil, accountedBytes: Int = 0) {
        switch luaClass.storage {
        case .reference:
            _pushObject(retainForLua(unsafeBitCast(object, to: AnyObject.self)), key: luaClass.key, accounted: accountedBytes)
        case .value:
            let block = _pushValueBlock(size: MemoryLayout<Object>.size, key: luaClass.key, owner: owner)
            luaClass.store!(block, object)
        case .light:
            _pushLight(unsafeBitCast(object, to: UInt64.self))
        }
    }

    /// The handle of the light userdata at `index`, or nil.
    @usableFromInline
    func _lightUserdata(at index: Int32) -> UnsafeMutableRawPointer? {
        lua_type(L, base + index) == LUA_TLIGHTUSERDATA ? lua_touserdata(L, base + index) : nil
    }

    /// Pushes a light userdata.
    @usableFromInline
    func _pushLight(_ handle: UInt64) {
        lua_checkstack(L, 1)
        lua_pushlightuserdata(L, UnsafeMutableRawPointer(bitPattern: UInt(handle)))
    }

    /// The block of the userdata at `index`, unchecked.
    @usableFromInline
    func _rawBlock(at index: Int32) -> UnsafeMutableRawPointer? {
        lua_touserdata(L, base + index)
    }

    /// The frame seen from `offset` slots further up (a setter's value is argument 1).
    @usableFromInline
    func _shifted(by offset: Int32) -> LuaFrame {
        LuaFrame(L, base: base + offset)
    }

    /// The block of the userdata at `index` if its metatable is the one registered under `key`.
    @usableFromInline
    func _userdataBlock(at index: Int32, key: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        loupe_testudata_p(L, base + index, key)
    }

    /// Pushes a reference-class userdata holding `box`.
    @usableFromInline
    func _pushObject(_ box: UnsafeMutableRawPointer, key: UnsafeMutableRawPointer, accounted: Int) {
        lua_checkstack(L, 2)
        loupe_pushobject_p(L, box, key, accounted)
    }

    /// Pushes a value-class userdata of `size` bytes (with its metatable and owner) and
    /// returns its block, for the caller to fill.
    @usableFromInline
    func _pushValueBlock(size: Int, key: UnsafeMutableRawPointer, owner: Int32?) -> UnsafeMutableRawPointer {
        lua_checkstack(L, 3)
        let block = lua_newuserdatauv(L, size, owner == nil ? 0 : 1)!
        loupe_setmetatable_p(L, key)
        if let owner {
            lua_pushvalue(L, owner > 0 ? base + owner : owner - 1)
            lua_setiuservalue(L, -2, 1)
        }
        return block
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
        register(
            name: luaClass.name, cName: luaClass.cName, storage: luaClass.storage,
            size: MemoryLayout<Object>.size, methods: luaClass.methods, luaMethods: luaClass.luaMethods,
            fields: luaClass.fields, metamethods: luaClass.metamethods, fallback: luaClass.fallbackBody,
            collectHook: luaClass.collectHook)
    }

    /// The type-erased work of ``register(_:)``: every member is a plain `LuaFunction` here.
    private func register<Object>(
        name: String, cName: UnsafeMutablePointer<CChar>, storage: LuaClass<Object>.Storage, size: Int,
        methods: [LuaClass<Object>.Member], luaMethods: [(name: String, doc: LuaDoc, source: String)],
        fields: [LuaClass<Object>.Field], metamethods: [LuaClass<Object>.Member], fallback: LuaFunction?,
        collectHook: LuaFunction?
    ) {
        lua_checkstack(L, 8)
        _ = luaL_newmetatable(L, cName)
        let metatable = lua_gettop(L)
        lua_pushvalue(L, metatable)
        lua_rawsetp(L, loupe_registryindex(), cName)
        if storage == .light {
            // The metatable of every light userdata in the state.
            lua_pushlightuserdata(L, nil)
            lua_pushvalue(L, metatable)
            lua_setmetatable(L, -2)
            loupe_pop(L, 1)
        }
        defer { lua_settop(L, metatable - 1) }

        func setField(_ key: String) { lua_setfield(L, metatable, key) }
        func pushCallback(_ body: @escaping LuaFunction) { loupe_pushcallback(L, retainForLua(LuaCallback(body))) }
        func pushBox(_ body: @escaping LuaFunction) { loupe_pushbox(L, retainForLua(LuaCallback(body))) }

        // __index: methods table, field numbers, getter, fallback.
        lua_createtable(L, 0, Int32(methods.count + luaMethods.count))
        for method in methods {
            pushCallback(method.body)
            lua_setfield(L, -2, method.name)
        }
        for method in luaMethods {
            do {
                let chunk = try load(method.source, chunkName: "=\(name).\(method.name)")
                LuaStack.push(L, try call(.function(chunk)).first ?? .nil)
            } catch {
                preconditionFailure("\(name).\(method.name) does not compile: \(error)")
            }
            lua_setfield(L, -2, method.name)
        }
        lua_createtable(L, 0, Int32(fields.count))
        for (number, field) in fields.enumerated() {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, field.name)
        }
        let getters = fields.map(\.get)
        pushBox { frame in try getters[Int(lua_tointegerx(frame.L, 2, nil))](frame) }
        if let fallback { pushBox(fallback) } else { lua_pushnil(L) }
        loupe_pushobjectindex(L)
        setField("__index")

        // __newindex: settable field numbers, setter.
        lua_createtable(L, 0, 0)
        for (number, field) in fields.enumerated() where field.set != nil {
            lua_pushinteger(L, lua_Integer(number))
            lua_setfield(L, -2, field.name)
        }
        let setters = fields.map { (name: $0.name, set: $0.set) }
        pushBox { frame in
            let field = setters[Int(lua_tointegerx(frame.L, 2, nil))]
            do {
                return try field.set!(frame)
            } catch let error as LuaCallError {
                // The value is argument 1 of the setter's frame; say which field it was for.
                let problem: String
                switch error {
                case .type(_, let expected): problem = "\(expected) expected, got \(frame.typeName(3))"
                case .argument(_, let text): problem = text
                default: throw error
                }
                throw LuaCallError.message("bad value for field '\(field.name)' in \(name) (\(problem))")
            }
        }
        loupe_pushobjectnewindex(L)
        setField("__newindex")

        // Equality: the same object (reference), or the same bytes (value). Light userdata
        // compare by value already.
        let key = UnsafeMutableRawPointer(cName)
        let isReference = storage == .reference
        pushCallback { frame in
            guard let a = frame._userdataBlock(at: 1, key: key), let b = frame._userdataBlock(at: 2, key: key) else {
                return frame.returning(false)
            }
            if isReference {
                return frame.returning(a.load(as: UnsafeRawPointer?.self) == b.load(as: UnsafeRawPointer?.self))
            }
            return frame.returning(
                UnsafeRawBufferPointer(start: a, count: size).elementsEqual(UnsafeRawBufferPointer(start: b, count: size)))
        }
        setField("__eq")
        for metamethod in metamethods {
            pushCallback(metamethod.body)
            setField(metamethod.name)
        }
        if isReference, let collectHook {
            pushCallback { frame in
                _ = try? collectHook(frame)
                return Int32(loupe_object_gc(frame.L))
            }
            setField("__gc")
        } else if isReference {
            lua_pushcclosure(L, loupe_object_gc, 0)
            setField("__gc")
        }
        lua_pushboolean(L, 0)
        setField("__metatable")
    }
}
