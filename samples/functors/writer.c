/* SPDX-License-Identifier: MIT */
/*
 * writer.c - the job `writer` of samples/functors: put the planets and
 * "pluto" into the store, remove "pluto", and log how long it took
 * (MCLOCK).  Any failure of the store stops the program (status 1).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mirc.h"
#include "planets.h"

int writer_start(struct STORE db, struct MCLOCK clock)
{
	uint64_t t0 = MCLOCK_elapsed_ns(clock), t1;
	char buf[8];
	int rc;

	for (int i = 0; i < NPLANETS; i++) {
		rc = STORE_put(db, planets[i][0], planets[i][1],
			       strlen(planets[i][1]));
		if (rc < 0) {
			mirc_log_err("put '%s': error %d", planets[i][0], -rc);
			return 1;
		}
	}
	rc = STORE_put(db, "pluto", "9", 1);
	if (rc == 0)
		rc = STORE_remove(db, "pluto");
	if (rc < 0) {
		mirc_log_err("put and remove 'pluto': error %d", -rc);
		return 1;
	}
	/* Removed means gone, through every layer. */
	if (STORE_get(db, "pluto", buf, sizeof buf) != -ENOENT) {
		mirc_log_err("'pluto' is still there after remove");
		return 1;
	}
	t1 = MCLOCK_elapsed_ns(clock);
	mirc_log_info("put %d values and removed 1 in %" PRIu64 " us",
		      NPLANETS + 1, (t1 - t0) / 1000);
	return 0;
}
