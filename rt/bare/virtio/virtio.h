/* SPDX-License-Identifier: MIT */
/*
 * virtio.h - virtio devices for the drivers of every bare-metal board
 * (rt/bare/devices/block_virtio.c), and the interface of their
 * transports.
 *
 * One implementation serves every board with virtio: the device table,
 * feature negotiation, split virtqueues and the interrupt as an event
 * source (virtio.c), and the virtio-mmio transport (virtio_mmio.c), in
 * the legacy layout (version 1, qemu's default) or the modern one
 * (version 2, -global virtio-mmio.force-legacy=false).  A board says
 * where its transports are and routes their interrupts
 * (virtio_board.h); a board with another transport (legacy virtio-pci
 * on the virtio target's pc machine) implements struct virtio_transport
 * itself and registers its devices with virtio_dev_add().
 *
 * The devices of a type are claimed in the order the board added them,
 * which is the order they were given to qemu.  A device has split
 * virtqueues (the legacy layout, which every transport accepts) and one
 * interrupt, seen by the event loop as an fd (virtio_event_fd()).
 * Everything runs on the single thread of the program; nothing here is
 * called from an interrupt handler.
 */
#ifndef MIRC_BARE_VIRTIO_H
#define MIRC_BARE_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Device types (virtio 1.2, section 5). */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2

/* Transport features the transport layer handles itself. */
#define VIRTIO_F_VERSION_1 (UINT64_C(1) << 32)

/* Device status bits. */
#define VIRTIO_S_ACKNOWLEDGE 1
#define VIRTIO_S_DRIVER 2
#define VIRTIO_S_DRIVER_OK 4
#define VIRTIO_S_FEATURES_OK 8
#define VIRTIO_S_FAILED 128

/* The legacy layout aligns the used ring (and the queue) to a page. */
#define VIRTIO_PAGE 4096u

/* ---- split virtqueues ------------------------------------------------------------------ */

struct vring_desc {
	uint64_t addr;		/* physical: virtio_phys() */
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

/* The address to put in a descriptor for the memory at p. */
uint64_t virtio_phys(const volatile void *p);

/* ---- devices, for drivers ------------------------------------------------------------- */

struct virtio_dev;

/*
 * Claim the next device of type `type` that no driver has claimed yet
 * (the machine is probed on the first call); NULL when none is left.
 */
struct virtio_dev *virtio_claim(uint32_t type);
/* "virtio-mmio at 0xfeb02e00" or "virtio-pci at 00:04.0", for messages. */
const char *virtio_where(const struct virtio_dev *d);
/* The longest Solo5 device name (its MFT_NAME_MAX). */
#define VIRTIO_NAME_MAX 67
/* Whether s is a Solo5 device name: 1 to VIRTIO_NAME_MAX letters and
 * digits (mirc check refuses others; connect checks again). */
bool virtio_name_ok(const char *s);

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

/* ---- transports ------------------------------------------------------------------------ */

/*
 * What differs between transports.  Each function gets the device; the
 * transport's registers are at d->base.
 */
struct virtio_transport {
	uint8_t (*get_status)(struct virtio_dev *d);
	void (*set_status)(struct virtio_dev *d, uint8_t status);
	/* After ACKNOWLEDGE and DRIVER: the features of `wanted` the device
	 * offers, written back to the device and stored in *got; 0 or -EIO
	 * (FEATURES_OK refused, with a message). */
	int (*features)(struct virtio_dev *d, uint64_t wanted, uint64_t *got);
	uint32_t (*config32)(struct virtio_dev *d, unsigned off);
	/* The configuration generation, 0 where there is none. */
	uint32_t (*generation)(struct virtio_dev *d);
	int (*queue_init)(struct virtio_dev *d, struct virtq *q,
			  unsigned index, unsigned max);
	void (*notify)(struct virtio_dev *d, unsigned index);
	/* Acknowledge the device's interrupt (it may be raised again). */
	void (*ack)(struct virtio_dev *d);
};

struct virtio_dev {
	const struct virtio_transport *t;
	uintptr_t base;		/* registers: MMIO address or I/O port */
	uint32_t version;	/* MMIO: 1 legacy, 2 modern; PCI: 0 */
	uint32_t type;
	unsigned irq;		/* for virtio_board_irq() */
	bool claimed;
	uint8_t status;		/* what we last wrote */
	char where[32];
	bool (*ready)(void *ctx);
	void *ctx;
};

/*
 * Register a device found by the board (virtio_board_probe()), with its
 * transport, registers, version, type, interrupt and description
 * (copied, at most 31 bytes).  NULL, with a note on the console, when
 * the table of 32 devices is full.
 */
struct virtio_dev *virtio_dev_add(const struct virtio_transport *t,
				  uintptr_t base, uint32_t version,
				  uint32_t type, unsigned irq,
				  const char *where);

/*
 * Memory for a split virtqueue of `size` descriptors in the legacy
 * layout (descriptors, the available ring right after them, the used
 * ring on the next page), page-aligned and zeroed; fills in *q.  0 or
 * -ENOMEM.  For transports' queue_init.
 */
int virtio_ring_alloc(struct virtq *q, unsigned index, uint16_t size);

/*
 * The virtio-mmio transport at `base` raising interrupt `irq`: probed
 * (magic value, version, device ID) and added when a device sits behind
 * it (an empty transport has device ID 0).  Returns the number of
 * devices added (0 or 1).  For virtio_board_probe().
 */
int virtio_mmio_add(uintptr_t base, unsigned irq);
/* True when a virtio-mmio transport answers at base (device or not). */
bool virtio_mmio_present(uintptr_t base);

/* The `digits` low hex digits of v at p (no prefix, no NUL); returns the
 * end.  For the transports' descriptions. */
char *virtio_put_hex(char *p, uint64_t v, int digits);
/* s at p (no NUL); returns the end. */
char *virtio_put_str(char *p, const char *s);

#endif
