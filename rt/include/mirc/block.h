/* SPDX-License-Identifier: MIT */
/*
 * mirc/block.h - C types of the BLOCK signature (see mir(5), STANDARD
 * DEVICES), in the spirit of MirageOS's mirage-block: a device of
 * fixed-size sectors, read and written whole.
 *
 * read and write are split-phase: they return at once and call
 * done(arg, err) exactly once, later, from the event loop (never from
 * inside the call).  The operations started on one device complete in
 * the order they were started, refused ones included (an -EINVAL or
 * -EROFS known at once waits for the operations before it), and the
 * device keeps the loop running only until its last done has run.  The
 * buffer must stay valid, and untouched, until done runs.  err is 0 or
 * a negative errno value:
 *
 *   -EINVAL   the range [sector, sector + nsectors) is not on the device
 *   -EROFS    write on a read-only device
 *   -EIO, ... what the medium reports
 */
#ifndef MIRC_BLOCK_H
#define MIRC_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mirc_block_info {
	uint32_t sector_size;	/* bytes per sector (512 for mirc's devices) */
	uint64_t sectors;	/* number of sectors */
	bool read_write;	/* false: every write fails with -EROFS */
} mirc_block_info;

typedef void (*mirc_block_cb)(void *arg, int err);

#endif
