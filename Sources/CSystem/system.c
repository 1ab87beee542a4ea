#define _GNU_SOURCE
#include "CSystem.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
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

int loupe_fork_worker(int request, int reply, int board, int keep_stdin) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    /* The child: the same descriptors and signal dispositions as a freshly started program. */
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
    close_range(6, ~0U, 0);
    /* exec would reset caught signals (the coordinator's SIGINT and SIGTERM flags, the Swift
     * runtime's crash handlers) and keep ignored ones: so does this. */
    struct sigaction plain;
    memset(&plain, 0, sizeof plain);
    plain.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; signal++) {
        struct sigaction action;
        if (sigaction(signal, NULL, &action) == 0 && action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN)
            sigaction(signal, &plain, NULL);
    }
    return 0;
}
