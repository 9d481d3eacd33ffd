/* SPDX-License-Identifier: MIT */
/*
 * ramdisk.h - BLOCK in memory: `sectors` sectors of 512 bytes, zeroed at
 * connect, forgotten at exit.
 */
#ifndef MIRC_DEV_RAMDISK_H
#define MIRC_DEV_RAMDISK_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/block.h"

struct ramdisk {
	unsigned char *data;
	uint64_t sectors;
};

/* -EINVAL for sectors < 1, -ENOMEM when it does not fit in memory. */
int ramdisk_connect(struct ramdisk *self, int64_t sectors);
void ramdisk_info(struct ramdisk *self, mirc_block_info *info);
void ramdisk_read(struct ramdisk *self, uint64_t sector, void *buf,
		  size_t nsectors, mirc_block_cb done, void *arg);
void ramdisk_write(struct ramdisk *self, uint64_t sector, const void *buf,
		   size_t nsectors, mirc_block_cb done, void *arg);

#endif
