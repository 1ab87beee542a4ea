import DocModel
import LuaRuntime

/// How a ``Document`` appears in Lua.
///
/// For now a document is a plain table with `id`, `path`, `text` and `raw`, and `meta` with
/// `warnings` when reading produced any.
public enum DocumentBinding {
    /// The Lua value scripts receive as `doc`.
    public static func value(of document: Document) -> LuaValue {
        let meta = document.meta.entries.map { LuaTable.Field(key: .string(LuaString($0.key)), value: value(of: $0.value)) }
        return .table(LuaTable([
            "id": .string(LuaString(document.id)),
            "path": .string(LuaString(document.path)),
            "text": .string(LuaString(document.text)),
            "raw": .string(LuaString(document.raw)),
            "meta": .table(LuaTable(fields: meta)),
        ]))
    }

    /// A metadata value in Lua.
    public static func value(of meta: MetaValue) -> LuaValue {
        switch meta {
        case .string(let s): .string(LuaString(s))
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .boolean(let b): .boolean(b)
        case .list(let items): .table(LuaTable(sequence: items.map(value(of:))))
        case .map(let nested):
            .table(LuaTable(fields: nested.entries.map { LuaTable.Field(key: .string(LuaString($0.key)), value: value(of: $0.value)) }))
        }
    }
}
