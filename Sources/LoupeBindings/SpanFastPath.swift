internal import CSpanFast
import DocModel
import LuaRuntime

/// The C fast path of the reads scripts make most: `span.text`, `span.start` and `span.stop`
/// of paragraphs, sentences and tokens, and `for t in layer do … end` over those layers
/// (see CSpanFast.h).
///
/// The Swift fields and `__call` stay the definition, the documentation and the fallback: the
/// C functions stand in front of them, answer only what they are sure of, and hand everything
/// else (other fields, annotation layers, search matches, errors) to them unchanged. What they
/// read is a *mirror* of each document's text and built-in layers, copied when a built-in
/// layer is first pushed for it and forgotten when its slot in the ``DocumentRegistry`` is
/// freed, so that a stale handle, whose generation no longer matches, falls back on the Swift
/// path and its "document is gone" error. The copies are userdata of the Lua state: they count
/// against its memory cap, and its collector sees them, like the rest of the state.
struct SpanFastPath {
    private let mirror: OpaquePointer

    /// Puts the fast path in front of the Span and Layer classes registered in `state`;
    /// nil, leaving them as they are, when their metamethods are not the bridge's own or
    /// ``LayerRef`` no longer starts with its `loupe_layer_view`.
    static func install(in state: LuaState) -> SpanFastPath? {
        guard MemoryLayout<LayerRef>.offset(of: \.view) == 0,
            let mirror = loupe_spanfast_install(state.unsafeRawState, SpanClass.luaClass.name, LayerClass.luaClass.name)
        else {
            assertionFailure("the span fast path no longer fits the bridge (CSpanFast.h)")
            return nil
        }
        return SpanFastPath(mirror: mirror)
    }

    /// Mirrors built-in layer `layer` of `document`, and its text, unless done already for the
    /// document's slot and generation.
    /// - Complexity: O(n) in the text and the layer's spans, once.
    func mirror(_ layer: UInt8, of document: Document, in frame: LuaFrame) {
        let (slot, generation) = Self.slot(of: document)
        guard slot > 0, layer < LayerID.firstAnnotation,
            loupe_spanfast_has_layer(mirror, slot, generation, UInt32(layer)) == 0
        else { return }
        let L = frame.unsafeRawState
        guard document.withBytes({ loupe_spanfast_mirror_text(L, mirror, slot, generation, $0.baseAddress, $0.count) }) != 0,
            let spans = LayerID.layer(layer, of: document)?.spans,
            let pairs = loupe_spanfast_mirror_layer(L, mirror, slot, generation, UInt32(layer), spans.count)
        else { return }
        for (i, span) in spans.enumerated() {
            pairs[2 * i] = UInt32(truncatingIfNeeded: span.start)
            pairs[2 * i + 1] = UInt32(truncatingIfNeeded: span.end)
        }
    }

    /// Whether built-in layer `layer` of `document` is mirrored (for tests).
    func isMirrored(_ layer: UInt8, of document: Document) -> Bool {
        let (slot, generation) = Self.slot(of: document)
        return loupe_spanfast_has_layer(mirror, slot, generation, UInt32(layer)) != 0
    }

    /// Forgets what is mirrored for `slot`: its document is gone.
    func forget(slot: Int, in frame: LuaFrame) {
        loupe_spanfast_forget(frame.unsafeRawState, mirror, UInt32(slot))
    }

    /// Forgets every document: the registry the slots belong to is going.
    func forgetAll(in state: LuaState) {
        loupe_spanfast_forget_all(state.unsafeRawState, mirror)
    }

    private static func slot(of document: Document) -> (slot: UInt32, generation: UInt32) {
        (document.hostSlot >> 16, document.hostSlot & 0xFFFF)
    }
}
