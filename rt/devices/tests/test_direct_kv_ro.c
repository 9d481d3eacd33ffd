/* SPDX-License-Identifier: MIT */
/*
 * test_direct_kv_ro.c - direct_kv_ro over a scratch directory holding the
 * suite's tree plus every way out we could think of: symbolic links to a
 * file and a directory outside (relative and absolute), to a file inside,
 * a FIFO (opening it would block), and keys with "..", absolute keys and
 * empty components.  None of them may reach the secret next to the
 * store; all of them must leave the tree exactly as the suite expects.
 */
/* nftw() in fsutil.h is XSI. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "direct_kv_ro.h"

#define DEV direct_kv_ro
static struct direct_kv_ro dev;

#include "fsutil.h"
#include "kv_suite.h"

static char base[PATH_MAX], store[PATH_MAX + 8];

static void in_store(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", store, name);
}

static void make_escapes(void)
{
	char p[2 * PATH_MAX], secret[PATH_MAX + 8];

	snprintf(secret, sizeof(secret), "%s/secret", base);
	write_file(secret, "TOP SECRET", 10);
	in_store("link-out", p, sizeof(p));
	CHECK(symlink("../secret", p) == 0);
	in_store("link-abs", p, sizeof(p));
	CHECK(symlink(secret, p) == 0);
	in_store("link-etc", p, sizeof(p));
	CHECK(symlink("/etc/passwd", p) == 0);
	in_store("link-in", p, sizeof(p));
	CHECK(symlink("index.html", p) == 0);
	in_store("link-dir", p, sizeof(p));
	CHECK(symlink("..", p) == 0);
	in_store("css/up", p, sizeof(p));
	CHECK(symlink("../..", p) == 0);
	in_store("fifo", p, sizeof(p));
	CHECK(mkfifo(p, 0600) == 0);
}

int main(void)
{
	char abs_secret[PATH_MAX + 16], p[2 * PATH_MAX];

	make_scratch(base, sizeof(base));
	snprintf(store, sizeof(store), "%s/store", base);
	CHECK(mkdir(store, 0755) == 0);
	for (size_t i = 0; i < NTREE; i++)
		put_file(store, tree[i].key, tree[i].data, tree[i].len);
	make_escapes();

	harness_boot();
	/* The directory is relative to the current one, at connect. */
	CHECK(chdir(base) == 0);
	CHECK_INT(direct_kv_ro_connect(&dev, "store"), 0);
	ro_suite();

	/* Links (wherever they point) and FIFOs are not there at all. */
	{
		static const char *const hidden[] = {
			"link-out", "link-abs", "link-etc", "link-in",
			"link-dir", "link-dir/secret", "link-dir/store/index.html",
			"css/up", "css/up/secret", "css/up/store/a-b", "fifo",
		};
		for (size_t i = 0; i < sizeof(hidden) / sizeof(*hidden); i++)
			expect_absent(hidden[i]);
		expect_list_err("link-dir", -ENOENT);
		expect_list_err("link-dir/store", -ENOENT);
		expect_list_err("css/up", -ENOENT);
	}
	/* Keys that would climb out are refused before any lookup. */
	snprintf(abs_secret, sizeof(abs_secret), "%s/secret", base);
	expect_refused(abs_secret, -EINVAL);
	expect_refused("../secret", -EINVAL);
	expect_refused("a/../../secret", -EINVAL);
	expect_refused("css/../../secret", -EINVAL);
	expect_refused("/etc/passwd", -EINVAL);
	expect_refused("../etc/passwd", -EINVAL);

	/* Files are read when asked: changes show at once. */
	in_store("fresh", p, sizeof(p));
	write_file(p, "new", 3);
	expect_value("fresh", "new", 3);
	CHECK(unlink(p) == 0);
	expect_absent("fresh");

	/* A symbolic link as the store's own path is the user's choice. */
	{
		struct direct_kv_ro via = {0};
		struct res g = {0};
		CHECK(symlink("store", "via") == 0);
		CHECK_INT(direct_kv_ro_connect(&via, "via"), 0);
		direct_kv_ro_get(&via, "a/x", on_get, &g);
		AWAIT(&g);
		CHECK_STR(g.data, "ax");
		free(g.data);
		close(via.root);
	}
	/* Missing or not a directory: connect fails. */
	{
		struct direct_kv_ro bad = {0};
		CHECK_INT(direct_kv_ro_connect(&bad, "missing"), -ENOENT);
		CHECK_INT(direct_kv_ro_connect(&bad, "secret"), -ENOTDIR);
	}

	close(dev.root);
	res_reset(&r);
	CHECK_INT(mirc_run(), 0);
	CHECK(chdir("/") == 0);
	rm_rf(base);
	printf("SUCCESS\n");
	return 0;
}
