/* SPDX-License-Identifier: MIT */
/*
 * vblk.c - the job of tests/targets/virtio-blk: a chain of split-phase
 * operations on two virtio disks, each step started by the callback of
 * the previous one (see tests/targets/virtio-blk.sh for the runs).
 *
 *   1. the read-only disk `ro`: its info says read-only, sector 0 holds
 *      what the test put in the image, a write fails with EROFS;
 *   2. sector 0 of `storage`: "mirc virtio-blk test\nruns: N\n", or a
 *      fresh disk;
 *   3. after a run, sectors 1..BIG hold that run's pattern: read them
 *      back in one request (several virtio requests);
 *   4. write sectors 1..BIG with this run's pattern, read them back;
 *   5. MANY one-sector writes at once (more than the queue holds), then
 *      MANY one-sector reads at once, every completion counted;
 *   6. errors: past the end, across the end (EINVAL), zero sectors (0);
 *   7. sector 0 gets N + 1, and the last line says SUCCESS.
 *
 * Anything unexpected ends the program with status 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

#define SECTOR 512
#define BIG 600			/* sectors 1..BIG: 300 KiB */
#define MANY 100		/* sectors FAR..FAR + MANY - 1 */
#define FAR 1000
#define MAGIC "mirc virtio-blk test\nruns: "
#define RO_MAGIC "mirc virtio-blk read-only disk\n"

static struct {
	struct BLOCK disk, ro;
	mirc_block_info info;
	unsigned runs;
	unsigned pending;	/* step 5: completions still to come */
	int first_err;
	unsigned char header[SECTOR];
	unsigned char big[BIG * SECTOR];
	unsigned char many[MANY][SECTOR];
	unsigned char probe[2 * SECTOR];
} s;

static const char *err_name(int err)
{
	switch (-err) {
	case 0: return "ok";
	case EINVAL: return "EINVAL";
	case EROFS: return "EROFS";
	case EIO: return "EIO";
	default: return "another error";
	}
}

static void fail(const char *what, int err)
{
	mirc_log_err("%s: %s (%d)", what, err_name(err), err);
	mirc_exit(1);
}

static unsigned char pattern(size_t sector, size_t byte, unsigned run)
{
	return (unsigned char)(sector * 31 + byte * 7 + run * 13 + 1);
}

static void fill(unsigned char *p, size_t first, size_t n, unsigned run)
{
	for (size_t i = 0; i < n; i++)
		for (size_t b = 0; b < SECTOR; b++)
			p[i * SECTOR + b] = pattern(first + i, b, run);
}

/* The first sector of p (n sectors from `first`) that differs from
 * run's pattern, or n. */
static size_t check(const unsigned char *p, size_t first, size_t n,
		    unsigned run)
{
	for (size_t i = 0; i < n; i++)
		for (size_t b = 0; b < SECTOR; b++)
			if (p[i * SECTOR + b] != pattern(first + i, b, run))
				return i;
	return n;
}

static void ro_read(void *arg, int err);
static void ro_written(void *arg, int err);
static void header_read(void *arg, int err);
static void old_read(void *arg, int err);
static void big_written(void *arg, int err);
static void big_read(void *arg, int err);
static void many_written(void *arg, int err);
static void many_read(void *arg, int err);
static void probed_end(void *arg, int err);
static void probed_across(void *arg, int err);
static void probed_empty(void *arg, int err);
static void header_written(void *arg, int err);

static void ro_read(void *arg, int err)
{
	(void)arg;
	if (err) {
		fail("ro: read sector 0", err);
		return;
	}
	if (memcmp(s.probe, RO_MAGIC, strlen(RO_MAGIC)) != 0) {
		mirc_log_err("ro: sector 0 is not what the test wrote there");
		mirc_exit(1);
		return;
	}
	mirc_log_info("ro: sector 0 read back");
	BLOCK_write(s.ro, 0, s.probe, 1, ro_written, NULL);
}

static void ro_written(void *arg, int err)
{
	(void)arg;
	mirc_log_info("ro: write: %s", err_name(err));
	if (err != -EROFS) {
		mirc_log_err("expected EROFS");
		mirc_exit(1);
		return;
	}
	BLOCK_read(s.disk, 0, s.header, 1, header_read, NULL);
}

static void header_read(void *arg, int err)
{
	size_t m = strlen(MAGIC);

	(void)arg;
	if (err) {
		fail("read sector 0", err);
		return;
	}
	s.runs = 0;
	if (memcmp(s.header, MAGIC, m) == 0) {
		char *end;
		unsigned long n = strtoul((const char *)s.header + m, &end, 10);

		if (*end != '\n' || n > 1000) {
			mirc_log_err("sector 0: a damaged header");
			mirc_exit(1);
			return;
		}
		s.runs = (unsigned)n;
		mirc_log_info("sector 0: written by %u earlier run%s", s.runs,
			      s.runs == 1 ? "" : "s");
		memset(s.big, 0, sizeof s.big);
		BLOCK_read(s.disk, 1, s.big, BIG, old_read, NULL);
		return;
	}
	mirc_log_info("sector 0: no header, a fresh disk");
	fill(s.big, 1, BIG, s.runs);
	BLOCK_write(s.disk, 1, s.big, BIG, big_written, NULL);
}

static void old_read(void *arg, int err)
{
	size_t bad;

	(void)arg;
	if (err) {
		fail("read the previous run's sectors", err);
		return;
	}
	if ((bad = check(s.big, 1, BIG, s.runs - 1)) != BIG) {
		mirc_log_err("sector %zu does not hold what the previous run "
			     "wrote", bad + 1);
		mirc_exit(1);
		return;
	}
	mirc_log_info("sectors 1 to %d hold what the previous run wrote", BIG);
	fill(s.big, 1, BIG, s.runs);
	BLOCK_write(s.disk, 1, s.big, BIG, big_written, NULL);
}

static void big_written(void *arg, int err)
{
	(void)arg;
	if (err) {
		fail("write sectors 1 and on", err);
		return;
	}
	memset(s.big, 0, sizeof s.big);
	BLOCK_read(s.disk, 1, s.big, BIG, big_read, NULL);
}

static void big_read(void *arg, int err)
{
	(void)arg;
	if (err) {
		fail("read sectors 1 and on", err);
		return;
	}
	if (check(s.big, 1, BIG, s.runs) != BIG) {
		mirc_log_err("sectors 1 to %d read back differ from what was "
			     "written", BIG);
		mirc_exit(1);
		return;
	}
	mirc_log_info("wrote sectors 1 to %d and read them back: identical",
		      BIG);
	/* All at once: more requests than the queue has room for. */
	s.pending = MANY;
	s.first_err = 0;
	for (size_t i = 0; i < MANY; i++) {
		fill(s.many[i], FAR + i, 1, s.runs);
		BLOCK_write(s.disk, FAR + i, s.many[i], 1, many_written,
			    (void *)(uintptr_t)i);
	}
}

static void many_written(void *arg, int err)
{
	(void)arg;
	if (err && !s.first_err)
		s.first_err = err;
	if (--s.pending > 0)
		return;
	if (s.first_err) {
		fail("one of the concurrent writes", s.first_err);
		return;
	}
	memset(s.many, 0, sizeof s.many);
	s.pending = MANY;
	for (size_t i = 0; i < MANY; i++)
		BLOCK_read(s.disk, FAR + i, s.many[i], 1, many_read,
			   (void *)(uintptr_t)i);
}

static void many_read(void *arg, int err)
{
	size_t i = (size_t)(uintptr_t)arg;

	if (err && !s.first_err)
		s.first_err = err;
	if (!err && check(s.many[i], FAR + i, 1, s.runs) != 1) {
		mirc_log_err("sector %zu read back differs", FAR + i);
		mirc_exit(1);
		return;
	}
	if (--s.pending > 0)
		return;
	if (s.first_err) {
		fail("one of the concurrent reads", s.first_err);
		return;
	}
	mirc_log_info("%d concurrent writes, then %d concurrent reads: "
		      "identical", MANY, MANY);
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
	(void)arg;
	mirc_log_info("read 2 sectors from the last one (across the end): %s",
		      err_name(err));
	if (err != -EINVAL) {
		mirc_log_err("expected EINVAL");
		mirc_exit(1);
		return;
	}
	BLOCK_read(s.disk, s.info.sectors, s.probe, 0, probed_empty, NULL);
}

static void probed_empty(void *arg, int err)
{
	unsigned v = s.runs + 1;
	char digits[12];
	int k = 0;
	size_t n = strlen(MAGIC);

	(void)arg;
	mirc_log_info("read 0 sectors at the end: %s", err_name(err));
	if (err) {
		mirc_log_err("expected ok");
		mirc_exit(1);
		return;
	}
	memset(s.header, 0, sizeof s.header);
	memcpy(s.header, MAGIC, n);
	do
		digits[k++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (k > 0)
		s.header[n++] = (unsigned char)digits[--k];
	s.header[n] = '\n';
	BLOCK_write(s.disk, 0, s.header, 1, header_written, NULL);
}

static void header_written(void *arg, int err)
{
	(void)arg;
	if (err) {
		fail("write sector 0", err);
		return;
	}
	mirc_log_info("sector 0: now counts %u run%s", s.runs + 1,
		      s.runs == 0 ? "" : "s");
	mirc_log_info("SUCCESS");
}

int vblk_start(struct BLOCK disk, struct BLOCK ro)
{
	mirc_block_info ri;

	s.disk = disk;
	s.ro = ro;
	BLOCK_info(disk, &s.info);
	BLOCK_info(ro, &ri);
	mirc_log_info("storage: %" PRIu32 "-byte sectors, %" PRIu64
		      " of them, %s", s.info.sector_size, s.info.sectors,
		      s.info.read_write ? "read-write" : "read-only");
	mirc_log_info("ro: %" PRIu32 "-byte sectors, %" PRIu64 " of them, %s",
		      ri.sector_size, ri.sectors,
		      ri.read_write ? "read-write" : "read-only");
	if (s.info.sector_size != SECTOR || s.info.sectors < FAR + MANY ||
	    !s.info.read_write || ri.read_write || ri.sectors < 1) {
		mirc_log_err("storage must be a read-write disk of at least "
			     "%d sectors, ro a read-only disk", FAR + MANY);
		return 1;
	}
	BLOCK_read(ro, 0, s.probe, 1, ro_read, NULL);
	return 0;
}
