#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include "process_spawn.h"

int sesame_spawn_actions_add_chdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int sesame_spawn_actions_add_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int sesame_pipe_close_on_exec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
