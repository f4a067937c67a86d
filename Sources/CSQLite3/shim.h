// Debian's libsqlite3 (libsqlite3-dev). SQLITE_TRANSIENT is a cast macro Swift cannot import,
// so binding text and blobs (copied by SQLite before the call returns) goes through these.
#include <sqlite3.h>

static inline int sesame_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

static inline int sesame_sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// Extended result codes are macros built with `|` and `<<`, which Swift does not import.
static const int sesame_sqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;
static const int sesame_sqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;

// sqlite3_config is variadic, which Swift cannot call. Memory statistics make every allocation
// inside SQLite take one process-wide mutex, which concurrent readers then contend on; Sesame
// never reads those statistics. Only has an effect before SQLite is initialised (SQLITE_MISUSE after).
static inline int sesame_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
