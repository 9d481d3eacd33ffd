/* SPDX-License-Identifier: MIT */
/*
 * virtio.c - the virtio transports of the two machines the target runs
 * on, and split virtqueues (see virtio.h; register layouts from the
 * virtio 1.2 specification, sections 2.7 and 4.1-4.2, including their
 * "legacy interface" parts).
 *
 * The machine is probed once, at the first virtio_claim():
 *
 *   - microvm: virtio-mmio transports at 0xfeb00000 + 0x200 * i, each
 *     answering the magic value "virt" (an empty one has device ID 0).
 *     qemu makes 24 of them, wired to GSIs 24-47 of the second I/O APIC,
 *     when ACPI is on and ioapic2 is not off (the default); otherwise 8,
 *     on GSIs 16-23 with ACPI and 5-12 without.  The count tells the
 *     first case apart; the PVH start_info's RSDP (its loader found ACPI
 *     tables) the other two.
 *   - pc: legacy virtio-pci functions, found by a scan of the PCI buses,
 *     whose interrupt line the firmware set (an ISA IRQ, GSI of the same
 *     number on the I/O APIC).
 *
 * A machine whose PCI configuration ports answer is taken for a pc, and
 * only its PCI buses are searched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "virtio.h"
#include "x86.h"

/* ---- registers --------------------------------------------------------------------------- */

#define MMIO_BASE 0xfeb00000u
#define MMIO_STRIDE 0x200u
#define MMIO_SLOTS 24
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

/* Legacy virtio-pci: registers in I/O BAR 0 (config right after them
 * while MSI-X is off, which it stays). */
#define PCI_VENDOR_VIRTIO 0x1af4
#define PCI_HOST_FEATURES 0x00
#define PCI_GUEST_FEATURES 0x04
#define PCI_QUEUE_PFN 0x08
#define PCI_QUEUE_SIZE 0x0c
#define PCI_QUEUE_SEL 0x0e
#define PCI_QUEUE_NOTIFY 0x10
#define PCI_STATUS 0x12
#define PCI_ISR 0x13
#define PCI_CONFIG 0x14

/* PCI configuration space. */
#define CFG_VENDOR 0x00
#define CFG_DEVICE 0x02
#define CFG_COMMAND 0x04
#define CFG_BAR0 0x10
#define CFG_SUBSYSTEM 0x2e
#define CFG_INTERRUPT_LINE 0x3c
#define CMD_IO 0x1
#define CMD_BUS_MASTER 0x4

/* Device status bits. */
#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_FAILED 128

/* The legacy layout aligns the used ring (and the queue) to a page. */
#define PAGE 4096u

/* ---- the devices found ----------------------------------------------------------------- */

enum transport { T_MMIO, T_PCI };

struct virtio_dev {
	enum transport kind;
	uintptr_t base;		/* MMIO address, or I/O port of BAR 0 */
	uint32_t version;	/* MMIO: 1 legacy, 2 modern; PCI: 0 */
	uint32_t type;
	unsigned gsi;
	bool claimed;
	uint8_t status;		/* what we last wrote */
	char where[32];
	bool (*ready)(void *ctx);
	void *ctx;
};

#define MAX_DEVICES 32
static struct virtio_dev devices[MAX_DEVICES];
static int ndevices;
static bool probed;

static char hexdigit(unsigned v)
{
	return "0123456789abcdef"[v & 15];
}

/* The `digits` low hex digits of v at p; returns the end. */
static char *put_hex(char *p, uint64_t v, int digits)
{
	while (digits-- > 0)
		*p++ = hexdigit((unsigned)(v >> (4 * digits)));
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static struct virtio_dev *add_device(enum transport kind, uintptr_t base,
				     uint32_t version, uint32_t type,
				     unsigned gsi)
{
	struct virtio_dev *d;

	if (ndevices == MAX_DEVICES) {
		early_puts("virtio: more than 32 virtio devices: ignoring the "
			   "rest\n");
		return NULL;
	}
	d = &devices[ndevices++];
	*d = (struct virtio_dev){ .kind = kind, .base = base,
				  .version = version, .type = type, .gsi = gsi };
	return d;
}

static void probe_mmio(void)
{
	uint32_t id[MMIO_SLOTS], version[MMIO_SLOTS];
	int slots = 0;
	unsigned first_gsi;

	for (int i = 0; i < MMIO_SLOTS; i++) {
		uintptr_t base = MMIO_BASE + MMIO_STRIDE * (unsigned)i;

		if (mmio_read32(base + MMIO_MAGIC) != MMIO_MAGIC_VALUE)
			break;
		version[i] = mmio_read32(base + MMIO_VERSION);
		id[i] = mmio_read32(base + MMIO_DEVICE_ID);
		slots = i + 1;
	}
	if (slots == 0)
		return;
	first_gsi = slots > 8 ? 24 : x86_acpi_rsdp() ? 16 : 5;
	/* qemu fills the transports from the last one down. */
	for (int i = slots - 1; i >= 0; i--) {
		uintptr_t base = MMIO_BASE + MMIO_STRIDE * (unsigned)i;
		struct virtio_dev *d;

		if (id[i] == 0)
			continue;
		if (version[i] != 1 && version[i] != 2) {
			early_puts("virtio: virtio-mmio at ");
			early_puthex(base);
			early_puts(" has an unknown version: ignored\n");
			continue;
		}
		d = add_device(T_MMIO, base, version[i], id[i],
			       first_gsi + (unsigned)i);
		if (d)
			put_hex(put_str(d->where, "virtio-mmio at 0x"), base, 8);
	}
}

static void pci_found(pci_bdf f, void *ctx)
{
	uint16_t dev = pci_read16(f, CFG_DEVICE);
	uint32_t bar = pci_read32(f, CFG_BAR0);
	uint8_t line = pci_read8(f, CFG_INTERRUPT_LINE);
	struct virtio_dev *d;
	char where[32], *p;

	(void)ctx;
	if (pci_read16(f, CFG_VENDOR) != PCI_VENDOR_VIRTIO || dev < 0x1000 ||
	    dev > 0x107f)
		return;
	p = put_hex(put_str(where, "virtio-pci at "), f >> 8, 2);
	p = put_hex(put_str(p, ":"), (f >> 3) & 31, 2);
	p = put_hex(put_str(p, "."), f & 7, 1);
	*p = '\0';
	if (dev >= 0x1040 || !(bar & 1)) {
		early_puts("virtio: ");
		early_puts(where);
		early_puts(" is a modern-only device (no legacy I/O BAR): "
			   "ignored; make it transitional "
			   "(disable-legacy=off, on a PCI bus)\n");
		return;
	}
	if (line == 0 || line >= 24) {
		early_puts("virtio: ");
		early_puts(where);
		early_puts(" has no interrupt line: ignored\n");
		return;
	}
	/* I/O decoding, and bus mastering, without which qemu lets no
	 * device DMA. */
	pci_write16(f, CFG_COMMAND, (uint16_t)(pci_read16(f, CFG_COMMAND) |
					       CMD_IO | CMD_BUS_MASTER));
	d = add_device(T_PCI, bar & ~3u, 0, pci_read16(f, CFG_SUBSYSTEM), line);
	if (d)
		memcpy(d->where, where, (size_t)(p - where) + 1);
}

/* A machine with PCI (pc) is not searched for virtio-mmio transports:
 * 0xfeb00000 may be a BAR of some PCI device there. */
static void probe(void)
{
	if (probed)
		return;
	probed = true;
	if (pci_read16(0, CFG_VENDOR) != 0xffff)
		pci_scan(pci_found, NULL);
	else
		probe_mmio();
}

struct virtio_dev *virtio_claim(uint32_t type)
{
	probe();
	for (int i = 0; i < ndevices; i++) {
		if (devices[i].type == type && !devices[i].claimed) {
			devices[i].claimed = true;
			return &devices[i];
		}
	}
	return NULL;
}

const char *virtio_where(const struct virtio_dev *d)
{
	return d->where;
}

/* ---- register access ---------------------------------------------------------------------- */

static uint32_t rd(const struct virtio_dev *d, unsigned off)
{
	return mmio_read32(d->base + off);
}

static void wr(const struct virtio_dev *d, unsigned off, uint32_t v)
{
	mmio_write32(d->base + off, v);
}

static uint16_t port(const struct virtio_dev *d, unsigned off)
{
	return (uint16_t)(d->base + off);
}

static uint8_t get_status(const struct virtio_dev *d)
{
	return d->kind == T_MMIO ? (uint8_t)rd(d, MMIO_STATUS)
				 : inb(port(d, PCI_STATUS));
}

static void set_status(struct virtio_dev *d, uint8_t s)
{
	d->status = s;
	if (d->kind == T_MMIO)
		wr(d, MMIO_STATUS, s);
	else
		outb(port(d, PCI_STATUS), s);
}

static void add_status(struct virtio_dev *d, uint8_t bits)
{
	set_status(d, (uint8_t)(d->status | bits));
}

void virtio_fail(struct virtio_dev *d)
{
	add_status(d, S_FAILED);
}

int virtio_negotiate(struct virtio_dev *d, uint64_t wanted, uint64_t *got)
{
	uint64_t offered;

	/* Reset; a modern device says when it is done. */
	set_status(d, 0);
	for (int n = 0; n < 1000000 && get_status(d) != 0; n++)
		;
	add_status(d, S_ACKNOWLEDGE);
	add_status(d, S_DRIVER);
	if (d->kind == T_PCI) {
		offered = inl(port(d, PCI_HOST_FEATURES));
		*got = offered & wanted & 0xffffffffu;
		outl(port(d, PCI_GUEST_FEATURES), (uint32_t)*got);
		return 0;
	}
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
		wr(d, MMIO_GUEST_PAGE_SIZE, PAGE);
		return 0;
	}
	wr(d, MMIO_DRIVER_FEATURES_SEL, 1);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)(*got >> 32));
	add_status(d, S_FEATURES_OK);
	if (!(*got & VIRTIO_F_VERSION_1) || !(get_status(d) & S_FEATURES_OK)) {
		early_puts("virtio: ");
		early_puts(d->where);
		early_puts(" refused the features the driver can use\n");
		virtio_fail(d);
		return -EIO;
	}
	return 0;
}

uint32_t virtio_config32(struct virtio_dev *d, unsigned off)
{
	if (d->kind == T_PCI)
		return inl(port(d, PCI_CONFIG + off));
	return rd(d, MMIO_CONFIG + off);
}

uint64_t virtio_config64(struct virtio_dev *d, unsigned off)
{
	uint32_t gen, lo, hi;

	/* Two reads: a modern device's generation counter says whether
	 * the field changed in between; a legacy one cannot say. */
	do {
		gen = d->kind == T_MMIO && d->version >= 2
			? rd(d, MMIO_CONFIG_GENERATION) : 0;
		lo = virtio_config32(d, off);
		hi = virtio_config32(d, off + 4);
	} while (d->kind == T_MMIO && d->version >= 2 &&
		 gen != rd(d, MMIO_CONFIG_GENERATION));
	return (uint64_t)hi << 32 | lo;
}

/* ---- virtqueues ------------------------------------------------------------------------- */

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) / a * a;
}

/*
 * The legacy layout, which every transport accepts: descriptors, the
 * available ring right after them, the used ring on the next page.
 * The memory is never freed (devices live as long as the program).
 */
static int alloc_ring(struct virtq *q, unsigned index, uint16_t size)
{
	size_t used_off = align_up(16u * size + 6u + 2u * size, PAGE);
	size_t total = used_off + align_up(6u + 8u * size, PAGE);
	unsigned char *mem = malloc(total + PAGE - 1);

	if (!mem)
		return -ENOMEM;
	mem = (unsigned char *)align_up((uintptr_t)mem, PAGE);
	memset(mem, 0, total);
	*q = (struct virtq){
		.index = index,
		.size = size,
		.desc = (struct vring_desc *)mem,
		.avail = (struct vring_avail *)(mem + 16u * size),
		.used = (struct vring_used *)(mem + used_off),
	};
	return 0;
}

int virtio_queue_init(struct virtio_dev *d, struct virtq *q, unsigned index,
		      unsigned max)
{
	uint32_t num;
	uint16_t size = 1;
	uintptr_t addr;
	int rc;

	if (d->kind == T_PCI) {
		/* The legacy PCI device imposes its queue's size. */
		outw(port(d, PCI_QUEUE_SEL), (uint16_t)index);
		size = inw(port(d, PCI_QUEUE_SIZE));
		if (size == 0)
			return -ENOENT;
		if ((rc = alloc_ring(q, index, size)) != 0)
			return rc;
		outl(port(d, PCI_QUEUE_PFN), (uint32_t)((uintptr_t)q->desc / PAGE));
		return 0;
	}
	wr(d, MMIO_QUEUE_SEL, index);
	num = rd(d, MMIO_QUEUE_NUM_MAX);
	if (num == 0 || (d->version >= 2 && rd(d, MMIO_QUEUE_READY)))
		return -ENOENT;
	/* The largest power of 2 within both limits. */
	while (size <= num / 2 && size <= max / 2 && size < 32768)
		size = (uint16_t)(size * 2);
	if ((rc = alloc_ring(q, index, size)) != 0)
		return rc;
	wr(d, MMIO_QUEUE_NUM, size);
	if (d->version < 2) {
		wr(d, MMIO_QUEUE_ALIGN, PAGE);
		wr(d, MMIO_QUEUE_PFN, (uint32_t)((uintptr_t)q->desc / PAGE));
		return 0;
	}
	addr = (uintptr_t)q->desc;
	wr(d, MMIO_QUEUE_DESC, (uint32_t)addr);
	wr(d, MMIO_QUEUE_DESC + 4, (uint32_t)((uint64_t)addr >> 32));
	addr = (uintptr_t)q->avail;
	wr(d, MMIO_QUEUE_DRIVER, (uint32_t)addr);
	wr(d, MMIO_QUEUE_DRIVER + 4, (uint32_t)((uint64_t)addr >> 32));
	addr = (uintptr_t)q->used;
	wr(d, MMIO_QUEUE_DEVICE, (uint32_t)addr);
	wr(d, MMIO_QUEUE_DEVICE + 4, (uint32_t)((uint64_t)addr >> 32));
	wr(d, MMIO_QUEUE_READY, 1);
	return 0;
}

void virtio_driver_ok(struct virtio_dev *d)
{
	add_status(d, S_DRIVER_OK);
}

void virtq_push(struct virtq *q, uint16_t head)
{
	uint16_t idx = q->avail->idx;

	q->avail->ring[idx & (q->size - 1)] = head;
	/* The entry before the index that publishes it. */
	__atomic_store_n(&q->avail->idx, (uint16_t)(idx + 1), __ATOMIC_RELEASE);
}

void virtio_notify(struct virtio_dev *d, const struct virtq *q)
{
	/* The new index is visible before the device is told. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (d->kind == T_PCI)
		outw(port(d, PCI_QUEUE_NOTIFY), (uint16_t)q->index);
	else
		wr(d, MMIO_QUEUE_NOTIFY, q->index);
}

bool virtq_has_used(const struct virtq *q)
{
	return __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE) != q->last_used;
}

bool virtq_pop(struct virtq *q, uint16_t *head, uint32_t *len)
{
	const struct vring_used_elem *e;

	/* The acquire load orders the entry's reads after the index's. */
	if (!virtq_has_used(q))
		return false;
	e = &q->used->ring[q->last_used & (q->size - 1)];
	*head = (uint16_t)e->id;
	*len = e->len;
	q->last_used++;
	return true;
}

/* ---- interrupts ------------------------------------------------------------------------- */

/* Acknowledge the interrupt (lowering a level-triggered line), then ask
 * the driver: work that arrives after this raises the line again. */
static bool device_ready(void *p)
{
	struct virtio_dev *d = p;

	if (d->kind == T_PCI) {
		(void)inb(port(d, PCI_ISR));	/* reading clears it */
	} else {
		uint32_t s = rd(d, MMIO_INTERRUPT_STATUS);
		if (s)
			wr(d, MMIO_INTERRUPT_ACK, s);
	}
	return d->ready(d->ctx);
}

int virtio_event_fd(struct virtio_dev *d, bool (*ready)(void *ctx), void *ctx)
{
	int rc = ioapic_route(d->gsi, VEC_DEVICE);

	if (rc < 0) {
		early_puts("virtio: ");
		early_puts(d->where);
		early_puts(": no I/O APIC for its interrupt (GSI ");
		early_putdec(d->gsi);
		early_puts(")\n");
		return rc;
	}
	d->ready = ready;
	d->ctx = ctx;
	return x86_event_add(device_ready, d);
}
