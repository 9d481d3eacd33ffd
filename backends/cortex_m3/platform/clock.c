/* SPDX-License-Identifier: MIT */
/*
 * clock.c - time on Cortex-M3: SysTick and semihosting SYS_TIME.
 *
 * SysTick counts down from CM3_TICK_RELOAD - 1 at the 25 MHz core clock
 * and interrupts once per millisecond; the handler counts milliseconds.
 * The monotonic clock is that count plus the steps the counter has gone
 * down in the current millisecond, so it resolves 40 ns.
 *
 * The loop sleeps in wfi: every SysTick interrupt wakes the core, which
 * checks the deadline and goes back to sleep.  Under qemu with
 * -icount shift=auto,sleep=off a sleeping guest costs no wall time.
 *
 * Devices wake it too.  A driver registers its device as an event source
 * (rt/bare/event.h) and enables its interrupt (cm3_irq_enable());
 * platform_wait() asks the sources (event_poll(), which acknowledges
 * the devices) before it sleeps and after each wake-up.  The interrupt
 * handler does no work: it disables the interrupt in the NVIC, so that a
 * level-triggered line that stays up until the driver acknowledges it
 * cannot take the core again and again, and platform_wait() enables it
 * again (pending bit cleared) just before it asks the sources, as
 * riscv64_virt completes its PLIC claims.  A device that raises its
 * line after it was asked makes it pending, which ends the next wfi.
 *
 * The wall clock is the host's time, read once with semihosting SYS_TIME
 * (whole seconds) when it is first asked for, then advanced by the
 * monotonic clock.  It is therefore off by up to a second, and it drifts
 * from the host's clock as far as the guest's time does (with -icount
 * sleep=off virtual time runs ahead of real time).
 */
#include <errno.h>
#include <stdint.h>

#include "platform.h"
#include "bare/event.h"
#include "cm3.h"

/* Milliseconds since SysTick started; written only by the handler. */
static volatile uint64_t ticks;
/* The last value platform_now_ns() returned, which it never goes below. */
static uint64_t last_ns;

void SysTick_Handler(void);

void SysTick_Handler(void)
{
	ticks++;
}

void cm3_systick_start(void)
{
	if (CM3_SYST_CSR & CM3_SYST_CSR_ENABLE)
		return;
	CM3_SYST_RVR = CM3_TICK_RELOAD - 1u;
	CM3_SYST_CVR = 0;	/* any write clears the counter */
	CM3_SYST_CSR = CM3_SYST_CSR_CLKSOURCE | CM3_SYST_CSR_TICKINT |
		       CM3_SYST_CSR_ENABLE;
}

uint64_t platform_now_ns(void)
{
	uint64_t t, ns;
	uint32_t val;
	bool pending;

	/* A consistent (ticks, counter) pair: the 64-bit count is read in
	 * two halves, and the handler may run between the reads. */
	do {
		t = ticks;
		val = CM3_SYST_CVR;
		pending = (CM3_SCB_ICSR & CM3_ICSR_PENDSTSET) != 0;
	} while (t != ticks);
	/*
	 * With interrupts masked (platform_wait() checks the deadline so)
	 * the counter may have wrapped while its interrupt waits: the
	 * millisecond is then over, although ticks does not say so yet.  A
	 * counter in the upper half of its range was read after the wrap.
	 */
	if (pending && val >= CM3_TICK_RELOAD / 2u)
		t++;
	ns = t * 1000000u + (uint64_t)(CM3_TICK_RELOAD - 1u - val) * CM3_NS_PER_STEP;
	if (ns < last_ns)
		ns = last_ns;
	last_ns = ns;
	return ns;
}

int64_t platform_wall_ns(void)
{
	static bool tried, known;
	static int64_t offset;	/* wall clock - monotonic clock */

	if (!tried) {
		int32_t s;

		tried = true;
		s = cm3_semihost(CM3_SYS_TIME, NULL);
		if (s != -1 && !cm3_no_semihosting) {
			offset = (int64_t)(uint32_t)s * 1000000000 -
				 (int64_t)platform_now_ns();
			known = true;
		}
	}
	return known ? offset + (int64_t)platform_now_ns() : -1;
}

/* ---- device interrupts ------------------------------------------------------------ */

/* The external interrupts a driver enabled, and those taken (and
 * disabled) since platform_wait() last enabled them again; the handler
 * writes `taken`, the program reads it with interrupts masked. */
static uint32_t enabled;
static volatile uint32_t taken;

void cm3_irq_handler(void);

void cm3_irq_handler(void)
{
	uint32_t ipsr, bit;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	bit = UINT32_C(1) << ((ipsr & 0x1ffu) - 16u);
	CM3_NVIC_ICER = bit;
	taken |= bit;
}

int cm3_irq_enable(unsigned irq)
{
	/* A relocation that costs no byte: it keeps the external
	 * interrupts' vectors (vectors.S) in the image when this function
	 * is, which --gc-sections would otherwise drop. */
	__asm__(".reloc ., R_ARM_NONE, cm3_irq_vectors");
	if (irq >= CM3_NIRQ)
		return -EINVAL;
	enabled |= UINT32_C(1) << irq;
	CM3_NVIC_ISER = UINT32_C(1) << irq;
	return 0;
}

void cm3_irq_rearm(void)
{
	uint32_t t = taken & enabled;

	taken = 0;
	if (t) {
		CM3_NVIC_ICPR = t;
		CM3_NVIC_ISER = t;
	}
}

/* Enable the interrupts taken, then ask the event sources; interrupts
 * are masked (see platform_wait()). */
static int poll_devices(struct platform_event *w, size_t n)
{
	cm3_irq_rearm();
	return event_poll(w, n);
}

int platform_wait(uint64_t deadline, struct platform_event *w, size_t n)
{
	int ready;

	/*
	 * Interrupts are masked around the last checks so that neither
	 * SysTick nor a device's interrupt can slip in between them and
	 * wfi (it would then sleep a whole tick too long, or forever with
	 * SysTick off); a pending interrupt wakes wfi even when masked, and
	 * its handler runs once they are unmasked.  Waiting for devices
	 * only (deadline UINT64_MAX), SysTick still wakes the core every
	 * millisecond: it is the clock.  The sources are asked again only
	 * when a device's interrupt was among the wake-ups: a source's
	 * state changes only by what its device does.
	 */
	__asm__ volatile("cpsid i" ::: "memory");
	ready = poll_devices(w, n);
	while (ready == 0 && platform_now_ns() < deadline) {
		__asm__ volatile("wfi" ::: "memory");
		__asm__ volatile("cpsie i" ::: "memory");
		__asm__ volatile("cpsid i" ::: "memory");
		if (taken)
			ready = poll_devices(w, n);
	}
	__asm__ volatile("cpsie i" ::: "memory");
	return ready;
}
