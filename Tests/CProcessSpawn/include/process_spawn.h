#ifndef SESAME_PROCESS_SPAWN_H
#define SESAME_PROCESS_SPAWN_H

#include <spawn.h>

// glibc declares these only under _GNU_SOURCE, which the Swift Glibc module is not built
// with; process_spawn.c defines it and passes the calls through.

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int sesame_spawn_actions_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor from `lowest` up.
int sesame_spawn_actions_add_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends are closed on exec.
int sesame_pipe_close_on_exec(int fds[2]);

#endif
