/* SPDX-License-Identifier: MIT */
/*
 * console_posix.c - CONSOLE: write(2) on fd 1.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "console_posix.h"

int console_posix_write(const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;

	/* The result is an int: write at most INT_MAX bytes. */
	if (len > INT_MAX)
		len = INT_MAX;
	/* A pipe or terminal may take less than asked: keep going, so that
	 * a short count means an error stopped us. */
	while (done < len) {
		ssize_t n = write(STDOUT_FILENO, p + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* Report what got out; the error shows next time. */
			return done ? (int)done : -errno;
		}
		done += (size_t)n;
	}
	return (int)done;
}
