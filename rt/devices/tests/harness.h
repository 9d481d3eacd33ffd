/* SPDX-License-Identifier: MIT */
/*
 * harness.h - what the device tests share: checks that stop the test with
 * the failing line, the runtime's event loop around each operation, and
 * callbacks that record what a device reported.
 *
 * Every device operation is split-phase, so a test starts one, checks
 * that nothing was reported yet (done must never run inside the call),
 * runs the loop until it is idle, and checks the recorded result.
 */
#ifndef DEVTEST_HARNESS_H
#define DEVTEST_HARNESS_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mirc/args.h"
#include "mirc/block.h"
#include "mirc/kv.h"
#include "mirc/rt.h"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			exit(1);                                               \
		}                                                              \
	} while (0)

#define CHECK_INT(a, b)                                                        \
	do {                                                                   \
		long long a_ = (long long)(a), b_ = (long long)(b);            \
		if (a_ != b_) {                                                \
			fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n",  \
				__FILE__, __LINE__, #a, a_, b_);               \
			exit(1);                                               \
		}                                                              \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (strcmp(a_, b_) != 0) {                                     \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected "       \
				"\"%s\"\n", __FILE__, __LINE__, #a, a_, b_);   \
			exit(1);                                               \
		}                                                              \
	} while (0)

static const struct mirc_program harness_prog = {
	"devtest", "0", "device tests", NULL, 0, NULL,
};

/* Boot the runtime as a generated main() would (no arguments). */
static inline void harness_boot(void)
{
	static char name[] = "devtest";
	char *argv[] = { name, NULL };

	CHECK_INT(mirc_rt_init(&harness_prog, 1, argv), 0);
}

/* Run the loop until nothing is pending, then boot again for the next
 * step (mirc_run cleans the runtime up when it returns). */
static inline void settle(void)
{
	CHECK_INT(mirc_run(), 0);
	harness_boot();
}

/* ---- recording callbacks ------------------------------------------------- */

struct res {
	int calls;
	int err;
	char *data;		/* get: a NUL-terminated copy */
	size_t len;
	int kind;		/* exists */
	uint64_t size;		/* size */
	char list[2048];	/* list: "key:v key:d ..." */
};

static inline void res_reset(struct res *r)
{
	free(r->data);
	memset(r, 0, sizeof(*r));
	r->kind = -1;
}

static inline void on_get(void *arg, int err, const void *data, size_t len)
{
	struct res *r = arg;

	r->calls++;
	r->err = err;
	r->len = len;
	free(r->data);
	r->data = malloc(len + 1);
	CHECK(r->data);
	CHECK(err || data);
	if (len)
		memcpy(r->data, data, len);
	r->data[len] = '\0';
}

static inline void on_exists(void *arg, int err, int kind)
{
	struct res *r = arg;

	r->calls++;
	r->err = err;
	r->kind = kind;
}

static inline void on_size(void *arg, int err, uint64_t size)
{
	struct res *r = arg;

	r->calls++;
	r->err = err;
	r->size = size;
}

static inline void on_list(void *arg, int err, const struct mirc_kv_entry *e,
			   size_t n)
{
	struct res *r = arg;
	size_t used = 0;

	r->calls++;
	r->err = err;
	r->list[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t klen = strlen(e[i].key), nlen = strlen(e[i].name);
		int w;
		/* name is the last component of key */
		CHECK(nlen <= klen && e[i].name == e[i].key + klen - nlen);
		CHECK(nlen == klen || e[i].key[klen - nlen - 1] == '/');
		CHECK(!strchr(e[i].name, '/'));
		CHECK(e[i].kind == MIRC_KV_VALUE ||
		      e[i].kind == MIRC_KV_DICTIONARY);
		if (i)
			CHECK(strcmp(e[i - 1].name, e[i].name) < 0);
		w = snprintf(r->list + used, sizeof(r->list) - used, "%s%s:%c",
			     i ? " " : "", e[i].key,
			     e[i].kind == MIRC_KV_VALUE ? 'v' : 'd');
		CHECK(w > 0 && (size_t)w < sizeof(r->list) - used);
		used += (size_t)w;
	}
}

/* set, remove, read, write */
static inline void on_done(void *arg, int err)
{
	struct res *r = arg;

	r->calls++;
	r->err = err;
}

/* ---- completion order ------------------------------------------------------
 *
 * mir(5): the operations on one device complete in the order they were
 * started, refused ones included.  A chained test takes a ticket for
 * every operation it starts (the callback's arg); the callback checks
 * that the tickets come back in the order they were handed out and that
 * err is what the operation deserves, then runs what comes next (which
 * starts the next operations from inside the callback).
 */

struct ticket {
	unsigned n;
	int want;		/* the err expected */
	void (*then)(void);	/* continues the chain, or NULL */
};

#define TICKETS 256
static struct ticket tickets[TICKETS];
static unsigned tickets_out, tickets_back;

static inline void *ticket(int want, void (*then)(void))
{
	struct ticket *t = &tickets[tickets_out % TICKETS];

	CHECK(tickets_out - tickets_back < TICKETS);
	*t = (struct ticket){ tickets_out++, want, then };
	return t;
}

static inline void ticket_back(void *arg, int err)
{
	struct ticket *t = arg;

	CHECK_INT(t->n, tickets_back);	/* in the order started */
	tickets_back++;
	CHECK_INT(err, t->want);
	if (t->then)
		t->then();
}

static inline void on_ticket_done(void *arg, int err)
{
	ticket_back(arg, err);
}

static inline void on_ticket_woke(void *arg)
{
	ticket_back(arg, 0);
}

static inline void on_ticket_get(void *arg, int err, const void *data,
				 size_t len)
{
	(void)data;
	(void)len;
	ticket_back(arg, err);
}

static inline void on_ticket_exists(void *arg, int err, int kind)
{
	(void)kind;
	ticket_back(arg, err);
}

static inline void on_ticket_size(void *arg, int err, uint64_t size)
{
	(void)size;
	ticket_back(arg, err);
}

static inline void on_ticket_list(void *arg, int err,
				  const struct mirc_kv_entry *e, size_t n)
{
	(void)e;
	(void)n;
	ticket_back(arg, err);
}

/* Run the loop of a chain started by start(): it must end by itself
 * (a device that kept the loop alive after its last completion would
 * hang here: alarm() makes that a failure), with every ticket back. */
static inline void chain_run(void (*start)(void))
{
	tickets_out = tickets_back = 0;
	start();
	CHECK(tickets_out > 0 && tickets_back == 0);	/* never inside */
	alarm(60);
	CHECK_INT(mirc_run(), 0);
	alarm(0);
	CHECK_INT(tickets_back, tickets_out);
	harness_boot();
}

/* After starting an operation: nothing yet, then exactly one report. */
#define AWAIT(r)                                                               \
	do {                                                                   \
		CHECK_INT((r)->calls, 0);                                      \
		settle();                                                      \
		CHECK_INT((r)->calls, 1);                                      \
	} while (0)

#endif
