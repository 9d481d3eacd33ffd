/* SPDX-License-Identifier: MIT */
/*
 * timer.c - aarch64_virt: the generic timer, the GICv2 and the loop's
 * sleep (platform_wait).
 *
 * The clock is the physical counter CNTPCT_EL0 at CNTFRQ_EL0 (62.5 MHz on
 * qemu's cortex-a53); the EL1 physical timer (CNTP_CVAL_EL0) raises PPI
 * 14, interrupt 30, through the GIC's distributor and CPU interface.  The
 * loop sleeps in wfi with IRQs masked at the CPU: a pending interrupt
 * still ends wfi, so one that fires between the clock check and the wfi
 * is not lost; unmasking then takes it, and the handler disarms the
 * timer.  Other interrupts (virtio-mmio's SPIs) are held at the
 * distributor by virtio_virt.c until the loop has asked the devices:
 * platform_wait() calls event_poll() (rt/bare/event.c) before it sleeps
 * and after every wake-up, as on riscv64_virt.
 */
#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "bare/event.h"
#include "machine.h"

/* GICv2 distributor */
#define GICD_CTLR 0x000
#define GICD_ISENABLER(n) (0x100 + 4 * (n))
#define GICD_ICENABLER(n) (0x180 + 4 * (n))
#define GICD_IPRIORITYR 0x400	/* one byte per interrupt */
#define GICD_ITARGETSR 0x800	/* one byte per interrupt: CPU mask */
#define GICD_ICFGR(n) (0xc00 + 4 * (n))
/* GICv2 CPU interface */
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010

#define PRIORITY 0xa0		/* any, above the mask */
#define PRIORITY_MASK 0xf0	/* lets every priority below 0xf0 in */

/* CNTP_CTL_EL0 */
#define CTL_ENABLE 1u
#define CTL_IMASK 2u

#define NS_PER_S 1000000000u

static uint64_t freq;		/* CNTFRQ_EL0, in Hz */

void aarch64_virt_gic_enable(unsigned irq)
{
	mmio_write8(VIRT_GICD + GICD_IPRIORITYR + irq, PRIORITY);
	if (irq >= 32) {
		/* SPIs: to CPU 0, level-sensitive (virtio-mmio's are). */
		uint32_t cfg = mmio_read32(VIRT_GICD + GICD_ICFGR(irq / 16));

		cfg &= ~(3u << (irq % 16 * 2));
		mmio_write32(VIRT_GICD + GICD_ICFGR(irq / 16), cfg);
		mmio_write8(VIRT_GICD + GICD_ITARGETSR + irq, 1);
	}
	mmio_write32(VIRT_GICD + GICD_ISENABLER(irq / 32), 1u << (irq % 32));
}

void aarch64_virt_timer_init(void)
{
	freq = sysreg_read(cntfrq_el0);
	if (freq == 0)
		freq = 62500000;	/* qemu's value, should firmware not set it */
	sysreg_write(cntp_ctl_el0, CTL_IMASK);
	mmio_write32(VIRT_GICD + GICD_CTLR, 1);
	mmio_write32(VIRT_GICC + GICC_PMR, PRIORITY_MASK);
	mmio_write32(VIRT_GICC + GICC_CTLR, 1);
	aarch64_virt_gic_enable(IRQ_TIMER_PHYS);
	isb();
}

void aarch64_virt_timer_stop(void)
{
	sysreg_write(cntp_ctl_el0, CTL_IMASK);
	isb();
}

/* Stop forwarding an interrupt (its state at the CPU interface stays). */
void aarch64_virt_gic_disable(unsigned irq)
{
	mmio_write32(VIRT_GICD + GICD_ICENABLER(irq / 32), 1u << (irq % 32));
}

/* ticks * 10^9 / freq without overflow: whole seconds, then the rest
 * (below freq, so rest * 10^9 fits for any freq below 18 GHz). */
uint64_t aarch64_virt_ticks_to_ns(uint64_t ticks)
{
	return ticks / freq * NS_PER_S + ticks % freq * NS_PER_S / freq;
}

/* The first tick at or after ns (UINT64_MAX when out of range). */
static uint64_t ns_to_ticks(uint64_t ns)
{
	uint64_t s = ns / NS_PER_S, rest = ns % NS_PER_S;

	if (s > UINT64_MAX / freq - 1)
		return UINT64_MAX;
	return s * freq + (rest * freq + NS_PER_S - 1) / NS_PER_S;
}

/* From start.S's IRQ vector: acknowledge, dispatch, end. */
void aarch64_virt_irq(void)
{
	uint32_t iar = mmio_read32(VIRT_GICC + GICC_IAR);
	unsigned irq = iar & 0x3ff;

	if (irq == IRQ_SPURIOUS)
		return;
	if (irq == IRQ_TIMER_PHYS) {
		/* Disarm: the level interrupt drops; platform_wait()
		 * re-checks the clock itself. */
		sysreg_write(cntp_ctl_el0, CTL_IMASK);
		isb();
	} else {
		aarch64_virt_device_irq(irq);	/* virtio_virt.c */
	}
	mmio_write32(VIRT_GICC + GICC_EOIR, iar);
}

/* With IRQs masked at the CPU (they stay so), ask the event sources
 * (rt/bare/event.h), which acknowledges their devices, then let the
 * interrupts the IRQ handler held through again: a device that has work
 * anew interrupts at once.  Releasing only after the acknowledgement
 * keeps a level-triggered line from storming; releasing before every wfi
 * keeps one held during the callbacks from missing the wake-up. */
static int poll_masked(struct platform_event *w, size_t n)
{
	int ready;

	irq_mask();
	isb();
	ready = event_poll(w, n);
	aarch64_virt_irq_release();
	return ready;
}

int platform_wait(uint64_t deadline, struct platform_event *w, size_t n)
{
	uint64_t ticks;
	int ready;

	/* IRQs masked at the CPU: poll, arm, wfi.  A pending interrupt
	 * ends wfi even while masked, so one that fires between the check
	 * and the wfi is not lost. */
	ready = poll_masked(w, n);
	if (ready == 0 && deadline != 0) {
		ticks = deadline == UINT64_MAX ? UINT64_MAX
					       : ns_to_ticks(deadline);
		if (sysreg_read(cntpct_el0) < ticks) {
			/* No deadline: sleep until some interrupt.  Waiting
			 * for devices only, no timer is armed: under qemu
			 * -icount sleep=off virtual time would jump to it
			 * while the device works in real time. */
			if (ticks != UINT64_MAX) {
				sysreg_write(cntp_cval_el0, ticks);
				sysreg_write(cntp_ctl_el0, CTL_ENABLE);
				isb();
			}
			wfi();
		}
		/* Unmasking takes the pending interrupts: the handler
		 * disarms the timer and holds the devices' lines. */
		irq_unmask();
		isb();
		ready = poll_masked(w, n);
	}
	irq_unmask();
	isb();
	return ready;
}
