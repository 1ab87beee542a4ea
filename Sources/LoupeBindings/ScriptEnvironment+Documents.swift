import DocModel
import LuaRuntime

extension ScriptEnvironment {
    /// A Lua function that returns the document `make` builds from its arguments (such as
    /// `fixture("name.txt")` in plugin specs, which reads a file with the normal readers).
    public func documentFunction(_ make: @escaping (LuaFrame) throws(LuaCallError) -> Document) -> LuaValue {
        state.function { frame in
            let document = try make(frame)
            try frame.push(document)
            return 1
        }
    }
}
