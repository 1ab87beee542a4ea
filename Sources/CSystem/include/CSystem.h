/*
 * CSystem: the few Linux calls Swift's Glibc module does not import, for the worker
 * processes' confinement.
 */
#ifndef LOUPE_CSYSTEM_H
#define LOUPE_CSYSTEM_H

/* Asks the kernel to kill this process with SIGKILL when its parent dies; returns 0 on success. */
int loupe_die_with_parent(void);

#endif
