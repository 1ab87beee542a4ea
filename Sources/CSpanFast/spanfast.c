/*
 * CSpanFast: the fast `__index` of spans and `__call` of layers, and the mirror they read
 * (see CSpanFast.h).
 *
 * Every path that is not sure of its answer falls back on the original metamethod, which is
 * called as a plain C function inside the same Lua call: it sees the same arguments and
 * upvalues, and its errors carry the same names and positions.
 */
#include "CSpanFast.h"

#include <lauxlib.h>
#include <string.h>

/* Upvalues of the originals (loupe_object_index; the trampoline); the mirror comes after them. */
#define SPAN_INDEX_UPVALUES 4
#define LAYER_CALL_UPVALUES 1

/* What the mirror holds for one document slot. */
typedef struct mirrored_document {
    unsigned generation;  /* the slot's generation when mirrored (generations start at 1) */
    uint32_t length;      /* bytes of text */
    const char *text;     /* a private copy of the clean text; NULL: nothing mirrored */
    uint32_t *spans[LOUPE_BUILTIN_LAYERS]; /* (start, end) pairs; NULL: layer not mirrored */
    uint32_t count[LOUPE_BUILTIN_LAYERS];
} mirrored_document;

struct loupe_span_mirror {
    mirrored_document *documents; /* by slot */
    unsigned capacity;
    /* The metamethods the fast paths stand in front of. */
    lua_CFunction span_index;
    lua_CFunction layer_call;
};

/* ===================================================================== */
/* Memory: blocks owned by the collector                                  */
/* ===================================================================== */

/*
 * Every block the mirror points to is a Lua userdata, anchored in a table that the registry
 * keeps under the mirror's address: the collector counts the copies (against the memory cap,
 * and when pacing itself) and frees them once unanchored. A slot's blocks sit at keys
 * 1 + slot * 4 + part (part 0, the text; 1 + layer, a layer's spans); the slot table at key 0.
 */
#define PARTS 4
#define TEXT_PART 0
#define SLOTS_KEY 0

static lua_Integer block_key(unsigned slot, int part) { return 1 + (lua_Integer)slot * PARTS + part; }

/* A new block of `size` bytes anchored at `key` (replacing what was there). */
static void *anchored_block(lua_State *L, const loupe_span_mirror *m, lua_Integer key, size_t size) {
    lua_checkstack(L, 2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, m);
    void *block = lua_newuserdatauv(L, size, 0);
    lua_rawseti(L, -2, key);
    lua_pop(L, 1);
    return block;
}

static void drop_block(lua_State *L, const loupe_span_mirror *m, lua_Integer key) {
    lua_checkstack(L, 2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, m);
    lua_pushnil(L);
    lua_rawseti(L, -2, key);
    lua_pop(L, 1);
}

void loupe_spanfast_forget(lua_State *L, loupe_span_mirror *m, unsigned slot) {
    if (slot >= m->capacity || m->documents[slot].text == NULL) return;
    for (int part = 0; part < PARTS; part++) drop_block(L, m, block_key(slot, part));
    memset(&m->documents[slot], 0, sizeof m->documents[slot]);
}

void loupe_spanfast_forget_all(lua_State *L, loupe_span_mirror *m) {
    for (unsigned slot = 0; slot < m->capacity; slot++) loupe_spanfast_forget(L, m, slot);
}

/* The entry of `slot`, made room for. */
static mirrored_document *document_at(lua_State *L, loupe_span_mirror *m, unsigned slot) {
    if (slot >= m->capacity) {
        unsigned capacity = m->capacity > 0 ? m->capacity : 16;
        while (capacity <= slot) capacity *= 2;
        lua_checkstack(L, 2);
        lua_rawgetp(L, LUA_REGISTRYINDEX, m);
        mirrored_document *grown = lua_newuserdatauv(L, capacity * sizeof *grown, 0);
        memset(grown, 0, capacity * sizeof *grown);
        if (m->capacity > 0) memcpy(grown, m->documents, m->capacity * sizeof *grown);
        lua_rawseti(L, -2, SLOTS_KEY); /* only now is the old table unanchored */
        lua_pop(L, 1);
        m->documents = grown;
        m->capacity = capacity;
    }
    return &m->documents[slot];
}

/* ===================================================================== */
/* Filling the mirror                                                     */
/* ===================================================================== */

int loupe_spanfast_has_layer(const loupe_span_mirror *m, unsigned slot, unsigned generation, unsigned layer) {
    return slot < m->capacity && layer < LOUPE_BUILTIN_LAYERS
        && m->documents[slot].generation == generation && m->documents[slot].spans[layer] != NULL;
}

int loupe_spanfast_mirror_text(lua_State *L, loupe_span_mirror *m, unsigned slot, unsigned generation,
                               const void *text, size_t length) {
    if (length >= UINT32_MAX) return 0;
    mirrored_document *d = document_at(L, m, slot);
    if (d->generation == generation && d->text != NULL) return 1;
    loupe_spanfast_forget(L, m, slot);
    char *copy = anchored_block(L, m, block_key(slot, TEXT_PART), length);
    if (length > 0) memcpy(copy, text, length);
    /* Looked up again: the allocation may have run finalizers, which forget other slots. */
    d = &m->documents[slot];
    d->text = copy;
    d->length = (uint32_t)length;
    d->generation = generation;
    return 1;
}

uint32_t *loupe_spanfast_mirror_layer(lua_State *L, loupe_span_mirror *m, unsigned slot, unsigned generation,
                                      unsigned layer, size_t count) {
    if (slot >= m->capacity || layer >= LOUPE_BUILTIN_LAYERS || count > LOUPE_HANDLE_MAX_ID + 1)
        return NULL;
    if (m->documents[slot].generation != generation || m->documents[slot].text == NULL) return NULL;
    uint32_t *spans = anchored_block(L, m, block_key(slot, 1 + (int)layer), 2 * sizeof(uint32_t) * count);
    m->documents[slot].spans[layer] = spans;
    m->documents[slot].count[layer] = (uint32_t)count;
    return spans;
}

/* ===================================================================== */
/* The fast paths                                                         */
/* ===================================================================== */

/* The mirrored (start, end) of the span `handle` names, with its document; NULL if not mirrored. */
static const uint32_t *mirrored_span(const loupe_span_mirror *m, uint64_t handle, const char **text) {
    unsigned slot = LOUPE_HANDLE_SLOT(handle), layer = LOUPE_HANDLE_LAYER(handle);
    if (slot >= m->capacity || layer >= LOUPE_BUILTIN_LAYERS) return NULL;
    const mirrored_document *d = &m->documents[slot];
    uint64_t id = LOUPE_HANDLE_ID(handle);
    if (d->generation != LOUPE_HANDLE_GENERATION(handle) || d->spans[layer] == NULL || id >= d->count[layer])
        return NULL;
    const uint32_t *span = d->spans[layer] + 2 * id;
    if (span[0] > span[1] || span[1] > d->length) return NULL;
    *text = d->text;
    return span;
}

enum { OTHER_FIELD, TEXT_FIELD, START_FIELD, STOP_FIELD };

/* Compared byte by byte: this runs on every field read, and a call to memcmp costs more. */
static int fast_field(const char *k, size_t length) {
    if (length == 4 && k[0] == 't' && k[1] == 'e' && k[2] == 'x' && k[3] == 't') return TEXT_FIELD;
    if (length == 5 && k[0] == 's' && k[1] == 't' && k[2] == 'a' && k[3] == 'r' && k[4] == 't') return START_FIELD;
    if (length == 4 && k[0] == 's' && k[1] == 't' && k[2] == 'o' && k[3] == 'p') return STOP_FIELD;
    return OTHER_FIELD;
}

/* Span's __index: span.text, span.start and span.stop from the mirror (same values as the
   Swift fields: 1-based start, inclusive stop). Upvalues: loupe_object_index's 4, the mirror.
   Argument 1 is not type-checked: whatever it holds, mirrored_span checks every bit it uses. */
static int span_index(lua_State *L) {
    const loupe_span_mirror *m = lua_touserdata(L, lua_upvalueindex(SPAN_INDEX_UPVALUES + 1));
    if (lua_type(L, 2) == LUA_TSTRING) {
        size_t length;
        const char *key = lua_tolstring(L, 2, &length);
        int field = fast_field(key, length);
        const char *text;
        const uint32_t *span;
        if (field != OTHER_FIELD
            && (span = mirrored_span(m, (uint64_t)(uintptr_t)lua_touserdata(L, 1), &text)) != NULL) {
            switch (field) {
            case TEXT_FIELD: lua_pushlstring(L, text + span[0], span[1] - span[0]); break;
            case START_FIELD: lua_pushinteger(L, (lua_Integer)span[0] + 1); break;
            default: lua_pushinteger(L, (lua_Integer)span[1]); break;
            }
            return 1;
        }
    }
    return m->span_index(L);
}

/* Layer's __call, called by the generic for as layer(nil, previous span): the next span of a
   built-in layer's view, whose ids are positions. Like the Swift __call, it takes the position
   after the previous handle's id, or the view's first when there is no previous span.
   Upvalues: the trampoline's box, the mirror. Only Layer's metatable holds this function
   (scripts cannot reach metatables), so argument 1 is a Layer userdata; its length is checked
   all the same (lua_rawlen is 0 for anything but a full userdata, a string or a table, and
   lua_touserdata NULL for the last two). */
static int layer_call(lua_State *L) {
    const loupe_layer_view *view = lua_touserdata(L, 1);
    if (view != NULL && lua_rawlen(L, 1) >= sizeof *view
        && LOUPE_HANDLE_LAYER(view->first) < LOUPE_BUILTIN_LAYERS) {
        int64_t next = view->from;
        if (lua_type(L, 3) == LUA_TLIGHTUSERDATA) {
            uint64_t previous = (uint64_t)(uintptr_t)lua_touserdata(L, 3);
            if (previous != 0) next = (int64_t)LOUPE_HANDLE_ID(previous) + 1;
        }
        if (next >= view->to) {
            lua_pushnil(L);
            return 1;
        }
        if (next >= 0 && (uint64_t)next <= LOUPE_HANDLE_MAX_ID) {
            lua_pushlightuserdata(L, (void *)(uintptr_t)(view->first | (uint64_t)next));
            return 1;
        }
    }
    const loupe_span_mirror *m = lua_touserdata(L, lua_upvalueindex(LAYER_CALL_UPVALUES + 1));
    return m->layer_call(L);
}

/* ===================================================================== */
/* Installing                                                             */
/* ===================================================================== */

/* Pushes metatable `tname` and its field `event`; returns the field's index if it is a C
   function with `upvalues` upvalues, else 0. */
static int push_metamethod(lua_State *L, const char *tname, const char *event, int upvalues) {
    luaL_getmetatable(L, tname);
    if (!lua_istable(L, -1)) {
        lua_pushnil(L);
        return 0;
    }
    lua_getfield(L, -1, event);
    int function = lua_gettop(L);
    if (lua_tocfunction(L, function) == NULL) return 0;
    int n = 0;
    while (lua_getupvalue(L, function, n + 1) != NULL) {
        lua_pop(L, 1);
        n++;
    }
    return n == upvalues ? function : 0;
}

/* Sets `event` of the metatable below `function` to `fast`, closed over the original's
   upvalues and then the mirror at `mirror`. */
static void put_in_front(lua_State *L, int function, const char *event, lua_CFunction fast,
                         int upvalues, int mirror) {
    for (int i = 1; i <= upvalues; i++) lua_getupvalue(L, function, i);
    lua_pushvalue(L, mirror);
    lua_pushcclosure(L, fast, upvalues + 1);
    lua_setfield(L, function - 1, event);
}

/* Pushes a new, empty mirror, with the table that anchors its blocks. */
static loupe_span_mirror *push_mirror(lua_State *L) {
    loupe_span_mirror *m = lua_newuserdatauv(L, sizeof *m, 0);
    memset(m, 0, sizeof *m);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, m);
    return m;
}

loupe_span_mirror *loupe_spanfast_install(lua_State *L, const char *span_class, const char *layer_class) {
    int top = lua_gettop(L);
    loupe_span_mirror *m = NULL;
    int index = push_metamethod(L, span_class, "__index", SPAN_INDEX_UPVALUES);
    int call = push_metamethod(L, layer_class, "__call", LAYER_CALL_UPVALUES);
    if (index != 0 && call != 0) {
        m = push_mirror(L);
        m->span_index = lua_tocfunction(L, index);
        m->layer_call = lua_tocfunction(L, call);
        put_in_front(L, index, "__index", span_index, SPAN_INDEX_UPVALUES, lua_gettop(L));
        put_in_front(L, call, "__call", layer_call, LAYER_CALL_UPVALUES, lua_gettop(L));
    }
    lua_settop(L, top);
    return m;
}
