internal import CSpanFast
import DocModel
import LuaRuntime

/// Which layer of a document a span or layer view belongs to.
enum LayerID {
    static let paragraph: UInt8 = 0
    static let sentence: UInt8 = 1
    static let token: UInt8 = 2
    static let firstAnnotation: UInt8 = 3
    /// Spans in no layer: search matches and ranges (``Document/looseSpans``).
    static let loose: UInt8 = 63
    static let maxAnnotationLayers = Int(loose - firstAnnotation)

    /// The layer with this number in `document` (nil for ``loose``).
    static func layer(_ id: UInt8, of document: Document) -> Layer? {
        switch id {
        case paragraph: return document.paragraphs
        case sentence: return document.sentences
        case token: return document.tokens
        default:
            let index = Int(id) - Int(firstAnnotation)
            return id != loose && index < document.annotationLayers.count ? document.annotationLayers[index] : nil
        }
    }

    /// The number of the layer called `name`, if the document has it.
    static func id(of name: String, in document: Document) -> UInt8? {
        switch name {
        case "paragraph": return paragraph
        case "sentence": return sentence
        case "token": return token
        default:
            guard let index = document.annotationLayers.firstIndex(where: { $0.name == name }),
                index < maxAnnotationLayers
            else { return nil }
            return firstAnnotation + UInt8(index)
        }
    }
}

/// A span as Lua holds it: a 64-bit handle pushed as a light userdata, so that making
/// millions of spans allocates nothing, for Lua or for Swift.
///
/// Bits: 63 always set (a handle is never 0); 50–62 the document's slot in the
/// ``DocumentRegistry``; 34–49 the slot's generation (a span of a document that is gone is
/// recognised, not confused with its slot's next document); 28–33 the layer (``LayerID``);
/// 0–27 the span's id in its layer (``Layer/id(atPosition:)``, stable when spans are inserted
/// before it) or its number in ``Document/looseSpans``.
struct SpanHandle: Equatable {
    static let maxIndex = (1 << 28) - 1
    let bits: UInt64

    init(bits: UInt64) { self.bits = bits }

    init(document: Document, layer: UInt8, index: Int) {
        bits = 1 << 63 | UInt64(document.hostSlot) << 34 | UInt64(layer & 63) << 28 | UInt64(index & Self.maxIndex)
    }

    /// The document's slot and generation, as ``Document/hostSlot`` holds them (slot << 16 | generation).
    var slot: UInt32 { UInt32(truncatingIfNeeded: bits >> 34) & 0x1FFF_FFFF }
    var layer: UInt8 { UInt8(truncatingIfNeeded: bits >> 28) & 63 }
    var index: Int { Int(bits & UInt64(Self.maxIndex)) }
}

/// A span resolved from its handle: the document, the layer and the bytes.
struct SpanRef {
    /// Unowned: the registry holds the document while its userdata lives, and a SpanRef
    /// lives only during one call.
    unowned(unsafe) let document: Document
    let layer: UInt8
    /// Its position in the layer (or its number among loose spans).
    let index: Int
    let span: Span

    var isLoose: Bool { layer == LayerID.loose }
}

/// The documents scripts can reach in one Lua state, by slot, so that span handles can name
/// them. A document is held from the moment its first userdata is made until Lua has
/// collected every userdata made for it; a span whose document is gone reports so instead of
/// reading freed memory.
final class DocumentRegistry {
    /// Slots (13 bits of a handle; slot 0 is never used).
    static let maxSlots = 1 << 13
    private struct Entry {
        var document: Unmanaged<Document>?
        /// How many userdata hold the document.
        var holders = 0
        /// Host memory charged to the Lua state for it (its loose spans).
        var charged = 0
        var generation: UInt16 = 0
    }

    private var entries: [Entry] = [Entry()]
    private var free: [Int] = []
    /// The C fast path's mirror of the documents' text and built-in layers, when installed:
    /// a slot's mirror is forgotten when the slot is freed.
    var fastPath: SpanFastPath?

    /// Gives `document` a slot (if it has none here) for one more userdata, and records it in
    /// ``Document/hostSlot``.
    /// - Throws: when every slot holds a live document.
    func register(_ document: Document) throws(LuaCallError) {
        let current = Int(document.hostSlot >> 16)
        if current > 0, current < entries.count, entries[current].document?.toOpaque() == Unmanaged.passUnretained(document).toOpaque() {
            entries[current].holders += 1
            return
        }
        guard let slot = freeSlot() else {
            throw .message("more than \(Self.maxSlots - 1) documents are alive in this Lua state; let go of documents you no longer need")
        }
        entries[slot].document = Unmanaged.passRetained(document)
        entries[slot].holders = 1
        entries[slot].generation &+= 1
        document.hostSlot = UInt32(slot) << 16 | UInt32(entries[slot].generation)
    }

    /// Host memory the document keeps (its loose spans), charged to the state; returned
    /// when the document goes.
    func charge(_ bytes: Int, for document: Document) {
        let slot = Int(document.hostSlot >> 16)
        if slot > 0, slot < entries.count { entries[slot].charged += bytes }
    }

    /// One userdata of `document` was collected (by the state of `frame`); the slot is freed
    /// with the last one. Returns the host memory charged for it, to refund.
    @discardableResult
    func release(_ document: Document, in frame: LuaFrame) -> Int {
        let slot = Int(document.hostSlot >> 16)
        guard slot > 0, slot < entries.count,
            entries[slot].document?.toOpaque() == Unmanaged.passUnretained(document).toOpaque()
        else { return 0 }
        entries[slot].holders -= 1
        guard entries[slot].holders <= 0 else { return 0 }
        entries[slot].document?.release()
        entries[slot].document = nil
        fastPath?.forget(slot: slot, in: frame)
        defer { entries[slot].charged = 0 }
        // A slot whose generation would wrap is retired, so an old handle can never match a
        // later document.
        if entries[slot].generation != .max { free.append(slot) }
        return entries[slot].charged
    }

    /// The document a handle names, or nil when it is gone.
    @inline(__always)
    func document(for handle: SpanHandle) -> Unmanaged<Document>? {
        let slot = Int(handle.slot >> 16)
        guard slot < entries.count, entries[slot].generation == UInt16(truncatingIfNeeded: handle.slot) else { return nil }
        return entries[slot].document
    }

    deinit {
        for entry in entries { entry.document?.release() }
    }

    private func freeSlot() -> Int? {
        if let slot = free.popLast() { return slot }
        guard entries.count < Self.maxSlots else { return nil }
        entries.append(Entry())
        return entries.count - 1
    }
}

/// A layer, or a run of it (`span:tokens()`), as a Lua userdata holds it.
public struct LayerRef: BitwiseCopyable {
    /// Where the view stands, kept first so that it heads the userdata block, where the C fast
    /// path of iteration reads it (`loupe_layer_view` in CSpanFast.h): the handle of the
    /// layer's span 0, the first position in the view and one past the last.
    let view: loupe_layer_view
    let documentPointer: UnsafeMutableRawPointer

    init(_ document: Document, layer: UInt8, from: Int, to: Int) {
        view = loupe_layer_view(
            first: SpanHandle(document: document, layer: layer, index: 0).bits, from: Int32(from), to: Int32(to))
        documentPointer = Unmanaged.passUnretained(document).toOpaque()
    }

    /// The document, kept alive by the layer userdata's owner (the document's userdata).
    var document: Document { Unmanaged<Document>.fromOpaque(documentPointer).takeUnretainedValue() }
    /// The layer's number (``LayerID``).
    var layer: UInt8 { SpanHandle(bits: view.first).layer }
    /// The first position in the view.
    var from: Int32 { view.from }
    /// One past the last position in the view.
    var to: Int32 { view.to }
    var count: Int { Int(to - from) }
}
