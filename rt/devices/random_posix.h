/* SPDX-License-Identifier: MIT */
/*
 * random_posix.h - RANDOM: the kernel's cryptographic generator through
 * getrandom(2).  Stateless.
 */
#ifndef MIRC_DEV_RANDOM_POSIX_H
#define MIRC_DEV_RANDOM_POSIX_H

#include <stddef.h>

/* Fill buf with len unpredictable bytes; never returns without having
 * done so (the program aborts, with a log line, if the kernel fails). */
void random_posix_fill(void *buf, size_t len);

#endif
