/* SPDX-License-Identifier: MIT */
/*
 * block_virtio.h - BLOCK on a virtio disk of the machine (virtio-blk, on
 * virtio-mmio under microvm and on the riscv64 virt machine, or legacy
 * virtio-pci under pc), 512-byte sectors.  Each device connected takes the next disk, in the order the
 * disks were given to qemu; `name` is its Solo5 device name (the
 * manifest's), 1 to 67 letters and digits.  Read-only when the disk is
 * (qemu -drive ...,readonly=on).  Requests go to the device at once and
 * complete from the event loop when its interrupt says so, in the order
 * they were started on the device (refused ones too); a write is done
 * once the disk has it (the device writes through: no cache to flush).
 */
#ifndef MIRC_BARE_BLOCK_VIRTIO_H
#define MIRC_BARE_BLOCK_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/block.h"

struct virtio_dev;
struct virtq;
struct block_virtio_slot;
struct block_virtio_req;

struct block_virtio {
	const char *name;
	struct virtio_dev *dev;
	struct virtq *q;
	int fd;				/* the device's event source */
	uint64_t sectors;
	bool read_write;
	uint32_t chunk;			/* most sectors in one virtio request */
	struct block_virtio_slot *slots;	/* three descriptors each */
	uint16_t *free;			/* numbers of the free slots */
	unsigned nslots, nfree;
	struct block_virtio_req *head, *tail;	/* waiting for a slot */
	struct block_virtio_req *first, *last;	/* not delivered yet, in
						 * the order started */
	bool delivering;		/* deliver() is deferred */
};

/*
 * -EINVAL for a name that is not 1 to 67 letters and digits, -ENODEV
 * when the machine has no disk left for this device, -ENOTSUP for a disk
 * whose logical blocks are not 512 bytes, -ENOMEM, -EIO (the device
 * refused the driver); each with a message naming the device.
 */
int block_virtio_connect(struct block_virtio *self, const char *name);
void block_virtio_info(struct block_virtio *self, mirc_block_info *info);
void block_virtio_read(struct block_virtio *self, uint64_t sector, void *buf,
		       size_t nsectors, mirc_block_cb done, void *arg);
void block_virtio_write(struct block_virtio *self, uint64_t sector,
			const void *buf, size_t nsectors, mirc_block_cb done,
			void *arg);

#endif
