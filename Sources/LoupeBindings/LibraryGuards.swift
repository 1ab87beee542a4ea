import LuaRuntime

/// Keeps the library tables a worker's documents share from carrying changes from one
/// document to the next.
///
/// Each document gets fresh globals, but `string`, `table`, `math`, `utf8`, `coroutine`, `os`,
/// `io` and `loupe` (with `loupe.stats`, `loupe.fs`, `loupe.args`…) are the same tables for
/// every document a worker runs: `string.x = doc.id` in one document would show in the next
/// ones of that worker only, so results would depend on `--jobs`. ``install(in:names:callables:state:)``
/// puts each of them, in the script's environment and in every plugin's, behind a proxy before
/// the script's top level runs; the real tables are then reachable only through proxies.
/// At the top level a change goes through (`function string.trim(s) … end` is common Lua);
/// while a document or `finish` runs (see ``freeze(_:)``) it raises an error that says why:
///
/// ```lua
/// string.x = 1   --> script.lua:3: cannot set 'x' in 'string' while a document runs: …
/// ```
///
/// The sandbox's `rawset` refuses them too, with the same message. Reads stay as fast as the
/// VM makes them: a proxy's `__index` is the real table itself (no function call); `pairs` and `#` go to the real table, and `getmetatable` gives `false`.
/// Each proxy is also recorded as a read-only view, so the host's raw readers (rows, the REPL's
/// printer) read the real table. Tables a script or plugin adds to a library at the top level
/// are its own, like its other upvalues, and are not guarded; nor are a plugin's module tables.
final class LibraryGuards {
    /// The table whose `when` field says what runs (`"while a document runs"`), nil when
    /// changes go through.
    private let control: LuaReference

    /// The global names of the guarded tables, in the script's and every plugin's environment.
    static let names = ["string", "table", "math", "utf8", "coroutine", "os", "io", "loupe"]

    private init(control: LuaReference) {
        self.control = control
    }

    /// Puts tables `names` of each of `environments` (and the tables inside them) behind
    /// proxies, which let changes through until ``freeze(_:)``. `callables` lists the callable
    /// tables among them, each with its `__call` (their metatables are locked): their proxies
    /// call it directly, so errors keep pointing at the script's line.
    static func install(
        in environments: [LuaReference], names: [String] = names, callables: [(table: LuaReference, call: LuaValue)],
        state: LuaState
    ) throws(LuaError) -> LibraryGuards {
        let prelude = try state.load(preludeSource, chunkName: "=loupe.libraries")
        guard let setUp = try state.call(.function(prelude)).first else {
            throw LuaError(kind: .runtime, message: "the library guards did not set up")
        }
        let control = state.newTable()
        let calls = LuaTable(sequence: callables.map { .table(LuaTable(sequence: [.function($0.table), $0.call])) })
        try state.call(
            setUp, .table(LuaTable(sequence: environments.map { .function($0) })),
            .table(LuaTable(sequence: names.map { .string(LuaString($0)) })), .table(calls), .function(control),
            .function(state.readOnlyViews()))
        return LibraryGuards(control: control)
    }

    /// Refuses changes from now on, in messages that say they were made `when`
    /// (`"while a document runs"`); nil lets changes through again.
    func freeze(_ when: String?) {
        control.rawSet("when", when.map { .string(LuaString($0)) } ?? .nil)
    }

    /// Trusted code, run with the state's real globals; returns `function(environments, names,
    /// callables, control, views)`, which puts the proxies in place.
    private static let preludeSource = #"""
        local next, rawget, rawset, setmetatable, type, tostring, error, ipairs, pcall =
              next, rawget, rawset, setmetatable, type, tostring, error, ipairs, pcall
        local why = "library tables are shared by the documents of a worker, so the change would leak "
                    .. "into the next ones (set it at the script's top level, or use a local)"

        return function(environments, names, callables, control, views)
          local call_of, proxies, guarded, name_of = {}, {}, {}, {}
          for _, pair in ipairs(callables) do call_of[pair[1]] = pair[2] end

          local function guard(real, name)
            if guarded[real] then return real end
            local existing = proxies[real]
            if existing then return existing end
            local proxy = {}
            proxies[real], guarded[proxy], views[proxy], name_of[proxy] = proxy, true, real, name
            local function step(_, key) return next(real, key) end
            setmetatable(proxy, {
              __index = real,
              __newindex = function(_, key, value)
                local when = control.when
                if when then
                  error("cannot set '" .. tostring(key) .. "' in '" .. name .. "' " .. when .. ": " .. why, 2)
                end
                real[key] = value
              end,
              -- The iterator steps through the real table without handing it out.
              __pairs = function(self) return step, self, nil end,
              __len = function() return #real end,
              __call = call_of[real],
              __metatable = false,
            })
            -- Tables inside (loupe.stats, loupe.fs, loupe.args) are reached through proxies too.
            for key, value in next, real do
              if type(value) == "table" then
                local inner = type(key) == "string" and name .. "." .. key or name .. "[" .. tostring(key) .. "]"
                rawset(real, key, guard(value, inner))
              end
            end
            return proxy
          end

          -- rawset(string, "format", f) would write onto the proxy itself, which every later
          -- document reads first: the sandbox's rawset refuses library tables as = does.
          local function guarded_rawset(rawset)
            return function(t, key, value)
              local when, name = control.when, name_of[t]
              if when and name then
                error("cannot set '" .. tostring(key) .. "' in '" .. name .. "' " .. when .. ": " .. why, 2)
              end
              -- Through pcall, so that an error (bad argument #1 to 'rawset') reads as if the
              -- script had called rawset itself: without this wrapper's position, with the script's.
              local ok, message = pcall(rawset, t, key, value)
              if not ok then error(message, 2) end
              return t
            end
          end

          for _, env in ipairs(environments) do
            for _, name in ipairs(names) do
              local library = rawget(env, name)
              if type(library) == "table" then rawset(env, name, guard(library, name)) end
            end
            local original = rawget(env, "rawset")
            if original then rawset(env, "rawset", guarded_rawset(original)) end
          end
        end
        """#
}
