/* SPDX-License-Identifier: MIT */
/*
 * test_fdwatch.c - fd readiness watches on pipes and socket pairs: one-shot
 * callbacks, replace and unwatch (also from inside other callbacks),
 * hang-ups, rejections, and a few hundred fds at once.
 */
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "core.h"

static const struct mirc_program prog = { .name = "fdwatch", .version = "0.1.0" };

static void init(void)
{
	CHECK(RT_INIT(&prog, "fdwatch") == 0);
}

static void make_pipe(int p[2])
{
	CHECK(pipe(p) == 0);
}

/* ---- one pipe, written from a timer ---------------------------------------------- */

static int pfd[2];
static int reads;
static char got[64];

static void on_readable(void *arg)
{
	ssize_t n = read(pfd[0], got, sizeof(got) - 1);

	(void)arg;
	CHECK(n > 0);
	got[n] = '\0';
	reads++;
}

static void writer(void *arg)
{
	const char *msg = arg;

	CHECK(write(pfd[1], msg, strlen(msg)) == (ssize_t)strlen(msg));
}

static void pipe_read(void)
{
	init();
	make_pipe(pfd);
	reads = 0;
	CHECK(mirc_fd_watch(pfd[0], MIRC_FD_READ, on_readable, NULL) == 0);
	mirc_timer_after(MIRC_MS(20), writer, (void *)"ping");
	/* The watch is one-shot: after one read nothing is pending. */
	CHECK(mirc_run() == 0);
	CHECK(reads == 1);
	CHECK_STR(got, "ping");
	close(pfd[0]);
	close(pfd[1]);
}

/* ---- rejections -------------------------------------------------------------------------- */

static void never(void *arg)
{
	(void)arg;
	CHECK(!"a callback that must not run");
}

static void rejections(void)
{
	int p[2], closed;

	init();
	make_pipe(p);
	closed = dup(p[0]);
	close(closed);
	CHECK(mirc_fd_watch(-1, MIRC_FD_READ, never, NULL) == -EBADF);
	CHECK(mirc_fd_watch(closed, MIRC_FD_READ, never, NULL) == -EBADF);
	CHECK(mirc_fd_watch(p[0], 0, never, NULL) == -EINVAL);
	CHECK(mirc_fd_watch(p[0], 4, never, NULL) == -EINVAL);
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, NULL, NULL) == -EINVAL);
	/* None of those left a watch behind. */
	CHECK(mirc_run() == 0);
	close(p[0]);
	close(p[1]);
}

/* ---- replace, unwatch, both directions ---------------------------------------------------- */

static char trace[64];
static size_t ntrace;

static void add(void *arg)
{
	trace[ntrace++] = *(const char *)arg;
	trace[ntrace] = '\0';
}

static void replace_and_unwatch(void)
{
	int p[2], sv[2];

	init();
	make_pipe(p);
	ntrace = 0;
	trace[0] = '\0';
	CHECK(write(p[1], "x", 1) == 1);
	/* Watching again replaces the callback. */
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, add, (void *)"1") == 0);
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, add, (void *)"2") == 0);
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "2");

	/* Unwatched before the loop: nothing pending, nothing called. */
	init();
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, never, NULL) == 0);
	mirc_fd_unwatch(p[0], MIRC_FD_READ);
	mirc_fd_unwatch(p[0], MIRC_FD_READ);	/* twice is harmless */
	mirc_fd_unwatch(12345, MIRC_FD_READ | MIRC_FD_WRITE);
	CHECK(mirc_run() == 0);

	/* Both directions of a socket pair: two callbacks, read first. */
	init();
	ntrace = 0;
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[1], "y", 1) == 1);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_READ, add, (void *)"r") == 0);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_WRITE, add, (void *)"w") == 0);
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "rw");

	/* Unwatch one direction, the other stays. */
	init();
	ntrace = 0;
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_READ | MIRC_FD_WRITE, add, (void *)"b") == 0);
	mirc_fd_unwatch(sv[0], MIRC_FD_READ);
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "b");

	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

/* ---- the writer hangs up: readable (EOF) ---------------------------------------------------- */

static int hup_fd;

static void on_eof(void *arg)
{
	char c;

	(void)arg;
	CHECK(read(hup_fd, &c, 1) == 0);
	reads++;
}

static void hangup(void)
{
	int p[2];

	init();
	make_pipe(p);
	hup_fd = p[0];
	reads = 0;
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, on_eof, NULL) == 0);
	close(p[1]);
	CHECK(mirc_run() == 0);
	CHECK(reads == 1);
	close(p[0]);
}

/* ---- a chain: each callback reads one byte and watches again ---------------------------------- */

static int chain_fd, chain_left;

static void chain(void *arg)
{
	char c;

	(void)arg;
	CHECK(read(chain_fd, &c, 1) == 1);
	if (--chain_left > 0)
		CHECK(mirc_fd_watch(chain_fd, MIRC_FD_READ, chain, NULL) == 0);
}

static void rewatch(void)
{
	int p[2];
	char buf[100];

	init();
	make_pipe(p);
	memset(buf, 'c', sizeof(buf));
	CHECK(write(p[1], buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	chain_fd = p[0];
	chain_left = 100;
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, chain, NULL) == 0);
	CHECK(mirc_run() == 0);
	CHECK(chain_left == 0);
	close(p[0]);
	close(p[1]);
}

/* ---- a few hundred fds, unwatching one another from their callbacks ------------------------- */

#define NPIPES 300

static int pipes[NPIPES][2];
static bool called[NPIPES], unwatched[NPIPES];
static int ncalled;

static void many_cb(void *arg)
{
	int k = (int)(intptr_t)arg;
	char c;

	CHECK(!unwatched[k] && !called[k]);
	called[k] = true;
	ncalled++;
	CHECK(read(pipes[k][0], &c, 1) == 1);
	/* Even pipes take their odd neighbour's watch away. */
	if (k % 2 == 0 && !called[k + 1]) {
		mirc_fd_unwatch(pipes[k + 1][0], MIRC_FD_READ);
		unwatched[k + 1] = true;
	}
}

static void on_many_simple(void *arg)
{
	int k = (int)(intptr_t)arg;
	char c;

	CHECK(!called[k]);
	called[k] = true;
	ncalled++;
	CHECK(read(pipes[k][0], &c, 1) == 1);
}

static void many(void)
{
	struct rlimit rl;

	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	if (rl.rlim_cur < 2 * NPIPES + 64) {
		rl.rlim_cur = rl.rlim_max;
		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		CHECK(rl.rlim_cur >= 2 * NPIPES + 64);
	}
	init();
	for (int k = 0; k < NPIPES; k++) {
		make_pipe(pipes[k]);
		CHECK(write(pipes[k][1], "m", 1) == 1);
		CHECK(mirc_fd_watch(pipes[k][0], MIRC_FD_READ, many_cb, (void *)(intptr_t)k) == 0);
	}
	CHECK(mirc_run() == 0);
	for (int k = 0; k < NPIPES; k += 2) {
		CHECK(called[k]);
		CHECK(called[k + 1] != unwatched[k + 1]);
	}
	CHECK(ncalled >= NPIPES / 2);

	/* The same, all called: a read watch on every pipe at once. */
	init();
	ncalled = 0;
	memset(called, 0, sizeof(called));
	memset(unwatched, 0, sizeof(unwatched));
	for (int k = 0; k < NPIPES; k++) {
		CHECK(write(pipes[k][1], "m", 1) == 1);
		CHECK(mirc_fd_watch(pipes[k][0], MIRC_FD_READ, on_many_simple, (void *)(intptr_t)k) == 0);
	}
	CHECK(mirc_run() == 0);
	CHECK(ncalled == NPIPES);
	for (int k = 0; k < NPIPES; k++) {
		close(pipes[k][0]);
		close(pipes[k][1]);
	}
}

/* ---- mirc_exit from an fd callback stops the rest --------------------------------------------- */

static void stop(void *arg)
{
	(void)arg;
	ncalled++;
	mirc_exit(9);
}

static void exit_from_watch(void)
{
	int p[2][2];

	init();
	ncalled = 0;
	for (int k = 0; k < 2; k++) {
		make_pipe(p[k]);
		CHECK(write(p[k][1], "e", 1) == 1);
		CHECK(mirc_fd_watch(p[k][0], MIRC_FD_READ, stop, NULL) == 0);
	}
	CHECK(mirc_run() == 9);
	CHECK(ncalled == 1);
	for (int k = 0; k < 2; k++) {
		close(p[k][0]);
		close(p[k][1]);
	}
}

int main(void)
{
	pipe_read();
	rejections();
	replace_and_unwatch();
	hangup();
	rewatch();
	many();
	exit_from_watch();
	success();
	return 0;
}
