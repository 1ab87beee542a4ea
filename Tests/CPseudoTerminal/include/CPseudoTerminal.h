/*
 * CPseudoTerminal: starting a program on a new pseudo-terminal, for tests that drive the REPL
 * as a person would (Swift's Glibc module offers neither posix_openpt nor TIOCSCTTY).
 */
#ifndef LOUPE_CPSEUDOTERMINAL_H
#define LOUPE_CPSEUDOTERMINAL_H

#include <sys/types.h>

/*
 * Starts `path` with `argv` and `envp` (NULL-terminated) in `directory`, in a session of its
 * own whose controlling terminal is a new pseudo-terminal of `columns` × `rows`, which is
 * also its standard input, output and error. Returns the child's pid and stores the
 * terminal's master side in `*master` (close-on-exec); -1 on failure (errno set).
 */
pid_t loupe_spawn_on_pty(const char *path, char *const argv[], char *const envp[], const char *directory,
                         int columns, int rows, int *master);

#endif
