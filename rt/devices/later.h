/* SPDX-License-Identifier: MIT */
/*
 * later.h - what the standard devices' sources share (private, not
 * installed for users): completions delivered from the event loop, and
 * the building of a dictionary listing.
 *
 * Each impl's sources are compiled on their own and any set of impls may
 * be linked into one program, so the shared code is static (inline) here
 * rather than in a .c file two impls would both list, and nothing but the
 * impl functions is exported.
 *
 * The KV and BLOCK contracts say `done` runs later, from the event loop,
 * never inside the call.  Every device does its work at once and then
 * queues the result with one of the later_* functions below, which copy
 * it into a small record that mirc_defer() hands back.
 */
#ifndef MIRC_DEV_LATER_H
#define MIRC_DEV_LATER_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/block.h"
#include "mirc/kv.h"
#include "mirc/rt.h"

enum later_kind { LATER_GET, LATER_EXISTS, LATER_SIZE, LATER_LIST, LATER_DONE };

struct later {
	enum later_kind kind;
	union {
		mirc_kv_get_cb get;
		mirc_kv_exists_cb exists;
		mirc_kv_size_cb size;
		mirc_kv_list_cb list;
		mirc_kv_done_cb done;	/* also mirc_block_cb: the same type */
	} cb;
	void *arg;
	int err;
	const void *data;	/* get: bytes; list: entries */
	size_t len;		/* get: bytes; list: entries */
	uint64_t u;		/* exists: kind; size: size */
	void *owned;		/* freed once the callback returned */
};

static inline void later_run(void *p)
{
	struct later *l = p;

	switch (l->kind) {
	case LATER_GET:
		l->cb.get(l->arg, l->err, l->data, l->len);
		break;
	case LATER_EXISTS:
		l->cb.exists(l->arg, l->err, (int)l->u);
		break;
	case LATER_SIZE:
		l->cb.size(l->arg, l->err, l->u);
		break;
	case LATER_LIST:
		l->cb.list(l->arg, l->err, l->data, l->len);
		break;
	case LATER_DONE:
		l->cb.done(l->arg, l->err);
		break;
	}
	free(l->owned);
	free(l);
}

/*
 * Queue a completion; takes ownership of `owned` (may be NULL).  Without
 * memory for the record the callback can neither run now (the contract
 * forbids it) nor later, so the program stops, as the runtime does when
 * it runs out of memory.
 */
static inline void later_queue(struct later tmpl)
{
	struct later *l = malloc(sizeof(*l));

	if (!l) {
		free(tmpl.owned);
		mirc_log(MIRC_LOG_ERROR, "devices",
			 "out of memory for a completion");
		mirc_exit(1);
		return;
	}
	*l = tmpl;
	mirc_defer(later_run, l);
}

static inline void later_get(mirc_kv_get_cb cb, void *arg, int err,
			     const void *data, size_t len, void *owned)
{
	later_queue((struct later){ .kind = LATER_GET, .cb.get = cb,
		.arg = arg, .err = err, .data = err ? NULL : data,
		.len = err ? 0 : len, .owned = owned });
}

static inline void later_exists(mirc_kv_exists_cb cb, void *arg, int err,
				int kind)
{
	later_queue((struct later){ .kind = LATER_EXISTS, .cb.exists = cb,
		.arg = arg, .err = err,
		.u = err ? MIRC_KV_ABSENT : (uint64_t)kind });
}

static inline void later_size(mirc_kv_size_cb cb, void *arg, int err,
			      uint64_t size)
{
	later_queue((struct later){ .kind = LATER_SIZE, .cb.size = cb,
		.arg = arg, .err = err, .u = err ? 0 : size });
}

static inline void later_list(mirc_kv_list_cb cb, void *arg, int err,
			      const struct mirc_kv_entry *e, size_t n,
			      void *owned)
{
	later_queue((struct later){ .kind = LATER_LIST, .cb.list = cb,
		.arg = arg, .err = err, .data = err ? NULL : e,
		.len = err ? 0 : n, .owned = owned });
}

/* set, remove, and BLOCK's read and write. */
static inline void later_done(mirc_kv_done_cb cb, void *arg, int err)
{
	later_queue((struct later){ .kind = LATER_DONE, .cb.done = cb,
		.arg = arg, .err = err });
}

/* ---- listings -------------------------------------------------------------
 *
 * A dictionary's entries are collected as (name, kind) pairs, then turned
 * into one block holding the mirc_kv_entry array and the full keys, so
 * that a single free() releases it after the callback.
 */

struct listing {
	struct listing_item { char *name; int kind; } *items;
	size_t n, cap;
	size_t bytes;		/* names' lengths plus NULs */
	int err;		/* -ENOMEM once an add failed */
};

static inline void listing_add(struct listing *l, const char *name,
			       size_t len, int kind)
{
	char *copy;

	if (l->err)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		void *p = realloc(l->items, cap * sizeof(*l->items));
		if (!p) {
			l->err = -ENOMEM;
			return;
		}
		l->items = p;
		l->cap = cap;
	}
	if (!(copy = malloc(len + 1))) {
		l->err = -ENOMEM;
		return;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	l->items[l->n++] = (struct listing_item){ copy, kind };
	l->bytes += len + 1;
}

static inline int listing_cmp(const void *a, const void *b)
{
	return strcmp(((const struct listing_item *)a)->name,
		      ((const struct listing_item *)b)->name);
}

/*
 * Sort the entries of dictionary `dir` ("" for the root) and hand them to
 * cb later; frees the listing's own storage.
 */
static inline void listing_finish(struct listing *l, const char *dir,
				  mirc_kv_list_cb cb, void *arg)
{
	size_t dlen = strlen(dir), n = l->n;
	struct mirc_kv_entry *e = NULL;
	int err = l->err;

	if (!err) {
		/* Each key is "dir/name" (or "name" below the root). */
		size_t size = n * sizeof(*e) + l->bytes +
			(dlen ? n * (dlen + 1) : 0);
		if (!(e = malloc(size ? size : 1)))
			err = -ENOMEM;
	}
	if (!err) {
		char *s = (char *)(e + n);
		if (n > 1)
			qsort(l->items, n, sizeof(*l->items), listing_cmp);
		for (size_t i = 0; i < n; i++) {
			size_t nlen = strlen(l->items[i].name);
			e[i].key = s;
			if (dlen) {
				memcpy(s, dir, dlen);
				s[dlen] = '/';
				s += dlen + 1;
			}
			memcpy(s, l->items[i].name, nlen + 1);
			e[i].name = s;
			e[i].kind = l->items[i].kind;
			s += nlen + 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(l->items[i].name);
	free(l->items);
	*l = (struct listing){0};
	later_list(cb, arg, err, e, n, e);
}

/* The error for a key mirc_kv_key_valid() rejects. */
static inline int key_error(const char *key)
{
	return strlen(key) > MIRC_KV_KEY_MAX ? -ENAMETOOLONG : -EINVAL;
}

#endif
