/* SPDX-License-Identifier: MIT */
/*
 * ioapic.c - routing device interrupts through the I/O APIC.
 *
 * Both machines the target runs on have an 82093AA-style I/O APIC at
 * 0xfec00000 carrying global system interrupts (GSIs) 0-23: on pc the
 * ISA IRQs (0 is on pin 2) and the PCI lines the firmware routed to
 * them; on microvm the virtio-mmio transports when ACPI is on and there
 * is a single I/O APIC (pins 16-23), or IRQs 5-12 without ACPI.
 * microvm with ACPI (qemu's default) adds a second one at 0xfec10000
 * for GSIs 24-47, where its 24 virtio-mmio transports are wired.
 *
 * Entries are programmed edge-triggered, whatever the source: the
 * interrupt only wakes the CPU from hlt (VEC_DEVICE, see start.S), and
 * the driver acknowledges its device before it looks for work, so a
 * line that stays high can never storm and a new event always raises
 * it again.  The legacy PICs stay masked (trap.c).
 */
#include <errno.h>

#include "x86.h"

#define IOAPIC_BASE 0xfec00000u
#define IOAPIC2_BASE 0xfec10000u
#define IOAPIC2_GSI 24u

#define IOREGSEL 0x00
#define IOWIN 0x10
#define REG_VER 0x01
#define REG_REDTBL 0x10		/* entry n: 0x10 + 2n (low), 0x11 + 2n (high) */

#define RED_MASKED (1u << 16)
#define RED_LEVEL (1u << 15)
#define RED_ACTIVE_LOW (1u << 13)
#define RED_LOGICAL (1u << 11)

#define MSR_APIC_BASE 0x1b
#define APIC_ID 0x020

static uint32_t ioapic_read(uintptr_t base, uint32_t reg)
{
	mmio_write32(base + IOREGSEL, reg);
	return mmio_read32(base + IOWIN);
}

static void ioapic_write(uintptr_t base, uint32_t reg, uint32_t v)
{
	mmio_write32(base + IOREGSEL, reg);
	mmio_write32(base + IOWIN, v);
}

/* Number of redirection entries of the I/O APIC at base, 0 if none
 * answers there (unassigned addresses read as all ones or zeros). */
static unsigned ioapic_pins(uintptr_t base)
{
	uint32_t ver = ioapic_read(base, REG_VER);
	uint8_t v = (uint8_t)ver;

	if (ver == 0xffffffffu || v < 0x10 || v > 0x2f)
		return 0;
	return ((ver >> 16) & 0xff) + 1;
}

/* This CPU's local APIC ID, the destination of the interrupt (the
 * local APIC was enabled by clock_init at boot). */
static uint8_t lapic_id(void)
{
	uintptr_t apic = (uintptr_t)(rdmsr(MSR_APIC_BASE) & 0xffffff000ull);

	return (uint8_t)(mmio_read32(apic + APIC_ID) >> 24);
}

int ioapic_route(unsigned gsi, uint8_t vector)
{
	uintptr_t base = IOAPIC_BASE;
	unsigned pin = gsi;

	if (gsi >= IOAPIC2_GSI) {
		base = IOAPIC2_BASE;
		pin = gsi - IOAPIC2_GSI;
	}
	if (pin >= ioapic_pins(base))
		return -ENODEV;
	/* Fixed delivery, physical destination, active high, edge;
	 * the destination first, so that the entry is whole when it is
	 * unmasked. */
	ioapic_write(base, REG_REDTBL + 2 * pin, RED_MASKED);
	ioapic_write(base, REG_REDTBL + 2 * pin + 1, (uint32_t)lapic_id() << 24);
	ioapic_write(base, REG_REDTBL + 2 * pin, vector);
	return 0;
}
