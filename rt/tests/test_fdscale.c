/* SPDX-License-Identifier: MIT */
/*
 * test_fdscale.c - the fd watch table and the platform's arming: fd
 * numbers closed and reused (also in the middle of one wait's report),
 * one direction re-armed after the other fired, regular files, more ready
 * fds than one wait reports, and 10000 fds (as many as RLIMIT_NOFILE's
 * hard limit allows), where an event must cost what it costs with none
 * idle.  Built twice: over epoll (Linux) and over poll (-DMIRC_POSIX_POLL),
 * where the cost check does not apply.
 */
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "core.h"

static const struct mirc_program prog = { .name = "fdscale", .version = "0.1.0" };

static void init(void)
{
	CHECK(RT_INIT(&prog, "fdscale") == 0);
}

static void make_pipe(int p[2])
{
	CHECK(pipe(p) == 0);
}

static void never(void *arg)
{
	(void)arg;
	CHECK(!"a callback that must not run");
}

/* ---- an fd number closed and reused ---------------------------------------------- */

static int reuse_fd, fresh[2], fired, written;

/* The new file behind reuse_fd: called only once it has data. */
static void on_fresh(void *arg)
{
	char c;

	(void)arg;
	CHECK(written);
	CHECK(read(reuse_fd, &c, 1) == 1 && c == 'n');
	fired++;
}

static void write_fresh(void *arg)
{
	(void)arg;
	written = 1;
	CHECK(write(fresh[1], "n", 1) == 1);
}

/* Put a new, empty pipe's read end under the number `fd` (dup2()
 * closes the old file), and watch it. */
static void replace_file(int fd)
{
	make_pipe(fresh);
	CHECK(dup2(fresh[0], fd) == fd);
	close(fresh[0]);
	CHECK(mirc_fd_watch(fd, MIRC_FD_READ, on_fresh, NULL) == 0);
	mirc_timer_after(MIRC_MS(20), write_fresh, NULL);
}

/* Fired: the fd is closed and its number given to a new file. */
static void close_and_reuse(void *arg)
{
	char c;

	(void)arg;
	CHECK(read(reuse_fd, &c, 1) == 1);
	replace_file(reuse_fd);
}

static int pair[2][2];

/* Both pipes were ready in one wait: the first one called takes the
 * other's watch away, closes it and reuses its number, so the other's
 * readiness (already reported) must not reach the new watch. */
static void first_of_two(void *arg)
{
	int k = (int)(intptr_t)arg;
	char c;

	CHECK(read(pair[k][0], &c, 1) == 1);
	mirc_fd_unwatch(pair[1 - k][0], MIRC_FD_READ);
	reuse_fd = pair[1 - k][0];
	replace_file(reuse_fd);
}

static void reuse(void)
{
	int p[2];

	/* Fired, closed, reused from the callback. */
	init();
	make_pipe(p);
	reuse_fd = p[0];
	fired = written = 0;
	CHECK(write(p[1], "o", 1) == 1);
	CHECK(mirc_fd_watch(p[0], MIRC_FD_READ, close_and_reuse, NULL) == 0);
	CHECK(mirc_run() == 0);
	CHECK(fired == 1);
	close(p[1]);
	close(fresh[1]);

	/* Unwatched, closed and reused by another fd's callback, in the
	 * same wait's report as itself. */
	init();
	fired = written = 0;
	for (int k = 0; k < 2; k++) {
		make_pipe(pair[k]);
		CHECK(write(pair[k][1], "o", 1) == 1);
		CHECK(mirc_fd_watch(pair[k][0], MIRC_FD_READ, first_of_two,
				    (void *)(intptr_t)k) == 0);
	}
	CHECK(mirc_run() == 0);
	CHECK(fired == 1);
	close(reuse_fd);
	close(fresh[1]);
	for (int k = 0; k < 2; k++) {
		if (pair[k][0] != reuse_fd)
			close(pair[k][0]);
		close(pair[k][1]);
	}
}

/* ---- read fires, write stays armed ------------------------------------------------------- */

static int sv[2];
static char order[8];
static size_t norder;

static void on_read(void *arg)
{
	char c;

	(void)arg;
	CHECK(read(sv[0], &c, 1) == 1);
	order[norder++] = 'r';
}

static void on_write(void *arg)
{
	(void)arg;
	order[norder++] = 'w';
}

/* The peer drains sv[0]'s output: only now is sv[0] writable. */
static void drain(void *arg)
{
	char buf[4096];

	(void)arg;
	order[norder++] = 'd';
	while (read(sv[1], buf, sizeof(buf)) > 0)
		;
}

static void other_direction(void)
{
	char buf[4096];

	init();
	norder = 0;
	memset(order, 0, sizeof(order));
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(fcntl(sv[0], F_SETFL, O_NONBLOCK) == 0);
	CHECK(fcntl(sv[1], F_SETFL, O_NONBLOCK) == 0);
	memset(buf, 'f', sizeof(buf));
	while (write(sv[0], buf, sizeof(buf)) > 0)	/* full: not writable */
		;
	CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
	CHECK(write(sv[1], "r", 1) == 1);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_READ, on_read, NULL) == 0);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_WRITE, on_write, NULL) == 0);
	mirc_timer_after(MIRC_MS(30), drain, NULL);
	CHECK(mirc_run() == 0);
	CHECK_STR(order, "rdw");
	close(sv[0]);
	close(sv[1]);
}

/* Read fires and (against the rules) closes the fd while its write
 * watch is armed: that callback runs too, and finds out. */
static void read_and_close(void *arg)
{
	(void)arg;
	order[norder++] = 'r';
	close(sv[0]);
}

static void write_fails(void *arg)
{
	(void)arg;
	order[norder++] = 'w';
	CHECK(write(sv[0], "x", 1) < 0 && errno == EBADF);
}

static void closed_while_watched(void)
{
	char buf[4096];

	init();
	norder = 0;
	memset(order, 0, sizeof(order));
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(fcntl(sv[0], F_SETFL, O_NONBLOCK) == 0);
	memset(buf, 'f', sizeof(buf));
	while (write(sv[0], buf, sizeof(buf)) > 0)	/* full: not writable */
		;
	CHECK(write(sv[1], "r", 1) == 1);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_READ, read_and_close, NULL) == 0);
	CHECK(mirc_fd_watch(sv[0], MIRC_FD_WRITE, write_fails, NULL) == 0);
	CHECK(mirc_run() == 0);
	CHECK_STR(order, "rw");
	close(sv[1]);
}

/* ---- a regular file is always ready (poll's answer) -------------------------------------- */

static void on_file(void *arg)
{
	(void)arg;
	fired++;
}

static void regular_file(void)
{
	FILE *f = tmpfile();

	CHECK(f != NULL);
	init();
	fired = 0;
	CHECK(mirc_fd_watch(fileno(f), MIRC_FD_READ | MIRC_FD_WRITE, on_file, NULL) == 0);
	CHECK(mirc_run() == 0);
	CHECK(fired == 2);	/* one-shot, per direction */
	fclose(f);
}

/* ---- many fds ----------------------------------------------------------------------------- */

#define WANT_PIPES 5000		/* 10000 fds */
#ifdef MIRC_POSIX_POLL
#define NCHAIN 200
#else
#define NCHAIN 2000
#endif

static int (*pipes)[2];
static int npipes;
static unsigned char *called;
static int ncalled;

static void on_idle(void *arg)
{
	int k = (int)(intptr_t)arg;
	char c;

	CHECK(!called[k]);
	called[k] = 1;
	ncalled++;
	CHECK(read(pipes[k][0], &c, 1) == 1);
	/* Every third one takes the next one's watch away. */
	if (k % 3 == 0 && k + 1 < npipes && !called[k + 1]) {
		mirc_fd_unwatch(pipes[k + 1][0], MIRC_FD_READ);
		called[k + 1] = 2;
	}
}

static int chain[2], chain_left;

/* One event at a time: read a byte, write the next, watch again; the
 * idle watches keep the loop running, so the last one ends it. */
static void chain_cb(void *arg)
{
	char c;

	(void)arg;
	CHECK(read(chain[0], &c, 1) == 1);
	if (--chain_left > 0) {
		CHECK(write(chain[1], "c", 1) == 1);
		CHECK(mirc_fd_watch(chain[0], MIRC_FD_READ, chain_cb, NULL) == 0);
	} else {
		mirc_exit(0);
	}
}

/* Nanoseconds for n chained events, the fastest of three runs, with the
 * read ends of pipes[0..idle) watched too (never ready). */
static uint64_t time_chain(int idle, int n)
{
	uint64_t best = UINT64_MAX;

	for (int run = 0; run < 3; run++) {
		init();
		for (int k = 0; k < idle; k++)
			CHECK(mirc_fd_watch(pipes[k][0], MIRC_FD_READ, never, NULL) == 0);
		chain_left = n;
		CHECK(write(chain[1], "c", 1) == 1);
		CHECK(mirc_fd_watch(chain[0], MIRC_FD_READ, chain_cb, NULL) == 0);
		uint64_t t0 = mirc_now_ns();
		CHECK(mirc_run() == 0);
		uint64_t dt = mirc_now_ns() - t0;
		CHECK(chain_left == 0);
		if (dt < best)
			best = dt;
	}
	return best;
}

/* As many pipes as RLIMIT_NOFILE allows, up to WANT_PIPES, the soft
 * limit raised to the hard one first. */
static void open_pipes(void)
{
	struct rlimit rl;
	rlim_t want = 2 * WANT_PIPES + 64;

	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	if (rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	}
	npipes = rl.rlim_cur >= want ? WANT_PIPES : (int)((rl.rlim_cur - 64) / 2);
	if (npipes < WANT_PIPES)
		printf("note: RLIMIT_NOFILE's hard limit allows %d pipes, not %d\n",
		       npipes, WANT_PIPES);
	CHECK(npipes >= 100);
	pipes = calloc((size_t)npipes, sizeof(*pipes));
	called = calloc((size_t)npipes, 1);
	CHECK(pipes && called);
	for (int k = 0; k < npipes; k++)
		make_pipe(pipes[k]);
}

static void many(void)
{
	uint64_t alone, crowded;
	int expect = 0;

	open_pipes();
	make_pipe(chain);

	/* Every fd ready at once, far more than one wait reports; some
	 * unwatched by others' callbacks before their turn. */
	init();
	ncalled = 0;
	for (int k = 0; k < npipes; k++) {
		CHECK(write(pipes[k][1], "m", 1) == 1);
		CHECK(mirc_fd_watch(pipes[k][0], MIRC_FD_READ, on_idle,
				    (void *)(intptr_t)k) == 0);
	}
	CHECK(mirc_run() == 0);
	for (int k = 0; k < npipes; k++) {
		CHECK(called[k] == 1 || called[k] == 2);
		if (called[k] == 1)
			expect++;
		else	/* unwatched: its byte is still there */
			CHECK(read(pipes[k][0], &(char){ 0 }, 1) == 1);
	}
	CHECK(ncalled == expect && expect >= npipes / 2);

	/* An event costs the same with every other fd watched and idle
	 * (not with poll(), which scans them all: fewer events there). */
	alone = time_chain(0, NCHAIN);
	crowded = time_chain(npipes, NCHAIN);
	printf("%d events: %.1f us each alone, %.1f us with %d idle watches\n",
	       NCHAIN, (double)alone / NCHAIN / 1000,
	       (double)crowded / NCHAIN / 1000, npipes);
#ifndef MIRC_POSIX_POLL
	CHECK(crowded < 4 * alone + MIRC_MS(20));
#endif

	for (int k = 0; k < npipes; k++) {
		close(pipes[k][0]);
		close(pipes[k][1]);
	}
	close(chain[0]);
	close(chain[1]);
	free(pipes);
	free(called);
}

int main(void)
{
	reuse();
	other_direction();
	closed_while_watched();
	regular_file();
	many();
	success();
	return 0;
}
