import DocModel
import LuaRuntime

/// `Document`: what a script's `document(doc)` receives.
public enum DocumentClass {
    /// The bridged class.
    public static let luaClass: LuaClass<Document> = LuaClass<Document>(
        "Document",
        summary: "A document: its metadata, its text as read and clean, and layers of spans over the clean text.")
        .field("id", "string", LuaDoc("A short identifier, unique in the corpus (the file name without extension).")) {
            document, frame in frame.returning(document.id)
        }
        .field("path", "string", LuaDoc("The file it was read from.")) { document, frame in frame.returning(document.path) }
        .field("text", "string", LuaDoc(
            "The clean text: residue lines such as `AD` removed, white space tidied, NFC.",
            details: "Span positions (`start`, `stop`) are byte positions in this string.")) { document, frame in
            frame.cached(1, key: "text") { frame.push(document.text) }
            return 1
        }
        .field("raw", "string", LuaDoc("The text as read from the file.")) { document, frame in
            frame.cached(1, key: "raw") { frame.push(document.raw) }
            return 1
        }
        .field("meta", "table<string, any>", LuaDoc(
            "Metadata from the file's header, front matter or fields (`date`, `title`…), and `warnings` when reading met problems.",
            details: "One table per document: scripts may add to it.")) { document, frame in
            frame.cached(1, key: "meta") { frame.push(document.meta) }
            return 1
        }
        .method("paragraphs", LuaDoc(
            "The paragraphs: blocks of text separated by an empty line.", results: [.init("Layer", "")],
            example: "print(#doc:paragraphs())")) { document, frame in
            frame.pushLayer(document, LayerID.paragraph, count: document.paragraphs.count)
        }
        .method("sentences", LuaDoc(
            "The sentences.", results: [.init("Layer", "")],
            example: "for s in doc:sentences() do print(s.text) end")) { document, frame in
            frame.pushLayer(document, LayerID.sentence, count: document.sentences.count)
        }
        .method("tokens", LuaDoc(
            "The tokens (words, numbers, punctuation), with features such as `lower`, `is_title`, `like_num`.",
            results: [.init("Layer", "")], example: "for t in doc:tokens() do if t.like_num then print(t.text) end end")) {
            document, frame in frame.pushLayer(document, LayerID.token, count: document.tokens.count)
        }
        .method("layer", LuaDoc(
            "A layer by name: `\"paragraph\"`, `\"sentence\"`, `\"token\"`, or one added with `doc:annotate`.",
            parameters: [.init("name", "string", "the layer's name")],
            results: [.init("Layer?", "nil if the document has no such layer")])) { document, frame in
            let name = try frame.string(2)
            guard let id = LayerID.id(of: name, in: document), let layer = LayerID.layer(id, of: document) else {
                return frame.returning(LuaValue.nil)
            }
            return frame.pushLayer(document, id, count: layer.count)
        }
        .method("layers", LuaDoc(
            "The names of the document's layers: the built-in ones, then annotation layers in the order they were made.",
            results: [.init("string[]", "")])) { document, frame in
            let names = Document.builtInLayers + document.annotationLayers.map(\.name)
            return frame.returning(LuaValue.table(LuaTable(sequence: names.map { .string(LuaString($0)) })))
        }
        .method("span", LuaDoc(
            "A span of the text from byte `start` to byte `stop` (1-based, inclusive, as `string.sub`).",
            parameters: [.init("start", "integer", "first byte"), .init("stop", "integer", "last byte")],
            results: [.init("Span", "a span in no layer")])) { document, frame in
            try frame.pushLooseSpan(document, try frame.byteRange(2, 3, in: document))
            return 1
        }
        .method("annotate", LuaDoc(
            "Adds a span to an annotation layer (made on first use) and returns it.",
            details: "Layers are how scripts and plugins cooperate: a plugin that finds people adds a `person` layer, and a quotes plugin reads it.",
            parameters: [
                .init("layer", "string", "the annotation layer's name (not a built-in layer)"),
                .init("span", "Span|integer", "the span to annotate, or its first byte"),
                .init("stop", "integer", "its last byte, when a first byte was given", optional: true),
                .init("attrs", "table", "attributes: strings, numbers, booleans and tables of them", optional: true),
            ],
            results: [.init("Span", "the new span in the annotation layer")],
            example: #"doc:annotate("claim", sentence, {rule = "has-number"})"#)) { document, frame in
            let name = try frame.string(2)
            let span: Span
            var attributesIndex: Int32 = 4
            if let given = try frame.optionalSpan(3) {
                span = given.span
                attributesIndex = 4
            } else if frame.type(3) == .number {
                span = try frame.byteRange(3, 4, in: document)
                attributesIndex = 5
            } else {
                throw LuaCallError.type(3, expected: "Span or integer")
            }
            var attributes = Metadata()
            if !frame.isNoneOrNil(attributesIndex) {
                attributes = LuaBridge.metadata(try frame.table(attributesIndex))
            }
            guard LayerID.id(of: name, in: document) != nil || document.annotationLayers.count < LayerID.maxAnnotationLayers
            else {
                throw LuaCallError.argument(2, "a document holds at most \(LayerID.maxAnnotationLayers) annotation layers")
            }
            do throws(AnnotationError) {
                let (layer, index) = try document.annotate(name, span, attributes: attributes)
                frame.pushSpan(document, layer: LayerID.id(of: layer.name, in: document)!, index: index)
                return 1
            } catch {
                throw LuaCallError.argument(2, error.description)
            }
        }
        .searchMethods()
        .luaMethod("gmatch", LuaDoc(
            "Iterates over the matches of a Lua pattern in the text, as spans.",
            details: "Captures are returned after the span, as `string.find` returns them.",
            parameters: [.init("pattern", "string", "a Lua pattern")],
            results: [.init("fun(): Span, ...", "an iterator for a generic `for`")],
            example: #"for s in doc:gmatch("%d+ percent") do print(s.text) end"#), source: """
            local find = string.find
            return function(doc, pattern)
              if type(pattern) ~= "string" then
                error("bad argument #1 to 'gmatch' (string expected, got " .. type(pattern) .. ")", 2)
              end
              local text, init = doc.text, 1
              local function step(s, e, ...)
                if not s then return nil end
                init = e >= s and e + 1 or s + 1
                return doc:span(s, e), ...
              end
              return function()
                if init > #text + 1 then return nil end
                return step(find(text, pattern, init))
              end
            end
            """)
        .metamethod("__tostring", LuaDoc("`Document(id, 1234 bytes)`.")) { document, frame in
            frame.returning("Document(\(document.id), \(document.bytes.count) bytes)")
        }
        .onCollect { document, frame in
            if let charged = frame.documentsIfAlive?.release(document, in: frame) { frame.refund(charged) }
        }
}

extension LuaFrame {
    /// Pushes a view of a whole layer of the document at index 1.
    func pushLayer(_ document: Document, _ id: UInt8, count: Int) -> Int32 {
        push(LayerRef(document, layer: id, from: 0, to: count), ownerAt: 1)
        return 1
    }

    /// Reads a 1-based inclusive byte range (as `string.sub` takes) from arguments `first`
    /// and `last`, and checks it lies in the text.
    func byteRange(_ first: Int32, _ last: Int32, in document: Document) throws -> Span {
        let start = Int(try integer(first))
        let stop = Int(try integer(last))
        let length = document.bytes.count
        guard start >= 1, start <= length + 1 else {
            throw LuaCallError.argument(first, "position \(start) is outside the text (1..\(length))")
        }
        guard stop >= start - 1, stop <= length else {
            throw LuaCallError.argument(last, "position \(stop) is outside the text (\(start - 1)..\(length))")
        }
        return Span(start - 1, stop)
    }
}
