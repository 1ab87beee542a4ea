import DocModel

/// Which layer of a document a span or layer view belongs to.
enum LayerID {
    static let paragraph: UInt8 = 0
    static let sentence: UInt8 = 1
    static let token: UInt8 = 2
    static let firstAnnotation: UInt8 = 3
    /// Spans in no layer: search matches and ranges (``Document/looseSpans``).
    static let loose: UInt8 = 255
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
/// Bits: 63 always set (a handle is never 0); 48–62 the document's slot in the
/// ``DocumentRegistry``; 40–47 the slot's generation (a span of a document that is gone is
/// recognised, not confused with its slot's next document); 32–39 the layer (``LayerID``);
/// 0–31 the span's id in its layer (``Layer/id(atPosition:)``, stable when spans are inserted
/// before it) or its number in ``Document/looseSpans``.
struct SpanHandle: Equatable {
    let bits: UInt64

    init(bits: UInt64) { self.bits = bits }

    init(document: Document, layer: UInt8, index: Int) {
        bits = 1 << 63 | UInt64(document.hostSlot) << 40 | UInt64(layer) << 32 | UInt64(UInt32(index))
    }

    /// The document's slot and generation, as ``Document/hostSlot`` holds them.
    var slot: UInt32 { UInt32(truncatingIfNeeded: bits >> 40) & 0x7F_FFFF }
    var layer: UInt8 { UInt8(truncatingIfNeeded: bits >> 32) }
    var index: Int { Int(UInt32(truncatingIfNeeded: bits)) }
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
/// them. A document is held from the moment its userdata is made until Lua collects that
/// userdata; a span whose document is gone reports so instead of reading freed memory.
final class DocumentRegistry {
    private struct Entry {
        var document: Unmanaged<Document>?
        var generation: UInt8 = 0
    }

    private var entries: [Entry] = [Entry()]  // slot 0 is never used
    private var nextFree = 1

    /// Gives `document` a slot (if it has none here) and records it in ``Document/hostSlot``.
    func register(_ document: Document) {
        let current = Int(document.hostSlot >> 8)
        if current > 0, current < entries.count, entries[current].document?.toOpaque() == Unmanaged.passUnretained(document).toOpaque() {
            return
        }
        let slot = freeSlot()
        entries[slot].document = Unmanaged.passRetained(document)
        entries[slot].generation &+= 1
        document.hostSlot = UInt32(slot) << 8 | UInt32(entries[slot].generation)
    }

    /// Frees the slot of `document` (its userdata was collected).
    func release(_ document: Document) {
        let slot = Int(document.hostSlot >> 8)
        guard slot > 0, slot < entries.count,
            entries[slot].document?.toOpaque() == Unmanaged.passUnretained(document).toOpaque()
        else { return }
        entries[slot].document?.release()
        entries[slot].document = nil
    }

    /// The document a handle names, or nil when it is gone.
    @inline(__always)
    func document(for handle: SpanHandle) -> Unmanaged<Document>? {
        let slot = Int(handle.slot >> 8)
        guard slot < entries.count, entries[slot].generation == UInt8(truncatingIfNeeded: handle.slot) else { return nil }
        return entries[slot].document
    }

    deinit {
        for entry in entries { entry.document?.release() }
    }

    private func freeSlot() -> Int {
        // Reuse the slot of a document that is gone, looking round from where the last
        // search stopped; else grow, up to 2^15 slots.
        let count = entries.count
        for step in 0..<(count - 1) {
            let slot = 1 + (nextFree - 1 + step) % (count - 1)
            if entries[slot].document == nil {
                nextFree = slot + 1
                return slot
            }
        }
        precondition(count < 1 << 15, "more than 32,767 documents alive in one Lua state")
        entries.append(Entry())
        nextFree = 1
        return count
    }
}

/// A layer, or a run of it (`span:tokens()`), as a Lua userdata holds it.
public struct LayerRef: BitwiseCopyable, Equatable {
    let documentPointer: UnsafeMutableRawPointer
    let layer: UInt8
    /// The first index in the view.
    let from: Int32
    /// One past the last index in the view.
    let to: Int32

    init(_ document: Document, layer: UInt8, from: Int, to: Int) {
        documentPointer = Unmanaged.passUnretained(document).toOpaque()
        self.layer = layer
        self.from = Int32(from)
        self.to = Int32(to)
    }

    /// The document, kept alive by the layer userdata's owner (the document's userdata).
    var document: Document { Unmanaged<Document>.fromOpaque(documentPointer).takeUnretainedValue() }
    var count: Int { Int(to - from) }
}
