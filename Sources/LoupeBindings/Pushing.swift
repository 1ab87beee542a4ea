import DocModel
import LuaRuntime

/// Where the document userdata that new spans and layers keep alive comes from.
enum Owner {
    /// The document userdata itself is at this stack index.
    case document(Int32)
    /// A span or layer userdata is at this stack index: its owner is the document.
    case ownerOf(Int32)
}

extension LuaFrame {
    /// Pushes a span userdata that keeps its document alive.
    func push(_ span: SpanRef, owner: Owner) {
        switch owner {
        case .document(let index):
            push(span, as: SpanClass.luaClass, owner: index)
        case .ownerOf(let index):
            pushUserValue(of: index)
            push(span, as: SpanClass.luaClass, owner: -1)
            remove(at: -2)
        }
    }

    /// Pushes a layer userdata that keeps its document alive.
    func push(_ layer: LayerRef, owner: Owner) {
        switch owner {
        case .document(let index):
            push(layer, as: LayerClass.luaClass, owner: index)
        case .ownerOf(let index):
            pushUserValue(of: index)
            push(layer, as: LayerClass.luaClass, owner: -1)
            remove(at: -2)
        }
    }

    /// Pushes the bytes of `span` of `document` as a Lua string.
    func pushText(of span: Span, in document: Document) {
        document.bytes.withUnsafeBufferPointer { push(bytes: UnsafeBufferPointer(rebasing: $0[span.start..<span.end])) }
    }

    /// Pushes metadata as a Lua table.
    func push(_ metadata: Metadata) {
        push(LuaValue.table(LuaBridge.table(metadata)))
    }
}

/// Conversions between the document model's values and Lua's.
enum LuaBridge {
    /// A metadata value in Lua.
    static func value(_ meta: MetaValue) -> LuaValue {
        switch meta {
        case .string(let s): .string(LuaString(s))
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .boolean(let b): .boolean(b)
        case .list(let items): .table(LuaTable(sequence: items.map(value)))
        case .map(let nested): .table(table(nested))
        }
    }

    /// Metadata as a Lua table snapshot.
    static func table(_ metadata: Metadata) -> LuaTable {
        LuaTable(fields: metadata.entries.map { LuaTable.Field(key: .string(LuaString($0.key)), value: value($0.value)) })
    }

    /// A Lua value as metadata; functions, userdata and coroutines cannot be stored.
    static func meta(_ value: LuaValue) -> MetaValue? {
        switch value {
        case .nil: nil
        case .boolean(let b): .boolean(b)
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .string(let s): .string(s.text)
        case .table(let table):
            if table.fields.isEmpty { .list(table.sequence.compactMap(meta)) } else { .map(metadata(table)) }
        default: nil
        }
    }

    /// A Lua table as metadata (string keys; other keys written as text).
    static func metadata(_ table: LuaTable) -> Metadata {
        var out = Metadata()
        for (i, element) in table.sequence.enumerated() { out[String(i + 1)] = meta(element) }
        for field in table.fields {
            let key: String
            switch field.key {
            case .string(let s): key = s.text
            case .integer(let i): key = String(i)
            default: continue
            }
            out[key] = meta(field.value)
        }
        return out
    }
}
