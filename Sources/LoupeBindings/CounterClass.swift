import Aggregates
import LuaRuntime

/// `Counter`: counts per key, made by `loupe.counter()`.
enum CounterClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Counter",
        summary: "Counts per key, merged across workers: add in `document(doc)`, read in `finish(report)`. Keys are strings or numbers; a float with an integer value is that integer (`3.0` is `3`), and `\"3\"` and `3` are different keys, as in Lua tables.")
        .method("add", LuaDoc(
            "Adds `n` (default 1) to the count of `key`.",
            parameters: [
                .init("key", "string|number", "what to count"),
                .init("n", "integer", "how much to add; not negative (default 1)", optional: true),
            ],
            example: "speakers:add(q.speaker or \"(unattributed)\")")) { counter, frame in
            let key = try frame.aggregateKey(2)
            let amount = try frame.optionalInteger(3) ?? 1
            try counter.write(Counter.self, "counter:add", argument: 3) { (value: inout Counter) throws(AggregateError) in
                try value.add(key, amount)
            }
            return 0
        }
        .method("get", LuaDoc(
            "The count of `key`: 0 if it was never added.",
            parameters: [.init("key", "string|number", "the key")],
            results: [.init("integer", "")])) { counter, frame in
            let key = try frame.aggregateKey(2)
            return frame.returning(try counter.read(Counter.self, "counter:get").count(of: key))
        }
        .method("top", LuaDoc(
            "The most frequent keys with their counts, most frequent first; ties by key (numbers before strings, strings byte-wise).",
            parameters: [.init("n", "integer", "how many (default all)", optional: true)],
            results: [.init("{key: string|number, count: integer}[]", "")],
            example: "for _, e in ipairs(speakers:top(5)) do print(e.key, e.count) end")) { counter, frame in
            let limit = try frame.optionalInteger(2).map { Int(clamping: $0) }
            let entries = try counter.read(Counter.self, "counter:top").top(limit)
            frame.push(LuaValue.table(LuaTable(sequence: entries.map { entry in
                .table(LuaTable(["key": entry.key.value, "count": .integer(entry.count)]))
            })))
            return 1
        }
        .method("keys", LuaDoc(
            "Every key, in order: numbers by value, then strings byte-wise.",
            results: [.init("(string|number)[]", "")])) { counter, frame in
            frame.push(keys: try counter.read(Counter.self, "counter:keys").counts.keys.sorted())
            return 1
        }
        .method("total", LuaDoc("The sum of all counts.", results: [.init("integer", "")])) { counter, frame in
            let value = try counter.read(Counter.self, "counter:total")
            do throws(AggregateError) {
                return frame.returning(try value.total())
            } catch {
                throw LuaCallError.message("counter:total: \(error)")
            }
        }
        .metamethod("__len", LuaDoc("The number of distinct keys.", results: [.init("integer", "")])) { counter, frame in
            frame.returning(try counter.read(Counter.self, "#counter").counts.count)
        }
        .metamethod("__tostring", LuaDoc("`Counter('speakers')`, or `Counter(#2)` when unnamed.")) { counter, frame in
            frame.returning(counter.description("Counter"))
        }
}
