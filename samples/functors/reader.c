/* SPDX-License-Identifier: MIT */
/*
 * reader.c - the job `reader` of samples/functors: read every planet,
 * and "pluto", back through a KV_READ (the STORE `store`, upcast by
 * mirc.h) and log what it finds.
 */
#include <errno.h>

#include "mirc.h"
#include "planets.h"

int reader_start(struct KV_READ db)
{
	char buf[16];
	int n;

	for (int i = 0; i < NPLANETS; i++) {
		n = KV_READ_get(db, planets[i][0], buf, sizeof buf);
		if (n < 0 || (size_t)n > sizeof buf) {
			mirc_log_err("get '%s': %d", planets[i][0], n);
			return 1;
		}
		mirc_log_info("%s = %.*s", planets[i][0], n, buf);
	}
	n = KV_READ_get(db, "pluto", buf, sizeof buf);
	if (n != -ENOENT) {
		mirc_log_err("get 'pluto': %d, expected -ENOENT", n);
		return 1;
	}
	mirc_log_info("pluto: no such key");
	return 0;
}
