#define _GNU_SOURCE
#include "CSystem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

int loupe_die_with_parent(void) {
    return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

int loupe_board_create(int words) {
    int fd = memfd_create("loupe-board", MFD_CLOEXEC);  /* each worker gets its own as fd 5 */
    if (fd < 0) return -1;
    if (ftruncate(fd, (off_t)words * 8) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

uint64_t *loupe_board_map(int fd, int words) {
    void *p = mmap(NULL, (size_t)words * 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return NULL;
    /* A worker forked later must not reach another worker's board. */
    madvise(p, (size_t)words * 8, MADV_DONTFORK);
    return (uint64_t *)p;
}

int loupe_is_single_threaded(void) {
    DIR *tasks = opendir("/proc/self/task");
    if (!tasks) return 0;
    int threads = 0;
    struct dirent *entry;
    while ((entry = readdir(tasks)) != NULL) {
        if (entry->d_name[0] != '.') threads++;
    }
    closedir(tasks);
    return threads == 1;
}

/* Closes every descriptor from 6 up; 0 on success. Kernels before 5.9 (and some seccomp
 * profiles) refuse close_range: then /proc/self/fd says which are open. */
static int close_from_six(void) {
    if (close_range(6, ~0U, 0) == 0) return 0;
    DIR *open_now = opendir("/proc/self/fd");
    if (!open_now) return -1;
    int listing = dirfd(open_now);
    struct dirent *entry;
    while ((entry = readdir(open_now)) != NULL) {
        int fd = atoi(entry->d_name);
        if (fd >= 6 && fd != listing) close(fd);
    }
    closedir(open_now);
    return 0;
}

int loupe_fork_worker(int request, int reply, int board, int keep_stdin) {
    /* No signal may run a handler of the coordinator's in the child before they are reset. */
    sigset_t all, before;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &before);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0) {
        int saved = errno;
        sigprocmask(SIG_SETMASK, &before, NULL);
        errno = saved;
        return pid;
    }
    /* The child: the descriptors and signal dispositions a freshly started worker has. */
    if (dup2(request, 3) < 0 || dup2(reply, 4) < 0 || dup2(board, 5) < 0) _exit(127);
    if (!keep_stdin) {
        int null = open("/dev/null", O_RDONLY);
        if (null < 0 || dup2(null, STDIN_FILENO) < 0) _exit(127);
        if (null > 5) close(null);
    }
    if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) _exit(127);
    /* Everything else the coordinator holds: other workers' pipes, the outputs, the journal,
     * and its own end of this child's request pipe (held open here, the worker would never
     * read the end of its requests). */
    if (close_from_six() != 0) _exit(127);
    /* exec would reset caught signals (the coordinator's SIGINT and SIGTERM flags, the Swift
     * runtime's crash handlers) and keep ignored ones: so does this. SIGINT and SIGPIPE are
     * ignored at once, as the worker does first thing (a Ctrl-C is the coordinator's). */
    struct sigaction plain;
    memset(&plain, 0, sizeof plain);
    plain.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; signal++) {
        struct sigaction action;
        if (sigaction(signal, NULL, &action) == 0 && action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN)
            sigaction(signal, &plain, NULL);
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    /* Killed with the coordinator, even if it died before this line. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent) _exit(1);
    prctl(PR_SET_NAME, "loupe worker", 0, 0, 0);
    sigprocmask(SIG_SETMASK, &before, NULL);
    return 0;
}

int loupe_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
