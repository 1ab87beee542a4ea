import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// `require` in the sandbox: only modules of installed plugins, each plugin in its own
/// environment, results cached per state, cycles and missing modules explained.
@Suite struct RequireTests {
    @Test func modulesOfInstalledPluginsLoadOnceAndAreCached() throws {
        let lua = try PluginHarness()
        #expect(try lua.run("""
            local a = require "gazetteer"
            local b = require "gazetteer"
            return a == b, a.loads, require("gazetteer.match") ~= nil
            """) == [true, 1, true])
    }

    @Test func modulesOfOnePluginShareItsGlobalsAndNobodyElseSeesThem() throws {
        let lua = try PluginHarness()
        #expect(try lua.run("""
            local g = require "gazetteer"
            return g.shared_global(), gazetteer_secret, rawget(_G, "gazetteer_secret")
            """) == ["kept in the gazetteer's globals", .nil, .nil])
    }

    @Test func aPluginSeesNeitherTheScriptsGlobalsNorAnothersAndItsTamperingStaysHome() throws {
        let lua = try PluginHarness()
        let results = try lua.run("""
            script_secret = "mine"
            local g = require "gazetteer"
            local r = require("evil").attempts()
            return r.script_global, r.other_plugin_global, r.raw_global, string.upper("x"), math.pi > 3.14, g.shared_global(),
              r.args, loupe.args[1], loupe.args.extra
            """)
        #expect(results == ["nil", "nil", "nil", "X", true, "kept in the gazetteer's globals", "ALLOWED: own copy", .nil, .nil])
    }

    @Test func anotherPluginsModuleTableIsReadOnlyAndItsTamperingStaysHome() throws {
        let lua = try PluginHarness()
        let results = try lua.run("""
            local r = require("evil").attempts()
            local g = require "gazetteer"
            return r.replace_function, r.nested, r.add_field, g.find("to Porto")[1], g.loads, rawget(g, "places")
            """)
        let messages = results.prefix(2).map { value -> String in
            if case .string(let text) = value { return text.description }
            return ""
        }
        let refusal = "module 'gazetteer' is read-only outside its plugin: cannot set"
        #expect(messages[0].contains("evil/evil.lua:"), "\(messages[0])")
        #expect(messages[0].contains(refusal + " 'find' (a plugin's tables are changed only by the plugin's own code)"))
        #expect(messages[1].contains(refusal + " 'loads'"))
        // rawset lands on evil's own view: the script's view and the module are untouched.
        #expect(Array(results[2...]) == ["ALLOWED: rawset", "Porto", 1, .nil])
    }

    @Test func aModuleTableViewReadsLikeTheTable() throws {
        let lua = try PluginHarness()
        let values = try lua.run("""
            local g = require "gazetteer"
            local keys = {}
            for k in pairs(g) do keys[#keys + 1] = k end
            table.sort(keys)
            local ok, message = pcall(function() g.extra = 1 end)
            return table.concat(keys, ","), g == require "gazetteer", ok, message
            """)
        #expect(values == ["find,loads,places,read,shared_global", true, false,
                     "script:5: module 'gazetteer' is read-only outside its plugin: cannot set 'extra' (a plugin's tables are changed only by the plugin's own code)"], "\(values)")
        // The host reads the table the view shows: the REPL prints it, emit and results carry it.
        let shown = try lua.run("return require('gazetteer')")
        guard case .table(let table) = shown.first else { Issue.record("\(shown)"); return }
        #expect(table["loads"] == 1)
    }

    @Test func aModuleThatIsAMetatableStillWorksThroughItsView() throws {
        let lua = try PluginHarness()
        #expect(try lua.run("""
            local Place = require "gazetteer.place"
            local made = Place.new("Faro")
            local mine = setmetatable({name = "Porto"}, Place)   -- the view as a metatable
            local ok = pcall(function() Place.shout = nil end)
            -- An object's metatable is the module's view too, not a way around it.
            local through = pcall(function() getmetatable(made).shout = nil end)
            return made:shout(), mine:shout(), tostring(mine), ok, Place.__index == Place, through,
              getmetatable(made) == Place, getmetatable("x")
            """) == ["FARO", "PORTO", "Place(Porto)", false, true, false, true, false])
    }

    @Test func anUnknownModuleSaysWhereLoupeLookedAndWhatToDo() throws {
        let lua = try PluginHarness()
        #expect(lua.error("local q = require 'quotes'") == """
            script:1: module 'quotes' not found: no installed plugin provides it (looked in: ./loupe_plugins (project), /b/plugins (bundled)); install one with 'loupe plugin install'
            """)
        #expect(lua.error("local q = require '../../etc/passwd'")?.contains("a module name is words separated by dots") == true)
        #expect(lua.error("local q = require(42)") == "script:1: bad argument #1 to 'require' (string expected, got number)")
    }

    @Test func tracebacksShowTheUsersFramesNotRequiresOwn() throws {
        let lua = try PluginHarness()
        do {
            try lua.run("local a = require 'cycle.a'")
            Issue.record("no error")
        } catch {
            let traceback = error.traceback ?? ""
            #expect(traceback.contains("script:1: in main chunk"), "\(traceback)")
            #expect(!traceback.contains("loupe.plugins"), "\(traceback)")
        }
    }

    @Test func aModuleListedButMissingNamesThePlugin() throws {
        let lua = try PluginHarness()
        #expect(lua.error("local m = require 'missing.file'")?.contains(
            "module 'missing.file' not found: plugin 'broken' lists it in its plugin.toml but has neither missing/file.lua nor missing/file/init.lua") == true)
    }

    @Test func aDependencyCycleIsNamed() throws {
        let lua = try PluginHarness()
        let message = lua.error("local a = require 'cycle.a'")
        #expect(message?.contains("cycle/cycle/b.lua:1: module 'cycle.a' is part of a dependency cycle: cycle.a → cycle.b → cycle.a") == true, "\(message ?? "")")
        // The failed load leaves nothing half-done: the next require fails the same way, not as a cycle of one.
        #expect(lua.error("local a = require 'cycle.a'")?.contains("cycle.a → cycle.b → cycle.a") == true)
    }

    @Test func theSandboxRefusesWhatItLacksNamingTheWayThatExists() throws {
        let lua = try PluginHarness()
        #expect(lua.error("local f = io.open('/etc/passwd')")?.hasPrefix(
            "script:1: io.open is not available in Loupe's sandbox: read files with loupe.fs.read(path)") == true)
        #expect(lua.error("local p = io.popen('id')")?.contains("(that needs the 'exec' permission)") == true)
        #expect(lua.error("local ok = os.execute('id')")?.contains("run programs with loupe.exec{program, args...}") == true)
        #expect(lua.error("local f = package.loadlib('libc.so.6', 'system')") == """
            script:1: package.loadlib is not available in Loupe's sandbox: C modules are never loaded (only Lua modules of installed plugins, with require)
            """)
        #expect(lua.error("package.path = './?.lua'") == "script:1: package.path cannot be set in Loupe's sandbox")
        #expect(lua.error("return getmetatable(package).__index") == "script:1: attempt to index a boolean value")
    }
}
