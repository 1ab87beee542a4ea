/*
 * CSystem: the few Linux calls and atomic operations Swift's Glibc module does not offer,
 * for the worker processes.
 */
#ifndef LOUPE_CSYSTEM_H
#define LOUPE_CSYSTEM_H

#include <spawn.h>
#include <stdint.h>

/* Asks the kernel to kill this process with SIGKILL when its parent dies; returns 0 on success. */
int loupe_die_with_parent(void);

/*
 * A status board: a few 64-bit words in memory shared between the coordinator and one
 * worker, which the worker updates as it goes (no system call) and the coordinator reads
 * when it checks deadlines or loses the worker.
 */

/* Creates an anonymous shared file of `words` 64-bit words; returns its descriptor or -1. */
int loupe_board_create(int words);

/* Maps the board behind `fd` (`words` long); returns NULL on failure. */
uint64_t *loupe_board_map(int fd, int words);

static inline void loupe_board_store(uint64_t *board, int word, uint64_t value) {
    __atomic_store_n(&board[word], value, __ATOMIC_RELEASE);
}

static inline uint64_t loupe_board_load(const uint64_t *board, int word) {
    return __atomic_load_n(&board[word], __ATOMIC_ACQUIRE);
}

/*
 * Starting a worker by fork alone (no exec), which spares it the program's start-up (loading
 * the shared libraries, relocating, the Swift runtime's first lookups): about 10 ms a worker.
 */

/* Whether this process has one thread only: fork copies only the calling thread, so a lock
 * another thread held would never be released in the child. */
int loupe_is_single_threaded(void);

/* Forks. In the child: `request`, `reply` and `board` become descriptors 3, 4 and 5, standard
 * input /dev/null (unless `keep_stdin`), standard output standard error, every other
 * descriptor closed, every caught signal back to its default, SIGINT and SIGPIPE ignored,
 * killed when the parent dies, named "loupe worker"; the child gets 0. The parent gets the
 * child's pid, or -1 (errno set). */
int loupe_fork_worker(int request, int reply, int board, int keep_stdin);

/* Adds to `actions` the closing of every descriptor from `lowest` up, as the last action
 * (glibc's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc does not show). */
int loupe_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
