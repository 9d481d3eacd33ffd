/* SPDX-License-Identifier: MIT */
/*
 * kv_ro_show.c - the job of samples/kv_ro.
 *
 * KV_RO is split-phase: every operation calls back later from the event
 * loop.  The job is a small state machine.  First it walks the tree
 * depth-first, in name order, with a stack of keys still to visit: a
 * dictionary is listed (its entries pushed in reverse so that they pop in
 * order), a value is read and logged.  Then it runs a fixed list of probes,
 * each logging what the device answered.  Anything unexpected stops the
 * program with status 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mirc.h"

#define MAX_KEYS 64
#define KEY_MAX 128

struct item {
	char key[KEY_MAX];
	int kind;		/* MIRC_KV_VALUE or MIRC_KV_DICTIONARY */
};

static struct {
	struct KV_RO kv;
	struct item stack[MAX_KEYS];
	size_t depth;
	char key[KEY_MAX];	/* the key being read: valid until done */
	size_t probe;
} s;

static void next(void);
static void probe(void);

/* "ENOENT" for -ENOENT: the errors of mirc/kv.h by name. */
static const char *err_name(int err)
{
	switch (-err) {
	case 0: return "ok";
	case ENOENT: return "ENOENT";
	case EISDIR: return "EISDIR";
	case ENOTDIR: return "ENOTDIR";
	case EINVAL: return "EINVAL";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOMEM: return "ENOMEM";
	case EIO: return "EIO";
	default: return "another error";
	}
}

static void stop(const char *what, int err)
{
	mirc_log_err("%s: %s (%d)", what, err_name(err), err);
	mirc_exit(1);
}

/* The first (at most) 64 bytes of data as the inside of a C string
 * literal, into text[ESCAPED]. */
#define ESCAPED (64 * 4 + 1)
static const char *escape(char *text, const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = data;
	size_t n = 0;

	for (size_t i = 0; i < len && i < 64; i++) {
		if (p[i] == '\n') {
			text[n++] = '\\';
			text[n++] = 'n';
		} else if (p[i] == '"' || p[i] == '\\') {
			text[n++] = '\\';
			text[n++] = (char)p[i];
		} else if (p[i] < 0x20 || p[i] >= 0x7f) {
			text[n++] = '\\';
			text[n++] = 'x';
			text[n++] = hex[p[i] >> 4];
			text[n++] = hex[p[i] & 15];
		} else {
			text[n++] = (char)p[i];
		}
	}
	text[n] = '\0';
	return text;
}

static void log_value(const char *key, const void *data, size_t len)
{
	char text[ESCAPED];

	mirc_log_info("%s: %zu bytes: \"%s\"%s", key, len,
		      escape(text, data, len), len > 64 ? "..." : "");
}

static bool push(const char *key, int kind)
{
	if (s.depth == MAX_KEYS || strlen(key) >= KEY_MAX)
		return false;
	strcpy(s.stack[s.depth].key, key);
	s.stack[s.depth].kind = kind;
	s.depth++;
	return true;
}

static void listed(void *arg, int err, const struct mirc_kv_entry *entries,
		   size_t n)
{
	(void)arg;
	if (err) {
		stop("list", err);
		return;
	}
	mirc_log_info("%s/: %zu entries", s.key, n);
	for (size_t i = n; i-- > 0;) {
		if (i > 0 && strcmp(entries[i - 1].name, entries[i].name) >= 0) {
			mirc_log_err("list '%s': entries not sorted", s.key);
			mirc_exit(1);
			return;
		}
		if (!push(entries[i].key, entries[i].kind)) {
			mirc_log_err("too many keys for this sample");
			mirc_exit(1);
			return;
		}
	}
	next();
}

static void got(void *arg, int err, const void *data, size_t len)
{
	(void)arg;
	if (err) {
		stop(s.key, err);
		return;
	}
	log_value(s.key, data, len);
	next();
}

/* Visit the next key of the walk, or start the probes. */
static void next(void)
{
	struct item it;

	if (s.depth == 0) {
		probe();
		return;
	}
	it = s.stack[--s.depth];
	strcpy(s.key, it.key);
	if (it.kind == MIRC_KV_DICTIONARY)
		KV_RO_list(s.kv, s.key, listed, NULL);
	else
		KV_RO_get(s.kv, s.key, got, NULL);
}

/* ---- probes: one operation each, and what it must answer ---- */

enum op { GET, PARTIAL, SIZE, EXISTS, LIST };

static const struct probe {
	enum op op;
	const char *key;
	uint64_t offset;
	size_t len;
} probes[] = {
	{ SIZE, "hello.txt", 0, 0 },
	{ PARTIAL, "hello.txt", 6, 4 },
	{ PARTIAL, "hello.txt", 15, 100 },
	{ PARTIAL, "hello.txt", 100, 4 },
	{ EXISTS, "greetings", 0, 0 },
	{ EXISTS, "greetings/fr.txt", 0, 0 },
	{ EXISTS, "nope", 0, 0 },
	{ GET, "nope", 0, 0 },
	{ GET, "greetings", 0, 0 },
	{ GET, "hello.txt/x", 0, 0 },
	{ LIST, "hello.txt", 0, 0 },
	{ GET, "../config.mir", 0, 0 },
	{ GET, "/etc/passwd", 0, 0 },
	{ GET, "greetings//fr.txt", 0, 0 },
};

static const char *const kinds[] = { "absent", "a value", "a dictionary" };

static void probe_got(void *arg, int err, const void *data, size_t len)
{
	const struct probe *p = arg;
	char text[ESCAPED];

	if (err)
		mirc_log_info("get '%s': %s", p->key, err_name(err));
	else if (p->op == GET)
		log_value(p->key, data, len);
	else
		mirc_log_info("get_partial '%s' %" PRIu64 " %zu: %zu bytes: \"%s\"",
			      p->key, p->offset, p->len, len,
			      escape(text, data, len));
	s.probe++;
	probe();
}

static void probe_size(void *arg, int err, uint64_t size)
{
	const struct probe *p = arg;

	if (err)
		mirc_log_info("size '%s': %s", p->key, err_name(err));
	else
		mirc_log_info("size '%s': %" PRIu64 " bytes", p->key, size);
	s.probe++;
	probe();
}

static void probe_exists(void *arg, int err, int kind)
{
	const struct probe *p = arg;

	if (err)
		mirc_log_info("exists '%s': %s", p->key, err_name(err));
	else
		mirc_log_info("exists '%s': %s", p->key,
			      kind >= 0 && kind <= 2 ? kinds[kind] : "?");
	s.probe++;
	probe();
}

static void probe_list(void *arg, int err, const struct mirc_kv_entry *e,
		       size_t n)
{
	const struct probe *p = arg;

	(void)e;
	if (err)
		mirc_log_info("list '%s': %s", p->key, err_name(err));
	else
		mirc_log_info("list '%s': %zu entries", p->key, n);
	s.probe++;
	probe();
}

static void probe(void)
{
	const struct probe *p = &probes[s.probe];

	if (s.probe == sizeof probes / sizeof probes[0]) {
		mirc_log_info("done");
		return;
	}
	switch (p->op) {
	case GET:
		KV_RO_get(s.kv, p->key, probe_got, (void *)p);
		break;
	case PARTIAL:
		KV_RO_get_partial(s.kv, p->key, p->offset, p->len, probe_got,
				  (void *)p);
		break;
	case SIZE:
		KV_RO_size(s.kv, p->key, probe_size, (void *)p);
		break;
	case EXISTS:
		KV_RO_exists(s.kv, p->key, probe_exists, (void *)p);
		break;
	case LIST:
		KV_RO_list(s.kv, p->key, probe_list, (void *)p);
		break;
	}
}

int kv_ro_show_start(struct KV_RO store)
{
	s.kv = store;
	s.depth = 0;
	s.probe = 0;
	push("", MIRC_KV_DICTIONARY);
	next();
	return 0;
}
