/* SPDX-License-Identifier: MIT */
/*
 * block_file.h - BLOCK on a host file (or block device) of 512-byte
 * sectors, opened at connect relative to the current directory of the
 * process; read-only when the file cannot be opened for writing.
 */
#ifndef MIRC_DEV_BLOCK_FILE_H
#define MIRC_DEV_BLOCK_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/block.h"

struct block_file {
	int fd;
	uint64_t sectors;
	bool read_write;
};

int block_file_connect(struct block_file *self, const char *path);
void block_file_info(struct block_file *self, mirc_block_info *info);
void block_file_read(struct block_file *self, uint64_t sector, void *buf,
		     size_t nsectors, mirc_block_cb done, void *arg);
void block_file_write(struct block_file *self, uint64_t sector,
		      const void *buf, size_t nsectors, mirc_block_cb done,
		      void *arg);

#endif
