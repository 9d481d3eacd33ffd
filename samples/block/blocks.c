/* SPDX-License-Identifier: MIT */
/*
 * blocks.c - the job of samples/block.
 *
 * A chain of split-phase operations, each started by the callback of the
 * previous one:
 *
 *   1. read sector 0: the header "mirc block sample\nruns: N\n", or not;
 *   2. write sectors 1..COUNT with a pattern that depends on the run;
 *   3. read them back and compare;
 *   4. read past the end of the disk, which must fail with -EINVAL;
 *   5. write the header back to sector 0 with N + 1.
 *
 * A read-only disk stops after step 1.  Anything unexpected stops the
 * program with status 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

#define SECTOR 512
#define COUNT 8
#define MAGIC "mirc block sample\nruns: "

static struct {
	struct BLOCK disk;
	mirc_block_info info;
	unsigned runs;		/* earlier runs, from the header */
	size_t count;		/* sectors written in step 2 */
	/* Buffers the device owns while an operation is pending. */
	unsigned char header[SECTOR];
	unsigned char out[COUNT * SECTOR];
	unsigned char in[COUNT * SECTOR];
	unsigned char probe[2 * SECTOR];
} s;

static const char *err_name(int err)
{
	switch (-err) {
	case 0: return "ok";
	case EINVAL: return "EINVAL";
	case EROFS: return "EROFS";
	case EIO: return "EIO";
	case ENOSPC: return "ENOSPC";
	default: return "another error";
	}
}

static void failed(const char *what, int err)
{
	mirc_log_err("%s: %s (%d)", what, err_name(err), err);
	mirc_exit(1);
}

static void header_written(void *arg, int err);
static void probed_end(void *arg, int err);
static void probed_across(void *arg, int err);
static void read_back(void *arg, int err);
static void written(void *arg, int err);

/* The pattern of sector i in run r: every byte different from its
 * neighbours' and from other runs'. */
static unsigned char pattern(size_t i, size_t byte, unsigned r)
{
	return (unsigned char)(i * 31 + byte * 7 + r * 13 + 1);
}

static void header_read(void *arg, int err)
{
	size_t m = strlen(MAGIC);

	(void)arg;
	if (err) {
		failed("read sector 0", err);
		return;
	}
	s.runs = 0;
	if (memcmp(s.header, MAGIC, m) == 0 &&
	    memchr(s.header + m, '\n', SECTOR - m) != NULL) {
		char *end;
		unsigned long n = strtoul((const char *)s.header + m, &end, 10);

		if (*end != '\n' || n > 1000000) {
			mirc_log_err("sector 0: a damaged header");
			mirc_exit(1);
			return;
		}
		s.runs = (unsigned)n;
		mirc_log_info("sector 0: written by %u earlier run%s", s.runs,
			      s.runs == 1 ? "" : "s");
	} else {
		mirc_log_info("sector 0: no header, a fresh disk");
	}
	if (!s.info.read_write) {
		mirc_log_info("the disk is read-only: not writing");
		return;
	}
	s.count = s.info.sectors - 1 < COUNT ? (size_t)s.info.sectors - 1 : COUNT;
	for (size_t i = 0; i < s.count; i++)
		for (size_t b = 0; b < SECTOR; b++)
			s.out[i * SECTOR + b] = pattern(i + 1, b, s.runs);
	BLOCK_write(s.disk, 1, s.out, s.count, written, NULL);
}

static void written(void *arg, int err)
{
	(void)arg;
	if (err) {
		failed("write sectors 1 and on", err);
		return;
	}
	memset(s.in, 0, sizeof s.in);
	BLOCK_read(s.disk, 1, s.in, s.count, read_back, NULL);
}

static void read_back(void *arg, int err)
{
	(void)arg;
	if (err) {
		failed("read sectors 1 and on", err);
		return;
	}
	if (memcmp(s.in, s.out, s.count * SECTOR) != 0) {
		mirc_log_err("sectors 1 to %zu read back differ from what was written",
			     s.count);
		mirc_exit(1);
		return;
	}
	mirc_log_info("wrote sectors 1 to %zu and read them back: identical",
		      s.count);
	BLOCK_read(s.disk, s.info.sectors, s.probe, 1, probed_end, NULL);
}

static void probed_end(void *arg, int err)
{
	(void)arg;
	mirc_log_info("read sector %" PRIu64 " (past the end): %s",
		      s.info.sectors, err_name(err));
	if (err != -EINVAL) {
		mirc_log_err("expected EINVAL");
		mirc_exit(1);
		return;
	}
	BLOCK_read(s.disk, s.info.sectors - 1, s.probe, 2, probed_across, NULL);
}

static void probed_across(void *arg, int err)
{
	int n;

	(void)arg;
	mirc_log_info("read 2 sectors from the last one (across the end): %s",
		      err_name(err));
	if (err != -EINVAL) {
		mirc_log_err("expected EINVAL");
		mirc_exit(1);
		return;
	}
	memset(s.header, 0, sizeof s.header);
	n = (int)strlen(MAGIC);
	memcpy(s.header, MAGIC, (size_t)n);
	/* The count in decimal, then '\n'. */
	{
		char digits[12];
		unsigned v = s.runs + 1;
		int k = 0;

		do
			digits[k++] = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		while (k > 0)
			s.header[n++] = (unsigned char)digits[--k];
		s.header[n] = '\n';
	}
	BLOCK_write(s.disk, 0, s.header, 1, header_written, NULL);
}

static void header_written(void *arg, int err)
{
	(void)arg;
	if (err) {
		failed("write sector 0", err);
		return;
	}
	mirc_log_info("sector 0: now counts %u run%s", s.runs + 1,
		      s.runs == 0 ? "" : "s");
}

int blocks_start(struct BLOCK disk)
{
	s.disk = disk;
	BLOCK_info(disk, &s.info);
	mirc_log_info("%" PRIu32 "-byte sectors, %" PRIu64 " of them (%" PRIu64
		      " KiB), %s", s.info.sector_size, s.info.sectors,
		      s.info.sectors * s.info.sector_size / 1024,
		      s.info.read_write ? "read-write" : "read-only");
	if (s.info.sector_size != SECTOR || s.info.sectors < 2) {
		mirc_log_err("this sample needs at least 2 sectors of %d bytes",
			     SECTOR);
		return 1;
	}
	BLOCK_read(disk, 0, s.header, 1, header_read, NULL);
	return 0;
}
