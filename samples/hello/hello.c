/* SPDX-License-Identifier: MIT */
/*
 * hello.c - the job of samples/hello: log the boot argument --hello four
 * times, one second apart, then return to the event loop, which exits
 * once no timer is pending.
 */
#include "mirc.h"

#define TIMES 4

struct hello {
	struct TIME time;
	const char *msg;
	int left;
};

static struct hello state;

static void tick(void *arg)
{
	struct hello *h = arg;

	mirc_log_info("%s", h->msg);
	if (--h->left > 0)
		TIME_sleep_ns(h->time, MIRC_SEC(1), tick, h);
}

int hello_start(struct TIME time, const char *hello)
{
	state = (struct hello){ .time = time, .msg = hello, .left = TIMES };
	tick(&state);
	return 0;
}
