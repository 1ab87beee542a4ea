/* libedit's readline-compatible interface (Debian's libedit-dev, pkg-config libedit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <unistd.h>
#include <editline/readline.h>

/*
 * Swift 6 refuses to touch C globals directly (shared mutable state), so the few readline
 * settings Loupe uses are set and read through these functions, on the REPL's one thread.
 */

/* The descriptor that becomes readable on Ctrl-C (SIGINT), set by the REPL. */
static inline int *loupe_editline_interrupt_descriptor(void) {
    static int descriptor = -1;
    return &descriptor;
}

/* The terminal opened a second time, non-blocking (-1 if it cannot be): reads through it
 * never wait, and the flag does not touch the descriptor the shell shares. */
static inline int loupe_editline_nonblocking(int fd) {
    static int copy = -2;
    if (copy == -2) {
        const char *name = ttyname(fd);
        copy = name != NULL ? open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) : -1;
    }
    return copy;
}

/* One byte from the terminal, waiting on the interrupt descriptor too; -1 when Ctrl-C came
 * (or the input ended). Ctrl-C makes the terminal drop what was typed: a read that began
 * after the signal would wait for ever, so the wait is a poll on both descriptors and the
 * read never blocks. */
static inline int loupe_editline_byte(int fd) {
    int source = loupe_editline_nonblocking(fd);
    if (source < 0) source = fd;
    for (;;) {
        struct pollfd wait[2] = {{fd, POLLIN, 0}, {*loupe_editline_interrupt_descriptor(), POLLIN, 0}};
        int ready = poll(wait, wait[1].fd >= 0 ? 2 : 1, -1);
        if (ready < 0 && errno != EINTR) return -1;
        if (ready > 0 && wait[1].fd >= 0 && (wait[1].revents & POLLIN)) return -1;
        if (ready > 0 && wait[0].revents) {
            unsigned char byte;
            ssize_t got = read(source, &byte, 1);
            if (got == 1) return byte;
            if (got == 0 || (errno != EINTR && errno != EAGAIN)) return -1;
        }
    }
}

/* readline's getc function: one character, decoded from UTF-8 here (libedit takes what this
 * returns as a whole character), or -1 on Ctrl-C or end of input. A malformed sequence
 * gives its first byte. */
static inline int loupe_editline_getc(FILE *stream) {
    int fd = fileno(stream);
    int first = loupe_editline_byte(fd);
    if (first < 0xC2 || first > 0xF4) return first;
    int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    int value = first & (0x7F >> length);
    for (int i = 1; i < length; i++) {
        int next = loupe_editline_byte(fd);
        if (next < 0) return -1;
        if ((next & 0xC0) != 0x80) return first;
        value = (value << 6) | (next & 0x3F);
    }
    return value;
}

/** Sets up readline for the REPL: program name, word breaks for completion (copied), the
 *  completion function, no space after a completed word, no signal handlers of its own (the
 *  REPL's SIGINT handler stays), and characters read by loupe_editline_getc, which also
 *  returns when `interrupt` becomes readable (Ctrl-C at the prompt; -1 for none). */
static inline void loupe_editline_configure(const char *word_breaks, rl_completion_func_t *complete, int interrupt) {
    static char *breaks;
    /* libedit shows characters through the C library, which needs a UTF-8 character type:
     * the user's, or C.UTF-8 when theirs is not UTF-8 (Loupe's text is UTF-8 whatever it is). */
    const char *type = setlocale(LC_CTYPE, "");
    if (type == NULL || strstr(nl_langinfo(CODESET), "UTF-8") == NULL) setlocale(LC_CTYPE, "C.UTF-8");
    rl_readline_name = "loupe";
    rl_catch_signals = 0;
    *loupe_editline_interrupt_descriptor() = interrupt;
    rl_getc_function = loupe_editline_getc;
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
