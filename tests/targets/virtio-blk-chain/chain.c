/* SPDX-License-Identifier: MIT */
/*
 * chain.c - the job of tests/targets/virtio-blk-chain: many BLOCK
 * operations on one disk, each group started from the callback of the
 * one before (the normal chaining style), with requests the driver
 * refuses at once (-EINVAL) among them.
 *
 *   - STEPS steps: write 1-4 sectors, read them back from the write's
 *     callback, compare; every third step a read past the end follows.
 *     The write's callback goes on working after it started the read
 *     (a checksum of the large buffer), so that the read is often back
 *     before the callback returns: the last step ends that way too;
 *   - every BURST_EVERY steps a burst from a callback: a large write
 *     (several virtio requests), a read past the end, SMALL one-sector
 *     writes (more than the queue has slots), a write across the end, a
 *     read of nothing, a read of the large region; the chain goes on from
 *     the callback of the burst's last operation.
 *
 * Every operation takes a ticket when it is started; its callback checks
 * that the tickets come back in the order they were handed out (mir(5):
 * operations on a device complete in the order they were started,
 * refused ones included) and that err is what the request deserves.
 * The last callback logs SUCCESS and starts nothing: the program must
 * then end by itself, with status 0, which the script checks under a
 * timeout.  Anything unexpected ends the program with status 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mirc.h"

#define SECTOR 512
#define STEPS 120		/* chained write-then-read steps */
#define BURST_EVERY 8		/* the last step is not one */
#define SMALL 100		/* one-sector writes in a burst */
#define BIG 520			/* sectors of a burst's large write */
#define CHAIN_AT 2		/* sectors the steps use: CHAIN_AT.. */
#define CHAIN_SPAN 2000
#define BIG_AT 3000
#define SMALL_AT 4000
#define POOL 256		/* more than a burst has in flight */

struct op {
	unsigned ticket;
	int want;		/* the err the request deserves */
	void (*then)(void);	/* continues the chain, or NULL */
};

static struct {
	struct BLOCK disk;
	mirc_block_info info;
	unsigned started, completed, refused;
	unsigned step, bursts;
	uint32_t sum;		/* busy work of the write callbacks */
	struct op pool[POOL];
	unsigned char wbuf[4 * SECTOR], rbuf[4 * SECTOR];
	unsigned char big[BIG * SECTOR], bigback[BIG * SECTOR];
	unsigned char small[SMALL][SECTOR];
	unsigned char probe[2 * SECTOR];
} s;

static void step(void);

static unsigned char pattern(unsigned a, size_t byte)
{
	return (unsigned char)(a * 29 + byte * 7 + 3);
}

static void stop(const char *what)
{
	mirc_log_err("%s", what);
	mirc_exit(1);
}

/* Every callback: the ticket order, then the error, then what follows. */
static void op_done(void *arg, int err)
{
	struct op *o = arg;
	void (*then)(void) = o->then;

	if (o->ticket != s.completed) {
		mirc_log_err("operation %u completed when %u was due: not in "
			     "the order they were started", o->ticket,
			     s.completed);
		mirc_exit(1);
		return;
	}
	s.completed++;
	if (err != o->want) {
		mirc_log_err("operation %u: err %d, expected %d", o->ticket,
			     err, o->want);
		mirc_exit(1);
		return;
	}
	if (err == -EINVAL)
		s.refused++;
	if (then)
		then();
}

static struct op *ticket(int want, void (*then)(void))
{
	struct op *o = &s.pool[s.started % POOL];

	if (s.started - s.completed >= POOL) {
		stop("too many operations in flight for the pool");
		return NULL;
	}
	*o = (struct op){ s.started++, want, then };
	return o;
}

static void rd(uint64_t sector, void *buf, size_t n, int want,
	       void (*then)(void))
{
	struct op *o = ticket(want, then);

	if (o)
		BLOCK_read(s.disk, sector, buf, n, op_done, o);
}

static void wr(uint64_t sector, const void *buf, size_t n, int want,
	       void (*then)(void))
{
	struct op *o = ticket(want, then);

	if (o)
		BLOCK_write(s.disk, sector, buf, n, op_done, o);
}

/* ---- steps ---------------------------------------------------------------------------- */

static size_t step_len(void)
{
	return 1 + s.step % 4;
}

static uint64_t step_at(void)
{
	return CHAIN_AT + (uint64_t)(s.step * 37u) % (CHAIN_SPAN - 4);
}

static void next_step(void)
{
	s.step++;
	step();
}

static void burst_checked(void)
{
	if (memcmp(s.big, s.bigback, sizeof s.big) != 0) {
		stop("the large region read back differs");
		return;
	}
	next_step();
}

/* From a callback: requests of every kind in flight together. */
static void burst(void)
{
	s.bursts++;
	for (size_t i = 0; i < sizeof s.big; i++)
		s.big[i] = pattern(s.step + (unsigned)(i / SECTOR), i % SECTOR);
	wr(BIG_AT, s.big, BIG, 0, NULL);
	rd(s.info.sectors, s.probe, 1, -EINVAL, NULL);
	for (unsigned i = 0; i < SMALL; i++) {
		memset(s.small[i], (int)(i + s.step), SECTOR);
		wr(SMALL_AT + i, s.small[i], 1, 0, NULL);
	}
	wr(s.info.sectors - 1, s.probe, 2, -EINVAL, NULL);
	rd(s.info.sectors, s.probe, 0, 0, NULL);
	memset(s.bigback, 0, sizeof s.bigback);
	rd(BIG_AT, s.bigback, BIG, 0, burst_checked);
}

static void step_read(void)
{
	size_t n = step_len();

	if (memcmp(s.wbuf, s.rbuf, n * SECTOR) != 0) {
		mirc_log_err("step %u: sectors read back differ", s.step);
		mirc_exit(1);
		return;
	}
	if (s.step % BURST_EVERY == 3)
		burst();
	else if (s.step % 3 == 0)
		rd(s.info.sectors + s.step, s.probe, 1, -EINVAL, next_step);
	else
		next_step();
}

/* Work a callback does after it started an operation: a checksum of
 * the large buffer (a few hundred microseconds under emulation). */
static void work(void)
{
	uint32_t a = 1, b = 0;

	for (size_t i = 0; i < sizeof s.big; i++) {
		a = (a + s.big[i]) % 65521;
		b = (b + a) % 65521;
	}
	s.sum ^= b << 16 | a;
}

static void step_written(void)
{
	memset(s.rbuf, 0, sizeof s.rbuf);
	rd(step_at(), s.rbuf, step_len(), 0, step_read);
	work();
}

static void step(void)
{
	if (s.step == STEPS) {
		mirc_log_info("%u steps of a write then a read, %u bursts, "
			      "each started from a callback", STEPS, s.bursts);
		mirc_log_info("%u operations completed in the order they were "
			      "started, %u of them refused with EINVAL",
			      s.completed, s.refused);
		mirc_log_info("SUCCESS");
		return;		/* nothing left: the program ends */
	}
	for (size_t i = 0; i < step_len() * SECTOR; i++)
		s.wbuf[i] = pattern(s.step, i);
	wr(step_at(), s.wbuf, step_len(), 0, step_written);
}

int chain_start(struct BLOCK disk)
{
	s.disk = disk;
	BLOCK_info(disk, &s.info);
	if (s.info.sector_size != SECTOR || !s.info.read_write ||
	    s.info.sectors < SMALL_AT + SMALL) {
		mirc_log_err("the disk must be read-write, of at least %d "
			     "sectors", SMALL_AT + SMALL);
		return 1;
	}
	/* A refused request first, before the chain's first write. */
	wr(s.info.sectors, s.probe, 1, -EINVAL, NULL);
	step();
	return 0;
}
