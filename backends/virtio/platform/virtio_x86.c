/* SPDX-License-Identifier: MIT */
/*
 * virtio_x86.c - the virtio target's side of the shared virtio layer
 * (rt/bare/virtio/virtio_board.h): where the devices are on the two
 * machines the target runs on, the legacy virtio-pci transport of the pc
 * machine, and interrupts through the I/O APIC.
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
 *   - pc: legacy (transitional) virtio-pci functions, vendor 0x1af4,
 *     devices 0x1000-0x103f, registers in the I/O BAR 0 (what libvirt's
 *     <disk bus='virtio'> gives on a pc machine), found by a scan of the
 *     PCI buses in slot order, whose interrupt line the firmware set (an
 *     ISA IRQ, GSI of the same number on the I/O APIC).  Modern-only
 *     devices (disable-legacy=on, or behind a PCIe port) are not used.
 *
 * A machine whose PCI configuration ports answer is taken for a pc, and
 * only its PCI buses are searched: 0xfeb00000 may be a BAR of some PCI
 * device there.
 */
#include <errno.h>
#include <string.h>

#include "bare/print.h"
#include "bare/virtio/virtio.h"
#include "bare/virtio/virtio_board.h"
#include "x86.h"

#define MMIO_BASE 0xfeb00000u
#define MMIO_STRIDE 0x200u
#define MMIO_SLOTS 24

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

/* ---- legacy virtio-pci ------------------------------------------------------------------ */

static uint16_t port(const struct virtio_dev *d, unsigned off)
{
	return (uint16_t)(d->base + off);
}

static uint8_t pci_get_status(struct virtio_dev *d)
{
	return inb(port(d, PCI_STATUS));
}

static void pci_set_status(struct virtio_dev *d, uint8_t s)
{
	outb(port(d, PCI_STATUS), s);
}

/* The legacy interface has 32 feature bits and no FEATURES_OK. */
static int pci_features(struct virtio_dev *d, uint64_t wanted, uint64_t *got)
{
	uint64_t offered = inl(port(d, PCI_HOST_FEATURES));

	*got = offered & wanted & 0xffffffffu;
	outl(port(d, PCI_GUEST_FEATURES), (uint32_t)*got);
	return 0;
}

static uint32_t pci_config32(struct virtio_dev *d, unsigned off)
{
	return inl(port(d, PCI_CONFIG + off));
}

static uint32_t pci_generation(struct virtio_dev *d)
{
	(void)d;
	return 0;
}

/* The legacy PCI device imposes its queue's size. */
static int pci_queue_init(struct virtio_dev *d, struct virtq *q,
			  unsigned index, unsigned max)
{
	uint16_t size;
	int rc;

	(void)max;
	outw(port(d, PCI_QUEUE_SEL), (uint16_t)index);
	size = inw(port(d, PCI_QUEUE_SIZE));
	if (size == 0)
		return -ENOENT;
	if ((rc = virtio_ring_alloc(q, index, size)) != 0)
		return rc;
	outl(port(d, PCI_QUEUE_PFN),
	     (uint32_t)(virtio_phys(q->desc) / VIRTIO_PAGE));
	return 0;
}

static void pci_notify(struct virtio_dev *d, unsigned index)
{
	outw(port(d, PCI_QUEUE_NOTIFY), (uint16_t)index);
}

static void pci_ack(struct virtio_dev *d)
{
	(void)inb(port(d, PCI_ISR));	/* reading clears it */
}

static const struct virtio_transport legacy_pci = {
	.get_status = pci_get_status,
	.set_status = pci_set_status,
	.features = pci_features,
	.config32 = pci_config32,
	.generation = pci_generation,
	.queue_init = pci_queue_init,
	.notify = pci_notify,
	.ack = pci_ack,
};

/* ---- discovery -------------------------------------------------------------------------- */

static void pci_found(pci_bdf f, void *ctx)
{
	uint16_t dev = pci_read16(f, CFG_DEVICE);
	uint32_t bar = pci_read32(f, CFG_BAR0);
	uint8_t line = pci_read8(f, CFG_INTERRUPT_LINE);
	char where[32], *p;

	(void)ctx;
	if (pci_read16(f, CFG_VENDOR) != PCI_VENDOR_VIRTIO || dev < 0x1000 ||
	    dev > 0x107f)
		return;
	p = virtio_put_hex(virtio_put_str(where, "virtio-pci at "), f >> 8, 2);
	p = virtio_put_hex(virtio_put_str(p, ":"), (f >> 3) & 31, 2);
	p = virtio_put_hex(virtio_put_str(p, "."), f & 7, 1);
	*p = '\0';
	if (dev >= 0x1040 || !(bar & 1)) {
		print_str("virtio: ");
		print_str(where);
		print_str(" is a modern-only device (no legacy I/O BAR): "
			  "ignored; make it transitional "
			  "(disable-legacy=off, on a PCI bus)\n");
		return;
	}
	if (line == 0 || line >= 24) {
		print_str("virtio: ");
		print_str(where);
		print_str(" has no interrupt line: ignored\n");
		return;
	}
	/* I/O decoding, and bus mastering, without which qemu lets no
	 * device DMA. */
	pci_write16(f, CFG_COMMAND, (uint16_t)(pci_read16(f, CFG_COMMAND) |
					       CMD_IO | CMD_BUS_MASTER));
	virtio_dev_add(&legacy_pci, bar & ~3u, 0, pci_read16(f, CFG_SUBSYSTEM),
		       line, where);
}

static void probe_mmio(void)
{
	int slots = 0;
	unsigned first_gsi;

	while (slots < MMIO_SLOTS &&
	       virtio_mmio_present(MMIO_BASE + MMIO_STRIDE * (unsigned)slots))
		slots++;
	if (slots == 0)
		return;
	first_gsi = slots > 8 ? 24 : x86_acpi_rsdp() ? 16 : 5;
	/* qemu fills the transports from the last one down. */
	for (int i = slots - 1; i >= 0; i--)
		virtio_mmio_add(MMIO_BASE + MMIO_STRIDE * (unsigned)i,
				first_gsi + (unsigned)i);
}

void virtio_board_probe(void)
{
	if (pci_read16(0, CFG_VENDOR) != 0xffff)
		pci_scan(pci_found, NULL);
	else
		probe_mmio();
}

/* ---- the rest of the board interface ---------------------------------------------------- */

int virtio_board_irq(unsigned gsi)
{
	return ioapic_route(gsi, VEC_DEVICE);
}

uint64_t virtio_board_phys(const volatile void *p)
{
	return (uintptr_t)p;	/* identity paging of the first 4 GiB */
}

void virtio_board_barrier(void)
{
	/* Port I/O and uncached MMIO are strongly ordered on x86; mfence
	 * orders them with the rings' writes and keeps the compiler from
	 * moving either across. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
