import Aggregates
import LuaRuntime

/// `Set`: distinct keys, made by `loupe.set()`.
enum SetClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Set",
        summary: "Distinct keys (strings or numbers, keyed as `Counter` keys them), merged across workers: add in `document(doc)`, read in `finish(report)`.")
        .method("add", LuaDoc(
            "Adds `key` (nothing happens if it is already there).",
            parameters: [.init("key", "string|number", "the key")],
            example: "outlets:add(doc.meta.outlet)")) { set, frame in
            let key = try frame.aggregateKey(2)
            try set.write(KeySet.self, "set:add", argument: 2) { (value: inout KeySet) throws(AggregateError) in value.add(key) }
            return 0
        }
        .method("has", LuaDoc(
            "Whether `key` was added.",
            parameters: [.init("key", "string|number", "the key")],
            results: [.init("boolean", "")])) { set, frame in
            let key = try frame.aggregateKey(2)
            return frame.returning(try set.read(KeySet.self, "set:has").contains(key))
        }
        .method("values", LuaDoc(
            "Every key, in order: numbers by value, then strings byte-wise.",
            results: [.init("(string|number)[]", "")])) { set, frame in
            frame.push(keys: try set.read(KeySet.self, "set:values").sorted)
            return 1
        }
        .metamethod("__len", LuaDoc("The number of keys.", results: [.init("integer", "")])) { set, frame in
            frame.returning(try set.read(KeySet.self, "#set").members.count)
        }
        .metamethod("__tostring", LuaDoc("`Set('outlets')`, or `Set(#2)` when unnamed.")) { set, frame in
            frame.returning(set.description("Set"))
        }
}
