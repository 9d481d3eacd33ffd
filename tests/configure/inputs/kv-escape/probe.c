/* SPDX-License-Identifier: MIT */
/*
 * probe.c - for each --keys item: get, exists and size, each logged as
 * "OP 'KEY': RESULT"; then "list: NAME (KIND)" for the root's entries.
 * Values are printed in full (they are small text files), so that the
 * test sees any byte that should never have been read.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mirc.h"

static struct {
	struct KV_RO kv;
	mirc_list_string keys;
	size_t i;
	int step;
} s;

static const char *err_name(int err)
{
	switch (-err) {
	case ENOENT: return "ENOENT";
	case EISDIR: return "EISDIR";
	case ENOTDIR: return "ENOTDIR";
	case EINVAL: return "EINVAL";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ELOOP: return "ELOOP";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EXDEV: return "EXDEV";
	default: return "another error";
	}
}

static void step(void);

static void got(void *arg, int err, const void *data, size_t len)
{
	const char *key = arg;

	if (err)
		mirc_log_info("get '%s': %s", key, err_name(err));
	else
		mirc_log_info("get '%s': %zu bytes: %.*s", key, len, (int)len,
			      (const char *)data);
	step();
}

static void exists(void *arg, int err, int kind)
{
	static const char *const kinds[] = { "absent", "value", "dictionary" };
	const char *key = arg;

	if (err)
		mirc_log_info("exists '%s': %s", key, err_name(err));
	else
		mirc_log_info("exists '%s': %s", key,
			      kind >= 0 && kind <= 2 ? kinds[kind] : "?");
	step();
}

static void sized(void *arg, int err, uint64_t size)
{
	const char *key = arg;

	if (err)
		mirc_log_info("size '%s': %s", key, err_name(err));
	else
		mirc_log_info("size '%s': %" PRIu64, key, size);
	step();
}

static void listed(void *arg, int err, const struct mirc_kv_entry *e, size_t n)
{
	(void)arg;
	if (err) {
		mirc_log_info("list: %s", err_name(err));
		return;
	}
	for (size_t i = 0; i < n; i++)
		mirc_log_info("list: %s (%s)", e[i].name,
			      e[i].kind == MIRC_KV_DICTIONARY ? "dictionary" : "value");
}

/* The next operation: get, exists, size for each key, then the list. */
static void step(void)
{
	const char *key;

	if (s.i == s.keys.len) {
		KV_RO_list(s.kv, "", listed, NULL);
		return;
	}
	key = s.keys.items[s.i];
	switch (s.step++) {
	case 0:
		KV_RO_get(s.kv, key, got, (void *)key);
		break;
	case 1:
		KV_RO_exists(s.kv, key, exists, (void *)key);
		break;
	default:
		s.step = 0;
		s.i++;
		KV_RO_size(s.kv, key, sized, (void *)key);
		break;
	}
}

int probe_start(struct KV_RO store, mirc_list_string keys)
{
	s.kv = store;
	s.keys = keys;
	step();
	return 0;
}
