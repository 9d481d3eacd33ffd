/* SPDX-License-Identifier: MIT */
/*
 * loop.c - the event loop: timers, deferred callbacks, fd watches.
 *
 * Timers live in slots (stable storage, so an id finds its timer in O(1))
 * ordered by a binary heap of slot numbers on (deadline, sequence): equal
 * deadlines fire in the order they were set, and a cancelled timer leaves
 * the heap at once instead of lingering until its deadline.  The storage
 * starts as static arrays of MIRC_MAX_TIMERS entries, which is all a
 * platform without a heap ever gets; hosted platforms grow it.  A board
 * built with -DMIRC_GROW=0 keeps that fixed capacity and a sorted list
 * instead of the heap (the same order, in half the code).
 *
 * Fd watches live in a table indexed by the fd, so finding, arming and
 * dropping one is O(1).  The platform is told when what an fd waits for
 * changes (platform_watch_set/clear), never handed the whole list, and
 * platform_wait() reports only the ready fds: an event costs the same
 * with ten watches or ten thousand.
 *
 * Every callback runs with the log source that was current when it was
 * registered, so a job's timers log under the job's name.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

/* ---- state ----------------------------------------------------------------------- */

#define SLOT_BITS 24		/* an id is gen << SLOT_BITS | (slot + 1) */
#define SLOT_MAX ((1u << SLOT_BITS) - 1)
#define GEN_MASK ((UINT64_C(1) << (64 - SLOT_BITS)) - 1)
#define NO_SLOT UINT32_MAX

struct timer {
	uint64_t deadline, seq;
	mirc_cb cb;		/* NULL: the slot is free */
	void *arg;
	const char *src;
	uint64_t gen;		/* bumped when the slot is freed: stale ids miss */
	uint32_t pos;		/* index in heap[] */
	uint32_t next_free;	/* the free list; with MIRC_GROW 0 the
				 * pending list too (a slot is on one) */
};

static struct timer timer_fixed[MIRC_MAX_TIMERS];
static struct timer *timers = timer_fixed;
#if MIRC_GROW
static uint32_t heap_fixed[MIRC_MAX_TIMERS];
static uint32_t *heap = heap_fixed;
#else
/*
 * A board with fixed capacities (MIRC_GROW 0) keeps its few pending
 * timers in a list instead, through next_free, sorted on the deadline,
 * equal ones in the order they were set: inserting walks at most
 * MIRC_MAX_TIMERS entries, and the code is half the heap's.
 */
static uint32_t first_timer = NO_SLOT;
#endif
static size_t tcap = MIRC_MAX_TIMERS;	/* slots in timers[] and heap[] */
static size_t nheap;			/* pending timers */
static size_t tused;			/* slots ever handed out (high-water mark) */
static uint32_t free_head = NO_SLOT;
static uint64_t next_seq;

struct deferred {
	mirc_cb cb;
	void *arg;
	const char *src;
};

static struct deferred defer_fixed[MIRC_MAX_DEFERRED];
static struct deferred *dq = defer_fixed;	/* a ring */
static size_t dcap = MIRC_MAX_DEFERRED, dhead, dcount;

/* Like the watches below: the loop runs and resets the deferred calls
 * through this pointer, which only mirc_defer() sets, so a program that
 * defers nothing links none of it. */
struct defer_ops {
	void (*reset)(void);
	void (*run)(void);
};
static const struct defer_ops *defers;

/*
 * Platforms without file descriptors (bare metal: platform_fd_check()
 * always says -ENOSYS) build with -DMIRC_FD_WATCHES=0, which leaves the
 * watch code out; mirc_fd_watch() then returns what platform_fd_check()
 * says, as it would have anyway.
 */
#ifndef MIRC_FD_WATCHES
#define MIRC_FD_WATCHES 1
#endif

#if MIRC_FD_WATCHES
/*
 * The watches of one fd, found by indexing wt[] with the fd.  `want` is
 * what the loop waits for; `armed` what the platform was last told
 * (platform_watch_set()); the platform disarms an fd it reports, so the
 * two differ only between a report and the end of its callbacks.
 */
struct watch {
	mirc_cb cb[2];		/* per direction: 0 read, 1 write */
	void *arg[2];
	const char *src[2];
	uint8_t want, armed;	/* MIRC_FD_READ | MIRC_FD_WRITE */
	uint8_t ready;		/* reported by the last wait, not yet called */
};

/* How many ready fds one wait may report; more wait for the next one. */
#define READY_MAX 64

static struct watch *wt;		/* indexed by fd, wtcap entries */
static size_t wtcap, nw;		/* nw: fds with a non-zero want */
static struct platform_event rq[READY_MAX];	/* the last wait's report */
static size_t nrq;

/*
 * The loop reaches the watch code through this pointer, which only
 * mirc_fd_watch() sets: in a program that watches no fd (no device calls
 * it), link-time optimisation sees it stay NULL and the watch state
 * never written, and leaves all of it out (hello on cortex_m3: about
 * 400 bytes).  Never reset: the functions keep no state of their own.
 */
struct watch_ops {
	void (*reset)(void);
	void (*wait)(uint64_t deadline);
};
static const struct watch_ops *watches;
#else
enum { nw = 0 };
#endif

static bool stopping;
static int exit_status;
#ifndef MIRC_RUNTIME_SMALL
static uint64_t delay_ns;	/* --delay: the small runtime leaves it out */
#endif

/* ---- storage ---------------------------------------------------------------------- */

/*
 * Grow `*arr` (currently `cap` elements of `size` bytes, static when it
 * is `fixed`) to `ncap`; false when the platform has no memory for it.
 */
static bool grow(void **arr, const void *fixed, size_t cap, size_t ncap,
		 size_t size)
{
	void *p;

	if (ncap > SIZE_MAX / size)
		return false;
	if (*arr == fixed) {
		p = platform_realloc(NULL, 0, ncap * size);
		if (p && cap)
			rt_memcpy(p, *arr, cap * size);
	} else {
		p = platform_realloc(*arr, cap * size, ncap * size);
	}
	if (!p)
		return false;
	*arr = p;
	return true;
}

static void release(void *arr, const void *fixed, size_t cap, size_t size)
{
	if (arr && arr != fixed)
		platform_realloc(arr, cap * size, 0);
}

void mirc_loop_reset(void)
{
	release(timers, timer_fixed, tcap, sizeof(*timers));
#if MIRC_GROW
	release(heap, heap_fixed, tcap, sizeof(*heap));
#endif
	if (defers)
		defers->reset();
#if MIRC_FD_WATCHES
	if (watches)
		watches->reset();
#endif
	timers = timer_fixed;
#if MIRC_GROW
	heap = heap_fixed;
#else
	first_timer = NO_SLOT;
#endif
	tcap = MIRC_MAX_TIMERS;
	nheap = tused = 0;
	free_head = NO_SLOT;
	next_seq = 0;
	rt_memset(timer_fixed, 0, sizeof(timer_fixed));
	stopping = false;
	exit_status = 0;
#ifndef MIRC_RUNTIME_SMALL
	delay_ns = 0;
#endif
}

#ifndef MIRC_RUNTIME_SMALL
void mirc_loop_set_delay(uint64_t ns)
{
	delay_ns = ns;
}
#endif

/* Run a callback under the log source it was registered with. */
static void run_cb(mirc_cb cb, void *arg, const char *src)
{
	const char *prev = mirc_log_set_source(src);

	cb(arg);
	mirc_log_set_source(prev);
}

/* A timer or fd callback, then what it deferred: "soon, after the
 * current callback" means before the next timer or fd callback, even
 * when several are due at once. */
static void run_event_cb(mirc_cb cb, void *arg, const char *src)
{
	run_cb(cb, arg, src);
	if (defers && dcount > 0 && !stopping)
		defers->run();
}

/* ---- the program ------------------------------------------------------------------- */

void mirc_exit(int status)
{
	if (!stopping) {
		stopping = true;
		exit_status = status;
	}
}

uint64_t mirc_now_ns(void)
{
	return platform_now_ns();
}

/* ---- timers --------------------------------------------------------------------------- */

#if MIRC_GROW
static bool before(uint32_t a, uint32_t b)
{
	const struct timer *x = &timers[a], *y = &timers[b];

	return x->deadline < y->deadline ||
	       (x->deadline == y->deadline && x->seq < y->seq);
}

static void heap_set(size_t i, uint32_t slot)
{
	heap[i] = slot;
	timers[slot].pos = (uint32_t)i;
}

static void sift_up(size_t i)
{
	uint32_t slot = heap[i];

	while (i > 0 && before(slot, heap[(i - 1) / 2])) {
		heap_set(i, heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(i, slot);
}

static void sift_down(size_t i)
{
	uint32_t slot = heap[i];

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= nheap)
			break;
		if (c + 1 < nheap && before(heap[c + 1], heap[c]))
			c++;
		if (!before(heap[c], slot))
			break;
		heap_set(i, heap[c]);
		i = c;
	}
	heap_set(i, slot);
}

/* The pending timer due first. */
#define FIRST_TIMER (heap[0])

/* Put the timer in `slot` in the heap. */
static void timer_link(uint32_t slot)
{
	heap[nheap] = slot;
	timers[slot].pos = (uint32_t)nheap++;
	sift_up(timers[slot].pos);
}

/* Take the timer in `slot` out of the heap. */
static void timer_unlink(uint32_t slot)
{
	size_t i = timers[slot].pos;

	nheap--;
	if (i < nheap) {
		/* The last entry fills the hole, then moves whichever way. */
		uint32_t moved = heap[nheap];
		heap_set(i, moved);
		sift_down(i);
		sift_up(timers[moved].pos);
	}
}
#else
#define FIRST_TIMER first_timer

/* Put the timer in `slot` in the list, after those due no later. */
static void timer_link(uint32_t slot)
{
	uint32_t *p = &first_timer;

	while (*p != NO_SLOT && timers[*p].deadline <= timers[slot].deadline)
		p = &timers[*p].next_free;
	timers[slot].next_free = *p;
	*p = slot;
	nheap++;
}

/* Take the timer in `slot` out of the list. */
static void timer_unlink(uint32_t slot)
{
	uint32_t *p = &first_timer;

	while (*p != slot)
		p = &timers[*p].next_free;
	*p = timers[slot].next_free;
	nheap--;
}
#endif

/* Take the timer in `slot` out of the pending ones and free its slot. */
static void timer_remove(uint32_t slot)
{
	struct timer *t = &timers[slot];

	timer_unlink(slot);
	t->cb = NULL;
	t->gen = (t->gen + 1) & GEN_MASK;
	t->next_free = free_head;
	free_head = slot;
}

/* A free slot: a freed one first (keeps the arrays small), then a new
 * one, growing both arrays together when the platform has memory. */
static uint32_t slot_alloc(void)
{
	uint32_t slot;

	if (free_head != NO_SLOT) {
		slot = free_head;
		free_head = timers[slot].next_free;
		return slot;
	}
	if (tused == tcap) {
#if !MIRC_GROW
		return NO_SLOT;
#else
		size_t ncap = tcap * 2;
		if (ncap > SLOT_MAX)
			ncap = SLOT_MAX;
		if (ncap <= tcap)
			return NO_SLOT;
		/* Both arrays or neither: tcap is their common size. */
		void *t = timers, *h = heap;
		if (!grow(&t, timer_fixed, tcap, ncap, sizeof(*timers)))
			return NO_SLOT;
		timers = t;
		if (!grow(&h, heap_fixed, tcap, ncap, sizeof(*heap)))
			return NO_SLOT;	/* timers[] is merely larger than used */
		heap = h;
		rt_memset(timers + tcap, 0, (ncap - tcap) * sizeof(*timers));
		tcap = ncap;
#endif
	}
	return (uint32_t)tused++;
}

uint64_t mirc_timer_at(uint64_t deadline, mirc_cb cb, void *arg)
{
	uint32_t slot;
	struct timer *t;

	if (!cb)
		mirc_rt_fatal(MIRC_TEXT("a timer without a callback", "no callback"));
	slot = slot_alloc();
	if (slot == NO_SLOT)
		return 0;
	t = &timers[slot];
	t->deadline = deadline;
	t->seq = next_seq++;
	t->cb = cb;
	t->arg = arg;
	t->src = mirc_log_source();
	timer_link(slot);
	return t->gen << SLOT_BITS | (slot + 1);
}

uint64_t mirc_timer_after(uint64_t ns, mirc_cb cb, void *arg)
{
	uint64_t now = platform_now_ns();

	return mirc_timer_at(ns > UINT64_MAX - now ? UINT64_MAX : now + ns, cb, arg);
}

bool mirc_timer_cancel(uint64_t id)
{
	uint64_t slot = (id & SLOT_MAX), gen = id >> SLOT_BITS;

	if (slot == 0 || slot > tused)
		return false;
	slot--;
	if (!timers[slot].cb || timers[slot].gen != gen)
		return false;
	timer_remove((uint32_t)slot);
	return true;
}

/*
 * Fire the timers due at the start of the pass.  Timers set by these
 * callbacks wait for the next pass (their sequence is past `limit`), so a
 * callback re-arming itself with 0 ns cannot keep the loop here forever.
 */
static void run_timers(void)
{
	uint64_t now = platform_now_ns(), limit = next_seq;

	while (nheap > 0 && !stopping) {
		uint32_t slot = FIRST_TIMER;
		struct timer *t = &timers[slot];
		mirc_cb cb = t->cb;
		void *arg = t->arg;
		const char *src = t->src;

		if (t->deadline > now || t->seq >= limit)
			break;
		timer_remove(slot);	/* fired: cancel() now says false */
		run_event_cb(cb, arg, src);
	}
}

/* ---- deferred callbacks ---------------------------------------------------------------- */

static void defer_reset(void)
{
	release(dq, defer_fixed, dcap, sizeof(*dq));
	dq = defer_fixed;
	dcap = MIRC_MAX_DEFERRED;
	dhead = dcount = 0;
}

static void run_deferred(void);

static const struct defer_ops defer_ops = { defer_reset, run_deferred };

void mirc_defer(mirc_cb cb, void *arg)
{
	if (!cb)
		mirc_rt_fatal(MIRC_TEXT("a deferred call without a callback", "no callback"));
	defers = &defer_ops;
	if (dcount == dcap) {
		/* Unroll the ring into a larger array. */
		size_t ncap = dcap * 2;
		struct deferred *n = NULL;

		if (MIRC_GROW && ncap <= SIZE_MAX / sizeof(*n))
			n = platform_realloc(NULL, 0, ncap * sizeof(*n));
		if (!n)
			mirc_rt_fatal("too many deferred callbacks");
		for (size_t i = 0; i < dcount; i++)
			n[i] = dq[(dhead + i) % dcap];
		release(dq, defer_fixed, dcap, sizeof(*dq));
		dq = n;
		dcap = ncap;
		dhead = 0;
	}
	dq[(dhead + dcount) % dcap] = (struct deferred){ cb, arg, mirc_log_source() };
	dcount++;
}

/* Run the callbacks deferred so far, in order; those they defer in turn
 * wait for the next round, so a callback deferring itself forever cannot
 * keep timers and fds from their turn. */
static void run_deferred(void)
{
	for (size_t n = dcount; n > 0 && !stopping; n--) {
		struct deferred d = dq[dhead];

		dhead = (dhead + 1) % dcap;
		dcount--;
		run_cb(d.cb, d.arg, d.src);
	}
}

/* ---- fd watches ----------------------------------------------------------------------- */

#if MIRC_FD_WATCHES

static int dir_bit(int d)
{
	return d ? MIRC_FD_WRITE : MIRC_FD_READ;
}

/* The entry of fd, or NULL when no watch ever had an fd that large. */
static struct watch *watch_get(int fd)
{
	return fd >= 0 && (size_t)fd < wtcap ? &wt[fd] : NULL;
}

/* Tell the platform what fd wants now, when that is not what it was
 * last told: one call per change, none per event.  0 or -errno. */
static int watch_sync(int fd, struct watch *w)
{
	int rc = 0;

	if (w->want == w->armed)
		return 0;
	if (w->want)
		rc = platform_watch_set(fd, w->want);
	else
		platform_watch_clear(fd);
	if (rc == 0)
		w->armed = w->want;
	return rc;
}

static void watch_reset(void)
{
	release(wt, NULL, wtcap, sizeof(*wt));
	wt = NULL;
	wtcap = nw = nrq = 0;
}

static void watch_wait(uint64_t deadline);

static const struct watch_ops watch_ops = { watch_reset, watch_wait };

int mirc_fd_watch(int fd, int events, mirc_cb cb, void *arg)
{
	int rc = platform_fd_check(fd, cb ? events : 0);
	struct watch *w;
	uint8_t old;

	if (rc)
		return rc;
	watches = &watch_ops;
	if ((size_t)fd >= wtcap) {
		/* fds are small and dense (POSIX hands out the lowest free
		 * one): a table indexed by them stays about as large as
		 * the number of open fds. */
		size_t ncap = wtcap ? wtcap : 16;
		void *a = wt;

		while (ncap <= (size_t)fd)
			ncap *= 2;
		if (!grow(&a, NULL, wtcap, ncap, sizeof(*wt)))
			mirc_rt_fatal("out of memory for fd watches");
		wt = a;
		rt_memset(wt + wtcap, 0, (ncap - wtcap) * sizeof(*wt));
		wtcap = ncap;
	}
	w = &wt[fd];
	old = w->want;
	w->want = (uint8_t)(old | events);
	rc = watch_sync(fd, w);
	if (rc) {
		w->want = old;
		return rc;
	}
	if (!old)
		nw++;
	for (int d = 0; d < 2; d++) {
		if (!(events & dir_bit(d)))
			continue;
		/* A new watch: readiness reported before it is not its. */
		w->ready &= (uint8_t)~dir_bit(d);
		w->cb[d] = cb;
		w->arg[d] = arg;
		w->src[d] = mirc_log_source();
	}
	return 0;
}

/* Forget the watches of fd in `events` (also their pending readiness). */
static void watch_drop(struct watch *w, int events)
{
	events &= w->want;
	if (!events)
		return;
	for (int d = 0; d < 2; d++)
		if (events & dir_bit(d))
			w->cb[d] = NULL;
	w->want &= (uint8_t)~events;
	w->ready &= (uint8_t)~events;
	if (!w->want)
		nw--;
}

void mirc_fd_unwatch(int fd, int events)
{
	struct watch *w = watch_get(fd);

	if (!w || !(w->want & events))
		return;
	watch_drop(w, events);
	/* At once, not at the next wait: the caller may close fd next,
	 * and an epoll registration must go while the fd is open.  A
	 * failure to narrow it is harmless: what the platform then
	 * reports beyond `want` is ignored, and the report disarms it. */
	(void)watch_sync(fd, w);
}

/* Note what the last wait reported: the platform disarmed those fds. */
static void note_ready(void)
{
	for (size_t i = 0; i < nrq; i++) {
		struct watch *w = watch_get(rq[i].fd);

		if (w) {
			w->armed = 0;
			w->ready |= (uint8_t)(rq[i].events & w->want);
		}
	}
}

/*
 * Call the watches the last wait found ready, read before write, in the
 * platform's order: O(ready fds).  Callbacks may watch and unwatch any
 * fd, which moves nothing (the table is indexed by fd, only re-read after
 * each callback because it may grow): an unwatched fd loses its `ready`
 * bits and is skipped.  Each fd, once done, is armed again for what is
 * still wanted (the direction that did not fire).
 */
static void run_watches(void)
{
	for (size_t i = 0; i < nrq && !stopping; i++) {
		int fd = rq[i].fd;
		struct watch *w;

		while ((w = watch_get(fd)) != NULL && !stopping) {
			int d = (w->ready & MIRC_FD_READ) ? 0 :
				(w->ready & MIRC_FD_WRITE) ? 1 : -1;
			if (d < 0) {
				/* Arming what is left fails only when fd was
				 * closed although watched (or for want of
				 * memory): the callbacks then run now, and
				 * their read() or write() finds out. */
				if (watch_sync(fd, w) == 0)
					break;
				w->ready = w->want;
				continue;
			}
			mirc_cb cb = w->cb[d];
			void *arg = w->arg[d];
			const char *src = w->src[d];
			watch_drop(w, dir_bit(d));	/* one-shot */
			run_event_cb(cb, arg, src);
		}
	}
	if (stopping) {	/* forget the rest */
		for (size_t i = 0; i < nrq; i++) {
			struct watch *w = watch_get(rq[i].fd);
			if (w)
				w->ready = 0;
		}
	}
	nrq = 0;
}

/* Wait for the deadline or a watched fd, then call the ready watches. */
static void watch_wait(uint64_t deadline)
{
	/* Room for READY_MAX reports; none when nothing is watched. */
	int rc = platform_wait(deadline, rq, nw ? READY_MAX : 0);

	if (rc < 0)
		mirc_rt_fatal(MIRC_TEXT("cannot wait for events", "cannot wait"));
	nrq = rc > READY_MAX ? READY_MAX : (size_t)rc;
	note_ready();
	run_watches();
}

#else

int mirc_fd_watch(int fd, int events, mirc_cb cb, void *arg)
{
	int rc = platform_fd_check(fd, cb ? events : 0);

	(void)arg;
	if (rc == 0)	/* a platform with fds built without the watches */
		mirc_rt_fatal("fd watches are not built in (MIRC_FD_WATCHES=0)");
	return rc;
}

void mirc_fd_unwatch(int fd, int events)
{
	(void)fd;
	(void)events;
}

#endif

/* ---- the loop ------------------------------------------------------------------------- */

static bool pending(void)
{
	return nheap > 0 || dcount > 0 || nw > 0;
}

/*
 * Sleep until the first timer or an fd, without sleeping when deferred
 * calls or due timers are waiting (fds are still polled then, so a busy
 * timer chain cannot starve them).
 */
static void wait_events(void)
{
	uint64_t deadline = UINT64_MAX;

	if (dcount > 0)
		deadline = 0;
	else if (nheap > 0)
		deadline = timers[FIRST_TIMER].deadline;
	if (deadline != 0 && deadline <= platform_now_ns())
		deadline = 0;
	if (deadline == 0 && nw == 0)
		return;
#if MIRC_FD_WATCHES
	if (watches) {
		watches->wait(deadline);
		return;
	}
#endif
	if (platform_wait(deadline, NULL, 0) < 0)
		mirc_rt_fatal(MIRC_TEXT("cannot wait for events", "cannot wait"));
}

int mirc_run(void)
{
	int status;

#ifndef MIRC_RUNTIME_SMALL
	if (delay_ns > 0 && !stopping) {
		uint64_t now = platform_now_ns();
		uint64_t end = delay_ns > UINT64_MAX - now ? UINT64_MAX : now + delay_ns;
		while (platform_now_ns() < end)
			if (platform_wait(end, NULL, 0) < 0)
				mirc_rt_fatal("cannot wait for --delay");
	}
#endif
	while (!stopping) {
		if (defers)
			defers->run();
		if (stopping)
			break;
		run_timers();
		if (stopping || !pending())
			break;
		wait_events();
	}
	status = stopping ? exit_status : 0;
	mirc_rt_cleanup();
	return status;
}
