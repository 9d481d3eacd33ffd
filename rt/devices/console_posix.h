/* SPDX-License-Identifier: MIT */
/*
 * console_posix.h - CONSOLE on the standard output of the process.
 * Stateless (no struct, no self): there is one standard output.
 */
#ifndef MIRC_DEV_CONSOLE_POSIX_H
#define MIRC_DEV_CONSOLE_POSIX_H

#include <stddef.h>

/* Write all of buf to fd 1; the number of bytes written, or -errno when
 * nothing could be written. */
int console_posix_write(const void *buf, size_t len);

#endif
