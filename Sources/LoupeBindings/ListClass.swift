import Aggregates
import LuaRuntime

/// `List`: values in document order, made by `loupe.list()`.
enum ListClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "List",
        summary: "Values in document order, merged across workers: add in `document(doc)`, read in `finish(report)`.")
        .method("add", LuaDoc(
            "Appends a value: a string, number, boolean, or a table of them (copied as it is now).",
            details: "Within a document, values keep the order they were added in; across documents, corpus order.",
            parameters: [.init("value", "string|number|boolean|table", "the value")],
            example: "headlines:add{doc = doc.id, title = doc.meta.title}")) { list, frame in
            guard !frame.isNoneOrNil(2) else { throw LuaCallError.type(2, expected: "value") }
            let value = try frame.value(2)
            if let problem = EmitBinding.unwritable(value) {
                throw LuaCallError.argument(2, "lists hold strings, numbers, booleans and tables of them, not a \(problem)")
            }
            try list.write(ItemList.self, "list:add", argument: 2) { (items: inout ItemList) throws(AggregateError) in
                try items.add(value)
            }
            return 0
        }
        .method("values", LuaDoc(
            "Every value, in document order.", results: [.init("any[]", "")])) { list, frame in
            frame.push(LuaValue.table(LuaTable(sequence: try list.read(ItemList.self, "list:values").values)))
            return 1
        }
        .metamethod("__len", LuaDoc("The number of values.", results: [.init("integer", "")])) { list, frame in
            frame.returning(try list.read(ItemList.self, "#list").items.count)
        }
        .metamethod("__tostring", LuaDoc("`List('headlines')`, or `List(#2)` when unnamed.")) { list, frame in
            frame.returning(list.description("List"))
        }
}
