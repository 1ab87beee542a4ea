/* libedit's readline-compatible interface (Debian's libedit-dev, pkg-config libedit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

/*
 * Swift 6 refuses to touch C globals directly (shared mutable state), so the few readline
 * settings Loupe uses are set and read through these functions, on the REPL's one thread.
 */

/** Sets up readline for the REPL: program name, word breaks for completion (copied), the
 *  completion function, no space after a completed word, and no signal handlers of its own
 *  (the REPL's SIGINT handler stays, so Ctrl-C makes readline return NULL). */
static inline void loupe_editline_configure(const char *word_breaks, rl_completion_func_t *complete) {
    static char *breaks;
    rl_readline_name = "loupe";
    rl_catch_signals = 0;
    rl_initialize();
    free(breaks);
    breaks = strdup(word_breaks);
    rl_basic_word_break_characters = breaks;
    rl_completer_word_break_characters = breaks;
    rl_completion_append_character = 0;
    rl_attempted_completion_function = complete;
}

/** Inside a completion function: no file-name completion when it finds nothing. */
static inline void loupe_editline_completion_done(void) {
    rl_attempted_completion_over = 1;
}

/** The line being edited (inside a completion function). */
static inline const char *loupe_editline_buffer(void) {
    return rl_line_buffer;
}
