import LoupeBindings
import LoupeTestSupport
import LuaRuntime

/// A script environment with the fixture plugins of `Tests/Fixtures/plugins` installed (read
/// in place: these tests never write).
final class PluginHarness {
    let environment: ScriptEnvironment
    let printed = PrintLog()

    static func runtime(grants: [String: PluginRuntime.Permissions] = [:], script: PluginRuntime.Permissions = .init()) -> PluginRuntime {
        let root = fixturePlugins.path
        let plugins = [
            PluginRuntime.Plugin(name: "mediaLab/gazetteer", root: root + "/mediaLab/gazetteer", modules: ["gazetteer", "gazetteer.match", "gazetteer.place"]),
            PluginRuntime.Plugin(name: "evil", root: root + "/evil", modules: ["evil"]),
            PluginRuntime.Plugin(name: "cycle", root: root + "/cycle", modules: ["cycle.a", "cycle.b"]),
            PluginRuntime.Plugin(name: "broken", root: root + "/cycle", modules: ["missing.file"]),
        ].map { plugin in
            var plugin = plugin
            plugin.granted = grants[plugin.name] ?? .init()
            return plugin
        }
        return PluginRuntime(
            plugins: plugins, searchedFolders: [.init(path: "./loupe_plugins", label: "project"), .init(path: "/b/plugins", label: "bundled")],
            script: script, scriptRoot: root)
    }

    init(_ runtime: PluginRuntime = PluginHarness.runtime()) throws {
        let log = printed
        environment = try ScriptEnvironment(
            limits: testLimits, version: "0.0.0", print: { log.lines.append($0) }, emit: { _, _ in }, plugins: runtime)
    }

    /// Runs `code` as the script and returns its results.
    @discardableResult
    func run(_ code: String) throws(LuaError) -> [LuaValue] {
        let chunk = try environment.state.load(code, chunkName: "=script", environment: environment.sandbox)
        return try environment.state.call(.function(chunk))
    }

    /// The message `code` fails with, or nil.
    func error(_ code: String) -> String? {
        do {
            try run(code)
            return nil
        } catch {
            return error.message
        }
    }
}
