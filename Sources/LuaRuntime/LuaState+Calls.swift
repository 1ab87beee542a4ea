internal import CLuaShim

// MARK: - Loading and calling Lua from Swift

extension LuaState {
    /// Compiles a text chunk (binary chunks are always refused).
    ///
    /// - Parameters:
    ///   - source: the Lua source.
    ///   - chunkName: Lua's chunk name: `"=name"` shows as `name` in messages, `"@path"` as a
    ///     file path.
    ///   - environment: the table the chunk sees as `_ENV` (a sandbox); the state's own
    ///     globals when `nil`.
    /// - Returns: the compiled chunk, as a function.
    /// - Throws: ``LuaError`` of kind ``LuaError/Kind/syntax`` (or a limit, for huge chunks).
    public func load(
        _ source: String, chunkName: String, environment: LuaReference? = nil
    ) throws(LuaError) -> LuaReference {
        var source = source
        return try source.withUTF8 { utf8 in
            Result { () throws(LuaError) in
                try load(bytes: UnsafeRawBufferPointer(utf8), chunkName: chunkName, environment: environment)
            }
        }.get()
    }

    /// Compiles a text chunk given as bytes; see ``load(_:chunkName:environment:)``.
    public func load(
        bytes: UnsafeRawBufferPointer, chunkName: String, environment: LuaReference? = nil
    ) throws(LuaError) -> LuaReference {
        lua_checkstack(L, 2)
        let saved = loupe_enter(runtime)
        let status = loupe_loadbuffer(
            L, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, chunkName, "t")
        let killed = loupe_leave(runtime, saved)
        guard status == LUA_OK else {
            throw takeError(status: status, killed: killed, kind: .syntax)
        }
        if let environment {
            environment.push(into: L)
            // A main chunk's first upvalue is _ENV.
            lua_setupvalue(L, -2, 1)
        }
        defer { loupe_pop(L, 1) }
        return LuaReference(L, at: -1)
    }

    /// Makes `chunk` (a main chunk from ``load(_:chunkName:environment:)``) and every function
    /// it defined see `environment` as `_ENV` from now on: they share the chunk's `_ENV`
    /// upvalue, so one assignment swaps the globals of all of them.
    public func setEnvironment(of chunk: LuaReference, to environment: LuaReference) {
        lua_checkstack(L, 2)
        chunk.push(into: L)
        environment.push(into: L)
        if lua_setupvalue(L, -2, 1) == nil { loupe_pop(L, 1) }
        loupe_pop(L, 1)
    }

    /// A new table whose missing keys are looked up in `base` (through a locked metatable):
    /// a fresh set of globals over the script's own, for one document. Its `_G` is itself, as
    /// a globals table's is, so that `_G.x = 1` stays in it rather than reaching `base`.
    public func newEnvironment(inheriting base: LuaReference) -> LuaReference {
        lua_checkstack(L, 4)
        loupe_newtable(L)
        lua_pushstring(L, "_G")
        lua_pushvalue(L, -2)
        lua_rawset(L, -3)
        loupe_newtable(L)
        lua_pushstring(L, "__index")
        base.push(into: L)
        lua_rawset(L, -3)
        lua_pushstring(L, "__metatable")
        lua_pushboolean(L, 0)
        lua_rawset(L, -3)
        lua_setmetatable(L, -2)
        defer { loupe_pop(L, 1) }
        return LuaReference(L, at: -1)
    }

    /// Calls `function` with `arguments` under the limits, and returns snapshots of its
    /// results.
    ///
    /// - Throws: ``LuaError`` when the call raises or hits a limit, or when a result cannot be
    ///   read (a table that contains itself).
    @discardableResult
    public func call(_ function: LuaValue, _ arguments: LuaValue...) throws(LuaError) -> [LuaValue] {
        try call(function, arguments: arguments) { (results) throws(LuaError) in
            do throws(LuaCallError) {
                return try results.values()
            } catch {
                throw LuaError(kind: .runtime, message: "cannot read the results: \(error.text)")
            }
        }
    }

    /// Calls `function` with `arguments` under the limits, and hands the results to `body`
    /// while they are still on the stack (to read them without copying, or to describe them).
    public func call<Result>(
        _ function: LuaValue, arguments: [LuaValue],
        results body: (LuaFrame) throws(LuaError) -> Result
    ) throws(LuaError) -> Result {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_checkstack(L, Int32(clamping: arguments.count + 2))
        lua_pushcclosure(L, loupe_msgh, 0)
        let handler = lua_gettop(L)
        LuaStack.push(L, function)
        for argument in arguments { LuaStack.push(L, argument) }
        let saved = loupe_enter(runtime)
        let status = loupe_pcall(L, Int32(arguments.count), loupe_multret(), handler)
        let killed = loupe_leave(runtime, saved)
        guard status == LUA_OK else {
            throw takeError(status: status, killed: killed, kind: .runtime)
        }
        return try body(LuaFrame(L, base: handler))
    }

    /// Makes a Lua function that runs `body` (see ``LuaFunction``).
    public func function(_ body: @escaping LuaFunction) -> LuaValue {
        lua_checkstack(L, 2)
        loupe_pushcallback(L, retainForLua(LuaCallback(body)))
        defer { loupe_pop(L, 1) }
        return .function(LuaReference(L, at: -1))
    }

    /// References the value `push` pushes (one value, such as a userdata made with
    /// ``LuaFrame/push(_:as:owner:)``), for passing to ``call(_:_:)``.
    public func value(_ push: (LuaFrame) -> Void) -> LuaValue {
        lua_checkstack(L, 2)
        let top = lua_gettop(L)
        push(LuaFrame(L, base: top))
        defer { lua_settop(L, top) }
        return (try? LuaStack.read(L, at: top + 1)) ?? .nil
    }

    /// Makes a new empty table held by reference (for environments and modules).
    public func newTable() -> LuaReference {
        lua_checkstack(L, 1)
        loupe_newtable(L)
        defer { loupe_pop(L, 1) }
        return LuaReference(L, at: -1)
    }

    /// The state's own global table (trusted code only: untrusted code runs in a sandbox).
    public var globals: LuaReference {
        lua_checkstack(L, 1)
        loupe_pushglobaltable(L)
        defer { loupe_pop(L, 1) }
        return LuaReference(L, at: -1)
    }

    // MARK: - Errors

    /// Pops the error value left by a failed load or call and builds the ``LuaError``.
    private func takeError(status: Int32, killed: Int32, kind: LuaError.Kind) -> LuaError {
        defer { loupe_pop(L, 1) }
        let where_ = position()
        let traceback = takeTraceback()
        let value = try? LuaStack.read(L, at: -1)
        switch Int32(killed) {
        case Int32(LOUPE_KILL_INSTRUCTIONS.rawValue):
            return LuaError(kind: .instructionLimit, message: limits.instructionMessage.prefixed(where_))
        case Int32(LOUPE_KILL_MEMORY.rawValue):
            collectGarbage()
            return LuaError(kind: .memoryLimit, message: limits.memoryMessage.prefixed(where_))
        case Int32(LOUPE_KILL_INTERRUPT.rawValue):
            return LuaError(kind: .interrupted, message: interruptMessage.prefixed(where_))
        default: break
        }
        let errorKind: LuaError.Kind
        switch status {
        case LUA_ERRMEM: errorKind = .outOfMemory
        case LUA_ERRERR: errorKind = .errorHandler
        default: errorKind = kind
        }
        if case .string(let message)? = value {
            return LuaError(kind: errorKind, message: Self.collapsingRepeatedPositions(message.text), traceback: traceback)
        }
        let typeName = value?.typeName ?? "unreadable"
        return LuaError(
            kind: errorKind, message: "(error object is a \(typeName) value)".prefixed(where_),
            traceback: traceback, value: value)
    }

    /// An error passed up through nested coroutines gets the same position once per level
    /// ("eval:1: eval:1: eval:1: C stack overflow"): keep one.
    static func collapsingRepeatedPositions(_ message: String) -> String {
        guard let (chunk, line) = LuaError.position(in: message) else { return message }
        let prefix = "\(chunk):\(line): "
        var rest = Substring(message)
        while rest.hasPrefix(prefix + prefix) { rest = rest.dropFirst(prefix.count) }
        return String(rest)
    }

    /// "chunk:line" of the innermost Lua frame at the last error, if the handler saw one.
    private func position() -> String? {
        let line = runtime.pointee.error_line
        guard line > 0 else { return nil }
        let source = withUnsafeBytes(of: &runtime.pointee.error_source) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "\(source):\(line)"
    }

    private func takeTraceback() -> String? {
        lua_checkstack(L, 2)
        guard lua_getfield(L, loupe_registryindex(), LOUPE_TRACEBACK_KEY) == LUA_TSTRING else {
            loupe_pop(L, 1)
            return nil
        }
        let text = Self.withoutHostFrames(String(cString: loupe_tostring(L, -1)))
        loupe_pop(L, 1)
        lua_pushnil(L)
        lua_setfield(L, loupe_registryindex(), LOUPE_TRACEBACK_KEY)
        runtime.pointee.error_line = 0
        return text
    }

    /// `traceback` without the frames of Loupe's own trusted Lua (`require`'s loader, the
    /// sandbox, the spec library), which say nothing about the user's code.
    static func withoutHostFrames(_ traceback: String) -> String {
        let host = ["loupe.plugins:", "loupe.sandbox:", "loupe.setup:", "loupe.spec:", "loupe.completion:"]
        return traceback.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                let frame = line.drop(while: { $0 == "\t" })
                return !host.contains { frame.hasPrefix($0) }
            }
            .joined(separator: "\n")
    }
}

extension String {
    fileprivate func prefixed(_ position: String?) -> String {
        position.map { "\($0): \(self)" } ?? self
    }
}

extension LuaCallError {
    /// The error as a sentence, for messages that wrap it.
    public var text: String {
        switch self {
        case .message(let text), .argument(_, let text): text
        case .type(_, let expected): "\(expected) expected"
        case .value(let value): "(error object is a \(value.typeName) value)"
        }
    }
}
