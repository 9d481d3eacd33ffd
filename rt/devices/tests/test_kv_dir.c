/* SPDX-License-Identifier: MIT */
/*
 * test_kv_dir.c - kv_dir: the KV_RW suite on a scratch directory that
 * also holds symbolic links out of it, then what only a directory has:
 * values are files, writes leave no temporary file behind, another
 * instance (or the next run) sees them, and nothing outside is written
 * or removed.
 */
/* nftw() in fsutil.h is XSI. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <dirent.h>

#include "kv_dir.h"

#define DEV kv_dir
#define KV_RW_SUITE
static struct kv_dir dev;

#include "fsutil.h"
#include "kv_suite.h"

static char base[PATH_MAX];

/* Names in the store's directory that start with ".mirc-tmp". */
static int count_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	CHECK(d);
	while ((de = readdir(d)))
		n += !strncmp(de->d_name, ".mirc-tmp", 9);
	closedir(d);
	return n;
}

int main(void)
{
	char *s;
	size_t len;

	make_scratch(base, sizeof(base));
	CHECK(chdir(base) == 0);
	write_file("secret", "TOP SECRET", 10);
	harness_boot();

	/* connect makes the directory when it is missing. */
	CHECK_INT(kv_dir_connect(&dev, "kv"), 0);
	CHECK(symlink("..", "kv/link-dir") == 0);
	CHECK(symlink("../secret", "kv/link-out") == 0);
	rw_suite();
	rw_suite();
	CHECK_INT(count_tmp("kv"), 0);

	/* Values are plain files, replaced whole. */
	expect_set("p/q", "persist", 7, 0);
	expect_set("p/q", "persists", 8, 0);
	s = read_file("kv/p/q", &len);
	CHECK(s && len == 8 && !memcmp(s, "persists", 8));
	free(s);
	CHECK_INT(count_tmp("kv"), 0);
	CHECK_INT(count_tmp("kv/p"), 0);
	{
		struct kv_dir other = {0};
		struct res g = {0};
		CHECK_INT(kv_dir_connect(&other, "kv"), 0);
		kv_dir_get(&other, "p/q", on_get, &g);
		AWAIT(&g);
		CHECK_STR(g.data, "persists");
		free(g.data);
		close(other.root);
	}
	expect_remove("p/q", 0);

	/* Nothing outside is written through a link... */
	expect_set("link-dir/pwn", "x", 1, -ENOTDIR);
	expect_set("link-dir/kv/pwn", "x", 1, -ENOTDIR);
	CHECK(access("pwn", F_OK) != 0);
	CHECK(access("kv/pwn", F_OK) != 0);
	expect_set("../pwn", "x", 1, -EINVAL);
	CHECK(access("pwn", F_OK) != 0);
	/* ... a link named as a value is replaced, not followed ... */
	expect_set("link-out", "mine", 4, 0);
	s = read_file("secret", &len);
	CHECK(s && !strcmp(s, "TOP SECRET"));
	free(s);
	expect_value("link-out", "mine", 4);
	expect_remove("link-out", 0);
	/* ... and removal never follows one. */
	expect_remove("link-dir", -ENOENT);
	CHECK(mkdir("kv/d", 0755) == 0);
	CHECK(symlink("../..", "kv/d/up") == 0);
	expect_set("d/v", "v", 1, 0);
	expect_remove("d", 0);
	CHECK(access("kv/d", F_OK) != 0);
	s = read_file("secret", &len);
	CHECK(s && !strcmp(s, "TOP SECRET"));
	free(s);
	CHECK(access("kv", F_OK) == 0);
	expect_list("", "");

	/* Not a directory: connect fails. */
	{
		struct kv_dir bad = {0};
		CHECK_INT(kv_dir_connect(&bad, "secret"), -ENOTDIR);
	}

	close(dev.root);
	res_reset(&r);
	CHECK_INT(mirc_run(), 0);
	CHECK(chdir("/") == 0);
	rm_rf(base);
	printf("SUCCESS\n");
	return 0;
}
