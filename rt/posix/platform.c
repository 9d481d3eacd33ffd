/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the runtime's platform on a POSIX process (targets unix
 * and linux_aarch64): clock_gettime(), epoll on Linux and poll()
 * elsewhere, write() on fds 1 and 2, getrandom() or /dev/urandom, exit().
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

/* epoll on Linux; poll() elsewhere, or when built with -DMIRC_POSIX_POLL
 * (the runtime's tests build both). */
#if defined(__linux__) && !defined(MIRC_POSIX_POLL)
#define MIRC_POSIX_EPOLL 1
#include <sys/epoll.h>
#else
#define MIRC_POSIX_EPOLL 0
#endif

#include "mirc/rt.h"
#include "../src/platform.h"

static bool stdout_tty;

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

/* ---- fd watches ------------------------------------------------------------------------- */

int platform_fd_check(int fd, int events)
{
	if (events == 0 || (events & ~(MIRC_FD_READ | MIRC_FD_WRITE)))
		return -EINVAL;
	if (fd < 0)
		return -EBADF;
#if !MIRC_POSIX_EPOLL
	/* epoll_ctl() says EBADF itself (platform_watch_set()), which
	 * spares every watch a system call; poll() would not. */
	if (fcntl(fd, F_GETFD) < 0)
		return -EBADF;
#endif
	return 0;
}

/*
 * What this platform knows of each fd, indexed by the fd (the core's
 * table has the callbacks; this one only what the kernel was told).
 */
enum {
	FD_NONE,	/* not armed */
	FD_ARMED,	/* armed: epoll registration enabled, or in pfd[] */
	FD_IDLE,	/* epoll: registered but disarmed by a report */
	FD_ALWAYS,	/* epoll cannot wait on it: in always[], ready */
};

struct fdstate {
	uint8_t how;
	uint8_t events;		/* armed for: MIRC_FD_READ | MIRC_FD_WRITE */
	uint32_t idx;		/* FD_ARMED in pfd[] (poll), FD_ALWAYS in always[] */
};

static struct fdstate *fds;
static size_t fdcap;

/* fds[fd], the table grown to hold it (fds are small and dense). */
static struct fdstate *fd_state(int fd)
{
	if ((size_t)fd >= fdcap) {
		size_t ncap = fdcap ? fdcap : 64;
		while (ncap <= (size_t)fd)
			ncap *= 2;
		fds = platform_realloc(fds, 0, ncap * sizeof(*fds));
		memset(fds + fdcap, 0, (ncap - fdcap) * sizeof(*fds));
		fdcap = ncap;
	}
	return &fds[fd];
}

/* What a readiness report means for a watch of `events`: errors and
 * hang-ups wake both directions, the callback's read() or write() then
 * reports what happened. */
static int ready_events(int events, bool in, bool out, bool bad)
{
	return ((in || bad) ? events & MIRC_FD_READ : 0) |
	       ((out || bad) ? events & MIRC_FD_WRITE : 0);
}

/* Milliseconds for poll() and epoll_wait() until deadline, rounded up
 * so we never wake before it; -1 for no deadline. */
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

/* Sleep with nothing to report (n == 0). */
static int sleep_until(uint64_t deadline)
{
	if (poll(NULL, 0, timeout_ms(deadline)) < 0 && errno != EINTR)
		return -errno;
	return 0;
}

#if MIRC_POSIX_EPOLL

/*
 * Linux: one epoll instance, fds registered EPOLLONESHOT, which is the
 * core's contract (a report disarms).  A watch renewed from its callback
 * costs one epoll_ctl(); epoll_wait() costs O(ready).  The registration
 * of a reported fd stays (disabled) until the fd is closed, so renewing
 * is a MOD; a closed and reused fd number is a new file to epoll, whose
 * MOD fails with ENOENT and becomes an ADD.
 */
static int epfd = -1;

/* A list of fds with O(1) append and removal (each knows its index). */
struct fdlist {
	int *fd;
	size_t n, cap;
};

static void fdlist_add(struct fdlist *l, int fd)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->fd = platform_realloc(l->fd, 0, l->cap * sizeof(*l->fd));
	}
	fds[fd].idx = (uint32_t)l->n;
	l->fd[l->n++] = fd;
}

static void fdlist_remove(struct fdlist *l, int fd)
{
	size_t i = fds[fd].idx;

	l->fd[i] = l->fd[--l->n];
	fds[l->fd[i]].idx = (uint32_t)i;
}

static void fdlist_free(struct fdlist *l)
{
	free(l->fd);
	*l = (struct fdlist){ NULL, 0, 0 };
}

static struct fdlist always;	/* regular files: always ready */

#define EPOLL_BATCH 64

void platform_fini(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
	fdlist_free(&always);
	free(fds);
	fds = NULL;
	fdcap = 0;
}

static int ep_ctl(int op, int fd, int events)
{
	struct epoll_event e = { .events = EPOLLONESHOT, .data.fd = fd };

	if (events & MIRC_FD_READ)
		e.events |= EPOLLIN;
	if (events & MIRC_FD_WRITE)
		e.events |= EPOLLOUT;
	return epoll_ctl(epfd, op, fd, &e) < 0 ? -errno : 0;
}

int platform_watch_set(int fd, int events)
{
	struct fdstate *s;
	int rc;

	if (epfd < 0 && (epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return -errno;
	if (fd == epfd)	/* it was closed: epoll_create1() took its number */
		return -EBADF;
	s = fd_state(fd);
	if (s->how == FD_ALWAYS) {
		s->events = (uint8_t)events;
		return 0;
	}
	rc = s->how == FD_NONE ? ep_ctl(EPOLL_CTL_ADD, fd, events)
			       : ep_ctl(EPOLL_CTL_MOD, fd, events);
	if (rc == -ENOENT)	/* closed and reused: a new file */
		rc = ep_ctl(EPOLL_CTL_ADD, fd, events);
	else if (rc == -EEXIST)
		rc = ep_ctl(EPOLL_CTL_MOD, fd, events);
	if (rc == -EPERM) {
		/* A regular file: poll() says it is always ready. */
		fdlist_add(&always, fd);
		s->how = FD_ALWAYS;
		rc = 0;
	}
	if (rc == 0) {
		if (s->how != FD_ALWAYS)
			s->how = FD_ARMED;
		s->events = (uint8_t)events;
	}
	return rc;
}

void platform_watch_clear(int fd)
{
	struct fdstate *s = (size_t)fd < fdcap ? &fds[fd] : NULL;

	if (!s)
		return;
	if (s->how == FD_ARMED) {
		/* Errors mean the fd was closed: then it is gone anyway. */
		(void)ep_ctl(EPOLL_CTL_DEL, fd, 0);
		s->how = FD_NONE;
	} else if (s->how == FD_ALWAYS) {
		fdlist_remove(&always, fd);
		s->how = FD_NONE;
	}
}

int platform_wait(uint64_t deadline, struct platform_event *ev, size_t n)
{
	struct epoll_event e[EPOLL_BATCH];
	size_t k = 0;
	int rc;

	if (n == 0 || epfd < 0)
		return sleep_until(deadline);
	while (always.n > 0 && k < n) {
		int fd = always.fd[always.n - 1];
		ev[k++] = (struct platform_event){ fd, fds[fd].events };
		fdlist_remove(&always, fd);
		fds[fd].how = FD_NONE;
	}
	if (k == n)
		return (int)k;
	rc = epoll_wait(epfd, e, (int)(n - k < EPOLL_BATCH ? n - k : EPOLL_BATCH),
			k > 0 ? 0 : timeout_ms(deadline));
	if (rc < 0)
		return errno == EINTR ? (int)k : -errno;
	for (int i = 0; i < rc; i++) {
		int fd = e[i].data.fd;
		struct fdstate *s = &fds[fd];
		uint32_t r = e[i].events;

		s->how = FD_IDLE;
		ev[k++] = (struct platform_event){
			fd, ready_events(s->events, r & EPOLLIN, r & EPOLLOUT,
					 r & (EPOLLERR | EPOLLHUP)) };
	}
	return (int)k;
}

#else

/*
 * poll(): every armed fd in pfd[], which the kernel scans at each wait;
 * kept for the POSIX systems without epoll, where its O(fds) per wait
 * is the price.  A report takes the fd out (disarms it).
 */
static struct pollfd *pfd;
static size_t npfd, pfdcap, rotor;

void platform_fini(void)
{
	free(pfd);
	pfd = NULL;
	npfd = pfdcap = rotor = 0;
	free(fds);
	fds = NULL;
	fdcap = 0;
}

static short poll_events(int events)
{
	return (short)(((events & MIRC_FD_READ) ? POLLIN : 0) |
		       ((events & MIRC_FD_WRITE) ? POLLOUT : 0));
}

int platform_watch_set(int fd, int events)
{
	struct fdstate *s = fd_state(fd);

	if (s->how != FD_ARMED) {
		if (npfd == pfdcap) {
			pfdcap = pfdcap ? 2 * pfdcap : 16;
			pfd = platform_realloc(pfd, 0, pfdcap * sizeof(*pfd));
		}
		s->how = FD_ARMED;
		s->idx = (uint32_t)npfd;
		pfd[npfd++] = (struct pollfd){ .fd = fd };
	}
	s->events = (uint8_t)events;
	pfd[s->idx].events = poll_events(events);
	return 0;
}

void platform_watch_clear(int fd)
{
	struct fdstate *s = (size_t)fd < fdcap ? &fds[fd] : NULL;
	size_t i;

	if (!s || s->how != FD_ARMED)
		return;
	i = s->idx;
	pfd[i] = pfd[--npfd];
	fds[pfd[i].fd].idx = (uint32_t)i;
	s->how = FD_NONE;
}

int platform_wait(uint64_t deadline, struct platform_event *ev, size_t n)
{
	size_t k = 0;
	int rc;

	if (n == 0 || npfd == 0)
		return sleep_until(deadline);
	rc = poll(pfd, (nfds_t)npfd, timeout_ms(deadline));
	if (rc < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	/* From where the last report stopped, so that fds early in pfd[]
	 * cannot keep those after them waiting when more than n are ready. */
	for (size_t j = 0; j < npfd && k < n && rc > 0; j++) {
		size_t i = (rotor + j) % npfd;
		short r = pfd[i].revents;
		int fd = pfd[i].fd;

		if (!r)
			continue;
		rc--;
		ev[k++] = (struct platform_event){
			fd, ready_events(fds[fd].events, r & POLLIN, r & POLLOUT,
					 r & (POLLERR | POLLHUP | POLLNVAL)) };
		rotor = i + 1;
	}
	for (size_t j = 0; j < k; j++)	/* reported: disarmed */
		platform_watch_clear(ev[j].fd);
	return (int)k;
}

#endif

/* ---- the rest -------------------------------------------------------------------- */

_Noreturn void platform_exit(int status)
{
	exit(status);
}

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
