/* SPDX-License-Identifier: MIT */
/*
 * virtio_mmio.c - the virtio-mmio transport (virtio 1.2, section 4.2),
 * for every board that has it: microvm (virtio), qemu's riscv64 and
 * aarch64 virt machines.  Both register layouts qemu offers: the legacy
 * one (version 1, qemu's default: queues given by page frame number) and
 * the modern one (version 2, with FEATURES_OK, 64-bit queue addresses and
 * a configuration generation).
 *
 * Registers are 32 bits wide and little-endian, like every board this
 * runs on; the accesses are volatile, and virtio.c puts the board's
 * barrier where the rings and the registers must be ordered.
 */
#include <errno.h>

#include "bare/print.h"
#include "bare/virtio/virtio.h"

#define MMIO_MAGIC_VALUE 0x74726976u	/* "virt" */

#define MMIO_MAGIC 0x000
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_DEVICE_FEATURES 0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES 0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_GUEST_PAGE_SIZE 0x028	/* legacy */
#define MMIO_QUEUE_SEL 0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_ALIGN 0x03c		/* legacy */
#define MMIO_QUEUE_PFN 0x040		/* legacy */
#define MMIO_QUEUE_READY 0x044		/* modern */
#define MMIO_QUEUE_NOTIFY 0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK 0x064
#define MMIO_STATUS 0x070
#define MMIO_QUEUE_DESC 0x080		/* modern: low, high at + 4 */
#define MMIO_QUEUE_DRIVER 0x090
#define MMIO_QUEUE_DEVICE 0x0a0
#define MMIO_CONFIG_GENERATION 0x0fc	/* modern */
#define MMIO_CONFIG 0x100

static uint32_t rd(const struct virtio_dev *d, unsigned off)
{
	return *(const volatile uint32_t *)(d->base + off);
}

static void wr(const struct virtio_dev *d, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(d->base + off) = v;
}

/* A 64-bit address in a low/high register pair (modern layout). */
static void wr64(const struct virtio_dev *d, unsigned off, uint64_t v)
{
	wr(d, off, (uint32_t)v);
	wr(d, off + 4, (uint32_t)(v >> 32));
}

static uint8_t mmio_get_status(struct virtio_dev *d)
{
	return (uint8_t)rd(d, MMIO_STATUS);
}

static void mmio_set_status(struct virtio_dev *d, uint8_t s)
{
	wr(d, MMIO_STATUS, s);
}

static int mmio_features(struct virtio_dev *d, uint64_t wanted, uint64_t *got)
{
	uint64_t offered;

	wr(d, MMIO_DEVICE_FEATURES_SEL, 0);
	offered = rd(d, MMIO_DEVICE_FEATURES);
	if (d->version >= 2) {
		wr(d, MMIO_DEVICE_FEATURES_SEL, 1);
		offered |= (uint64_t)rd(d, MMIO_DEVICE_FEATURES) << 32;
		wanted |= VIRTIO_F_VERSION_1;
	} else {
		offered &= 0xffffffffu;
	}
	*got = offered & wanted;
	wr(d, MMIO_DRIVER_FEATURES_SEL, 0);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)*got);
	if (d->version < 2) {
		wr(d, MMIO_GUEST_PAGE_SIZE, VIRTIO_PAGE);
		return 0;
	}
	wr(d, MMIO_DRIVER_FEATURES_SEL, 1);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)(*got >> 32));
	d->status = (uint8_t)(d->status | VIRTIO_S_FEATURES_OK);
	mmio_set_status(d, d->status);
	if (!(*got & VIRTIO_F_VERSION_1) ||
	    !(mmio_get_status(d) & VIRTIO_S_FEATURES_OK)) {
		print_str("virtio: ");
		print_str(d->where);
		print_str(" refused the features the driver can use\n");
		d->status = (uint8_t)(d->status | VIRTIO_S_FAILED);
		mmio_set_status(d, d->status);
		return -EIO;
	}
	return 0;
}

static uint32_t mmio_config32(struct virtio_dev *d, unsigned off)
{
	return rd(d, MMIO_CONFIG + off);
}

static uint32_t mmio_generation(struct virtio_dev *d)
{
	return d->version >= 2 ? rd(d, MMIO_CONFIG_GENERATION) : 0;
}

static int mmio_queue_init(struct virtio_dev *d, struct virtq *q,
			   unsigned index, unsigned max)
{
	uint32_t num;
	uint16_t size = 1;
	int rc;

	wr(d, MMIO_QUEUE_SEL, index);
	num = rd(d, MMIO_QUEUE_NUM_MAX);
	if (num == 0 || (d->version >= 2 && rd(d, MMIO_QUEUE_READY)))
		return -ENOENT;
	/* The largest power of 2 within both limits. */
	while (size <= num / 2 && size <= max / 2 && size < 32768)
		size = (uint16_t)(size * 2);
	if ((rc = virtio_ring_alloc(q, index, size)) != 0)
		return rc;
	wr(d, MMIO_QUEUE_NUM, size);
	if (d->version < 2) {
		wr(d, MMIO_QUEUE_ALIGN, VIRTIO_PAGE);
		wr(d, MMIO_QUEUE_PFN,
		   (uint32_t)(virtio_phys(q->desc) / VIRTIO_PAGE));
		return 0;
	}
	wr64(d, MMIO_QUEUE_DESC, virtio_phys(q->desc));
	wr64(d, MMIO_QUEUE_DRIVER, virtio_phys(q->avail));
	wr64(d, MMIO_QUEUE_DEVICE, virtio_phys(q->used));
	wr(d, MMIO_QUEUE_READY, 1);
	return 0;
}

static void mmio_notify(struct virtio_dev *d, unsigned index)
{
	wr(d, MMIO_QUEUE_NOTIFY, index);
}

static void mmio_ack(struct virtio_dev *d)
{
	uint32_t s = rd(d, MMIO_INTERRUPT_STATUS);

	if (s)
		wr(d, MMIO_INTERRUPT_ACK, s);
}

static const struct virtio_transport mmio = {
	.get_status = mmio_get_status,
	.set_status = mmio_set_status,
	.features = mmio_features,
	.config32 = mmio_config32,
	.generation = mmio_generation,
	.queue_init = mmio_queue_init,
	.notify = mmio_notify,
	.ack = mmio_ack,
};

bool virtio_mmio_present(uintptr_t base)
{
	return *(const volatile uint32_t *)(base + MMIO_MAGIC) ==
	       MMIO_MAGIC_VALUE;
}

int virtio_mmio_add(uintptr_t base, unsigned irq)
{
	uint32_t version, id;
	char where[32], *p;

	if (!virtio_mmio_present(base))
		return 0;
	version = *(const volatile uint32_t *)(base + MMIO_VERSION);
	id = *(const volatile uint32_t *)(base + MMIO_DEVICE_ID);
	if (id == 0)
		return 0;	/* an empty transport */
	if (version != 1 && version != 2) {
		print_str("virtio: virtio-mmio at ");
		print_hex(base);
		print_str(" has an unknown version: ignored\n");
		return 0;
	}
	p = virtio_put_hex(virtio_put_str(where, "virtio-mmio at 0x"), base, 8);
	*p = '\0';
	return virtio_dev_add(&mmio, base, version, id, irq, where) ? 1 : 0;
}
