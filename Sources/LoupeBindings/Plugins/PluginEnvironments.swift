import Foundation
import LuaRuntime

/// Puts plugins into a script's state: `require`, one sandbox environment per plugin, each
/// caller's own `loupe.fs` and `loupe.exec`, and clear refusals for what the sandbox lacks.
///
/// Every plugin gets an environment of its own (made like the script's, so plugin A cannot see
/// or change plugin B's globals or the script's); the modules of one plugin share it. A
/// module is compiled as text only, once per state, and its result cached as `package.loaded`
/// would: every `require` of it gets the same value. A table reaches the modules of its own
/// plugin as it is, and the script and other plugins as a read-only view (reads go through,
/// writes fail naming the module), so no plugin can replace another's functions.
enum PluginEnvironments {
    /// Installs `runtime` into `state`: the script's sandbox gets `require` and its `loupe`
    /// module its `fs` and `exec`; each plugin gets its environment. Returns the plugins'
    /// environments.
    static func install(
        _ runtime: PluginRuntime, state: LuaState, sandbox: LuaReference, module: LuaReference,
        print: @escaping (String) -> Void
    ) throws(LuaError) -> [LuaReference] {
        let scriptPolicy = PathPolicy(script: runtime)
        module.rawSet("fs", .function(FileAccessBinding.fsTable(in: state, policy: scriptPolicy)))
        module.rawSet("exec", FileAccessBinding.exec(in: state, policy: scriptPolicy))
        var plugins: [LuaValue] = []
        var environments: [LuaReference] = []
        for plugin in runtime.plugins {
            let policy = PathPolicy(plugin: plugin, in: runtime)
            let env = try state.makeSandbox(print: print)
            environments.append(env)
            plugins.append(.table(LuaTable([
                "env": .function(env),
                "fs": .function(FileAccessBinding.fsTable(in: state, policy: policy)),
                "exec": FileAccessBinding.exec(in: state, policy: policy),
            ])))
        }
        let locate = state.function { frame in
            switch ModuleLocation.find(try frame.string(1), in: runtime) {
            case .found(let index, let path, let chunkName):
                return frame.returning(.integer(Int64(index + 1)), .string(LuaString(path)), .string(LuaString(chunkName)))
            case .missing(let message):
                return frame.returning(.nil, .string(LuaString(message)))
            }
        }
        let read = state.function { frame in
            let path = try frame.string(1)
            guard let data = FileManager.default.contents(atPath: path) else {
                return frame.returning(.nil, .string(LuaString("cannot read \(path)")))
            }
            try frame.charge(data.count)
            frame.refund(data.count)
            return frame.returning(.string(LuaString(bytes: Array(data))))
        }
        let prelude = try state.load(preludeSource, chunkName: "=loupe.plugins")
        guard let setUp = try state.call(.function(prelude)).first else { return environments }
        try state.call(
            setUp, .function(sandbox), .function(module), .table(LuaTable(sequence: plugins)), locate, read,
            .function(state.readOnlyViews()))
        return environments
    }

    /// Trusted code, run with the state's real globals; returns `function(script, loupe,
    /// plugins, locate, read, views)`, which sets the environments up.
    private static let preludeSource = #"""
        local load, pcall, error, type, pairs, ipairs, next, tostring, concat = load, pcall, error, type, pairs, ipairs, next, tostring, table.concat
        local setmetatable, rawget, rawset = setmetatable, rawget, rawset

        local function refused(name, text)
          return function() error(name .. " is not available in Loupe's sandbox: " .. text, 2) end
        end
        local read_hint = "read files with loupe.fs.read(path) or loupe.fs.lines(path) (outside the plugin's own folder and the corpus, that needs the 'fs.read' permission)"
        local write_hint = "write files with loupe.fs.write(path, text) (that needs the 'fs.write' permission)"
        local exec_hint = "run programs with loupe.exec{program, args...} (that needs the 'exec' permission)"

        -- What the sandbox lacks, as functions that say so and name the way that exists.
        local function add_refusals(env)
          env.io = {
            open = refused("io.open", read_hint .. "; " .. write_hint),
            lines = refused("io.lines", read_hint), read = refused("io.read", read_hint),
            input = refused("io.input", read_hint), output = refused("io.output", write_hint),
            write = refused("io.write", write_hint .. "; print() writes to standard error"),
            tmpfile = refused("io.tmpfile", write_hint), close = refused("io.close", read_hint),
            popen = refused("io.popen", exec_hint),
          }
          env.os.execute = refused("os.execute", exec_hint)
          env.os.remove = refused("os.remove", "plugins never delete files; " .. write_hint)
          env.os.rename = refused("os.rename", "plugins never move files; " .. write_hint)
          local package_refusals = {
            loadlib = "C modules are never loaded (only Lua modules of installed plugins, with require)",
            cpath = "C modules are never loaded (only Lua modules of installed plugins, with require)",
            searchpath = "C modules are never loaded, and require searches installed plugins only",
            searchers = "require searches installed plugins only",
            path = "require searches installed plugins only (see 'loupe plugin list')",
            preload = "require searches installed plugins only", loaded = "require caches modules itself",
          }
          env.package = setmetatable({}, {
            __index = function(_, key)
              local why = package_refusals[key] or "there is no package library"
              error("package." .. tostring(key) .. " is not available in Loupe's sandbox: " .. why, 2)
            end,
            __newindex = function(_, key) error("package." .. tostring(key) .. " cannot be set in Loupe's sandbox", 2) end,
            __metatable = false,
          })
        end

        return function(script, loupe, plugins, locate, read, views_registry)
          local envs = {}
          add_refusals(script)
          for i, plugin in ipairs(plugins) do
            local own = {}
            for key, value in pairs(loupe) do own[key] = value end
            own.fs, own.exec = plugin.fs, plugin.exec
            -- The script's arguments, as a copy: a plugin that changes them changes only its own.
            if type(loupe.args) == "table" then
              own.args = {}
              for key, value in pairs(loupe.args) do own.args[key] = value end
            end
            plugin.env.loupe = own
            plugin.env.emit = script.emit
            add_refusals(plugin.env)
            envs[i] = plugin.env
          end

          -- A module's table reaches the code of other plugins and the script as a read-only
          -- view: reading goes through (tables inside are views too), changing refuses, so no
          -- plugin can replace another's functions. The plugin's own modules get the table.
          -- Each caller has views of its own, so what it rawsets on one stays with it.
          local shown = views_registry
          local metamethods = {"__index", "__newindex", "__call", "__tostring", "__name", "__len", "__eq", "__lt", "__le",
            "__concat", "__unm", "__add", "__sub", "__mul", "__div", "__mod", "__pow", "__idiv", "__band", "__bor",
            "__bxor", "__shl", "__shr", "__bnot", "__close", "__mode"}
          local function view(t, module, views)
            local existing = views[t]
            if existing then return existing end
            local proxy = {}
            local function wrap(value)
              if type(value) == "table" then return view(value, module, views) end
              return value
            end
            setmetatable(proxy, {
              __index = function(_, key) return wrap(t[key]) end,
              __newindex = function(_, key)
                error("module '" .. module .. "' is read-only outside its plugin: cannot set '" .. tostring(key)
                      .. "' (a plugin's tables are changed only by the plugin's own code)", 2)
              end,
              __len = function() return #t end,
              __pairs = function()
                return function(_, key)
                  local k, v = next(t, key)
                  return k, wrap(v)
                end, proxy, nil
              end,
              __call = function(_, ...) return t(...) end,
              __metatable = false,
            })
            views[t] = proxy
            -- Lua reads a metatable's fields raw: a module used as a metatable (M.__index = M,
            -- then setmetatable(obj, M)) keeps working through the view, which holds them itself.
            for _, event in ipairs(metamethods) do
              local value = rawget(t, event)
              if value ~= nil then rawset(proxy, event, wrap(value)) end
            end
            shown[proxy] = t
            return proxy
          end

          local loaded, owner, loading, chain = {}, {}, {}, {}
          local module_of = setmetatable({}, {__mode = "k"})
          local function load_module(name)
            if type(name) ~= "string" then
              error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 3)
            end
            local cached = loaded[name]
            if cached ~= nil then return cached, owner[name] end
            if loading[name] then
              error("module '" .. name .. "' is part of a dependency cycle: " .. concat(chain, " → ") .. " → " .. name
                    .. "; move what these modules share into a module that requires neither", 3)
            end
            local index, path, chunkname = locate(name)
            if not index then error(path, 3) end
            local text, message = read(path)
            if not text then error("module '" .. name .. "': " .. message, 3) end
            local chunk, syntax = load(text, chunkname, "t", envs[index])
            if not chunk then error("module '" .. name .. "' does not compile: " .. syntax, 3) end
            loading[name] = true
            chain[#chain + 1] = name
            local ok, result = pcall(chunk, name, path)
            loading[name] = nil
            chain[#chain] = nil
            if not ok then error(result, 0) end
            if result == nil then result = true end
            loaded[name], owner[name] = result, index
            if type(result) == "table" then module_of[result] = {name = name, owner = index} end
            return result, index
          end
          -- The require of caller `caller` (0 for the script, else the plugin's index).
          local function require_for(caller, views)
            return function(name)
              local result, index = load_module(name)
              if index ~= caller and type(result) == "table" then return view(result, name, views) end
              return result
            end
          end
          -- Its getmetatable: an object a plugin made with its module as the metatable gives
          -- other callers the module's view, not a way around it.
          local function getmetatable_for(caller, views, get)
            return function(value)
              local mt = get(value)
              local module = module_of[mt]
              if module and module.owner ~= caller then return view(mt, module.name, views) end
              return mt
            end
          end

          local script_views = setmetatable({}, {__mode = "k"})
          script.require = require_for(0, script_views)
          script.getmetatable = getmetatable_for(0, script_views, script.getmetatable)
          for i, env in ipairs(envs) do
            local views = setmetatable({}, {__mode = "k"})
            env.require = require_for(i, views)
            env.getmetatable = getmetatable_for(i, views, env.getmetatable)
          end
        end
        """#
}

/// Where a module's file is, or why there is none.
enum ModuleLocation: Equatable {
    /// Provided by plugin `index`, in the file `path`, named `chunkName` in messages.
    case found(index: Int, path: String, chunkName: String)
    /// Not provided: the message says where Loupe looked and what to do.
    case missing(String)

    /// Finds `module` among the plugins of `runtime`.
    static func find(_ module: String, in runtime: PluginRuntime) -> ModuleLocation {
        let valid = !module.isEmpty && module.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        guard valid else {
            return .missing("module '\(module)' not found: a module name is words separated by dots, such as 'quotes.rules'")
        }
        guard let index = runtime.provider(of: module) else {
            let home = PathPolicy.homeFolder
            let looked = runtime.searchedFolders.map { folder in
                // Shown as the user would type it: ~/.local/share/… rather than /home/u/.local/share/….
                let path = folder.path.hasPrefix(home + "/") ? "~" + folder.path.dropFirst(home.count) : folder.path
                return "\(path) (\(folder.label))"
            }.joined(separator: ", ")
            return .missing(
                "module '\(module)' not found: no installed plugin provides it (looked in: \(looked.isEmpty ? "no plugin folders" : looked)); install one with 'loupe plugin install'")
        }
        let plugin = runtime.plugins[index]
        let relative = module.replacingOccurrences(of: ".", with: "/")
        for candidate in [relative + ".lua", relative + "/init.lua"] {
            let path = plugin.root + "/" + candidate
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return .found(index: index, path: path, chunkName: "@\(plugin.name)/\(candidate)")
            }
        }
        return .missing(
            "module '\(module)' not found: plugin '\(plugin.name)' lists it in its plugin.toml but has neither \(relative).lua nor \(relative)/init.lua; reinstall the plugin or fix its manifest")
    }
}
