/*
 * CSpanFast: the C fast path for the hottest reads scripts make, `for t in doc:tokens() do
 * … t.text … end` and the like.
 *
 * Spans are light-userdata handles (see SpanHandle in LoupeBindings/References.swift), and every
 * field read goes through the Span class's `__index`, which enters Swift through the error
 * trampoline. For the fields `text`, `start` and `stop` of a span of a built-in layer
 * (paragraphs, sentences, tokens), and for stepping through a built-in layer, that costs far
 * more than the answer. This target puts small C functions in front of the two metamethods:
 *
 *   - Span's `__index` answers `text`, `start` and `stop` from a *mirror*: per document slot,
 *     its generation, a private copy of the clean text and of the built-in layers' spans,
 *     filled by Swift when a built-in layer (or a span of one, for `span:sentence()`) is first
 *     pushed for a document, and forgotten when the document's slot is released;
 *   - Layer's `__call` (the generic-for iterator) makes the next handle from the view's header
 *     (loupe_layer_view) at the start of the Layer userdata.
 *
 * Anything else (other keys, other layers, a document no longer mirrored, a stale handle) goes
 * to the original metamethod, called directly in the same Lua call frame with the same
 * upvalues, so results, error messages and their positions are the same as without this path.
 * The fast path is a pure accelerator: the Swift fields stay the documented source.
 *
 * The error rule holds: these functions are called by Lua only, and may raise (a memory error
 * from lua_pushlstring) with no Swift frame between them and Lua; the originals they fall back
 * on are the trampoline's own C functions.
 */
#ifndef CSPANFAST_H
#define CSPANFAST_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>

/* ===================================================================== */
/* Handles and layers, as LoupeBindings lays them out                     */
/* ===================================================================== */

/* A span handle: bit 63 set; 50-62 document slot; 34-49 slot generation; 28-33 layer; 0-27 id. */
#define LOUPE_HANDLE_SLOT(h) ((unsigned)(((h) >> 50) & 0x1FFF))
#define LOUPE_HANDLE_GENERATION(h) ((unsigned)(((h) >> 34) & 0xFFFF))
#define LOUPE_HANDLE_LAYER(h) ((unsigned)(((h) >> 28) & 63))
#define LOUPE_HANDLE_ID(h) ((uint64_t)(h) & LOUPE_HANDLE_MAX_ID)
#define LOUPE_HANDLE_MAX_ID ((uint64_t)0x0FFFFFFF)

/* Layers 0-2 (paragraph, sentence, token) are built in: their ids are their positions. */
#define LOUPE_BUILTIN_LAYERS 3

/**
 * The head of every Layer userdata block (LayerRef in LoupeBindings keeps it as its first
 * stored property; SpanFastPath.install checks that it stays there, and stops the tests when
 * not): enough to step through the view.
 */
typedef struct loupe_layer_view {
    uint64_t first; /* the handle of the layer's span 0 (id bits zero) */
    int32_t from;   /* the first position in the view */
    int32_t to;     /* one past the last position in the view */
} loupe_layer_view;

/* ===================================================================== */
/* The mirror                                                             */
/* ===================================================================== */

/** What a Lua state's fast path knows of its documents (a userdata of the state). */
typedef struct loupe_span_mirror loupe_span_mirror;

/**
 * Puts the fast functions in front of `__index` of the metatable named `span_class` and
 * `__call` of the one named `layer_class` (classes registered by LuaRuntime, whose metamethods
 * must be the trampoline's C closures: 4 upvalues for `__index`, 1 for `__call`), and returns
 * their mirror, which lives as long as the state. Returns NULL, changing nothing, when the
 * metamethods are not what is expected. Call it from the host, not from Lua.
 */
loupe_span_mirror *loupe_spanfast_install(lua_State *L, const char *span_class, const char *layer_class);

/*
 * The functions below are called by the host (never by Lua) with the state, or any of its
 * threads, as `L`: the mirror's copies are userdata the collector owns, anchored while mirrored.
 * They may allocate, so they must run where an allocation cannot raise (host code, whose
 * allocations LuaRuntime never refuses).
 */

/** Whether layer `layer` of the document in `slot` at `generation` is mirrored. */
int loupe_spanfast_has_layer(const loupe_span_mirror *m, unsigned slot, unsigned generation, unsigned layer);

/**
 * Mirrors the clean text of the document in `slot` at `generation` (a copy; once per
 * generation), first forgetting whatever the slot held for an older generation.
 * Returns 0 when the text is too long to mirror (4 GiB or more).
 */
int loupe_spanfast_mirror_text(lua_State *L, loupe_span_mirror *m, unsigned slot, unsigned generation,
                               const void *text, size_t length);

/**
 * Makes room for the `count` spans of built-in layer `layer` of the document whose text is
 * mirrored in `slot` at `generation`, and returns it: 2 * count uint32, (start, end) byte
 * offsets with `end` exclusive, which the caller fills before Lua runs again (a span outside
 * the text is never served: it falls back). Returns NULL, mirroring nothing, when the text is
 * not mirrored, the layer is not built in, or it has more spans than a handle can name.
 */
uint32_t *loupe_spanfast_mirror_layer(lua_State *L, loupe_span_mirror *m, unsigned slot, unsigned generation,
                                      unsigned layer, size_t count);

/** Forgets what the mirror holds for `slot` (its document is gone: handles then fall back). */
void loupe_spanfast_forget(lua_State *L, loupe_span_mirror *m, unsigned slot);
/** Forgets every slot. */
void loupe_spanfast_forget_all(lua_State *L, loupe_span_mirror *m);

#endif
