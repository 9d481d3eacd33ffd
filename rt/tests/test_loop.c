/* SPDX-License-Identifier: MIT */
/*
 * test_loop.c - deferred callbacks, mirc_exit(), the end of the loop when
 * nothing is pending, --delay, log sources of callbacks, and that waiting
 * costs no CPU.
 */
#include "test.h"

#include <stdint.h>
#include <time.h>

#include "core.h"

static const struct mirc_program prog = { .name = "loop", .version = "0.1.0" };

static void init(void)
{
	CHECK(RT_INIT(&prog, "loop") == 0);
}

static char trace[256];
static size_t ntrace;

static void add(void *arg)
{
	const char *c = arg;

	CHECK(ntrace + 1 < sizeof(trace));
	trace[ntrace++] = *c;
	trace[ntrace] = '\0';
}

static void reset_trace(void)
{
	ntrace = 0;
	trace[0] = '\0';
}

/* ---- deferred ---------------------------------------------------------------------- */

static void defer_more(void *arg)
{
	add(arg);
	mirc_defer(add, (void *)"z");	/* after the ones already queued */
}

static void deferred_fifo(void)
{
	init();
	reset_trace();
	mirc_defer(add, (void *)"a");
	mirc_defer(defer_more, (void *)"b");
	mirc_defer(add, (void *)"c");
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "abcz");
}

/* Deferred from a timer: before the loop waits for the next timer. */
static void timer_defers(void *arg)
{
	add(arg);
	mirc_defer(add, (void *)"d");
}

static void defer_before_next_timer(void)
{
	init();
	reset_trace();
	mirc_timer_after(MIRC_MS(1), timer_defers, (void *)"t");
	mirc_timer_after(MIRC_MS(30), add, (void *)"u");
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "tdu");

	/* Even when both timers are due at once (a loaded machine). */
	init();
	reset_trace();
	mirc_timer_at(0, timer_defers, (void *)"t");
	mirc_timer_at(0, add, (void *)"u");
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "tdu");
}

/* A callback deferring itself forever does not starve timers. */
static int self_left;

static void self_defer(void *arg)
{
	(void)arg;
	if (--self_left > 0)
		mirc_defer(self_defer, NULL);
}

static void stop_self(void *arg)
{
	(void)arg;
	CHECK(self_left > 0);
	self_left = 1;
}

static void no_starvation(void)
{
	init();
	self_left = 1 << 30;
	mirc_defer(self_defer, NULL);
	mirc_timer_after(MIRC_MS(5), stop_self, NULL);
	CHECK(mirc_run() == 0);
	CHECK(self_left == 0);
}

/* Past MIRC_MAX_DEFERRED, with the ring wrapped. */
static int count;

static void counter(void *arg)
{
	(void)arg;
	count++;
}

static void deferred_growth(void)
{
	init();
	count = 0;
	for (int i = 0; i < 10; i++)
		mirc_defer(counter, NULL);
	CHECK(mirc_run() == 0 && count == 10);
	init();
	count = 0;
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 1000; i++)
			mirc_defer(counter, NULL);
	CHECK(mirc_run() == 0 && count == 3000);
}

/* ---- mirc_exit ----------------------------------------------------------------------- */

static void exit_with(void *arg)
{
	add((void *)"x");
	mirc_exit((int)(intptr_t)arg);
	mirc_exit(99);	/* the first status wins */
}

static void exits(void)
{
	/* From a timer: later timers and deferred calls never run. */
	init();
	reset_trace();
	mirc_timer_after(MIRC_MS(1), exit_with, (void *)(intptr_t)3);
	mirc_timer_after(MIRC_MS(1), add, (void *)"n");
	mirc_timer_after(MIRC_MS(50), add, (void *)"n");
	CHECK(mirc_run() == 3);
	CHECK_STR(trace, "x");

	/* From a deferred call, status 0 is a status too. */
	init();
	reset_trace();
	mirc_defer(exit_with, (void *)(intptr_t)0);
	mirc_defer(add, (void *)"n");
	mirc_timer_after(MIRC_SEC(60), add, (void *)"n");
	CHECK(mirc_run() == 0);
	CHECK_STR(trace, "x");

	/* Before mirc_run() (a job's start function): nothing runs. */
	init();
	reset_trace();
	mirc_timer_after(0, add, (void *)"n");
	mirc_defer(add, (void *)"n");
	mirc_exit(7);
	CHECK(mirc_run() == 7);
	CHECK_STR(trace, "");

	/* A fresh init forgets the last exit. */
	init();
	CHECK(mirc_run() == 0);
}

/* Nothing pending at all: the loop returns at once with 0. */
static void dry(void)
{
	uint64_t t0;

	init();
	t0 = mirc_now_ns();
	CHECK(mirc_run() == 0);
	CHECK(mirc_now_ns() - t0 < MIRC_SEC(5));
	CHECK(mirc_now_ns() >= t0);
}

/* ---- --delay ---------------------------------------------------------------------------- */

static uint64_t fired_ns;

static void when(void *arg)
{
	(void)arg;
	fired_ns = mirc_now_ns();
}

static void delay(void)
{
	uint64_t t0;

	CHECK(RT_INIT(&prog, "loop", "--delay=80ms") == 0);
	t0 = mirc_now_ns();
	mirc_timer_after(0, when, NULL);
	CHECK(mirc_run() == 0);
	CHECK(fired_ns - t0 >= MIRC_MS(80));

	/* mirc_exit() before the loop skips the delay. */
	CHECK(RT_INIT(&prog, "loop", "--delay=1h") == 0);
	mirc_exit(4);
	CHECK(mirc_run() == 4);
}

/* ---- log sources follow their callbacks --------------------------------------------------- */

static void log_cb(void *arg)
{
	mirc_log_info("%s", (const char *)arg);
}

static void sources(void)
{
	struct captured c;

	init();
	mirc_log_set_source("job1");
	mirc_timer_after(MIRC_MS(1), log_cb, (void *)"timer");
	mirc_defer(log_cb, (void *)"deferred");
	mirc_log_set_source("job2");
	mirc_timer_after(MIRC_MS(2), log_cb, (void *)"timer2");
	mirc_log_set_source(NULL);
	capture_begin();
	CHECK(mirc_run() == 0);
	mirc_log_info("after");
	c = capture_end();
	CHECK_STR(c.out, "[INFO] [job1] deferred\n[INFO] [job1] timer\n"
		  "[INFO] [job2] timer2\n[INFO] [main] after\n");
	captured_free(&c);
}

/* ---- idle waiting costs no CPU ----------------------------------------------------------- */

static void idle(void)
{
	clock_t c0;
	uint64_t t0;

	init();
	/* t0 before the timer is armed: the timer counts from its own
	 * now, so a t0 taken after it could be late by the time between. */
	t0 = mirc_now_ns();
	mirc_timer_after(MIRC_MS(300), counter, NULL);
	c0 = clock();
	CHECK(mirc_run() == 0);
	CHECK(mirc_now_ns() - t0 >= MIRC_MS(300));
	/* A busy loop would burn ~300 ms; poll() sleeping burns ~0. */
	CHECK((double)(clock() - c0) / CLOCKS_PER_SEC < 0.1);
}

int main(void)
{
	deferred_fifo();
	defer_before_next_timer();
	no_starvation();
	deferred_growth();
	exits();
	dry();
	delay();
	sources();
	idle();
	success();
	return 0;
}
