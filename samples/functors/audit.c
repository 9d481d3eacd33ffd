/* SPDX-License-Identifier: MIT */
/*
 * audit.c - the job `audit` of samples/functors: read the planets through
 * a cache of its own, `cache(mem_store)`.  It sees what the writer put
 * through the other caches only because both stacks end in the same,
 * shared, mem_store instance; it checks every value and logs a summary.
 */
#include <string.h>

#include "mirc.h"
#include "planets.h"

int audit_start(struct KV_READ db)
{
	char buf[16];
	int n, same = 0;

	for (int round = 0; round < 2; round++)	/* the second one hits */
		for (int i = 0; i < NPLANETS; i++) {
			size_t want = strlen(planets[i][1]);

			n = KV_READ_get(db, planets[i][0], buf, sizeof buf);
			if (n < 0 || (size_t)n != want ||
			    memcmp(buf, planets[i][1], want) != 0) {
				mirc_log_err("'%s' differs from what the writer put",
					     planets[i][0]);
				return 1;
			}
			same++;
		}
	mirc_log_info("read %d values twice through another cache: all as written",
		      same / 2);
	return 0;
}
