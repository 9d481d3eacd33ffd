/* SPDX-License-Identifier: MIT */
/*
 * virtio.h - virtio devices, for the drivers in devices/ (virtio.c).
 *
 * Two transports, whichever the machine has:
 *   - virtio-mmio on qemu's microvm: the transports at 0xfeb00000 +
 *     0x200 * i (8 of them, or 24 with a second I/O APIC), in the legacy
 *     layout (version 1, qemu's default) or the modern one (version 2,
 *     -global virtio-mmio.force-legacy=false);
 *   - legacy (transitional) virtio-pci on the pc machine: vendor 0x1af4,
 *     devices 0x1000-0x103f, registers in the I/O BAR 0; what libvirt's
 *     <disk bus='virtio'> gives on a pc machine.  Modern-only PCI
 *     devices (disable-legacy=on, or behind a PCIe port) are not used.
 *
 * The devices of a type are claimed in the order they were given to
 * qemu: qemu plugs the first -device virtio-*-device into the last
 * virtio-mmio transport, so those are taken from the highest address
 * down; PCI devices in the order of their slots.
 *
 * A device has split virtqueues (the legacy layout, which every
 * transport accepts) and one interrupt, routed through the I/O APIC and
 * seen by the event loop as an fd (see virtio_event_fd()).  Everything
 * runs on the single thread of the program; nothing here is called
 * from an interrupt handler.
 */
#ifndef MIRC_VIRTIO_VIRTIO_H
#define MIRC_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Device types (virtio 1.2, section 5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2

/* Transport features the transport layer handles itself. */
#define VIRTIO_F_VERSION_1 (UINT64_C(1) << 32)

/* ---- split virtqueues ------------------------------------------------------------------ */

struct vring_desc {
	uint64_t addr;		/* physical (= virtual: identity paging) */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2	/* the device writes the buffer */

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct vring_used_elem {
	uint32_t id;		/* head of the chain */
	uint32_t len;		/* bytes the device wrote */
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

struct virtq {
	unsigned index;		/* the queue's number on its device */
	uint16_t size;		/* descriptors, a power of 2 */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_used;	/* the next used entry to look at */
};

/* Make chain `head` (its descriptors filled in) available to the
 * device; it learns of it at the next virtio_notify(). */
void virtq_push(struct virtq *q, uint16_t head);
/* True when the device has returned a chain not popped yet. */
bool virtq_has_used(const struct virtq *q);
/* The next chain the device returned: its head, and the bytes it wrote
 * into the chain's device-writable buffers.  False when there is none. */
bool virtq_pop(struct virtq *q, uint16_t *head, uint32_t *len);

/* ---- devices -------------------------------------------------------------------------- */

struct virtio_dev;

/*
 * Claim the next device of type `type` that no driver has claimed yet
 * (the machine is probed on the first call); NULL when none is left.
 */
struct virtio_dev *virtio_claim(uint32_t type);
/* "virtio-mmio at 0xfeb02e00" or "virtio-pci at 00:04.0", for messages. */
const char *virtio_where(const struct virtio_dev *d);

/*
 * Reset the device and negotiate features: accept those of `wanted` that
 * the device offers (VIRTIO_F_VERSION_1 is added where the transport
 * needs it) and store them in *got.  0, or -EIO when the device does not
 * accept the driver's choice (FEATURES_OK does not stick), with a message
 * on the console.
 */
int virtio_negotiate(struct virtio_dev *d, uint64_t wanted, uint64_t *got);
/* Fields of the device-specific configuration (little-endian). */
uint32_t virtio_config32(struct virtio_dev *d, unsigned off);
uint64_t virtio_config64(struct virtio_dev *d, unsigned off);
/*
 * Set up virtqueue `index` with at most `max` descriptors (the device
 * may impose its own size: legacy PCI does), after virtio_negotiate().
 * 0, -ENOENT (the device has no such queue) or -ENOMEM.
 */
int virtio_queue_init(struct virtio_dev *d, struct virtq *q, unsigned index,
		      unsigned max);
/* Tell the device the driver is ready (after its queues). */
void virtio_driver_ok(struct virtio_dev *d);
/* Tell the device that `q` has new available chains. */
void virtio_notify(struct virtio_dev *d, const struct virtq *q);
/* Give up on the device (status FAILED), e.g. when connect fails. */
void virtio_fail(struct virtio_dev *d);

/*
 * Route the device's interrupt and register the device as an event
 * source: returns an fd that mirc_fd_watch() (MIRC_FD_READ) accepts and
 * that is readable when ready(ctx) says so, or a negative errno.  Before
 * each call of ready() the device's interrupt is acknowledged, so that
 * work arriving after it raises the interrupt again.  ready() runs with
 * interrupts off and must not call into the runtime.
 */
int virtio_event_fd(struct virtio_dev *d, bool (*ready)(void *ctx), void *ctx);

#endif
