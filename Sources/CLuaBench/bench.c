#include "CLuaBench.h"
#include <lauxlib.h>

int loupe_bench_add(lua_State *L) {
    lua_Integer a = luaL_checkinteger(L, 1);
    lua_Integer b = luaL_checkinteger(L, 2);
    lua_pushinteger(L, a + b);
    return 1;
}

void loupe_bench_pushadd(lua_State *L) { lua_pushcfunction(L, loupe_bench_add); }

long long loupe_bench_call_lua(lua_State *L, int ref, long long n) {
    long long sum = 0;
    for (long long i = 0; i < n; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
        lua_pushinteger(L, (lua_Integer)i);
        lua_pushinteger(L, 1);
        if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
            lua_pop(L, 1);
            return -1;
        }
        sum += lua_tointegerx(L, -1, NULL);
        lua_pop(L, 1);
    }
    return sum;
}
