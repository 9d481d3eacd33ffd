/* SPDX-License-Identifier: MIT */
/*
 * mirc/kv.h - C types of the key-value signatures KV_RO and KV_RW (see
 * mir(5), STANDARD DEVICES), in the spirit of MirageOS's mirage-kv.
 *
 * A store is a tree: a key names a value (bytes) or a dictionary (a
 * directory of keys).  Keys are '/'-separated relative paths such as
 * "css/site.css"; "" is the root dictionary.  A key is valid when
 * mirc_kv_key_valid() says so; devices reject any other with -EINVAL
 * (-ENAMETOOLONG above MIRC_KV_KEY_MAX bytes) and never map it to
 * anything outside the store.
 *
 * Every operation is split-phase: it returns at once and calls `done`
 * exactly once, later, from the event loop (never from inside the call,
 * so a callback may start the next operation without growing the stack).
 * The operations started on one device complete in the order they were
 * started, refused ones (an invalid key) included, and the device keeps
 * the loop running only until its last done has run.
 * Keys and buffers passed in must stay valid until `done` runs; pointers
 * handed to `done` are valid only during that call.  `err` is 0 or a
 * negative errno value:
 *
 *   -ENOENT        no such key (or a component of it is a value)
 *   -EISDIR        the key names a dictionary where a value is needed
 *   -ENOTDIR       the key names a value where a dictionary is needed
 *   -EINVAL        an invalid key
 *   -ENAMETOOLONG  a key longer than MIRC_KV_KEY_MAX
 *   -ENOMEM, -EIO, ... what the medium reports
 */
#ifndef MIRC_KV_H
#define MIRC_KV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest key, in bytes without the terminating NUL. */
#define MIRC_KV_KEY_MAX 1024

/* What a key names (exists, list). */
enum mirc_kv_kind {
	MIRC_KV_ABSENT = 0,
	MIRC_KV_VALUE = 1,
	MIRC_KV_DICTIONARY = 2,
};

/* One entry of a dictionary (list). */
struct mirc_kv_entry {
	const char *key;	/* the full key: "css/site.css" */
	const char *name;	/* its last component, inside key: "site.css" */
	int kind;		/* MIRC_KV_VALUE or MIRC_KV_DICTIONARY */
};

/* get, get_partial: the value's bytes (len 0 on error). */
typedef void (*mirc_kv_get_cb)(void *arg, int err, const void *data,
			       size_t len);
/* exists: err 0 and kind MIRC_KV_ABSENT when there is no such key. */
typedef void (*mirc_kv_exists_cb)(void *arg, int err, int kind);
/* size: the value's length in bytes. */
typedef void (*mirc_kv_size_cb)(void *arg, int err, uint64_t size);
/* list: the entries of a dictionary, sorted by name (strcmp order). */
typedef void (*mirc_kv_list_cb)(void *arg, int err,
				const struct mirc_kv_entry *entries, size_t n);
/* set, remove: just the result. */
typedef void (*mirc_kv_done_cb)(void *arg, int err);

/*
 * True when key is "" (the root) or a '/'-separated relative path of at
 * most MIRC_KV_KEY_MAX bytes whose components are neither empty (so no
 * leading, trailing or doubled '/') nor "." nor "..".  A C string cannot
 * hold a NUL, so keys never do.
 */
static inline bool mirc_kv_key_valid(const char *key)
{
	const char *c = key;	/* start of the current component */
	size_t n = 0;

	if (!*key)
		return true;
	for (;; n++) {
		if (n > MIRC_KV_KEY_MAX)
			return false;
		if (key[n] == '/' || key[n] == '\0') {
			size_t len = (size_t)(key + n - c);
			if (len == 0 || (len == 1 && c[0] == '.') ||
			    (len == 2 && c[0] == '.' && c[1] == '.'))
				return false;
			if (key[n] == '\0')
				return true;
			c = key + n + 1;
		}
	}
}

#endif
