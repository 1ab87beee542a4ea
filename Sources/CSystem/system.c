#define _GNU_SOURCE
#include "CSystem.h"

#include <signal.h>
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
    return p == MAP_FAILED ? NULL : (uint64_t *)p;
}
