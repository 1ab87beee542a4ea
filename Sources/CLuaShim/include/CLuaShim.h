/*
 * CLuaShim: the small C layer between Lua 5.4 and Swift.
 *
 * It holds three things and nothing else:
 *   1. `static inline` stand-ins for the C macros of lua.h and lauxlib.h that Swift cannot
 *      import (lua_pop, lua_pcall, lua_tostring, lua_upvalueindex, LUA_REGISTRYINDEX, …);
 *   2. the per-state runtime record (memory accounting, instruction budget, kill flag) with the
 *      counting allocator and the count hook that enforce it;
 *   3. the error trampoline: every Swift function Lua can call is entered through a C function
 *      that calls Swift, and raises (longjmp) only after the Swift frame has returned.
 *      No Lua error ever unwinds through Swift.
 */
#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <stddef.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* ===================================================================== */
/* Macro stand-ins (same names with a `loupe_` prefix)                    */
/* ===================================================================== */

static inline int loupe_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int loupe_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int loupe_multret(void) { return LUA_MULTRET; }
static inline lua_Integer loupe_maxinteger(void) { return LUA_MAXINTEGER; }
static inline lua_Integer loupe_mininteger(void) { return LUA_MININTEGER; }

static inline void loupe_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void loupe_newtable(lua_State *L) { lua_newtable(L); }
static inline void loupe_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void loupe_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void loupe_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline void loupe_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline int loupe_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline const char *loupe_tostring(lua_State *L, int idx) { return lua_tostring(L, idx); }
static inline const char *loupe_typename_at(lua_State *L, int idx) { return luaL_typename(L, idx); }
static inline int loupe_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline int loupe_loadbuffer(lua_State *L, const char *buff, size_t size,
                                   const char *name, const char *mode) {
    return luaL_loadbufferx(L, buff, size, name, mode);
}
static inline void loupe_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }
static inline void loupe_gc_generational(lua_State *L) { lua_gc(L, LUA_GCGEN, 0, 0); }
static inline int loupe_getmetatable_named(lua_State *L, const char *name) {
    return luaL_getmetatable(L, name);
}

/* ===================================================================== */
/* The runtime record: one per lua_State, reachable from every thread     */
/* ===================================================================== */

/** Why the running call is being stopped. */
typedef enum loupe_kill_reason {
    LOUPE_KILL_NONE = 0,
    LOUPE_KILL_INSTRUCTIONS = 1, /* the instruction budget ran out */
    LOUPE_KILL_MEMORY = 2,       /* the memory cap was reached */
    LOUPE_KILL_INTERRUPT = 3,    /* the host asked to stop (e.g. Ctrl-C) */
} loupe_kill_reason;

/** Extra memory a stopped call may still allocate, so that unwinding and tracebacks work. */
#define LOUPE_MEMORY_GRACE ((size_t)4 << 20)
/** Instructions between two looks at the budget while it is not exhausted. */
#define LOUPE_HOOK_GRANULARITY 1000

typedef struct loupe_runtime {
    /* memory */
    size_t used;             /* bytes Lua holds now */
    size_t peak;             /* most bytes Lua held at once */
    size_t limit;            /* cap on `used` while Lua code runs; 0 = none */
    /* instructions */
    long long budget;        /* instructions a call may run; 0 = none */
    long long remaining;     /* instructions left in the current call */
    /* state */
    int in_lua;              /* nonzero while Lua code runs (allocations may then fail) */
    int depth;               /* nesting of host → Lua calls */
    volatile int kill;       /* a loupe_kill_reason; volatile: set from signal handlers */
    lua_State *main;         /* the main thread */
    void *owner;             /* the Swift object that owns the state (unretained) */
    void *host_context;      /* what the layers above keep per state (unretained) */
    char instruction_message[256]; /* errors raised when a limit trips */
    char memory_message[256];
    char interrupt_message[256];
    /* where the last error happened (filled by loupe_msgh) */
    char error_source[LUA_IDSIZE];
    int error_line;
} loupe_runtime;

/** Creates a state whose allocator and hook report to `rt`. NULL when out of memory. */
lua_State *loupe_newstate(loupe_runtime *rt);
/** The runtime record of any thread of a state made by loupe_newstate. */
static inline loupe_runtime *loupe_runtime_of(lua_State *L) {
    return *(loupe_runtime **)lua_getextraspace(L);
}

/**
 * Marks the start of a host → Lua call (resetting the budget when it is the outermost one) and
 * returns the host flag to hand back to loupe_leave.
 */
int loupe_enter(loupe_runtime *rt);
/** Marks the end of a host → Lua call; returns the kill reason in force during it (0: none). */
int loupe_leave(loupe_runtime *rt, int saved);
/**
 * What an interactive session nested in a running call saves of that call: its depth, the
 * instructions it had left and its kill flag.
 */
typedef struct loupe_nested_scope {
    int depth;
    long long remaining;
    int kill;
} loupe_nested_scope;
/**
 * Starts an interactive session inside a running call (a REPL opened by a Swift callback):
 * until loupe_nested_end, every host → Lua call counts as outermost, so each chunk typed gets
 * the whole budget and a clean kill flag (an interrupted chunk leaves none behind), instead of
 * running on what the outer call had left. Call only from host code (a Swift callback).
 */
loupe_nested_scope loupe_nested_begin(loupe_runtime *rt);
/**
 * Ends the session: the outer call gets back its depth, its remaining instructions and its
 * kill flag, and the hook is armed for it again.
 */
void loupe_nested_end(loupe_runtime *rt, loupe_nested_scope scope);
/** Stops the running Lua code as soon as possible (safe from a signal handler). */
void loupe_interrupt(loupe_runtime *rt);
/**
 * Installs a SIGINT handler (without SA_RESTART, so a blocking read returns EINTR) that
 * counts the signal and interrupts `rt`'s running code, for interactive sessions; the
 * process-wide target is replaced by the next call.
 */
void loupe_interrupt_on_sigint(loupe_runtime *rt);
/** Stops interrupting `rt` on SIGINT (when it is the target); the handler keeps counting. */
void loupe_forget_sigint(loupe_runtime *rt);
/** The number of SIGINTs since the last call, reset to 0 (and the descriptor below emptied). */
int loupe_take_sigints(void);
/** A descriptor that becomes readable when SIGINT arrives (after loupe_interrupt_on_sigint),
 *  until loupe_take_sigints; -1 before. */
int loupe_sigint_descriptor(void);

/**
 * Message handler for lua_pcall: leaves the error value as it is, records where the innermost
 * Lua frame stood, and stores a traceback string in the registry under LOUPE_TRACEBACK_KEY.
 * It never calls a metamethod of the error value.
 */
int loupe_msgh(lua_State *L);
#define LOUPE_TRACEBACK_KEY "loupe.traceback"

/* ===================================================================== */
/* The error trampoline                                                   */
/* ===================================================================== */

/** What a Swift callback returns besides a result count (n >= 0). */
typedef enum loupe_status {
    LOUPE_RAISE = -1,         /* raise the value on top of the stack as it is */
    LOUPE_RAISE_WHERE = -2,   /* raise the string on top, prefixed with "chunk:line: " */
    LOUPE_ARG_ERROR = -3,     /* luaL_argerror(badarg, string on top) */
    LOUPE_TYPE_ERROR = -4,    /* luaL_typeerror(badarg, expected type name on top) */
} loupe_status;

/**
 * The Swift side of every call: `box` is the callback's retained Swift object; the result is a
 * count of results pushed, or one of the statuses above (with `*badarg` set for the last two).
 */
typedef int (*loupe_dispatch_fn)(lua_State *L, void *box, int *badarg);
/** Releases a retained Swift object held by a userdata (called from `__gc`). */
typedef void (*loupe_release_fn)(void *box);

/** Installs the Swift entry points; called once before any state is made. */
void loupe_set_host(loupe_dispatch_fn dispatch, loupe_release_fn release);

/** Pushes the userdata that holds a callback box (released by its `__gc`). */
void loupe_pushbox(lua_State *L, void *box);

/**
 * Pushes a C closure that calls the Swift callback `box` (retained by the caller and released
 * by the closure's `__gc`). The closure's first upvalue is the box userdata.
 */
void loupe_pushcallback(lua_State *L, void *box);

/**
 * Pushes a full userdata holding the retained Swift object `box`, with the metatable named
 * `tname` (which must exist) and one user value. `__gc` of such metatables must be
 * loupe_object_gc.
 */
void loupe_pushobject(lua_State *L, void *box, const char *tname);
/** The Swift object held by the userdata at `idx` if its metatable is `tname`, else NULL. */
void *loupe_toobject(lua_State *L, int idx, const char *tname);
/**
 * Metatables of bridged classes are also kept in the registry under a light-userdata key
 * (the class's C name pointer): looking them up by pointer skips the string hashing and
 * comparison that luaL_testudata and luaL_setmetatable do on every call.
 */
static inline void *loupe_testudata_p(lua_State *L, int idx, const void *key) {
    void *block = lua_touserdata(L, idx);
    if (block == NULL || !lua_getmetatable(L, idx)) return NULL;
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same ? block : NULL;
}
static inline void loupe_setmetatable_p(lua_State *L, const void *key) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_setmetatable(L, -2);
}
static inline void loupe_pushobject_p(lua_State *L, void *box, const void *key, size_t accounted) {
    /* `accounted` extra bytes make Lua's memory cap and collector see what the Swift object
       holds (a document's text); they are never written. */
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *) + accounted, 1);
    *slot = box;
    loupe_setmetatable_p(L, key);
}

/** `__gc` for object userdata: releases the Swift object once. */
int loupe_object_gc(lua_State *L);
/**
 * `__index` for object userdata. Upvalues: 1, the methods table (looked up raw first);
 * 2, a table from property name to property number; 3, the getter box (loupe_pushbox), called with
 * (self, property number); 4, a fallback box called with (self, key) for any other key, or
 * nil, in which case any other key raises "no field 'x' in T".
 */
int loupe_object_index(lua_State *L);
/**
 * `__newindex` for object userdata. Upvalues: 1, a table from settable property name to
 * property number; 2, the setter box (loupe_pushbox), called with (self, property number, value).
 */
int loupe_object_newindex(lua_State *L);
/** Pushes loupe_object_index closed over the four values on top of the stack. */
void loupe_pushobjectindex(lua_State *L);
/** Pushes loupe_object_newindex closed over the two values on top of the stack. */
void loupe_pushobjectnewindex(lua_State *L);

#endif
