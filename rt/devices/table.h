/* SPDX-License-Identifier: MIT */
/*
 * table.h - KV_RO over a table of values sorted by key (private to the
 * standard devices; see later.h for why the code lives in a header).
 *
 * crunch serves the table mirc embedded (struct mirc_embed_dir) and
 * kv_mem keeps its values in the same shape, so both answer KV_RO with
 * the functions below.  Dictionaries are implicit: "a" is one while some
 * key starts with "a/".  Because the table is sorted in strcmp() order,
 * the keys below a dictionary are contiguous and two binary searches
 * find them.
 */
#ifndef MIRC_DEV_TABLE_H
#define MIRC_DEV_TABLE_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/embed.h"
#include "mirc/kv.h"
#include "later.h"

/* Where name sorts relative to the keys below dictionary `key`
 * (klen bytes): < 0 before them, 0 one of them, > 0 after them. */
static inline int table_dir_cmp(const char *name, const char *key, size_t klen)
{
	int c = strncmp(name, key, klen);

	return c ? c : (int)(unsigned char)name[klen] - '/';
}

/* The keys below dictionary `key` ("" is the root): [*lo, *hi). */
static inline void table_below(const struct mirc_embed_file *f, size_t n,
			       const char *key, size_t *lo, size_t *hi)
{
	size_t klen = strlen(key), a = 0, b = n;

	if (!klen) {
		*lo = 0;
		*hi = n;
		return;
	}
	while (a < b) {		/* first one not before */
		size_t m = a + (b - a) / 2;
		if (table_dir_cmp(f[m].name, key, klen) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	for (b = n; a < b;) {	/* first one after */
		size_t m = a + (b - a) / 2;
		if (table_dir_cmp(f[m].name, key, klen) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

/* Index of the first name not before key (an insertion point). */
static inline size_t table_lower(const struct mirc_embed_file *f, size_t n,
				 const char *key)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (strcmp(f[m].name, key) < 0)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* The value named key, or NULL. */
static inline const struct mirc_embed_file *
table_find(const struct mirc_embed_file *f, size_t n, const char *key)
{
	size_t i = table_lower(f, n, key);

	return i < n && !strcmp(f[i].name, key) ? &f[i] : NULL;
}

/* MIRC_KV_VALUE, MIRC_KV_DICTIONARY or MIRC_KV_ABSENT (key is valid). */
static inline int table_kind(const struct mirc_embed_file *f, size_t n,
			     const char *key)
{
	size_t lo, hi;

	if (!*key)
		return MIRC_KV_DICTIONARY;
	if (table_find(f, n, key))
		return MIRC_KV_VALUE;
	table_below(f, n, key, &lo, &hi);
	return lo < hi ? MIRC_KV_DICTIONARY : MIRC_KV_ABSENT;
}

/*
 * Check a table mirc generated (or kv_mem built): valid, non-root keys,
 * strictly sorted, and no key both a value and a dictionary.  The binary
 * searches above are only right on such a table.  Returns 0 or -EINVAL
 * with *bad set to the offending name.
 */
static inline int table_check(const struct mirc_embed_file *f, size_t n,
			      const char **bad)
{
	for (size_t i = 0; i < n; i++) {
		size_t lo, hi;
		*bad = f[i].name;
		if (!f[i].name || !*f[i].name || !mirc_kv_key_valid(f[i].name) ||
		    (!f[i].data && f[i].size))
			return -EINVAL;
		if (i && strcmp(f[i - 1].name, f[i].name) >= 0)
			return -EINVAL;
		table_below(f, n, f[i].name, &lo, &hi);
		if (lo < hi)
			return -EINVAL;
	}
	*bad = NULL;
	return 0;
}

/* A key valid for a value (not the root), or the error to report. */
static inline int table_value_key(const char *key)
{
	if (!mirc_kv_key_valid(key))
		return key_error(key);
	return *key ? 0 : -EISDIR;
}

/*
 * get and get_partial: bytes [off, off + len) of the value, clipped to
 * its end.  With `copy` the bytes are copied now (kv_mem: a later set
 * may free them before the callback runs); without, the table's own are
 * handed out (crunch: they are constant).
 */
static inline void table_get(const struct mirc_embed_file *f, size_t n,
			     const char *key, uint64_t off, uint64_t len,
			     bool copy, mirc_kv_get_cb done, void *arg)
{
	const struct mirc_embed_file *v;
	int err = table_value_key(key);
	const unsigned char *p;
	void *owned = NULL;

	if (err)
		goto fail;
	if (!(v = table_find(f, n, key))) {
		err = table_kind(f, n, key) == MIRC_KV_DICTIONARY ? -EISDIR
								  : -ENOENT;
		goto fail;
	}
	if (off > v->size)
		off = v->size;
	if (len > v->size - off)
		len = v->size - off;
	p = v->data ? v->data + off : NULL;
	if (copy) {
		if (!(owned = malloc(len ? (size_t)len : 1))) {
			err = -ENOMEM;
			goto fail;
		}
		if (len)
			memcpy(owned, p, (size_t)len);
		p = owned;
	}
	later_get(done, arg, 0, p ? (const void *)p : (const void *)"", (size_t)len,
		  owned);
	return;
fail:
	later_get(done, arg, err, NULL, 0, NULL);
}

static inline void table_exists(const struct mirc_embed_file *f, size_t n,
				const char *key, mirc_kv_exists_cb done,
				void *arg)
{
	if (!mirc_kv_key_valid(key))
		later_exists(done, arg, key_error(key), MIRC_KV_ABSENT);
	else
		later_exists(done, arg, 0, table_kind(f, n, key));
}

static inline void table_size(const struct mirc_embed_file *f, size_t n,
			      const char *key, mirc_kv_size_cb done, void *arg)
{
	const struct mirc_embed_file *v = NULL;
	int err = table_value_key(key);

	if (!err && !(v = table_find(f, n, key)))
		err = table_kind(f, n, key) == MIRC_KV_DICTIONARY ? -EISDIR
								  : -ENOENT;
	later_size(done, arg, err, err ? 0 : v->size);
}

static inline void table_list(const struct mirc_embed_file *f, size_t n,
			      const char *dir, mirc_kv_list_cb done, void *arg)
{
	struct listing l = {0};
	size_t lo, hi, skip = *dir ? strlen(dir) + 1 : 0;
	const char *last = NULL;	/* the last dictionary added */
	size_t last_len = 0;

	if (!mirc_kv_key_valid(dir)) {
		later_list(done, arg, key_error(dir), NULL, 0, NULL);
		return;
	}
	table_below(f, n, dir, &lo, &hi);
	if (*dir && lo == hi) {
		later_list(done, arg, table_find(f, n, dir) ? -ENOTDIR : -ENOENT,
			   NULL, 0, NULL);
		return;
	}
	for (size_t i = lo; i < hi; i++) {
		const char *name = f[i].name + skip;
		const char *slash = strchr(name, '/');
		size_t len = slash ? (size_t)(slash - name) : strlen(name);

		if (!slash) {
			listing_add(&l, name, len, MIRC_KV_VALUE);
			continue;
		}
		/* Keys below one child dictionary are contiguous too. */
		if (last && last_len == len && !memcmp(last, name, len))
			continue;
		listing_add(&l, name, len, MIRC_KV_DICTIONARY);
		last = name;
		last_len = len;
	}
	listing_finish(&l, dir, done, arg);
}

#endif
