/// A document as scripts see it: where it came from, its metadata, its text as read and
/// clean, and layers of spans over the clean text.
///
/// The clean text is segmented on first use: ``paragraphs``, then ``sentences``, then
/// ``tokens`` (each computed once). Scripts and plugins add their own layers with
/// ``annotate(_:_:attributes:)``.
public final class Document {
    /// A short identifier, unique within a corpus.
    public let id: String
    /// The path the document was read from.
    public let path: String
    /// Metadata from the file's header, front matter or fields (`date`, `title`…), plus
    /// `warnings` when reading met problems that did not stop it.
    public var meta: Metadata
    /// The text as read (decoded as UTF-8).
    public let raw: String
    /// The clean text.
    public let text: String
    /// The clean text's UTF-8 bytes, which span offsets count.
    public let bytes: [UInt8]
    /// Where the clean text's bytes came from in ``raw``; `nil` when the text was extracted
    /// rather than cleaned from the raw text (HTML).
    public let offsets: OffsetMap?

    /// The segmenters that made the built-in layers (phrase lists use its tokenizer too).
    public private(set) var segmentation: Segmentation
    private var paragraphLayer: Layer?
    private var sentenceLayer: Layer?
    private var tokenLayer: Layer?
    private var tokenFlagList: [TokenFlags] = []
    /// Annotation layers added by scripts and plugins, by name, in the order they were made.
    public private(set) var annotationLayers: [Layer] = []
    /// Spans in no layer (search matches, ranges asked for by scripts), kept so that a handle
    /// can name them by number, with their attributes (a regex's named groups).
    public private(set) var looseSpans: [Span] = []
    /// The attributes of ``looseSpans``, parallel to it.
    public private(set) var looseAttributes: [Metadata] = []

    /// Keeps a span in no layer and returns its number.
    public func addLooseSpan(_ span: Span, attributes: Metadata = Metadata()) -> Int {
        looseSpans.append(span)
        looseAttributes.append(attributes)
        return looseSpans.count - 1
    }

    /// A number the layer presenting documents to scripts keeps here (a slot in its table of
    /// live documents); the document model does not use it.
    public var hostSlot: UInt32 = 0

    /// Makes a document from its clean text.
    public init(
        id: String, path: String, raw: String, cleanText bytes: [UInt8], offsets: OffsetMap?,
        meta: Metadata = Metadata(), segmentation: Segmentation = Segmentation()
    ) {
        self.id = id
        self.path = path
        self.raw = raw
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
        self.offsets = offsets
        self.meta = meta
        self.segmentation = segmentation
    }

    /// Makes a document whose clean text is `text` itself (no cleaning, offsets one to one).
    public convenience init(id: String, path: String = "", text: String, meta: Metadata = Metadata()) {
        let bytes = Array(text.utf8)
        var map = OffsetMap()
        map.append(cleanStart: 0, cleanLength: bytes.count, rawStart: 0,
                   rawLength: text.unicodeScalars.count, verbatim: true)
        self.init(id: id, path: path, raw: text, cleanText: bytes, offsets: map, meta: meta)
    }

    // MARK: - Built-in layers

    /// Paragraphs: the clean text's blocks separated by an empty line.
    public var paragraphs: Layer {
        if let paragraphLayer { return paragraphLayer }
        let layer = Layer(name: "paragraph", spans: bytes.withUnsafeBufferPointer(Segmentation.paragraphs))
        paragraphLayer = layer
        return layer
    }

    /// Sentences, within paragraphs.
    public var sentences: Layer {
        if let sentenceLayer { return sentenceLayer }
        let spans = bytes.withUnsafeBufferPointer {
            segmentation.sentences.sentences(in: $0, paragraphs: paragraphs.spans)
        }
        let layer = Layer(name: "sentence", spans: spans)
        sentenceLayer = layer
        return layer
    }

    /// Tokens, with their features in ``tokenFlags``.
    public var tokens: Layer {
        if let tokenLayer { return tokenLayer }
        let (spans, flags) = bytes.withUnsafeBufferPointer {
            segmentation.tokenizer.tokens(in: $0, range: 0..<$0.count)
        }
        tokenFlagList = flags
        // Mark the first token of each sentence.
        var t = 0
        for sentence in sentences.spans {
            while t < spans.count, spans[t].start < sentence.start { t += 1 }
            if t < spans.count { tokenFlagList[t].insert(.isSentenceStart) }
        }
        let layer = Layer(name: "token", spans: spans)
        tokenLayer = layer
        return layer
    }

    /// The features of each token (parallel to ``tokens``).
    public var tokenFlags: [TokenFlags] {
        _ = tokens
        return tokenFlagList
    }

    // MARK: - Layers by name

    /// The names of the built-in layers.
    public static let builtInLayers = ["paragraph", "sentence", "token"]

    /// The layer called `name`: a built-in one or an annotation layer; `nil` if none.
    public func layer(named name: String) -> Layer? {
        switch name {
        case "paragraph": paragraphs
        case "sentence": sentences
        case "token": tokens
        default: annotationLayers.first { $0.name == name }
        }
    }

    /// Adds a span to the annotation layer `name` (made if needed) and returns the layer
    /// and the span's index in it.
    /// - Throws: ``DocumentError`` when the span is outside the text or the name is a
    ///   built-in layer's.
    @discardableResult
    public func annotate(_ name: String, _ span: Span, attributes: Metadata = Metadata()) throws(AnnotationError)
        -> (layer: Layer, index: Int)
    {
        guard !Self.builtInLayers.contains(name) else { throw .builtInLayer(name) }
        guard span.start >= 0, span.end <= bytes.count else { throw .outOfRange(span, textLength: bytes.count) }
        let layer: Layer
        if let existing = annotationLayers.first(where: { $0.name == name }) {
            layer = existing
        } else {
            layer = Layer(name: name)
            annotationLayers.append(layer)
        }
        return (layer, layer.add(span, attributes: attributes))
    }

    // MARK: - Text

    /// Calls `body` with the clean text's bytes, without copying them.
    @inlinable
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// The clean text of `span`.
    public func text(of span: Span) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// The code-point offset of clean byte `offset` in the clean text.
    public func characterOffset(ofByte offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { Utf8.codePoints(in: $0, from: 0, to: min(offset, $0.count)) }
    }

    /// Where `span` stands in ``raw``, in code points; `nil` when the text was extracted
    /// (HTML) rather than cleaned from the raw text.
    public func rawRange(of span: Span) -> Range<Int>? {
        guard let offsets else { return nil }
        return bytes.withUnsafeBufferPointer { clean in
            let start = offsets.rawOffset(ofCleanByte: span.start, in: clean)
            guard span.end > span.start else { return start..<start }
            // The end is one past the span's last code point (which may close a run).
            let last = Utf8.previousStart(clean, before: span.end)
            let end = offsets.rawOffset(ofCleanByte: last, in: clean) + 1
            return start..<max(start, end)
        }
    }
}

/// Why a span could not be added to a layer.
public enum AnnotationError: Error, Equatable, CustomStringConvertible {
    /// The span is not inside the text.
    case outOfRange(Span, textLength: Int)
    /// The name belongs to a built-in layer.
    case builtInLayer(String)

    public var description: String {
        switch self {
        case .outOfRange(let span, let length):
            "span \(span.start + 1)..\(span.end) is outside the text (1..\(length))"
        case .builtInLayer(let name):
            "'\(name)' is a built-in layer; choose another name for annotations"
        }
    }
}

/// The segmenters a document uses.
public struct Segmentation: Sendable {
    /// Sentence boundaries.
    public var sentences: SentenceSegmenter
    /// Tokens.
    public var tokenizer: Tokenizer

    /// English news defaults.
    public init(sentences: SentenceSegmenter = SentenceSegmenter(), tokenizer: Tokenizer = Tokenizer()) {
        self.sentences = sentences
        self.tokenizer = tokenizer
    }

    /// Blocks of the clean text separated by "\n\n" (the cleaner guarantees that form).
    public static func paragraphs(_ text: UnsafeBufferPointer<UInt8>) -> [Span] {
        var out: [Span] = []
        var start = 0
        var i = 0
        while i + 1 < text.count {
            if i + 8 <= text.count {  // to the next "\n", eight bytes at a time
                let newlines = SWAR.bytes(of: SWAR.load(text, at: i), equalTo: 0x0A)
                if newlines == 0 {
                    i += 8
                    continue
                }
                i += SWAR.firstMarked(newlines)
                if i + 1 == text.count { break }
            }
            if text[i] == 0x0A, text[i + 1] == 0x0A {
                if i > start { out.append(Span(start, i)) }
                i += 2
                while i < text.count, text[i] == 0x0A { i += 1 }
                start = i
                continue
            }
            i += 1
        }
        if start < text.count { out.append(Span(start, text.count)) }
        return out
    }
}

/// Why a document could not be read. Its description names the file and what to do.
public struct DocumentError: Error, Equatable, CustomStringConvertible {
    /// The file concerned.
    public var path: String
    /// What was wrong, as a sentence fragment ("is not a text file (…)").
    public var reason: String

    /// Makes an error for `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
