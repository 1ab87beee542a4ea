#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

pid_t loupe_spawn_on_pty(const char *path, char *const argv[], char *const envp[], const char *directory,
                         int columns, int rows, int *master) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    char name[128];
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, sizeof name) != 0) {
        close(fd);
        return -1;
    }
    struct winsize size = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)columns};
    ioctl(fd, TIOCSWINSZ, &size);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd);
        return -1;
    }
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and exec. The test runner's threads may
         * block or ignore signals; the program must start as from a shell. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        setsid();
        int terminal = open(name, O_RDWR);
        if (terminal < 0) _exit(127);
        ioctl(terminal, TIOCSCTTY, 0);
        dup2(terminal, 0);
        dup2(terminal, 1);
        dup2(terminal, 2);
        if (terminal > 2) close(terminal);
        if (directory != NULL && chdir(directory) != 0) _exit(127);
        execve(path, argv, envp);
        _exit(127);
    }
    *master = fd;
    return pid;
}
