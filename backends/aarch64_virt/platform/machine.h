/* SPDX-License-Identifier: MIT */
/*
 * machine.h - aarch64_virt: qemu's virt machine (hw/arm/virt.c) as the
 * platform sees it: the memory map, the GICv2's registers, the system
 * registers it touches.  Internal to the platform.
 */
#ifndef AARCH64_VIRT_MACHINE_H
#define AARCH64_VIRT_MACHINE_H

#include <stdint.h>

/* The memory map (qemu's device tree says the same). */
#define VIRT_GICD	0x08000000u	/* GICv2 distributor */
#define VIRT_GICC	0x08010000u	/* GICv2 CPU interface */
#define VIRT_UART0	0x09000000u	/* PL011, SPI 1 */
#define VIRT_RTC	0x09010000u	/* PL031, SPI 2 */
#define VIRT_MMIO0	0x0a000000u	/* virtio-mmio transport 0 */
#define VIRT_MMIO_STRIDE 0x200u		/* transport i at VIRT_MMIO0 + i * this */
#define VIRT_MMIO_COUNT	32u
#define VIRT_RAM	0x40000000u	/* the device tree sits at its start */
#define VIRT_RAM_SIZE	0x08000000u	/* qemu's default -m, as in link.ld */
#define VIRT_FDT_MAX	0x00100000u	/* the tree may take up to 1 MiB */

/*
 * GIC interrupt ids: SGIs 0-15, PPIs 16-31 (per CPU), SPIs from 32.
 * The EL1 physical timer is PPI 14; virtio-mmio transport i raises SPI
 * 16 + i (the device tree's "interrupts = <0 16+i 1>").
 */
#define IRQ_TIMER_PHYS	30u
#define IRQ_SPI(n)	(32u + (n))
#define IRQ_VIRTIO_MMIO(i) IRQ_SPI(16u + (i))
#define IRQ_SPURIOUS	1023u
#define IRQ_MAX		288u		/* qemu's GICv2 on virt: 256 SPIs */

/* Exception kinds, as start.S's vector entries pass them. */
#define EXC_SYNC	0u
#define EXC_IRQ		1u
#define EXC_FIQ		2u
#define EXC_SERROR	3u

static inline uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline void mmio_write8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}

#define sysreg_read(reg) __extension__ ({ uint64_t v_; \
	__asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define sysreg_write(reg, v) \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

/* PSTATE.I: IRQs masked / taken. */
static inline void irq_mask(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

static inline void irq_unmask(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

/* timer.c: the generic timer and the GIC. */
void aarch64_virt_timer_init(void);
void aarch64_virt_timer_stop(void);
uint64_t aarch64_virt_ticks_to_ns(uint64_t ticks);
void aarch64_virt_irq(void);

/* timer.c: the GIC distributor's enable bit of interrupt irq (an SPI is
 * routed to CPU 0, level-sensitive, first). */
void aarch64_virt_gic_enable(unsigned irq);
void aarch64_virt_gic_disable(unsigned irq);

/* virtio_virt.c: from the IRQ handler, an interrupt other than the
 * timer's (held at the distributor); from platform_wait() after
 * event_poll(), release the held ones. */
void aarch64_virt_device_irq(unsigned irq);
void aarch64_virt_irq_release(void);

#endif
