/* SPDX-License-Identifier: MIT */
/*
 * virtio_virt.c - riscv64_virt's side of the shared virtio layer
 * (rt/bare/virtio/virtio_board.h): the virt machine's virtio-mmio
 * transports, and their interrupts through the PLIC.
 *
 * qemu's virt machine has 8 virtio-mmio transports at 0x10001000 +
 * 0x1000 * i, wired to PLIC sources 1 + i, and fills them from the last
 * one down (the first -device virtio-*-device lands at 0x10008000), so
 * they are added from the highest address down: the first disk given to
 * qemu is the first one claimed.
 *
 * Interrupts: the program runs in machine mode on hart 0, which is PLIC
 * context 0.  A source is given priority 1 and enabled for context 0
 * (threshold 0), and mie.MEIE is set.  The virtio-mmio line is
 * level-triggered and stays high until the driver acknowledges the
 * device, which it does from the event loop, not from the trap handler:
 * so the handler only claims the source (the PLIC then holds that source
 * back, and the pending external interrupt ends the wfi of
 * platform_wait()), and platform_wait() completes every claimed source
 * each time event_poll() has acknowledged the devices, before it sleeps
 * and after it wakes.  A device that has raised its line again by then
 * interrupts again at once, so no completion is lost in between.
 */
#include <errno.h>
#include <stdint.h>

#include "bare/virtio/virtio.h"
#include "bare/virtio/virtio_board.h"
#include "machine.h"

#define VIRTIO_MMIO_BASE 0x10001000u
#define VIRTIO_MMIO_STRIDE 0x1000u
#define VIRTIO_MMIO_SLOTS 8
#define VIRTIO_MMIO_IRQ 1u	/* PLIC source of slot 0 */

/* PLIC, context 0 (hart 0, machine mode). */
#define PLIC_PRIORITY(id) (VIRT_PLIC + 4u * (id))
#define PLIC_ENABLE0(id) (VIRT_PLIC + 0x2000u + 4u * ((id) / 32u))
#define PLIC_THRESHOLD0 (VIRT_PLIC + 0x200000u)
#define PLIC_CLAIM0 (VIRT_PLIC + 0x200004u)
#define PLIC_SOURCES 96u	/* qemu virt: VIRT_IRQCHIP_NUM_SOURCES */

/* Sources claimed by the trap handler, not completed yet (bit id). */
static volatile uint64_t claimed[2];

void virtio_board_probe(void)
{
	for (int i = VIRTIO_MMIO_SLOTS - 1; i >= 0; i--)
		virtio_mmio_add(VIRTIO_MMIO_BASE + VIRTIO_MMIO_STRIDE * (unsigned)i,
				VIRTIO_MMIO_IRQ + (unsigned)i);
}

int virtio_board_irq(unsigned irq)
{
	uintptr_t en = PLIC_ENABLE0(irq);

	if (irq == 0 || irq >= PLIC_SOURCES || irq >= 128)
		return -EINVAL;
	mmio_write32(PLIC_PRIORITY(irq), 1);
	mmio_write32(en, mmio_read32(en) | 1u << (irq % 32u));
	mmio_write32(PLIC_THRESHOLD0, 0);
	csr_set(mie, MIE_MEIE);
	return 0;
}

uint64_t virtio_board_phys(const volatile void *p)
{
	return (uintptr_t)p;	/* machine mode: no translation */
}

void virtio_board_barrier(void)
{
	/* Orders memory and device accesses alike: C11's fences give
	 * fence rw,rw, which leaves the MMIO registers out. */
	__asm__ volatile("fence iorw, iorw" : : : "memory");
}

/* From the trap handler, on a machine external interrupt: claim every
 * pending source (each claim returns the highest-priority one, 0 when
 * none is left), which lowers the interrupt until they are completed. */
void riscv_virt_external_irq(void)
{
	uint32_t id;

	while ((id = mmio_read32(PLIC_CLAIM0)) != 0) {
		if (id < 128)
			claimed[id / 64] |= UINT64_C(1) << (id % 64);
		else
			mmio_write32(PLIC_CLAIM0, id);	/* not ours */
	}
}

/* From platform_wait(), after event_poll() (interrupts off). */
void riscv_virt_irq_complete(void)
{
	for (unsigned w = 0; w < 2; w++) {
		uint64_t bits = claimed[w];

		claimed[w] = 0;
		for (unsigned b = 0; bits; b++, bits >>= 1)
			if (bits & 1)
				mmio_write32(PLIC_CLAIM0, w * 64 + b);
	}
}
