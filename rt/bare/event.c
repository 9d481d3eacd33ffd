/* SPDX-License-Identifier: MIT */
/*
 * event.c - event sources as fds for the runtime's loop (event.h).
 */
#include <errno.h>

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

int event_poll(struct platform_watch *w, size_t n)
{
	int ready = 0;

	for (size_t i = 0; i < n; i++) {
		const struct source *s = &sources[w[i].fd - EVENT_FD_FIRST];

		w[i].revents = 0;
		if ((w[i].events & MIRC_FD_READ) && s->ready(s->ctx)) {
			w[i].revents = MIRC_FD_READ;
			ready++;
		}
	}
	return ready;
}
