/* SPDX-License-Identifier: MIT */
/*
 * random_rdrand.c - RANDOM: RDRAND, through platform_random() (which
 * checks the carry flag and retries each word 10 times, as Intel
 * advises, before giving up with -EIO).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/rt.h"
#include "platform.h"
#include "random_rdrand.h"

int random_rdrand_connect(void)
{
	int rc = platform_random(NULL, 0);

	return rc == -ENOSYS ? -ENODEV : rc;
}

void random_rdrand_fill(void *buf, size_t len)
{
	int rc = platform_random(buf, len);

	if (rc < 0) {
		/* Returning would leave the caller with predictable bytes
		 * where it asked for secrets: stop instead. */
		mirc_log(MIRC_LOG_ERROR, "random_rdrand",
			 "RDRAND failed: %s; cannot provide random bytes, "
			 "aborting", strerror(-rc));
		abort();
	}
}
