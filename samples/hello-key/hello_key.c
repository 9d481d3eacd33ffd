/* SPDX-License-Identifier: MIT */
/*
 * hello_key.c - the job of samples/hello-key: log the text of a GREETING
 * device four times, --interval apart.  Which device, and its text, were
 * chosen by `mirc configure`; the job cannot tell.
 */
#include "mirc.h"

#define TIMES 4

static struct {
	struct GREETING words;
	struct TIME time;
	uint64_t interval;
	int left;
} state;

static void tick(void *arg)
{
	(void)arg;
	mirc_log_info("%s", GREETING_text(state.words));
	if (--state.left > 0)
		TIME_sleep_ns(state.time, state.interval, tick, NULL);
}

int hello_key_start(struct GREETING words, struct TIME time, uint64_t interval)
{
	state.words = words;
	state.time = time;
	state.interval = interval;
	state.left = TIMES;
	tick(NULL);
	return 0;
}
