import DocModel
import LuaRuntime

/// A value of the document model found among Lua results, for tools that show it in their own
/// way (the REPL prints a document as a summary and a span with its context).
public enum InspectedValue {
    /// A document.
    case document(Document)
    /// One span.
    case span(InspectedSpan)
    /// A layer, or a Lua list whose items are all spans.
    case spans([InspectedSpan], total: Int)
}

/// A span with what a person needs to place it.
public struct InspectedSpan {
    /// Its document.
    public let document: Document
    /// Where it stands in the clean text.
    public let span: Span
    /// Its layer's name (nil for a search match).
    public let layer: String?
    /// Its position in the layer, 1-based (nil for a search match).
    public let index: Int?

    /// A span of `document`, in `layer` at `index` or (both nil) a match.
    public init(document: Document, span: Span, layer: String?, index: Int?) {
        self.document = document
        self.span = span
        self.layer = layer
        self.index = index
    }
}

extension LuaFrame {
    /// The document, span, layer or list of spans at `index`, if the value is one; lists are
    /// read up to `limit` spans (``InspectedValue/spans(_:total:)`` gives the full count).
    ///
    /// Values are read raw: no metamethod of a script's table runs.
    public func inspect(_ index: Int32, limit: Int = 20) -> InspectedValue? {
        if let document = optionalObject(index, DocumentClass.luaClass) { return .document(document) }
        if type(index) == .lightUserdata, let handle = optionalObject(index, SpanClass.luaClass) {
            return (try? resolve(handle)).map { .span(InspectedSpan($0)) }
        }
        if let layer = optionalObject(index, LayerClass.luaClass),
            let spans = LayerID.layer(layer.layer, of: layer.document)
        {
            let shown = (Int(layer.from)..<Int(layer.to)).prefix(limit)
            return .spans(shown.map {
                InspectedSpan(document: layer.document, span: spans.spans[$0], layer: spans.name, index: $0 + 1)
            }, total: layer.count)
        }
        guard type(index) == .table, let table = try? table(index), table.fields.isEmpty, !table.sequence.isEmpty
        else { return nil }
        var spans: [InspectedSpan] = []
        for item in table.sequence {
            guard case .lightUserdata(let bits) = item, let span = try? resolve(UInt64(bits)) else { return nil }
            if spans.count < limit { spans.append(InspectedSpan(span)) }
        }
        return .spans(spans, total: table.sequence.count)
    }
}

extension InspectedSpan {
    init(_ ref: SpanRef) {
        document = ref.document
        span = ref.span
        let layer = LayerID.layer(ref.layer, of: ref.document)
        self.layer = layer?.name
        index = ref.isLoose ? nil : ref.index + 1
    }
}
