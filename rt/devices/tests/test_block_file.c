/* SPDX-License-Identifier: MIT */
/*
 * test_block_file.c - block_file on a scratch file: the BLOCK suite, the
 * data really in the file, a trailing partial sector left alone, and the
 * files connect refuses or opens read-only.
 */
/* nftw() in fsutil.h is XSI. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "block_file.h"

#define DEV block_file
static struct block_file dev;

#include "block_suite.h"
#include "fsutil.h"

int main(void)
{
	static unsigned char img[16 * 512 + 100];
	char base[PATH_MAX];
	char *s;
	size_t len;

	make_scratch(base, sizeof(base));
	CHECK(chdir(base) == 0);
	memset(img, 0xee, sizeof(img));
	write_file("disk.img", img, sizeof(img));
	harness_boot();

	/* 16 whole sectors; the last 100 bytes are not part of it. */
	CHECK_INT(block_file_connect(&dev, "disk.img"), 0);
	block_suite(16);
	s = read_file("disk.img", &len);
	CHECK(s && len == sizeof(img));
	CHECK((unsigned char)s[0] == pattern(0, 0) &&
	      (unsigned char)s[511] == pattern(0, 511));
	CHECK((unsigned char)s[15 * 512 + 3] == pattern(15, 3));
	for (size_t i = 16 * 512; i < len; i++)
		CHECK((unsigned char)s[i] == 0xee);
	free(s);
	close(dev.fd);

	/* A file we may not write is a read-only device.  (root may write
	 * anything, so this only shows for other users.) */
	if (geteuid() != 0) {
		struct block_file ro = {0};
		mirc_block_info info;
		unsigned char sec[512];
		CHECK(chmod("disk.img", 0444) == 0);
		CHECK_INT(block_file_connect(&ro, "disk.img"), 0);
		block_file_info(&ro, &info);
		CHECK(!info.read_write);
		memset(&r, 0, sizeof(r));
		block_file_write(&ro, 0, sec, 1, on_done, &r);
		AWAIT(&r);
		CHECK_INT(r.err, -EROFS);
		memset(&r, 0, sizeof(r));
		block_file_read(&ro, 0, sec, 1, on_done, &r);
		AWAIT(&r);
		CHECK_INT(r.err, 0);
		CHECK(sec[0] == pattern(0, 0));
		close(ro.fd);
	} else {
		printf("read-only case skipped: running as root\n");
	}

	{
		struct block_file bad = {0};
		CHECK_INT(block_file_connect(&bad, "missing.img"), -ENOENT);
		CHECK_INT(block_file_connect(&bad, "."), -EISDIR);
		CHECK_INT(block_file_connect(&bad, "/dev/null"), -EINVAL);
	}
	/* An empty file is a device without sectors: all off the end. */
	{
		unsigned char sec[512];
		write_file("empty.img", "", 0);
		CHECK_INT(block_file_connect(&dev, "empty.img"), 0);
		CHECK_INT(dev.sectors, 0);
		CHECK_INT(blk_read(0, sec, 1), -EINVAL);
		CHECK_INT(blk_read(0, sec, 0), 0);
		close(dev.fd);
	}

	CHECK_INT(mirc_run(), 0);
	CHECK(chdir("/") == 0);
	rm_rf(base);
	printf("SUCCESS\n");
	return 0;
}
