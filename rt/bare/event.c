/* SPDX-License-Identifier: MIT */
/*
 * event.c - event sources as fds for the runtime's loop (event.h).
 */
#include <errno.h>
#include <stdint.h>

#include "mirc/rt.h"
#include "bare/event.h"

/* fd EVENT_FD_FIRST + i is sources[i]; sources are never removed (they
 * are devices, which live as long as the program). */
static struct source {
	bool (*ready)(void *ctx);
	void *ctx;
} sources[EVENT_MAX];
static int nsources;

int event_add(bool (*ready)(void *ctx), void *ctx)
{
	if (nsources == EVENT_MAX)
		return -ENOSPC;
	sources[nsources] = (struct source){ ready, ctx };
	return EVENT_FD_FIRST + nsources++;
}

/* The only fds are the event sources, readable when they have work. */
int platform_fd_check(int fd, int ev)
{
	if (ev == 0 || (ev & ~(MIRC_FD_READ | MIRC_FD_WRITE)))
		return -EINVAL;
	if (fd < EVENT_FD_FIRST || fd >= EVENT_FD_FIRST + nsources)
		return -EBADF;
	return ev == MIRC_FD_READ ? 0 : -EINVAL;
}

/* The sources armed by the loop, one bit per source. */
_Static_assert(EVENT_MAX <= 32, "one bit per source in a uint32_t");
static uint32_t armed;

int platform_watch_set(int fd, int events)
{
	(void)events;	/* platform_fd_check() allowed MIRC_FD_READ only */
	armed |= UINT32_C(1) << (fd - EVENT_FD_FIRST);
	return 0;
}

void platform_watch_clear(int fd)
{
	armed &= ~(UINT32_C(1) << (fd - EVENT_FD_FIRST));
}

int event_poll(struct platform_event *ev, size_t n)
{
	size_t ready = 0;

	/* Only the armed sources are asked (asking acknowledges the
	 * device), at most n of them report; reporting disarms. */
	for (int i = 0; i < nsources && ready < n; i++) {
		const struct source *s = &sources[i];
		uint32_t b = UINT32_C(1) << i;

		if ((armed & b) && s->ready(s->ctx)) {
			armed &= ~b;
			ev[ready++] = (struct platform_event){ EVENT_FD_FIRST + i,
							       MIRC_FD_READ };
		}
	}
	return (int)ready;
}
