import DocModel
import LuaRuntime

/// How a ``Document`` appears in Lua.
///
/// For now a document is a plain table with `id`, `path`, `text` and `raw`, and `meta` with
/// `warnings` when reading produced any.
public enum DocumentBinding {
    /// The Lua value scripts receive as `doc`.
    public static func value(of document: Document) -> LuaValue {
        var meta: [LuaTable.Field] = []
        if !document.warnings.isEmpty {
            meta.append(LuaTable.Field(
                key: "warnings",
                value: .table(LuaTable(sequence: document.warnings.map { .string(LuaString($0)) }))))
        }
        return .table(LuaTable([
            "id": .string(LuaString(document.id)),
            "path": .string(LuaString(document.path)),
            "text": .string(LuaString(document.text)),
            "raw": .string(LuaString(document.raw)),
            "meta": .table(LuaTable(fields: meta)),
        ]))
    }
}
