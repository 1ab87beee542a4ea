import DocModel
import LuaRuntime

extension LuaFrame {
    /// The state's registry of live documents (set up by ``ScriptEnvironment``).
    var documents: DocumentRegistry {
        Unmanaged<DocumentRegistry>.fromOpaque(hostContext!).takeUnretainedValue()
    }

    /// The registry, or nil once the environment that made it is gone.
    var documentsIfAlive: DocumentRegistry? {
        hostContext.map { Unmanaged<DocumentRegistry>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Pushes a document userdata, giving the document a slot so that spans can name it. Its
    /// text counts against the state's memory cap, as if Lua held it.
    func push(_ document: Document) throws(LuaCallError) {
        try documents.register(document)
        push(document, as: DocumentClass.luaClass, accountedBytes: document.bytes.count + document.raw.utf8.count)
        storeWeak(-1, in: "loupe.documents", key: Int(document.hostSlot >> 16))
    }

    /// Pushes the document userdata of a document already pushed.
    /// - Throws: when Lua is collecting it (its spans are then about to go too).
    func pushUserdata(of document: Document) throws(LuaCallError) {
        pushWeak("loupe.documents", key: Int(document.hostSlot >> 16))
        guard type(count) == .userdata else {
            remove(at: count)
            throw .message(Self.spanGone)
        }
    }

    /// Pushes the span at `position` of `layer` (a layer number), or loose span `position`.
    /// The handle names the span by its id, which stays valid when spans are inserted before it.
    @inline(__always)
    func pushSpan(_ document: Document, layer: UInt8, index position: Int) {
        let id = layer < LayerID.firstAnnotation || layer == LayerID.loose
            ? position : (LayerID.layer(layer, of: document)?.id(atPosition: position) ?? position)
        push(SpanHandle(document: document, layer: layer, index: id).bits, as: SpanClass.luaClass)
    }

    /// Pushes a span in no layer, with attributes (a search match).
    func pushLooseSpan(_ document: Document, _ span: Span, attributes: Metadata = Metadata()) throws(LuaCallError) {
        guard document.looseSpans.count < SpanHandle.maxIndex else {
            throw .message("a document holds at most \(SpanHandle.maxIndex) search matches and ranges")
        }
        // Kept for the document's life: counted against the memory cap.
        let bytes = MemoryLayout<Span>.stride + MemoryLayout<Metadata>.stride + attributes.count * 64
        try charge(bytes)
        documents.charge(bytes, for: document)
        pushSpan(document, layer: LayerID.loose, index: document.addLooseSpan(span, attributes: attributes))
    }

    /// Why a span can no longer be read.
    static let spanGone = "this span's document is gone; keep span.text rather than the span beyond its document"

    /// The span a handle names.
    /// - Throws: when its document is gone.
    @inline(__always)
    func resolve(_ handle: UInt64) throws(LuaCallError) -> SpanRef {
        let h = SpanHandle(bits: handle)
        // Borrow the registry and the document: this path runs for every span field read, and
        // retaining and releasing them would cost more than the rest of it.
        // No registry: the environment that made the span is gone, and with it every document.
        guard let context = hostContext else {
            throw .message(Self.spanGone)
        }
        let resolved: SpanRef? = Unmanaged<DocumentRegistry>.fromOpaque(context)._withUnsafeGuaranteedRef {
            registry in
            guard let unmanaged = registry.document(for: h) else { return nil }
            return unmanaged._withUnsafeGuaranteedRef { document in
                        if h.layer == LayerID.loose {
                    guard h.index < document.looseSpans.count else { return nil }
                    return SpanRef(document: document, layer: h.layer, index: h.index, span: document.looseSpans[h.index])
                }
                guard let layer = LayerID.layer(h.layer, of: document), h.index < layer.count else { return nil }
                let position = layer.position(ofID: h.index)
                return SpanRef(document: document, layer: h.layer, index: position, span: layer.spans[position])
            }
        }
        guard let resolved else {
            throw .message(Self.spanGone)
        }
        return resolved
    }

    /// The span at argument `index`, resolved.
    func span(_ index: Int32) throws(LuaCallError) -> SpanRef {
        try resolve(try object(index, SpanClass.luaClass))
    }

    /// The span at argument `index`, if it is one.
    func optionalSpan(_ index: Int32) throws(LuaCallError) -> SpanRef? {
        guard let handle = optionalObject(index, SpanClass.luaClass) else { return nil }
        return try resolve(handle)
    }

    /// Pushes a layer userdata that keeps its document alive; `owner` is the stack index of
    /// the document userdata or of another layer of it. A built-in layer is mirrored for the
    /// C fast path here (see ``SpanFastPath``), before any of its spans can be read.
    func push(_ layer: LayerRef, ownerAt owner: Int32, ownerIsLayer: Bool = false) {
        documents.fastPath?.mirror(layer.layer, of: layer.document, in: self)
        if ownerIsLayer {
            pushUserValue(of: owner)
            push(layer, as: LayerClass.luaClass, owner: -1)
            remove(at: -2)
        } else {
            push(layer, as: LayerClass.luaClass, owner: owner)
        }
    }

    /// Pushes the bytes of `span` of `document` as a Lua string.
    @inline(__always)
    func pushText(of span: Span, in document: Document) {
        document.withBytes { push(bytes: UnsafeBufferPointer(rebasing: $0[span.start..<span.end])) }
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
