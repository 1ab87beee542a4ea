import DocModel
import LuaRuntime

/// `Layer`: the spans of one layer of a document (or a run of them), in text order.
enum LayerClass {
    static let luaClass: LuaClass<LayerRef> = LuaClass<LayerRef>(
        value: "Layer",
        summary: "The spans of one layer of a document (paragraphs, sentences, tokens, or an annotation layer), in text order.")
        .field("name", "string", LuaDoc("The layer's name.")) { layer, frame in
            frame.returning(LayerID.layer(layer.layer, of: layer.document)?.name ?? "")
        }
        .method("texts", LuaDoc(
            "The text of every span, as a list of strings.", results: [.init("string[]", "")],
            example: "print(table.concat(doc:sentences():texts(), \"\\n\"))")) { layer, frame in
            guard let spans = LayerID.layer(layer.layer, of: layer.document)?.spans else { return 0 }
            frame.pushTable(arrayCount: layer.count)
            for (n, i) in (Int(layer.from)..<Int(layer.to)).enumerated() {
                frame.pushText(of: spans[i], in: layer.document)
                frame.setIndex(n + 1)
            }
            return 1
        }
        .method("at", LuaDoc(
            "The span that contains byte `position` of `doc.text`.",
            parameters: [.init("position", "integer", "a byte position (1-based)")],
            results: [.init("Span?", "nil when the position falls between spans")])) { layer, frame in
            let position = Int(clamping: try frame.integer(2)) &- 1
            guard position >= 0, position < layer.document.bytes.count,
                let spans = LayerID.layer(layer.layer, of: layer.document),
                let index = spans.index(containing: position), index >= layer.from, index < layer.to
            else { return frame.returning(LuaValue.nil) }
            frame.pushSpan(layer.document, layer: layer.layer, index: index)
            return 1
        }
        .fallback { layer, frame in
            // layer[i]: the i-th span of the view.
            guard frame.type(2) == .number, let i = try? frame.integer(2), i >= 1, i <= layer.count else {
                if frame.type(2) == .string {
                    throw LuaCallError.message("no field '\(try frame.string(2))' in Layer")
                }
                return frame.returning(LuaValue.nil)
            }
            frame.pushSpan(layer.document, layer: layer.layer, index: Int(layer.from) + Int(i) - 1)
            return 1
        }
        .metamethod("__len", LuaDoc("The number of spans.", results: [.init("integer", "")])) { layer, frame in
            frame.returning(layer.count)
        }
        .metamethod("__call", LuaDoc(
            "Iteration: `for span in layer do … end` visits the spans in text order; `layer[i]` is the i-th span.",
            results: [.init("Span?", "")])) { layer, frame in
            // Called by the generic for as layer(nil, previous span): the handle says where we are.
            let next: Int
            if let previous = frame.optionalObject(3, SpanClass.luaClass) {
                let id = SpanHandle(bits: previous).index
                next = layer.layer < LayerID.firstAnnotation
                    ? id + 1 : (LayerID.layer(layer.layer, of: layer.document)?.position(ofID: id) ?? id) + 1
            } else {
                next = Int(layer.from)
            }
            guard next < layer.to else { return frame.returning(LuaValue.nil) }
            frame.pushSpan(layer.document, layer: layer.layer, index: next)
            return 1
        }
        .metamethod("__tostring", LuaDoc("`Layer(sentence, 24 spans)`.")) { layer, frame in
            let name = LayerID.layer(layer.layer, of: layer.document)?.name ?? "?"
            return frame.returning("Layer(\(name), \(layer.count) spans)")
        }
}
