/* SPDX-License-Identifier: MIT */
/*
 * block_suite.h - checks every BLOCK device passes.  The including file
 * defines DEV, the impl's prefix, and `static struct DEV dev;`.
 */
#ifndef DEVTEST_BLOCK_SUITE_H
#define DEVTEST_BLOCK_SUITE_H

#include "harness.h"

#define BLK_CAT_(a, b) a##_##b
#define BLK_CAT(a, b) BLK_CAT_(a, b)
#define BLK(op) BLK_CAT(DEV, op)

static struct res r;

static int blk_read(uint64_t sector, void *buf, size_t n)
{
	memset(&r, 0, sizeof(r));
	BLK(read)(&dev, sector, buf, n, on_done, &r);
	AWAIT(&r);
	return r.err;
}

static int blk_write(uint64_t sector, const void *buf, size_t n)
{
	memset(&r, 0, sizeof(r));
	BLK(write)(&dev, sector, buf, n, on_done, &r);
	AWAIT(&r);
	return r.err;
}

static unsigned char pattern(uint64_t sector, size_t i)
{
	return (unsigned char)(sector * 31 + i * 7 + (i >> 8));
}

/* ---- a chain from callbacks ----------------------------------------------- */

#define CHAIN_STEPS 150
static uint64_t chain_sectors;
static unsigned chain_step;
static unsigned char chain_w[4 * 512], chain_r[4 * 512], chain_probe[1024];

static void chain_next(void);

static size_t chain_len(void)
{
	return 1 + chain_step % 4;
}

static uint64_t chain_at(void)
{
	return (chain_step * 7u) % (chain_sectors - 4);
}

static void chain_advance(void)
{
	chain_step++;
	chain_next();
}

static void chain_read_back(void)
{
	CHECK(!memcmp(chain_w, chain_r, chain_len() * 512));
	if (chain_step % 3 == 0)	/* a refused read, then on */
		BLK(read)(&dev, chain_sectors + chain_step, chain_probe, 1,
			  on_ticket_done, ticket(-EINVAL, chain_advance));
	else
		chain_advance();
}

static void chain_written(void)
{
	memset(chain_r, 0, sizeof(chain_r));
	BLK(read)(&dev, chain_at(), chain_r, chain_len(), on_ticket_done,
		  ticket(0, chain_read_back));
}

/* Write then read back, started from the callbacks; every seventh step
 * a burst: requests of every kind in flight together. */
static void chain_next(void)
{
	if (chain_step == CHAIN_STEPS)
		return;
	if (chain_step % 7 == 5) {
		BLK(write)(&dev, 0, chain_w, 4, on_ticket_done, ticket(0, NULL));
		BLK(read)(&dev, chain_sectors, chain_probe, 1, on_ticket_done,
			  ticket(-EINVAL, NULL));
		BLK(read)(&dev, chain_sectors, chain_probe, 0, on_ticket_done,
			  ticket(0, NULL));
		BLK(write)(&dev, chain_sectors - 1, chain_probe, 2,
			   on_ticket_done, ticket(-EINVAL, NULL));
		BLK(read)(&dev, 0, chain_r, 4, on_ticket_done,
			  ticket(0, chain_read_back));
		return;
	}
	for (size_t i = 0; i < sizeof(chain_w); i++)
		chain_w[i] = pattern(chain_step, i);
	BLK(write)(&dev, chain_at(), chain_w, chain_len(), on_ticket_done,
		   ticket(0, chain_written));
}

static void chain_start(void)
{
	chain_step = 0;
	/* A refused request first, ahead of the valid ones. */
	BLK(write)(&dev, chain_sectors, chain_probe, 1, on_ticket_done,
		   ticket(-EINVAL, NULL));
	chain_next();
}

/* Operations started from callbacks, refused ones among them: every
 * completion in the order started, and the loop ends after the last. */
static void block_chain_suite(uint64_t sectors)
{
	unsigned char *keep = malloc((size_t)sectors * 512);

	/* The callers check the contents afterwards: put them back. */
	CHECK(keep && sectors >= 8);
	CHECK_INT(blk_read(0, keep, (size_t)sectors), 0);
	chain_sectors = sectors;
	chain_run(chain_start);
	CHECK_INT(chain_step, CHAIN_STEPS);
	CHECK_INT(blk_write(0, keep, (size_t)sectors), 0);
	free(keep);
}

/* A read-write device of `sectors` sectors; its contents get lost. */
static void block_suite(uint64_t sectors)
{
	mirc_block_info info = {0};
	size_t bytes = (size_t)sectors * 512;
	unsigned char *buf = malloc(bytes + 1024), *want = malloc(bytes);
	unsigned char small[1024];

	CHECK(buf && want && sectors >= 4);
	BLK(info)(&dev, &info);
	CHECK_INT(info.sector_size, 512);
	CHECK_INT(info.sectors, sectors);
	CHECK(info.read_write);

	/* Fill in uneven batches, read back whole and in pieces. */
	for (uint64_t s = 0; s < sectors; s++)
		for (size_t i = 0; i < 512; i++)
			want[s * 512 + i] = pattern(s, i);
	for (uint64_t s = 0; s < sectors; s += 3) {
		size_t n = sectors - s < 3 ? (size_t)(sectors - s) : 3;
		CHECK_INT(blk_write(s, want + s * 512, n), 0);
	}
	memset(buf, 0, bytes);
	CHECK_INT(blk_read(0, buf, (size_t)sectors), 0);
	CHECK(!memcmp(buf, want, bytes));
	CHECK_INT(blk_read(sectors - 2, small, 2), 0);
	CHECK(!memcmp(small, want + (sectors - 2) * 512, 1024));
	CHECK_INT(blk_read(1, small, 1), 0);
	CHECK(!memcmp(small, want + 512, 512));

	/* Overwrite one sector; its neighbours stay. */
	memset(small, 0x5a, 512);
	CHECK_INT(blk_write(2, small, 1), 0);
	CHECK_INT(blk_read(1, buf, 3), 0);
	CHECK(!memcmp(buf, want + 512, 512));
	CHECK(buf[512] == 0x5a && buf[1023] == 0x5a);
	CHECK(!memcmp(buf + 1024, want + 3 * 512, 512));

	/* Off the device: refused, buffer untouched, nothing written. */
	memset(small, 0xaa, sizeof(small));
	CHECK_INT(blk_read(sectors, small, 1), -EINVAL);
	CHECK_INT(blk_read(sectors - 1, small, 2), -EINVAL);
	CHECK_INT(blk_read(sectors + 1, small, 0), -EINVAL);
	CHECK_INT(blk_read(UINT64_MAX, small, 1), -EINVAL);
	CHECK_INT(blk_read(1, small, SIZE_MAX), -EINVAL);
	CHECK_INT(blk_read(UINT64_MAX / 512 + 1, small, 1), -EINVAL);
	for (size_t i = 0; i < sizeof(small); i++)
		CHECK(small[i] == 0xaa);
	CHECK_INT(blk_write(sectors, small, 1), -EINVAL);
	CHECK_INT(blk_write(sectors - 1, small, 2), -EINVAL);
	CHECK_INT(blk_write(UINT64_MAX, small, 1), -EINVAL);
	CHECK_INT(blk_write(1, small, SIZE_MAX), -EINVAL);
	CHECK_INT(blk_read(sectors - 1, buf, 1), 0);
	CHECK(!memcmp(buf, want + (sectors - 1) * 512, 512));
	/* Nothing at all is fine, even at the very end. */
	CHECK_INT(blk_read(sectors, small, 0), 0);
	CHECK_INT(blk_write(0, small, 0), 0);

	/* Several in flight: each reported once, in order. */
	{
		struct res a = {0}, b = {0};
		BLK(write)(&dev, 0, want, 1, on_done, &a);
		BLK(read)(&dev, 0, buf, 1, on_done, &b);
		CHECK_INT(a.calls + b.calls, 0);
		settle();
		CHECK_INT(a.calls, 1);
		CHECK_INT(b.calls, 1);
		CHECK_INT(a.err, 0);
		CHECK_INT(b.err, 0);
		CHECK(!memcmp(buf, want, 512));
	}
	block_chain_suite(sectors);
	free(buf);
	free(want);
}

#endif
