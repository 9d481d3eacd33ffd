/* SPDX-License-Identifier: MIT */
/*
 * test_timers.c - timers fire in (deadline, order set) order, cancel
 * works before and not after firing, ids are not reused, capacity grows
 * past MIRC_MAX_TIMERS.  Only orders and lower bounds of durations are
 * asserted, so a loaded machine cannot make it fail.
 */
#include "test.h"

#include <stdint.h>

#include "core.h"

static const struct mirc_program prog = { .name = "timers", .version = "0.1.0" };

static void init(void)
{
	CHECK(RT_INIT(&prog, "timers") == 0);
}

/* ---- a shuffled heap with duplicates and cancellations ------------------------- */

#define N 5000

struct entry {
	uint64_t deadline;
	int index;		/* order of mirc_timer_at() calls */
	uint64_t id;
	bool cancelled, fired;
};

static struct entry entries[N];
static int fired_order[N], nfired;

static void record(void *arg)
{
	struct entry *e = arg;

	CHECK(!e->cancelled && !e->fired);
	e->fired = true;
	fired_order[nfired++] = e->index;
	CHECK(!mirc_timer_cancel(e->id));	/* fired: nothing to cancel */
	/* Cancel a later one from here: removal from the middle of the heap. */
	if (e->index % 5 == 0 && e->index + 13 < N && e == &entries[e->index]) {
		struct entry *o = &entries[e->index + 13];
		bool pending = !o->fired && !o->cancelled;
		CHECK(mirc_timer_cancel(o->id) == pending);
		if (pending)
			o->cancelled = true;
	}
}

static void heap_order(void)
{
	uint64_t base;
	unsigned seed = 12345;

	init();
	base = mirc_now_ns() + MIRC_MS(5);
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		entries[i] = (struct entry){
			/* 40 distinct deadlines: many equal ones */
			.deadline = base + (uint64_t)(seed >> 16) % 40 * MIRC_US(500),
			.index = i,
		};
		entries[i].id = mirc_timer_at(entries[i].deadline, record, &entries[i]);
		CHECK(entries[i].id != 0);
		for (int j = 0; j < i && j < 50; j++)
			CHECK(entries[j].id != entries[i].id);
	}
	for (int i = 0; i < N; i += 7) {
		CHECK(mirc_timer_cancel(entries[i].id));
		CHECK(!mirc_timer_cancel(entries[i].id));	/* twice: no */
		entries[i].cancelled = true;
	}
	CHECK(!mirc_timer_cancel(0));
	CHECK(!mirc_timer_cancel(UINT64_MAX));
	CHECK(mirc_run() == 0);

	{
		int ncancelled = 0;
		for (int i = 0; i < N; i++)
			ncancelled += entries[i].cancelled;
		CHECK(nfired == N - ncancelled);
		CHECK(ncancelled > (N + 6) / 7);
	}
	for (int k = 1; k < nfired; k++) {
		struct entry *a = &entries[fired_order[k - 1]], *b = &entries[fired_order[k]];
		CHECK(a->deadline < b->deadline ||
		      (a->deadline == b->deadline && a->index < b->index));
	}
	for (int i = 0; i < N; i++)
		CHECK(entries[i].fired != entries[i].cancelled);
}

/* ---- relative timers -------------------------------------------------------------- */

static char order[64];
static size_t norder;
static uint64_t set_at, fired_at[3];

static void mark(void *arg)
{
	const char *c = arg;

	fired_at[*c - 'A'] = mirc_now_ns();
	order[norder++] = *c;
}

static void relative(void)
{
	init();
	norder = 0;
	set_at = mirc_now_ns();
	CHECK(mirc_timer_after(MIRC_MS(60), mark, (void *)"A") != 0);
	CHECK(mirc_timer_after(MIRC_MS(20), mark, (void *)"B") != 0);
	CHECK(mirc_timer_after(MIRC_MS(40), mark, (void *)"C") != 0);
	CHECK(mirc_run() == 0);
	order[norder] = '\0';
	CHECK_STR(order, "BCA");
	/* Never early. */
	CHECK(fired_at[1] - set_at >= MIRC_MS(20));
	CHECK(fired_at[2] - set_at >= MIRC_MS(40));
	CHECK(fired_at[0] - set_at >= MIRC_MS(60));
}

/* A new mirc_rt_init() drops whatever the last run left pending. */
static void reinit_drops(void)
{
	init();
	norder = 0;
	for (int i = 0; i < 100; i++)
		CHECK(mirc_timer_after(MIRC_MS(1), mark, (void *)"A") != 0);
	CHECK(mirc_rt_init(&prog, 0, NULL) == 0);	/* no argv: the platform's command line */
	CHECK(mirc_run() == 0);
	CHECK(norder == 0);
}

/* ---- cancel from callbacks, stale ids ------------------------------------------------ */

static uint64_t id_b, id_self;
static int b_fired, a_fired;

static void b_cb(void *arg)
{
	(void)arg;
	b_fired++;
}

static void a_cb(void *arg)
{
	(void)arg;
	a_fired++;
	CHECK(mirc_timer_cancel(id_b));		/* pending: yes */
	CHECK(!mirc_timer_cancel(id_self));	/* itself: already fired */
}

static void cancel_in_callback(void)
{
	init();
	id_self = mirc_timer_after(MIRC_MS(5), a_cb, NULL);
	id_b = mirc_timer_after(MIRC_MS(30), b_cb, NULL);
	CHECK(mirc_run() == 0);
	CHECK(a_fired == 1 && b_fired == 0);
}

static void stale_ids(void)
{
	uint64_t old, fresh;

	init();
	b_fired = 0;
	old = mirc_timer_after(0, b_cb, NULL);
	CHECK(mirc_run() == 0 && b_fired == 1);
	init();
	old = mirc_timer_after(0, b_cb, NULL);
	CHECK(mirc_timer_cancel(old));
	/* The slot is reused by the next timer, under a new id. */
	fresh = mirc_timer_after(0, b_cb, NULL);
	CHECK(fresh != old);
	CHECK(!mirc_timer_cancel(old));
	CHECK(mirc_run() == 0 && b_fired == 2);
	CHECK(!mirc_timer_cancel(fresh));
}

/* ---- a callback re-arming itself with 0 ns does not starve the loop ---------------- */

static int rearms;
static int other_fired;

static void rearm(void *arg)
{
	(void)arg;
	if (++rearms < 2000)
		mirc_timer_after(0, rearm, NULL);
}

static void other(void *arg)
{
	(void)arg;
	other_fired = rearms;
}

static void zero_rearm(void)
{
	init();
	mirc_timer_after(0, rearm, NULL);
	mirc_timer_after(MIRC_MS(1), other, NULL);
	CHECK(mirc_run() == 0);
	CHECK(rearms == 2000);
	CHECK(other_fired > 0);	/* and the other timer was not lost */
}

/* Equal deadlines set from mirc_timer_at: FIFO, including after growth. */
static void equal_deadlines(void)
{
	static struct entry e[300];
	uint64_t when;

	init();
	nfired = 0;
	when = mirc_now_ns() + MIRC_MS(2);
	for (int i = 0; i < 300; i++) {
		e[i] = (struct entry){ .deadline = when, .index = i };
		e[i].id = mirc_timer_at(when, record, &e[i]);
	}
	CHECK(mirc_run() == 0);
	CHECK(nfired == 300);
	for (int i = 0; i < 300; i++)
		CHECK(fired_order[i] == i);
}

int main(void)
{
	heap_order();
	relative();
	reinit_drops();
	cancel_in_callback();
	stale_ids();
	zero_rearm();
	equal_deadlines();
	success();
	return 0;
}
