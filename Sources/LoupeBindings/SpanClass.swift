import DocModel
import DocSearch
import LuaRuntime

/// `Span`: a stretch of a document's clean text — a paragraph, sentence, token, annotation
/// or search match. Spans are light userdata handles (see ``SpanHandle``): making one costs
/// nothing, and two spans of the same thing are `==`.
enum SpanClass {
    static let luaClass: LuaClass<UInt64> = LuaClass<UInt64>(
        light: "Span",
        summary: "A stretch of a document's text: a paragraph, a sentence, a token, an annotation or a match. Valid while its document is alive.")
        .field("text", "string", LuaDoc(
            "The span's text.",
            details: "Always `doc.text:sub(span.start, span.stop)`.")) { handle, frame in
            let span = try frame.resolve(handle)
            frame.pushText(of: span.span, in: span.document)
            return 1
        }
        .field("start", "integer", LuaDoc("Its first byte in `doc.text` (1-based).")) { handle, frame in
            frame.returning(try frame.resolve(handle).span.start + 1)
        }
        .field("stop", "integer", LuaDoc("Its last byte in `doc.text` (1-based, inclusive).")) { handle, frame in
            frame.returning(try frame.resolve(handle).span.end)
        }
        .field("char_start", "integer", LuaDoc(
            "Its first character (code point) in `doc.text`, 1-based: for export to tools that count characters.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            return frame.returning(span.document.characterOffset(ofByte: span.span.start) + 1)
        }
        .field("char_stop", "integer", LuaDoc("Its last character (code point) in `doc.text`, 1-based, inclusive.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            return frame.returning(span.document.characterOffset(ofByte: span.span.end))
        }
        .field("raw_start", "integer?", LuaDoc(
            "Its first character (code point) in `doc.raw`, the file as read, 1-based; nil for HTML documents.",
            details: "Cleaning drops residue lines and collapses white space; `raw_start`/`raw_stop` still point into the file, so results line up with gold annotations and other tools.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            guard let range = span.document.rawRange(of: span.span) else { return frame.returning(LuaValue.nil) }
            return frame.returning(range.lowerBound + 1)
        }
        .field("raw_stop", "integer?", LuaDoc("Its last character (code point) in `doc.raw`, 1-based, inclusive; nil for HTML documents.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            guard let range = span.document.rawRange(of: span.span) else { return frame.returning(LuaValue.nil) }
            return frame.returning(range.upperBound)
        }
        .field("layer", "string?", LuaDoc("The name of its layer (`\"sentence\"`, `\"quote\"`…); nil for a search match.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            guard let layer = LayerID.layer(span.layer, of: span.document) else { return frame.returning(LuaValue.nil) }
            return frame.returning(layer.name)
        }
        .field("index", "integer?", LuaDoc("Its position in its layer (1-based); nil for a search match.")) { handle, frame in
            let span = try frame.resolve(handle)
            return span.isLoose ? frame.returning(LuaValue.nil) : frame.returning(span.index + 1)
        }
        .field("attrs", "table<string, any>", LuaDoc(
            "Its attributes: what the annotator or search recorded (`rule`, `speaker`, named regex groups…). A copy: change it with `doc:annotate`.")) {
            handle, frame in
            let span = try frame.resolve(handle)
            if span.isLoose {
                frame.push(span.document.looseAttributes[span.index])
            } else if let layer = LayerID.layer(span.layer, of: span.document) {
                frame.push(layer.attributes(at: span.index))
            } else {
                frame.pushTable()
            }
            return 1
        }
        .field("doc", "Document", LuaDoc("The document the span belongs to.")) { handle, frame in
            try frame.pushUserdata(of: try frame.resolve(handle).document)
            return 1
        }
        .tokenFeatures()
        .method("sentence", LuaDoc(
            "The sentence the span starts in.", results: [.init("Span?", "nil if the span starts between sentences")])) {
            handle, frame in try frame.pushEnclosing(try frame.resolve(handle), layer: LayerID.sentence)
        }
        .method("paragraph", LuaDoc(
            "The paragraph the span starts in.", results: [.init("Span?", "nil if the span starts between paragraphs")])) {
            handle, frame in try frame.pushEnclosing(try frame.resolve(handle), layer: LayerID.paragraph)
        }
        .method("tokens", LuaDoc(
            "The tokens inside the span, as a layer.",
            results: [.init("Layer", "the tokens that overlap the span, in order")],
            example: "for t in sentence:tokens() do print(t.text) end")) { handle, frame in
            let span = try frame.resolve(handle)
            let range = span.document.tokens.indices(overlapping: span.span)
            try frame.pushUserdata(of: span.document)
            frame.push(LayerRef(span.document, layer: LayerID.token, from: range.lowerBound, to: range.upperBound), ownerAt: -1)
            frame.remove(at: -2)
            return 1
        }
        .method("context", LuaDoc(
            "The text around the span: `n` tokens (or bytes) on each side.",
            parameters: [
                .init("n", "integer", "how much context on each side (default 10)", optional: true),
                .init("unit", "\"tokens\"|\"bytes\"", "count tokens (default) or bytes", optional: true),
            ],
            results: [.init("string", "the text before the span"), .init("string", "the text after the span")],
            example: "local left, right = q:context(5)")) { handle, frame in
            let span = try frame.resolve(handle)
            // Clamped: no context is longer than the text.
            let n = Int(min(max(try frame.optionalInteger(2) ?? 10, 0), Int64(span.document.bytes.count)))
            let unit = try frame.optionalString(3) ?? "tokens"
            guard unit == "tokens" || unit == "bytes" else {
                throw LuaCallError.argument(3, "'tokens' or 'bytes' expected, got '\(unit)'")
            }
            let (left, right) = Context.around(span.span, in: span.document, count: max(0, n), tokens: unit == "tokens")
            frame.pushText(of: left, in: span.document)
            frame.pushText(of: right, in: span.document)
            return 2
        }
        .method("overlaps", LuaDoc(
            "Whether the two spans share text.", parameters: [.init("other", "Span", "another span of the same document")],
            results: [.init("boolean", "")])) { handle, frame in
            frame.returning(try frame.resolve(handle).span.overlaps(try frame.span(2).span))
        }
        .method("contains", LuaDoc(
            "Whether `other` lies inside this span.", parameters: [.init("other", "Span", "another span of the same document")],
            results: [.init("boolean", "")])) { handle, frame in
            frame.returning(try frame.resolve(handle).span.contains(try frame.span(2).span))
        }
        .metamethod("__tostring", LuaDoc("`Span(12..30 \"text\")`, shortened.")) { handle, frame in
            let span = try frame.resolve(handle)
            var text = span.document.text(of: span.span)
            if text.count > 40 { text = String(text.prefix(37)) + "…" }
            return frame.returning("Span(\(span.span.start + 1)..\(span.span.end) \(LuaFormatter.quote(Array(text.utf8))))")
        }
        .metamethod("__len", LuaDoc("Its length in bytes.", results: [.init("integer", "")])) { handle, frame in
            frame.returning(try frame.resolve(handle).span.length)
        }
        .metamethod("__lt", LuaDoc("Text order: by start, then by end, so `table.sort` works on spans.")) { handle, frame in
            frame.returning(try frame.resolve(handle).span < (try frame.span(2)).span)
        }
        .metamethod("__le", LuaDoc("Text order, or the same span.")) { handle, frame in
            frame.returning(!(try frame.span(2).span < (try frame.resolve(handle)).span))
        }
}

extension LuaClass<UInt64> {
    /// The token features, read from the token layer's flags (nil on other spans).
    fileprivate func tokenFeatures() -> LuaClass<UInt64> {
        let flags: [(String, TokenFlags, String)] = [
            ("is_title", .isTitle, "Upper-case first letter, the rest lower case (\"Sessions\")."),
            ("is_upper", .isUpper, "All cased letters upper case (\"DOJ\", \"U.S.\")."),
            ("is_punct", .isPunct, "Only punctuation."),
            ("like_num", .likeNum, "Reads as a number (\"5,000\", \"1.5bn\", \"seven\")."),
            ("is_sentence_start", .isSentenceStart, "The first token of a sentence."),
            ("is_alpha", .isAlpha, "Letters only."),
            ("is_digit", .isDigit, "Digits only."),
            ("like_url", .likeURL, "A URL."),
            ("like_email", .likeEmail, "An e-mail address."),
            ("is_currency", .isCurrency, "A currency sign."),
            ("is_quote", .isQuote, "A quotation mark."),
        ]
        var out = self
            .field("lower", "string", LuaDoc("The text in lower case.")) { handle, frame in
                let span = try frame.resolve(handle)
                return frame.returning(span.document.text(of: span.span).lowercased())
            }
            .field("shape", "string", LuaDoc(
                "The text's shape: upper-case letters as X, lower-case as x, digits as d, runs cut at four (\"Xxxxx\", \"d,ddd\", \"X.X.\").")) {
                handle, frame in
                let span = try frame.resolve(handle)
                return frame.returning(TokenShape.of(span.document.text(of: span.span)))
            }
        for (name, flag, summary) in flags {
            out = out.field(name, "boolean?", LuaDoc(summary + " Tokens only; nil on other spans.")) { handle, frame in
                let span = try frame.resolve(handle)
                guard span.layer == LayerID.token else { return frame.returning(LuaValue.nil) }
                return frame.returning(span.document.tokenFlags[span.index].contains(flag))
            }
        }
        return out
    }
}

extension LuaFrame {
    /// Pushes the span of `layer` that contains the start of `span`.
    fileprivate func pushEnclosing(_ span: SpanRef, layer: UInt8) throws -> Int32 {
        guard let target = LayerID.layer(layer, of: span.document),
            let index = target.index(containing: span.span.start)
        else { return returning(LuaValue.nil) }
        // The one span of a built-in layer made without pushing the layer: mirrored likewise,
        // so that reading it takes the fast path too.
        documents.fastPath?.mirror(layer, of: span.document, in: self)
        pushSpan(span.document, layer: layer, index: index)
        return 1
    }
}

/// The text around a span.
enum Context {
    /// The spans before and after `span`: `count` tokens or bytes on each side, within the
    /// document (byte counts are moved to code-point boundaries).
    static func around(_ span: Span, in document: Document, count: Int, tokens: Bool) -> (Span, Span) {
        let length = document.bytes.count
        if !tokens {
            return document.bytes.withUnsafeBufferPointer { bytes in
                var leftStart = max(0, span.start - count)
                while leftStart > 0, leftStart < length, bytes[leftStart] & 0xC0 == 0x80 { leftStart -= 1 }
                var rightEnd = min(length, span.end + count)
                while rightEnd < length, bytes[rightEnd] & 0xC0 == 0x80 { rightEnd += 1 }
                return (Span(leftStart, span.start), Span(span.end, rightEnd))
            }
        }
        let tokens = document.tokens
        let first = tokens.firstIndex(startingAtOrAfter: span.start)
        let leftStart = first - count >= 0 && count > 0 ? tokens.spans[first - count].start : (count > 0 ? 0 : span.start)
        let after = tokens.firstIndex(startingAtOrAfter: span.end)
        let rightEnd = count == 0 ? span.end : (after + count - 1 < tokens.count ? tokens.spans[after + count - 1].end : length)
        return (Span(min(leftStart, span.start), span.start), Span(span.end, max(rightEnd, span.end)))
    }
}
