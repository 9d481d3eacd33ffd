/* SPDX-License-Identifier: MIT */
/*
 * kv_suite.h - checks every KV_RO (and KV_RW) device passes, written once
 * for all of them.  The including file defines DEV, the impl's prefix,
 * and `static struct DEV dev;` (or, for a stateless impl, nothing), then
 * calls the suites on a connected device.
 *
 * The suites use one tree of values, TREE below: crunch embeds it, the
 * direct_kv_ro test writes it to a directory, the KV_RW tests set it.
 */
#ifndef DEVTEST_KV_SUITE_H
#define DEVTEST_KV_SUITE_H

#include "harness.h"

#define KV_CAT_(a, b) a##_##b
#define KV_CAT(a, b) KV_CAT_(a, b)
#define KV(op) KV_CAT(DEV, op)

struct tree_file {
	const char *key;
	const char *data;
	size_t len;
};

/* Sorted by key (strcmp), as mirc embeds them. */
static const struct tree_file tree[] = {
	{ ".hidden", "h", 1 },
	{ "a-b", "dash", 4 },
	{ "a/x", "ax", 2 },
	{ "bin", "x\0y", 3 },
	{ "css/print/a.css", "p{}", 3 },
	{ "css/site.css", "body{}", 6 },
	{ "empty", "", 0 },
	{ "index.html", "<h1>hi</h1>", 11 },
};
#define NTREE (sizeof(tree) / sizeof(tree[0]))

static const char *const tree_root_list =
	".hidden:v a:d a-b:v bin:v css:d empty:v index.html:v";

/* Keys every device must refuse, whatever is on the medium. */
static const char *const bad_keys[] = {
	"/etc/passwd", "../etc/passwd", "a/../../x", "..", ".", "./a",
	"a/./x", "a//x", "a/", "/", "/a", "css/..", "css/../index.html",
	"../", "a/..",
};
#define NBAD (sizeof(bad_keys) / sizeof(bad_keys[0]))

static struct res r;

static void fail(const char *op, const char *key, const char *what)
{
	fprintf(stderr, "%s(\"%s\"): %s (err %d, calls %d)\n", op, key, what,
		r.err, r.calls);
	exit(1);
}

static void kv_get(const char *key)
{
	res_reset(&r);
	KV(get)(&dev, key, on_get, &r);
	AWAIT(&r);
}

static void kv_get_partial(const char *key, uint64_t off, size_t len)
{
	res_reset(&r);
	KV(get_partial)(&dev, key, off, len, on_get, &r);
	AWAIT(&r);
}

static void kv_exists(const char *key)
{
	res_reset(&r);
	KV(exists)(&dev, key, on_exists, &r);
	AWAIT(&r);
}

static void kv_size(const char *key)
{
	res_reset(&r);
	KV(size)(&dev, key, on_size, &r);
	AWAIT(&r);
}

static void kv_list(const char *dir)
{
	res_reset(&r);
	KV(list)(&dev, dir, on_list, &r);
	AWAIT(&r);
}

static void expect_value(const char *key, const char *data, size_t len)
{
	kv_get(key);
	if (r.err || r.len != len || memcmp(r.data, data, len))
		fail("get", key, "wrong value");
	kv_size(key);
	if (r.err || r.size != len)
		fail("size", key, "wrong size");
	kv_exists(key);
	if (r.err || r.kind != MIRC_KV_VALUE)
		fail("exists", key, "not a value");
	kv_get_partial(key, 1, 2);
	if (r.err || r.len != (len > 1 ? (len > 3 ? 2 : len - 1) : 0) ||
	    (r.len && memcmp(r.data, data + 1, r.len)))
		fail("get_partial", key, "wrong bytes [1, 3)");
	kv_get_partial(key, len, 5);
	if (r.err || r.len != 0)
		fail("get_partial", key, "bytes past the end");
	kv_get_partial(key, UINT64_MAX, SIZE_MAX);
	if (r.err || r.len != 0)
		fail("get_partial", key, "bytes far past the end");
}

/* get, size and exists agree that key is a dictionary. */
static void expect_dictionary(const char *key)
{
	kv_get(key);
	if (r.err != -EISDIR)
		fail("get", key, "expected -EISDIR");
	kv_size(key);
	if (r.err != -EISDIR)
		fail("size", key, "expected -EISDIR");
	kv_exists(key);
	if (r.err || r.kind != MIRC_KV_DICTIONARY)
		fail("exists", key, "not a dictionary");
}

static void expect_absent(const char *key)
{
	kv_get(key);
	if (r.err != -ENOENT)
		fail("get", key, "expected -ENOENT");
	kv_get_partial(key, 0, 1);
	if (r.err != -ENOENT)
		fail("get_partial", key, "expected -ENOENT");
	kv_size(key);
	if (r.err != -ENOENT)
		fail("size", key, "expected -ENOENT");
	kv_exists(key);
	if (r.err || r.kind != MIRC_KV_ABSENT)
		fail("exists", key, "not absent");
}

static void expect_list(const char *dir, const char *want)
{
	kv_list(dir);
	if (r.err || strcmp(r.list, want)) {
		fprintf(stderr, "list(\"%s\") = \"%s\" (err %d), expected "
			"\"%s\"\n", dir, r.list, r.err, want);
		exit(1);
	}
}

static void expect_list_err(const char *dir, int err)
{
	kv_list(dir);
	if (r.err != err)
		fail("list", dir, "wrong error");
}

/* Every operation refuses key with err and reports nothing else. */
static void expect_refused(const char *key, int err)
{
	kv_get(key);
	if (r.err != err || r.len)
		fail("get", key, "not refused");
	kv_get_partial(key, 0, 10);
	if (r.err != err || r.len)
		fail("get_partial", key, "not refused");
	kv_size(key);
	if (r.err != err || r.size)
		fail("size", key, "not refused");
	kv_exists(key);
	if (r.err != err || r.kind != MIRC_KV_ABSENT)
		fail("exists", key, "not refused");
	kv_list(key);
	if (r.err != err || r.list[0])
		fail("list", key, "not refused");
}

static char long_key[MIRC_KV_KEY_MAX + 2];

/* ---- chains from callbacks ------------------------------------------------- */

#define KV_CHAIN_STEPS 60
static unsigned kv_step;

/* A burst of lookups, refused keys among them, started from the
 * callback of the previous burst's last one. */
static void kv_chain_next(void)
{
	const struct tree_file *f = &tree[kv_step % NTREE];

	if (kv_step == KV_CHAIN_STEPS)
		return;
	kv_step++;
	KV(get)(&dev, f->key, on_ticket_get, ticket(0, NULL));
	KV(get)(&dev, bad_keys[kv_step % NBAD], on_ticket_get,
		ticket(-EINVAL, NULL));
	KV(size)(&dev, f->key, on_ticket_size, ticket(0, NULL));
	KV(get_partial)(&dev, "nope", 0, 1, on_ticket_get,
			ticket(-ENOENT, NULL));
	KV(list)(&dev, "index.html", on_ticket_list, ticket(-ENOTDIR, NULL));
	KV(exists)(&dev, long_key, on_ticket_exists,
		   ticket(-ENAMETOOLONG, NULL));
	KV(list)(&dev, "css", on_ticket_list, ticket(0, kv_chain_next));
}

static void kv_chain_start(void)
{
	kv_step = 0;
	kv_chain_next();
}

/* Every completion in the order started, and the loop ends. */
static void ro_chain_suite(void)
{
	memset(long_key, 'k', sizeof(long_key) - 1);
	chain_run(kv_chain_start);
	CHECK_INT(kv_step, KV_CHAIN_STEPS);
}

/* The device holds exactly TREE. */
static void ro_suite(void)
{
	for (size_t i = 0; i < NTREE; i++)
		expect_value(tree[i].key, tree[i].data, tree[i].len);
	expect_dictionary("");
	expect_dictionary("a");
	expect_dictionary("css");
	expect_dictionary("css/print");
	expect_absent("nope");
	expect_absent("css/nope");
	expect_absent("css/print/nope/deeper");
	expect_absent("index.html/x");	/* below a value */
	expect_absent("a-b/x");
	expect_absent("A-B");		/* keys are case-sensitive */
	expect_absent("cs");		/* a prefix of a dictionary */
	expect_absent("css.");
	expect_list("", tree_root_list);
	expect_list("a", "a/x:v");
	expect_list("css", "css/print:d css/site.css:v");
	expect_list("css/print", "css/print/a.css:v");
	expect_list_err("index.html", -ENOTDIR);
	expect_list_err("nope", -ENOENT);
	expect_list_err("css/nope", -ENOENT);
	expect_list_err("index.html/x", -ENOENT);
	for (size_t i = 0; i < NBAD; i++)
		expect_refused(bad_keys[i], -EINVAL);
	memset(long_key, 'k', sizeof(long_key) - 1);
	expect_refused(long_key, -ENAMETOOLONG);
	/* The longest valid key is only absent. */
	long_key[MIRC_KV_KEY_MAX] = '\0';
	expect_absent(long_key);
	long_key[MIRC_KV_KEY_MAX] = 'k';
	/* Several operations in flight complete in order, each once. */
	{
		struct res a = {0}, b = {0};
		KV(size)(&dev, "index.html", on_size, &a);
		KV(exists)(&dev, "css", on_exists, &b);
		CHECK_INT(a.calls + b.calls, 0);
		settle();
		CHECK_INT(a.calls, 1);
		CHECK_INT(b.calls, 1);
		CHECK_INT(a.size, 11);
		CHECK_INT(b.kind, MIRC_KV_DICTIONARY);
	}
	ro_chain_suite();
}

#ifdef KV_RW_SUITE

static void kv_set(const char *key, const void *data, size_t len)
{
	res_reset(&r);
	KV(set)(&dev, key, data, len, on_done, &r);
	AWAIT(&r);
}

static void kv_remove(const char *key)
{
	res_reset(&r);
	KV(remove)(&dev, key, on_done, &r);
	AWAIT(&r);
}

static void expect_set(const char *key, const void *data, size_t len, int err)
{
	kv_set(key, data, len);
	if (r.err != err)
		fail("set", key, "unexpected result");
}

static void expect_remove(const char *key, int err)
{
	kv_remove(key);
	if (r.err != err)
		fail("remove", key, "unexpected result");
}

/* Set TREE into an empty store. */
static void rw_fill(void)
{
	expect_list("", "");
	/* Backwards, so that the sorted insertions are exercised. */
	for (size_t i = NTREE; i-- > 0;)
		expect_set(tree[i].key, tree[i].data, tree[i].len, 0);
}

/* Set, read back, refused writes, removal, each step from the callback
 * of the one before. */
static char rw_chain_key[32], rw_chain_data[32];

static void rw_chain_next(void);

static void rw_chain_got(void *arg, int err, const void *data, size_t len)
{
	CHECK(!err && len == strlen(rw_chain_data) &&
	      !memcmp(data, rw_chain_data, len));
	on_ticket_get(arg, err, data, len);
}

static void rw_chain_set(void)
{
	KV(get)(&dev, rw_chain_key, rw_chain_got, ticket(0, NULL));
	KV(set)(&dev, "index.html/x", "x", 1, on_ticket_done,
		ticket(-ENOTDIR, NULL));
	KV(remove)(&dev, "chain/nope", on_ticket_done, ticket(-ENOENT, NULL));
	KV(set)(&dev, bad_keys[kv_step % NBAD], "x", 1, on_ticket_done,
		ticket(-EINVAL, rw_chain_next));
}

static void rw_chain_next(void)
{
	if (kv_step == KV_CHAIN_STEPS) {
		KV(remove)(&dev, "chain", on_ticket_done, ticket(0, NULL));
		return;
	}
	kv_step++;
	snprintf(rw_chain_key, sizeof(rw_chain_key), "chain/k%u", kv_step % 5);
	snprintf(rw_chain_data, sizeof(rw_chain_data), "value %u", kv_step);
	KV(set)(&dev, rw_chain_key, rw_chain_data, strlen(rw_chain_data),
		on_ticket_done, ticket(0, rw_chain_set));
}

static void rw_chain_start(void)
{
	kv_step = 0;
	rw_chain_next();
}

/* From an empty store: writes, conflicts, removal; leaves it empty. */
static void rw_suite(void)
{
	static unsigned char big[1 << 20];

	rw_fill();
	ro_suite();
	chain_run(rw_chain_start);
	CHECK_INT(kv_step, KV_CHAIN_STEPS);
	expect_list("", tree_root_list);

	/* Overwrite, then back. */
	expect_set("index.html", "new", 3, 0);
	expect_value("index.html", "new", 3);
	expect_set("index.html", "<h1>hi</h1>", 11, 0);
	expect_list("", tree_root_list);

	/* A key cannot be a value and a dictionary. */
	expect_set("css", "x", 1, -EISDIR);
	expect_set("css/print", "x", 1, -EISDIR);
	expect_set("index.html/x", "x", 1, -ENOTDIR);
	expect_set("bin/a/b", "x", 1, -ENOTDIR);
	expect_set("", "x", 1, -EISDIR);
	for (size_t i = 0; i < NBAD; i++)
		expect_set(bad_keys[i], "x", 1, -EINVAL);
	expect_set(long_key, "x", 1, -ENAMETOOLONG);
	ro_suite();		/* none of that changed anything */

	/* Removal. */
	expect_remove("nope", -ENOENT);
	expect_remove("css/nope", -ENOENT);
	expect_remove("index.html/x", -ENOENT);
	expect_remove("", -EINVAL);
	for (size_t i = 0; i < NBAD; i++)
		expect_remove(bad_keys[i], -EINVAL);
	expect_remove(long_key, -ENAMETOOLONG);
	expect_remove("css/print/a.css", 0);
	expect_absent("css/print/a.css");
	expect_absent("css/print");	/* emptied dictionaries go */
	expect_dictionary("css");
	expect_list("css", "css/site.css:v");
	expect_remove("css", 0);	/* a dictionary, with what is below */
	expect_absent("css");
	expect_absent("css/site.css");
	expect_set("x/1", "1", 1, 0);
	expect_set("x/2", "2", 1, 0);
	expect_set("x/y/3", "3", 1, 0);
	expect_list("x", "x/1:v x/2:v x/y:d");
	expect_remove("x", 0);
	expect_absent("x");
	expect_absent("x/y/3");
	expect_list("", ".hidden:v a:d a-b:v bin:v empty:v index.html:v");

	/* A big binary value, and the same key as a dictionary later. */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 + (i >> 9));
	expect_set("big", big, sizeof(big), 0);
	kv_get("big");
	CHECK(!r.err && r.len == sizeof(big) && !memcmp(r.data, big, sizeof(big)));
	kv_get_partial("big", 1000, 3000);
	CHECK(!r.err && r.len == 3000 && !memcmp(r.data, big + 1000, 3000));
	expect_remove("big", 0);
	expect_set("big/now", "d", 1, 0);
	expect_dictionary("big");
	expect_remove("big/now", 0);

	/* Back to empty. */
	for (size_t i = 0; i < NTREE; i++)
		if (strncmp(tree[i].key, "css/", 4))
			expect_remove(tree[i].key, 0);
	expect_list("", "");
	res_reset(&r);
}

#endif /* KV_RW_SUITE */

#endif
