import DocModel

/// Which layer of a document a span or layer view belongs to, as Lua userdata stores it.
enum LayerID {
    static let free: Int32 = -1
    static let paragraph: Int32 = 0
    static let sentence: Int32 = 1
    static let token: Int32 = 2
    static let firstAnnotation: Int32 = 3

    /// The layer with this number in `document`.
    static func layer(_ id: Int32, of document: Document) -> Layer? {
        switch id {
        case paragraph: return document.paragraphs
        case sentence: return document.sentences
        case token: return document.tokens
        default:
            let index = Int(id - firstAnnotation)
            return index >= 0 && index < document.annotationLayers.count ? document.annotationLayers[index] : nil
        }
    }

    /// The number of the layer called `name`, if the document has it.
    static func id(of name: String, in document: Document) -> Int32? {
        switch name {
        case "paragraph": return paragraph
        case "sentence": return sentence
        case "token": return token
        default:
            return document.annotationLayers.firstIndex { $0.name == name }.map { firstAnnotation + Int32($0) }
        }
    }
}

/// A span as a Lua userdata holds it: a plain struct, so that making millions of them costs
/// no reference counting and no finaliser. The document is kept alive by the userdata's user
/// value (its owner), which holds the document's own userdata.
public struct SpanRef: BitwiseCopyable, Equatable {
    /// The document, unretained (see above).
    let documentPointer: UnsafeMutableRawPointer
    /// Its layer (``LayerID``), or ``LayerID/free`` for a span found by a search.
    let layer: Int32
    /// Its index in the layer; -1 for free spans.
    let index: Int32
    /// Its first byte.
    let start: Int32
    /// One past its last byte.
    let end: Int32

    init(_ document: Document, layer: Int32, index: Int32, span: Span) {
        documentPointer = Unmanaged.passUnretained(document).toOpaque()
        self.layer = layer
        self.index = index
        start = Int32(span.start)
        end = Int32(span.end)
    }

    /// The document (valid while the userdata lives).
    var document: Document { Unmanaged<Document>.fromOpaque(documentPointer).takeUnretainedValue() }
    /// The span's bytes.
    var span: Span { Span(Int(start), Int(end)) }
}

/// A layer, or a run of it (`span:tokens()`), as a Lua userdata holds it.
public struct LayerRef: BitwiseCopyable, Equatable {
    let documentPointer: UnsafeMutableRawPointer
    let layer: Int32
    /// The first index in the view.
    let from: Int32
    /// One past the last index in the view.
    let to: Int32

    init(_ document: Document, layer: Int32, from: Int, to: Int) {
        documentPointer = Unmanaged.passUnretained(document).toOpaque()
        self.layer = layer
        self.from = Int32(from)
        self.to = Int32(to)
    }

    var document: Document { Unmanaged<Document>.fromOpaque(documentPointer).takeUnretainedValue() }
    var count: Int { Int(to - from) }
}
