/* The system's SQLite 3 (Debian's libsqlite3-dev), found through pkg-config `sqlite3`. */
#include <sqlite3.h>

/* Swift cannot import SQLITE_TRANSIENT (a cast of -1 to a function pointer), which tells
   SQLite to copy the bytes before the call returns; these stand-ins pass it. */
static inline int loupe_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *bytes, int count) {
    return sqlite3_bind_text(statement, index, bytes, count, SQLITE_TRANSIENT);
}
