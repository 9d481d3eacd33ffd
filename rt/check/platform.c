/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the platform mirc itself links the runtime core with, to
 * run the core's boot-argument parser at configure time
 * (mirc_rt_check_args()) and the core's value parsers on literals
 * (compiler/literal.c): one parser for mirc and for the program, rather
 * than two kept in step by a comment.
 *
 * Nothing here runs a program: there is no loop to wait for, no command
 * line, no entropy.  The console is a buffer that mirc reads back, so the
 * runtime's messages become mirc's diagnostics word for word.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/rt.h"
#include "../src/platform.h"
#include "check.h"

/* What the core printed since the last mirc_check_console_take(). */
static char console[1024];
static size_t console_len;

const char *mirc_check_console_take(void)
{
	static char out[sizeof(console)];

	memcpy(out, console, console_len);
	out[console_len] = '\0';
	console_len = 0;
	return out;
}

int platform_init(void)
{
	return 0;
}

void platform_fini(void)
{
}

uint64_t platform_now_ns(void)
{
	return 0;
}

int64_t platform_wall_ns(void)
{
	return -1;
}

/* Both streams into one buffer; what does not fit is cut (a boot error
 * is one line). */
void platform_console_write(const char *buf, size_t len, bool err)
{
	size_t room = sizeof(console) - 1 - console_len;

	(void)err;
	if (len > room)
		len = room;
	memcpy(console + console_len, buf, len);
	console_len += len;
}

bool platform_console_is_tty(void)
{
	return false;
}

int platform_fd_check(int fd, int events)
{
	(void)fd;
	(void)events;
	return -ENOSYS;
}

int platform_watch_set(int fd, int events)
{
	(void)fd;
	(void)events;
	return -ENOSYS;
}

void platform_watch_clear(int fd)
{
	(void)fd;
}

int platform_wait(uint64_t deadline, struct platform_event *w, size_t n)
{
	(void)deadline;
	(void)w;
	(void)n;
	return -ENOSYS;
}

_Noreturn void platform_exit(int status)
{
	exit(status);
}

int platform_random(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENOSYS;
}

size_t platform_seed(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 0;
}

const char *platform_cmdline(void)
{
	return NULL;
}

void *platform_realloc(void *p, size_t old, size_t size)
{
	void *n;

	(void)old;
	if (size == 0) {
		free(p);
		return NULL;
	}
	n = realloc(p, size);
	if (!n) {
		/* mirc's own rule for memory (compiler/util.c): give up
		 * cleanly, exit status 3. */
		fprintf(stderr, "mirc: out of memory (allocating %zu bytes)\n", size);
		exit(3);
	}
	return n;
}

const char *platform_strerror(int err)
{
	return strerror(err);
}
