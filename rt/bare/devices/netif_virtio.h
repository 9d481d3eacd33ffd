/* SPDX-License-Identifier: MIT */
/*
 * netif_virtio.h - NETWORK on a virtio network card of the machine
 * (virtio-net, on virtio-mmio under microvm and on the virt machines, or
 * legacy virtio-pci under pc).  Each device connected takes the next
 * card, in the order the cards were given to qemu; `name` is its Solo5
 * device name (the manifest's), 1 to 67 letters and digits.
 *
 * The MAC address is the card's (qemu's -device ...,mac=; by default
 * 52:54:00:12:34:56 for the first card, the last byte counting up for
 * the next ones); the MTU is 1500.  Frames
 * arrive from the event loop, woken by the card's interrupt, while a
 * receiver is set (listen); listen(NULL, NULL) removes it, and then the
 * card keeps the event loop alive only until it has sent the frames
 * already written.  write has fill put the
 * frame straight into one of the driver's transmit buffers, which the
 * card sends from; when all of them are in the card's hands the frame
 * is dropped with -ENOBUFS, as netif_tap drops one on a full TAP queue
 * (TCP sends it again).
 */
#ifndef MIRC_BARE_NETIF_VIRTIO_H
#define MIRC_BARE_NETIF_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"

#define NETIF_VIRTIO_MTU 1500
/* Ethernet header and payload; frames are sent and taken without FCS. */
#define NETIF_VIRTIO_FRAME_MAX (14 + NETIF_VIRTIO_MTU)

struct virtio_dev;
struct virtq;

struct netif_virtio {
	const char *name;
	struct virtio_dev *dev;
	struct virtq *rxq, *txq;	/* queues 0 and 1 */
	int fd;				/* the card's event source */
	size_t hdr;			/* virtio-net header: 10 or 12 bytes */
	size_t slot;			/* bytes of one buffer: hdr + frame */
	mirc_net_info info;
	mirc_net_frame_cb frame;	/* the receiver, or NULL */
	void *frame_arg;
	bool watching;			/* a read watch is set on fd */
	bool draining;			/* no receiver, frames with the card */
	unsigned char *rx, *tx;		/* a buffer per descriptor */
	uint16_t *tx_free;		/* descriptors not with the card */
	unsigned ntx_free;
	uint64_t dropped_rx;		/* runts and oversized frames */
	uint64_t dropped_tx;		/* frames refused with -ENOBUFS */
};

/*
 * -EINVAL for a name that is not 1 to 67 letters and digits, -ENODEV
 * when the machine has no network card left for this device, -ENOTSUP
 * for a card without a MAC address, -ENOMEM, -EIO (the card refused the
 * driver); each with a message naming the device.
 */
int netif_virtio_connect(struct netif_virtio *self, const char *name);
void netif_virtio_info(struct netif_virtio *self, mirc_net_info *info);
/* 0, or -EBUSY when a receiver is already set; frame NULL removes it. */
int netif_virtio_listen(struct netif_virtio *self, mirc_net_frame_cb frame,
			void *arg);
/* 0, -EMSGSIZE (len > 1514), -ENOBUFS (every transmit buffer is with
 * the card: dropped). */
int netif_virtio_write(struct netif_virtio *self, size_t len,
		       mirc_net_fill_cb fill, void *arg);

#endif
