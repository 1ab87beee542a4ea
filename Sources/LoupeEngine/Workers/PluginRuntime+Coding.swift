import Aggregates
import LoupeBindings
import LuaRuntime

// The plugins of a run in the setup message: names, folders, modules, grants and requests, a few
// hundred bytes; workers rebuild the environments from them.

extension PluginRuntime {
    func encode(into out: inout WireWriter) {
        out.writeCount(plugins.count)
        for plugin in plugins {
            out.writeString(LuaString(plugin.name))
            out.writeString(LuaString(plugin.root))
            Self.write(plugin.modules, into: &out)
            plugin.granted.encode(into: &out)
            plugin.requested.encode(into: &out)
        }
        out.writeCount(searchedFolders.count)
        for folder in searchedFolders {
            out.writeString(LuaString(folder.path))
            out.writeString(LuaString(folder.label))
        }
        script.encode(into: &out)
        out.writeString(LuaString(scriptRoot))
        Self.write(corpus, into: &out)
    }

    init(decoding input: inout WireReader) throws(WireError) {
        self.init()
        for _ in 0..<(try input.readCount()) {
            let name = try input.readString().text
            let root = try input.readString().text
            let modules = try Self.readStrings(&input)
            let granted = try Permissions(decoding: &input)
            plugins.append(Plugin(name: name, root: root, modules: modules, granted: granted, requested: try Permissions(decoding: &input)))
        }
        for _ in 0..<(try input.readCount()) {
            searchedFolders.append(Folder(path: try input.readString().text, label: try input.readString().text))
        }
        script = try Permissions(decoding: &input)
        scriptRoot = try input.readString().text
        corpus = try Self.readStrings(&input)
    }

    fileprivate static func write(_ strings: [String], into out: inout WireWriter) {
        out.writeCount(strings.count)
        for string in strings { out.writeString(LuaString(string)) }
    }

    fileprivate static func readStrings(_ input: inout WireReader) throws(WireError) -> [String] {
        var strings: [String] = []
        for _ in 0..<(try input.readCount()) { strings.append(try input.readString().text) }
        return strings
    }
}

extension PluginRuntime.Permissions {
    fileprivate func encode(into out: inout WireWriter) {
        PluginRuntime.write(read, into: &out)
        PluginRuntime.write(write, into: &out)
        out.writeByte(exec ? 1 : 0)
    }

    fileprivate init(decoding input: inout WireReader) throws(WireError) {
        self.init(
            read: try PluginRuntime.readStrings(&input), write: try PluginRuntime.readStrings(&input),
            exec: try input.readByte() != 0)
    }
}
