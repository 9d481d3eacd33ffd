/* SPDX-License-Identifier: MIT */
/*
 * virtio_virt.c - aarch64_virt's side of the shared virtio layer
 * (rt/bare/virtio/virtio_board.h): the virt machine's virtio-mmio
 * transports, and their interrupts through the GICv2.
 *
 * qemu's arm virt machine has 32 virtio-mmio transports at 0x0a000000 +
 * 0x200 * i, wired to SPI 16 + i (GIC interrupt id 48 + i, the device
 * tree's "interrupts = <0 16+i 1>"), and fills them from the last one
 * down (the first -device virtio-*-device lands in transport 31), so they
 * are added from the highest address down: the first disk given to qemu
 * is the first one claimed.
 *
 * Interrupts: the line of a virtio-mmio transport is level-triggered and
 * stays high until the driver acknowledges the device, which it does from
 * the event loop (event_poll() in platform_wait()), not from the IRQ
 * handler.  So the handler only holds the interrupt: it turns off its
 * enable bit at the distributor and ends it at the CPU interface; the
 * taken interrupt has already ended the wfi.  platform_wait() releases
 * every held interrupt each time event_poll() has acknowledged the
 * devices, before it sleeps and after it wakes; a device whose line is
 * still (or again) high then interrupts at once, so no completion is
 * lost in between.
 */
#include <errno.h>
#include <stdint.h>

#include "bare/virtio/virtio.h"
#include "bare/virtio/virtio_board.h"
#include "machine.h"

/* Interrupts held by the IRQ handler, not released yet: bit i stands for
 * transport i's, IRQ_VIRTIO_MMIO(i).  Only the handler sets bits, with
 * IRQs masked elsewhere, so the read-and-clear below cannot race it. */
static volatile uint32_t held;

/* Transports whose interrupt was routed (virtio_board_irq). */
static uint32_t routed;

void virtio_board_probe(void)
{
	for (int i = (int)VIRT_MMIO_COUNT - 1; i >= 0; i--)
		virtio_mmio_add(VIRT_MMIO0 + VIRT_MMIO_STRIDE * (unsigned)i,
				IRQ_VIRTIO_MMIO((unsigned)i));
}

int virtio_board_irq(unsigned irq)
{
	unsigned slot = irq - IRQ_VIRTIO_MMIO(0);

	/* Only the transports' own lines: anything else would be an SPI
	 * this file does not know how to hold. */
	if (irq < IRQ_VIRTIO_MMIO(0) || slot >= VIRT_MMIO_COUNT)
		return -EINVAL;
	routed |= UINT32_C(1) << slot;
	aarch64_virt_gic_enable(irq);
	return 0;
}

uint64_t virtio_board_phys(const volatile void *p)
{
	return (uintptr_t)p;	/* the MMU maps RAM one to one (start.S) */
}

void virtio_board_barrier(void)
{
	/* dsb sy, not dmb: it also waits for the device registers'
	 * accesses (Device-nGnRnE memory) to complete, in both
	 * directions. */
	__asm__ volatile("dsb sy" : : : "memory");
}

void aarch64_virt_device_irq(unsigned irq)
{
	unsigned slot = irq - IRQ_VIRTIO_MMIO(0);

	/* Disabled whatever it is: an interrupt nobody routed would
	 * otherwise come back for ever. */
	aarch64_virt_gic_disable(irq);
	if (irq >= IRQ_VIRTIO_MMIO(0) && slot < VIRT_MMIO_COUNT &&
	    (routed >> slot & 1))
		held |= UINT32_C(1) << slot;
}

void aarch64_virt_irq_release(void)
{
	uint32_t bits = held;

	held = 0;
	for (unsigned slot = 0; bits; slot++, bits >>= 1)
		if (bits & 1)
			aarch64_virt_gic_enable(IRQ_VIRTIO_MMIO(slot));
}
