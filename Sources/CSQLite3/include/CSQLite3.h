// SQLite for Sesame's own driver: the amalgamation that sqlite-nio vendors and compiles into the
// binary (VaporCSQLite, its functions prefixed `sqlite_nio_`), not Debian's shared libsqlite3.
// Debian's build omits the lookaside allocator (SQLITE_OMIT_LOOKASIDE), so each statement step
// went to malloc about sixteen times per introspection (issue 7); the vendored one keeps it, is a
// newer SQLite, and leaves the binary one shared library less to depend on.
//
// The wrappers give the calls their usual names, so the Swift driver reads like any SQLite code.
// Only sqlite-nio's copy may be linked into the process: two SQLite libraries opening the same
// file would not see each other's POSIX locks.
#ifndef SESAME_CSQLITE3_H
#define SESAME_CSQLITE3_H

#include "sqlite_nio_sqlite3.h"

static inline int sqlite3_stmt_status(sqlite3_stmt *statement, int op, int reset) { return sqlite_nio_sqlite3_stmt_status(statement, op, reset); }
static inline int sqlite3_finalize(sqlite3_stmt *statement) { return sqlite_nio_sqlite3_finalize(statement); }
static inline int sqlite3_column_bytes(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_bytes(statement, column); }
static inline int sqlite3_close_v2(sqlite3 *connection) { return sqlite_nio_sqlite3_close_v2(connection); }
static inline int sqlite3_step(sqlite3_stmt *statement) { return sqlite_nio_sqlite3_step(statement); }
static inline int sqlite3_reset(sqlite3_stmt *statement) { return sqlite_nio_sqlite3_reset(statement); }
static inline int sqlite3_prepare_v3(sqlite3 *connection, const char *sql, int length, unsigned int flags, sqlite3_stmt **statement, const char **tail) { return sqlite_nio_sqlite3_prepare_v3(connection, sql, length, flags, statement, tail); }
static inline int sqlite3_open_v2(const char *path, sqlite3 **connection, int flags, const char *vfs) { return sqlite_nio_sqlite3_open_v2(path, connection, flags, vfs); }
static inline int sqlite3_get_autocommit(sqlite3 *connection) { return sqlite_nio_sqlite3_get_autocommit(connection); }
static inline int sqlite3_extended_result_codes(sqlite3 *connection, int on) { return sqlite_nio_sqlite3_extended_result_codes(connection, on); }
static inline int sqlite3_extended_errcode(sqlite3 *connection) { return sqlite_nio_sqlite3_extended_errcode(connection); }
static inline int sqlite3_exec(sqlite3 *connection, const char *sql, int (*callback)(void *, int, char **, char **), void *argument, char **error) { return sqlite_nio_sqlite3_exec(connection, sql, callback, argument, error); }
static inline const char * sqlite3_errstr(int code) { return sqlite_nio_sqlite3_errstr(code); }
static inline const char * sqlite3_errmsg(sqlite3 *connection) { return sqlite_nio_sqlite3_errmsg(connection); }
static inline int sqlite3_column_type(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_type(statement, column); }
static inline const unsigned char * sqlite3_column_text(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_text(statement, column); }
static inline const char * sqlite3_column_name(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_name(statement, column); }
static inline sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_int64(statement, column); }
static inline double sqlite3_column_double(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_double(statement, column); }
static inline int sqlite3_column_count(sqlite3_stmt *statement) { return sqlite_nio_sqlite3_column_count(statement); }
static inline const void * sqlite3_column_blob(sqlite3_stmt *statement, int column) { return sqlite_nio_sqlite3_column_blob(statement, column); }
static inline int sqlite3_bind_parameter_count(sqlite3_stmt *statement) { return sqlite_nio_sqlite3_bind_parameter_count(statement); }
static inline int sqlite3_bind_null(sqlite3_stmt *statement, int index) { return sqlite_nio_sqlite3_bind_null(statement, index); }
static inline int sqlite3_bind_int64(sqlite3_stmt *statement, int index, sqlite3_int64 value) { return sqlite_nio_sqlite3_bind_int64(statement, index, value); }
static inline int sqlite3_bind_double(sqlite3_stmt *statement, int index, double value) { return sqlite_nio_sqlite3_bind_double(statement, index, value); }

// SQLITE_TRANSIENT is a cast macro Swift cannot import, so binding text and blobs (copied by
// SQLite before the call returns) goes through these.
static inline int sesame_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite_nio_sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

static inline int sesame_sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite_nio_sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// Extended result codes are macros built with `|` and `<<`, which Swift does not import.
static const int sesame_sqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;
static const int sesame_sqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;

// sqlite3_config is variadic, which Swift cannot call. Memory statistics make every allocation
// inside SQLite take one process-wide mutex, which concurrent readers then contend on; Sesame
// never reads those statistics (sqlite-nio's build already defaults them off, this keeps it so).
// Only has an effect before SQLite is initialised (SQLITE_MISUSE after).
static inline int sesame_sqlite3_disable_memory_statistics(void) {
    return sqlite_nio_sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
