/* SPDX-License-Identifier: MIT */
/*
 * random_posix.c - RANDOM: getrandom(2) with flags 0, i.e. the urandom
 * pool, which blocks only until the kernel's generator is first seeded
 * at boot and never afterwards.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "mirc/rt.h"
#include "random_posix.h"

void random_posix_fill(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		/* Large requests come back short (32 MiB at most per call
		 * on Linux), and a signal may interrupt a blocked one. */
		ssize_t n = getrandom(p, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* Returning would leave the caller with predictable
			 * bytes where it asked for secrets: stop instead. */
			mirc_log(MIRC_LOG_ERROR, "random_posix",
				 "getrandom() failed: %s; cannot provide "
				 "random bytes, aborting",
				 n < 0 ? strerror(errno) : "no bytes");
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
}
