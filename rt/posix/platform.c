/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the runtime's platform on a POSIX process (targets unix
 * and linux_aarch64): clock_gettime(), poll(), write() on fds 1 and 2,
 * getrandom() or /dev/urandom, exit().
 *
 * Logs go to standard output, where tests compare them; only boot errors
 * go to standard error.  SIGPIPE is ignored so that writing to a closed
 * socket or pipe is an EPIPE error for the device, not the death of the
 * program.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include "mirc/rt.h"
#include "../src/platform.h"

static bool stdout_tty;
static struct pollfd *pfd;	/* platform_wait()'s scratch, grown as needed */
static size_t pfd_cap;

int platform_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGPIPE, &sa, NULL) < 0)
		return -errno;
	stdout_tty = isatty(STDOUT_FILENO) == 1;
	return 0;
}

void platform_fini(void)
{
	free(pfd);
	pfd = NULL;
	pfd_cap = 0;
}

/* ---- clocks ---------------------------------------------------------------------- */

uint64_t platform_now_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail where it exists (POSIX 2008). */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t platform_wall_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0 || ts.tv_sec < 0)
		return -1;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- console ----------------------------------------------------------------------- */

void platform_console_write(const char *buf, size_t len, bool err)
{
	int fd = err ? STDERR_FILENO : STDOUT_FILENO;

	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n >= 0) {
			buf += n;
			len -= (size_t)n;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			/* Someone made the fd non-blocking: wait, don't drop. */
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				return;
		} else if (errno != EINTR) {
			return;	/* closed or broken: nowhere to report it */
		}
	}
}

bool platform_console_is_tty(void)
{
	return stdout_tty;
}

/* ---- waiting --------------------------------------------------------------------------- */

int platform_fd_check(int fd, int events)
{
	if (events == 0 || (events & ~(MIRC_FD_READ | MIRC_FD_WRITE)))
		return -EINVAL;
	if (fd < 0 || fcntl(fd, F_GETFD) < 0)
		return -EBADF;
	return 0;
}

/* Milliseconds for poll() until deadline, rounded up so we never wake
 * before it; -1 for no deadline. */
static int timeout_ms(uint64_t deadline)
{
	uint64_t now, ms;

	if (deadline == UINT64_MAX)
		return -1;
	now = platform_now_ns();
	if (deadline <= now)
		return 0;
	ms = (deadline - now + 999999u) / 1000000u;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

int platform_wait(uint64_t deadline, struct platform_watch *w, size_t n)
{
	int rc, ready = 0;

	if (n > pfd_cap) {
		size_t ncap = pfd_cap ? pfd_cap : 16;
		struct pollfd *p;
		while (ncap < n)
			ncap *= 2;
		p = realloc(pfd, ncap * sizeof(*pfd));
		if (!p)
			return -ENOMEM;
		pfd = p;
		pfd_cap = ncap;
	}
	for (size_t i = 0; i < n; i++) {
		pfd[i].fd = w[i].fd;
		pfd[i].events = (short)(((w[i].events & MIRC_FD_READ) ? POLLIN : 0) |
					((w[i].events & MIRC_FD_WRITE) ? POLLOUT : 0));
		pfd[i].revents = 0;
		w[i].revents = 0;
	}
	rc = poll(n ? pfd : NULL, (nfds_t)n, timeout_ms(deadline));
	if (rc < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	for (size_t i = 0; i < n && rc > 0; i++) {
		short r = pfd[i].revents;
		/* Errors and hang-ups wake both directions: the callback's
		 * read() or write() then reports what happened. */
		short bad = POLLERR | POLLHUP | POLLNVAL;
		if (r & (POLLIN | bad))
			w[i].revents |= w[i].events & MIRC_FD_READ;
		if (r & (POLLOUT | bad))
			w[i].revents |= w[i].events & MIRC_FD_WRITE;
		if (w[i].revents)
			ready++;
	}
	return ready;
}

_Noreturn void platform_exit(int status)
{
	exit(status);
}

/* ---- the rest -------------------------------------------------------------------- */

/* /dev/urandom, where getrandom() is missing (old kernels, non-Linux). */
static int urandom(unsigned char *p, size_t len)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n == 0) {
			err = -EIO;
			break;
		} else if (errno != EINTR) {
			err = -errno;
			break;
		}
	}
	close(fd);
	return err;
}

int platform_random(void *buf, size_t len)
{
	unsigned char *p = buf;

#if defined(__linux__)
	while (len > 0) {
		ssize_t n = getrandom(p, len, 0);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == ENOSYS) {
			break;
		} else if (n < 0 && errno != EINTR) {
			return -errno;
		}
	}
	if (len == 0)
		return 0;
#endif
	return urandom(p, len);
}

size_t platform_seed(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 0;	/* no boot seed: platform_random() is the source */
}

const char *platform_cmdline(void)
{
	return NULL;	/* argv */
}

void *platform_realloc(void *p, size_t old, size_t size)
{
	void *q;

	(void)old;
	if (size == 0) {
		free(p);
		return NULL;
	}
	q = realloc(p, size);
	if (!q) {
		/* The runtime's promises (timers never fail) rest on this. */
		static const char msg[] = "out of memory\n";
		platform_console_write(msg, sizeof(msg) - 1, true);
		exit(1);
	}
	return q;
}

const char *platform_strerror(int err)
{
	return strerror(err);
}
