/*
 * CLuaBench: plain C references for `make bench`, doing the same work as the Swift bridge
 * so that its cost can be printed next to them.
 */
#ifndef CLUABENCH_H
#define CLUABENCH_H

#include <lua.h>

/** A plain lua_CFunction: returns its two integer arguments added. */
int loupe_bench_add(lua_State *L);
/** Pushes loupe_bench_add. */
void loupe_bench_pushadd(lua_State *L);
/**
 * Calls the function at registry reference `ref` with (i, 1) `n` times through lua_pcall,
 * as a C host would; returns the sum of the results (so the work cannot be skipped).
 */
long long loupe_bench_call_lua(lua_State *L, int ref, long long n);

#endif
