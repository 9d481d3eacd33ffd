/* SPDX-License-Identifier: MIT */
/*
 * ramdisk.c - BLOCK: an array of sectors in memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "later.h"
#include "ramdisk.h"

#define SECTOR 512u

int ramdisk_connect(struct ramdisk *self, int64_t sectors)
{
	if (sectors < 1) {
		mirc_log_err("a ramdisk needs at least one sector, not %lld",
			     (long long)sectors);
		return -EINVAL;
	}
	if ((uint64_t)sectors > SIZE_MAX / SECTOR ||
	    !(self->data = calloc((size_t)sectors, SECTOR))) {
		mirc_log_err("no memory for %lld sectors of %u bytes",
			     (long long)sectors, SECTOR);
		return -ENOMEM;
	}
	self->sectors = (uint64_t)sectors;
	return 0;
}

void ramdisk_info(struct ramdisk *self, mirc_block_info *info)
{
	*info = (mirc_block_info){ SECTOR, self->sectors, true };
}

/* 0 when [sector, sector + n) is on the disk, else -EINVAL.  The whole
 * disk fits in memory, so byte offsets inside it fit in size_t. */
static int range(const struct ramdisk *self, uint64_t sector, size_t n)
{
	return sector > self->sectors || n > self->sectors - sector
		? -EINVAL : 0;
}

void ramdisk_read(struct ramdisk *self, uint64_t sector, void *buf,
		  size_t nsectors, mirc_block_cb done, void *arg)
{
	int err = range(self, sector, nsectors);

	if (!err && nsectors)
		memcpy(buf, self->data + sector * SECTOR, nsectors * SECTOR);
	later_done(done, arg, err);
}

void ramdisk_write(struct ramdisk *self, uint64_t sector, const void *buf,
		   size_t nsectors, mirc_block_cb done, void *arg)
{
	int err = range(self, sector, nsectors);

	if (!err && nsectors)
		memcpy(self->data + sector * SECTOR, buf, nsectors * SECTOR);
	later_done(done, arg, err);
}
