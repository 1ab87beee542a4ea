internal import CLuaShim

// MARK: - The sandbox of DESIGN §7

extension LuaState {
    /// Makes a fresh environment for untrusted code (scripts, plugins, the REPL).
    ///
    /// The environment holds copies of the safe parts of the standard library, so one
    /// sandbox cannot change what another sees:
    ///
    /// - base functions except `dofile`, `loadfile` and raw `load`; `load` is wrapped to
    ///   compile text only, in the globals of the call that runs (``setCallGlobals(of:to:)``)
    ///   or else this environment, unless another is given;
    /// - `string` (without `dump`), `table`, `math`, `utf8`, `coroutine`, and of `os` only
    ///   `time`, `date`, `clock` and `difftime`; no `io`, `debug`, `package` or `require`;
    /// - `setmetatable` refuses metatables with `__gc` (finalizers run without the
    ///   instruction budget); `collectgarbage` answers `"count"` only;
    /// - `xpcall` runs its message handler after the stack has unwound, so a looping handler
    ///   stays under the budget like any code;
    /// - `print` writes its line to `print` (a host function, not stdout).
    ///
    /// The string metatable is locked (`getmetatable("")` is `false`), so method calls on
    /// strings reach the state's own string library, which no sandbox can modify.
    public func makeSandbox(print: @escaping (String) -> Void) throws(LuaError) -> LuaReference {
        let factory = try sandboxFactory()
        let write = function { frame in
            print(try frame.string(1))
            return 0
        }
        // The environment is wanted by identity, not as a snapshot: reference the result, and
        // keep its slot for the call's globals where only the host finds it.
        return try call(factory, arguments: [write]) { (frame) throws(LuaError) in
            lua_checkstack(frame.L, 3)
            pushSlots()
            lua_pushvalue(frame.L, frame.base + 1)
            lua_pushvalue(frame.L, frame.base + 2)
            lua_rawset(frame.L, -3)
            loupe_pop(frame.L, 1)
            return LuaReference(frame.L, at: frame.base + 1)
        }
    }

    /// Makes `load` without an environment, in code of `sandbox`, compile into `globals` (a
    /// document's fresh globals, from ``newEnvironment(inheriting:)``) rather than into the
    /// sandbox itself, as Lua's own `load` uses the globals of the moment; nil goes back to
    /// the sandbox. Without this, `load("n = (n or 0) + 1")()` in `document(doc)` would count
    /// across the documents of one worker, and the result would depend on `--jobs`.
    public func setCallGlobals(of sandbox: LuaReference, to globals: LuaReference?) {
        lua_checkstack(L, 4)
        pushSlots()
        sandbox.push(into: L)
        if lua_rawget(L, -2) == LUA_TTABLE {
            lua_pushstring(L, "globals")
            if let globals { globals.push(into: L) } else { lua_pushnil(L) }
            lua_rawset(L, -3)
        }
        loupe_pop(L, 2)
    }

    /// Pushes the table of each sandbox's slot, by sandbox (weak keys: a slot goes with its
    /// sandbox), making it on first use.
    private func pushSlots() {
        if lua_getfield(L, loupe_registryindex(), LuaState.slotsKey) == LUA_TTABLE { return }
        loupe_pop(L, 1)
        loupe_newtable(L)
        loupe_newtable(L)
        lua_pushstring(L, "__mode")
        lua_pushstring(L, "k")
        lua_rawset(L, -3)
        lua_setmetatable(L, -2)
        lua_pushvalue(L, -1)
        lua_setfield(L, loupe_registryindex(), LuaState.slotsKey)
    }

    private static let sandboxKey = "loupe.sandbox"
    private static let slotsKey = "loupe.sandbox.slots"

    /// The trusted function that builds sandbox environments, compiled once per state and
    /// kept in the registry (a stored reference would keep the state alive forever).
    private func sandboxFactory() throws(LuaError) -> LuaValue {
        lua_checkstack(L, 1)
        if lua_getfield(L, loupe_registryindex(), LuaState.sandboxKey) == LUA_TFUNCTION {
            defer { loupe_pop(L, 1) }
            return .function(LuaReference(L, at: -1))
        }
        loupe_pop(L, 1)
        let prelude = try load(LuaState.sandboxPrelude, chunkName: "=loupe.sandbox")
        let factory = try call(.function(prelude)).first ?? .nil
        LuaStack.push(L, factory)
        lua_setfield(L, loupe_registryindex(), LuaState.sandboxKey)
        return factory
    }

    /// Runs with the state's real globals; returns `function(write) → environment`.
    private static let sandboxPrelude = #"""
        local real_load, real_setmetatable, real_pcall = load, setmetatable, pcall
        local collectgarbage, tostring, select, type, error = collectgarbage, tostring, select, type, error
        local rawget, pairs, ipairs, concat, pack = rawget, pairs, ipairs, table.concat, table.pack

        -- Method calls on strings reach the real string table; scripts must not reach it.
        getmetatable("").__metatable = false

        local function copy(library, without)
          local c = {}
          for name, value in pairs(library) do
            if not (without and without[name]) then c[name] = value end
          end
          return c
        end

        local base = {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
                      "rawequal", "rawget", "rawlen", "rawset", "select", "tonumber", "tostring",
                      "type"}

        return function(write)
          local env = {}
          for _, name in ipairs(base) do env[name] = _G[name] end
          env._VERSION = _VERSION
          env._G = env
          env.string = copy(string, {dump = true})
          env.table = copy(table)
          env.math = copy(math)
          env.utf8 = copy(utf8)
          env.coroutine = copy(coroutine)
          env.os = {time = os.time, date = os.date, clock = os.clock, difftime = os.difftime}

          -- Arguments are checked here, so that errors point at the caller, in Lua's words.
          function env.setmetatable(t, mt)
            if type(t) ~= "table" then
              error("bad argument #1 to 'setmetatable' (table expected, got " .. type(t) .. ")", 2)
            elseif mt ~= nil and type(mt) ~= "table" then
              error("bad argument #2 to 'setmetatable' (nil or table expected)", 2)
            elseif mt ~= nil and rawget(mt, "__gc") ~= nil then
              error("bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in the sandbox)", 2)
            end
            local ok, result = real_pcall(real_setmetatable, t, mt)
            if not ok then error(result, 2) end  -- "cannot change a protected metatable"
            return result
          end

          function env.collectgarbage(option)
            if option ~= "count" then
              error("bad argument #1 to 'collectgarbage' (only \"count\" is allowed in the sandbox)", 2)
            end
            return collectgarbage("count")
          end

          -- The host's: the globals of the call that runs, when they are not env itself.
          local slot = {}

          -- Text only, and in the globals of the moment unless the caller gives an environment.
          function env.load(chunk, name, mode, ...)
            if type(chunk) ~= "string" and type(chunk) ~= "function" then
              error("bad argument #1 to 'load' (string expected, got " .. type(chunk) .. ")", 2)
            elseif name ~= nil and type(name) ~= "string" then
              error("bad argument #2 to 'load' (string expected, got " .. type(name) .. ")", 2)
            end
            local chunk_env = slot.globals or env
            if select("#", ...) > 0 then chunk_env = ... end
            return real_load(chunk, name, "t", chunk_env)
          end

          -- The handler runs after unwinding, as ordinary code under the budget.
          function env.xpcall(f, handler, ...)
            local function finish(ok, ...)
              if ok then return true, ... end
              local _, message = real_pcall(handler, (...))
              return false, message
            end
            return finish(real_pcall(f, ...))
          end

          function env.print(...)
            local args = pack(...)
            for i = 1, args.n do args[i] = tostring(args[i]) end
            write(concat(args, "\t", 1, args.n))
          end

          return env, slot
        end
        """#
}
