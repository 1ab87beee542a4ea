#define _GNU_SOURCE /* pipe2 */
/*
 * CLuaShim: allocator, count hook, message handler and error trampoline (see CLuaShim.h).
 *
 * Everything here that may raise a Lua error (lua_error, luaL_error, luaL_argerror) runs in a
 * C frame whose callers are Lua or C, never Swift: that is the point of this file.
 */
#include "CLuaShim.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALLBACK_METATABLE "loupe.callback"

static loupe_dispatch_fn host_dispatch;
static loupe_release_fn host_release;

void loupe_set_host(loupe_dispatch_fn dispatch, loupe_release_fn release) {
    host_dispatch = dispatch;
    host_release = release;
}

/* ===================================================================== */
/* Stopping a call: the hook                                              */
/* ===================================================================== */

static const char *kill_message(loupe_runtime *rt) {
    switch (rt->kill) {
    case LOUPE_KILL_INSTRUCTIONS: return rt->instruction_message;
    case LOUPE_KILL_MEMORY: return rt->memory_message;
    default: return rt->interrupt_message;
    }
}

static void loupe_hook(lua_State *L, lua_Debug *ar);

/* Makes every thread that runs next raise at its very next instruction. */
static void arm_immediately(loupe_runtime *rt, lua_State *L) {
    lua_sethook(rt->main, loupe_hook, LUA_MASKCOUNT, 1);
    if (L != NULL && L != rt->main) lua_sethook(L, loupe_hook, LUA_MASKCOUNT, 1);
}

/*
 * Runs every LOUPE_HOOK_GRANULARITY instructions while the budget lasts, and at every
 * instruction once the call is being stopped: a `pcall` that swallows the error gets it again
 * at its next instruction, until the script is out. Coroutines inherit the hook when created;
 * the kill flag lives in the shared runtime record, so they stop too.
 */
static void loupe_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    loupe_runtime *rt = loupe_runtime_of(L);
    if (rt->kill == LOUPE_KILL_NONE && rt->budget == 0) {
        /* A coroutine armed by an earlier call, now that no budget is counted. */
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    if (rt->kill == LOUPE_KILL_NONE) {
        rt->remaining -= lua_gethookcount(L);
        if (rt->remaining > 0) {
            if (lua_gethookcount(L) != LOUPE_HOOK_GRANULARITY)
                lua_sethook(L, loupe_hook, LUA_MASKCOUNT, LOUPE_HOOK_GRANULARITY);
            return;
        }
        rt->kill = LOUPE_KILL_INSTRUCTIONS;
    }
    arm_immediately(rt, L);
    luaL_error(L, "%s", kill_message(rt));
}

void loupe_interrupt(loupe_runtime *rt) {
    if (rt->kill == LOUPE_KILL_NONE) rt->kill = LOUPE_KILL_INTERRUPT;
    arm_immediately(rt, NULL);
}

/*
 * Ctrl-C in an interactive session. The handler only touches a volatile counter and calls
 * loupe_interrupt, which sets a flag and a hook: both are safe in a signal handler (lua.c
 * does the same). A hook set this way reaches the main thread even when no instruction
 * budget is counted.
 */
static loupe_runtime *volatile sigint_target;
static volatile sig_atomic_t sigint_count;
/* A pipe the handler writes a byte to: a line editor waits on it beside the terminal, so a
 * Ctrl-C that lands after it checked the count but before its read still wakes it. */
static int sigint_pipe[2] = {-1, -1};

static void loupe_on_sigint(int signo) {
    (void)signo;
    int saved = errno;
    sigint_count++;
    if (sigint_pipe[1] >= 0) {
        char byte = 0;
        (void)!write(sigint_pipe[1], &byte, 1);
    }
    loupe_runtime *rt = sigint_target;
    if (rt != NULL) loupe_interrupt(rt);
    errno = saved;
}

void loupe_interrupt_on_sigint(loupe_runtime *rt) {
    if (sigint_pipe[0] < 0 && pipe2(sigint_pipe, O_CLOEXEC | O_NONBLOCK) != 0) sigint_pipe[0] = sigint_pipe[1] = -1;
    sigint_target = rt;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = loupe_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    /* A parent may have started us with SIGINT blocked; an interactive session needs it. */
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    sigprocmask(SIG_UNBLOCK, &interrupt, NULL);
}

void loupe_forget_sigint(loupe_runtime *rt) {
    if (sigint_target == rt) sigint_target = NULL;
}

int loupe_sigint_descriptor(void) { return sigint_pipe[0]; }

int loupe_take_sigints(void) {
    char drained[64];
    while (sigint_pipe[0] >= 0 && read(sigint_pipe[0], drained, sizeof drained) > 0) {}
    int n = sigint_count;
    sigint_count = 0;
    return n;
}

/*
 * Any hook puts Lua 5.4's interpreter in "trap" mode, where every instruction goes through
 * the hook dispatcher: plain Lua loops run about 2.4 times slower (see `make bench`). So the
 * count hook is set only while a budget is counted, or when a call must be stopped.
 */
static void arm_budget(loupe_runtime *rt) {
    if (rt->budget > 0)
        lua_sethook(rt->main, loupe_hook, LUA_MASKCOUNT, LOUPE_HOOK_GRANULARITY);
    else
        lua_sethook(rt->main, NULL, 0, 0);
}

int loupe_enter(loupe_runtime *rt) {
    int saved = rt->in_lua;
    if (rt->depth++ == 0) {
        rt->kill = LOUPE_KILL_NONE;
        rt->remaining = rt->budget;
        arm_budget(rt);
    }
    rt->in_lua = 1;
    return saved;
}

int loupe_leave(loupe_runtime *rt, int saved) {
    int reason = rt->kill;
    rt->in_lua = saved;
    if (--rt->depth == 0) {
        rt->kill = LOUPE_KILL_NONE;
        arm_budget(rt);
    }
    return reason;
}

loupe_nested_scope loupe_nested_begin(loupe_runtime *rt) {
    loupe_nested_scope scope = {rt->depth, rt->remaining, rt->kill};
    rt->depth = 0;
    rt->kill = LOUPE_KILL_NONE;
    arm_budget(rt);
    return scope;
}

void loupe_nested_end(loupe_runtime *rt, loupe_nested_scope scope) {
    rt->depth = scope.depth;
    rt->remaining = scope.remaining;
    rt->kill = scope.kill;
    if (rt->kill != LOUPE_KILL_NONE)
        arm_immediately(rt, NULL);
    else
        arm_budget(rt);
}

/* ===================================================================== */
/* Memory: the counting allocator                                         */
/* ===================================================================== */

/*
 * While Lua code runs, an allocation past the cap fails (Lua then raises "not enough memory")
 * and the call is marked for stopping. While host code runs (Swift callbacks, set-up), an
 * allocation never fails on account of the cap: a failing push inside Swift would longjmp
 * through Swift. The overshoot makes the next allocation by Lua code fail instead.
 */
static void *loupe_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    loupe_runtime *rt = (loupe_runtime *)ud;
    size_t old = ptr != NULL ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        rt->used -= old;
        return NULL;
    }
    if (rt->in_lua && rt->limit > 0 && nsize > old) {
        size_t cap = rt->limit + (rt->kill == LOUPE_KILL_MEMORY ? LOUPE_MEMORY_GRACE : 0);
        if (rt->used - old + nsize > cap) {
            if (rt->kill == LOUPE_KILL_NONE && rt->depth > 0) {
                rt->kill = LOUPE_KILL_MEMORY;
                arm_immediately(rt, NULL);
            }
            return NULL;
        }
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) {
        if (rt->in_lua) return NULL;
        fputs("loupe: out of memory in host code; stopping\n", stderr);
        abort();
    }
    rt->used = rt->used - old + nsize;
    if (rt->used > rt->peak) rt->peak = rt->used;
    return block;
}

static int loupe_panic(lua_State *L) {
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)";
    fprintf(stderr, "loupe: unprotected Lua error (a bug in Loupe): %s\n", msg);
    abort();
    return 0;
}

static int callback_gc(lua_State *L);

lua_State *loupe_newstate(loupe_runtime *rt) {
    lua_State *L = lua_newstate(loupe_alloc, rt);
    if (L == NULL) return NULL;
    rt->main = L;
    *(loupe_runtime **)lua_getextraspace(L) = rt;
    lua_atpanic(L, loupe_panic);
    luaL_newmetatable(L, CALLBACK_METATABLE);
    lua_pushcfunction(L, callback_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    return L;
}

/* ===================================================================== */
/* Errors: the message handler                                            */
/* ===================================================================== */

int loupe_msgh(lua_State *L) {
    loupe_runtime *rt = loupe_runtime_of(L);
    lua_Debug ar;
    rt->error_source[0] = '\0';
    rt->error_line = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            strncpy(rt->error_source, ar.short_src, sizeof rt->error_source - 1);
            rt->error_source[sizeof rt->error_source - 1] = '\0';
            rt->error_line = ar.currentline;
            break;
        }
    }
    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, LOUPE_TRACEBACK_KEY);
    return 1;
}

/* ===================================================================== */
/* The trampoline                                                         */
/* ===================================================================== */

/* Calls Swift with the host flag set, then acts on its status: only here may we raise. */
static int call_host(lua_State *L, void *box) {
    loupe_runtime *rt = loupe_runtime_of(L);
    int badarg = 0;
    int saved = rt->in_lua;
    rt->in_lua = 0;
    int status = host_dispatch(L, box, &badarg);
    rt->in_lua = saved;
    if (status >= 0) return status;
    switch (status) {
    case LOUPE_RAISE_WHERE:
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    case LOUPE_ARG_ERROR:
    case LOUPE_TYPE_ERROR: {
        /* Take the text off the stack first: luaL_typeerror looks at the argument's slot,
           which the pushed text may occupy when the argument is absent. */
        char text[512];
        const char *pushed = lua_tostring(L, -1);
        snprintf(text, sizeof text, "%s", pushed != NULL ? pushed : "?");
        lua_pop(L, 1);
        if (status == LOUPE_ARG_ERROR) return luaL_argerror(L, badarg, text);
        return luaL_typeerror(L, badarg, text);
    }
    default:
        return lua_error(L);
    }
}

static int trampoline(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    return call_host(L, *slot);
}

static int callback_gc(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot != NULL && *slot != NULL) {
        host_release(*slot);
        *slot = NULL;
    }
    return 0;
}

void loupe_pushbox(lua_State *L, void *box) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    luaL_setmetatable(L, CALLBACK_METATABLE);
}

void loupe_pushcallback(lua_State *L, void *box) {
    loupe_pushbox(L, box);
    lua_pushcclosure(L, trampoline, 1);
}

/* ===================================================================== */
/* Swift objects as userdata                                              */
/* ===================================================================== */

void loupe_pushobject(lua_State *L, void *box, const char *tname) {
    /* One user value: a cache table for values computed from the object (see LuaFrame). */
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 1);
    *slot = box;
    luaL_setmetatable(L, tname);
}

void *loupe_toobject(lua_State *L, int idx, const char *tname) {
    void **slot = (void **)luaL_testudata(L, idx, tname);
    return slot != NULL ? *slot : NULL;
}

int loupe_object_gc(lua_State *L) { return callback_gc(L); }

/* "no field 'x' in Span", with the key shown only when it is a string. */
static int no_field(lua_State *L, const char *verb) {
    const char *tname = NULL;
    if (lua_getmetatable(L, 1)) {
        lua_pushliteral(L, "__name");
        if (lua_rawget(L, -2) == LUA_TSTRING) tname = lua_tostring(L, -1);
    }
    if (tname == NULL) tname = "object";
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "%s field '%s' in %s", verb, lua_tostring(L, 2), tname);
    return luaL_error(L, "%s field of type %s in %s", verb, luaL_typename(L, 2), tname);
}

int loupe_object_index(lua_State *L) {
    lua_settop(L, 2);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER) {
        lua_pop(L, 1);
        /* Neither method nor property: the class's fallback, called with (self, key). */
        void **fallback = (void **)lua_touserdata(L, lua_upvalueindex(4));
        if (fallback == NULL) return no_field(L, "no");
        return call_host(L, *fallback);
    }
    lua_replace(L, 2); /* (self, property number) */
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(3));
    return call_host(L, *slot);
}

int loupe_object_newindex(lua_State *L) {
    lua_settop(L, 3);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNUMBER) return no_field(L, "cannot set");
    lua_replace(L, 2); /* (self, property number, value) */
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(2));
    return call_host(L, *slot);
}

void loupe_pushobjectindex(lua_State *L) { lua_pushcclosure(L, loupe_object_index, 4); }
void loupe_pushobjectnewindex(lua_State *L) { lua_pushcclosure(L, loupe_object_newindex, 2); }
