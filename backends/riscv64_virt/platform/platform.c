/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the rt/src/platform.h functions for riscv64_virt: qemu's
 * virt board in machine mode without firmware.
 *
 *   console   ns16550a UART at 0x10000000, polled (qemu needs no setup)
 *   monotonic CLINT mtime, 10 MHz from reset
 *   wait      mtimecmp + mie.MTIE, then wfi: the hart sleeps until the
 *             timer interrupt (with -icount sleep=off qemu skips ahead)
 *             or a device's (PLIC, virtio_virt.c); the devices are
 *             event sources (rt/bare/event.c, also platform_fd_check)
 *   wall      goldfish RTC at 0x101000
 *   exit      SiFive test finisher at 0x100000
 *   cmdline   /chosen/bootargs of the device tree (qemu -append), read
 *             with rt/bare/fdt.c
 *   heap      rt/libc's malloc over the rest of DRAM (link.ld), also for
 *             platform_realloc (rt/bare/libc_glue.c)
 *   entropy   no source (-ENOSYS); the device tree's rng-seed is the
 *             boot seed (platform_seed), for random_chacha20
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "bare/event.h"
#include "machine.h"
#include "bare/fdt.h"

/* ns16550a registers */
#define UART_THR 0		/* transmit holding (write) */
#define UART_LSR 5		/* line status */
#define UART_LSR_THRE 0x20	/* THR empty */

/* SiFive test finisher */
#define FINISHER_FAIL 0x3333u	/* (status << 16) | FAIL: exit(status) */
#define FINISHER_PASS 0x5555u	/* exit(0) */

/* goldfish RTC: reading TIME_LOW latches TIME_HIGH. */
#define RTC_TIME_LOW 0x00
#define RTC_TIME_HIGH 0x04

/* /chosen's bootargs and rng-seed, copied out of the device tree. */
static struct fdt_boot boot;

#define FDT_SPAN 0x100000000ull	/* where the tree may be, from VIRT_DRAM */
#define FDT_MAX_SIZE 0x200000u	/* 2 MiB; qemu's is a few KiB */

/* The bottom of the stack: an access there is a stack overflow. */
extern char __stack_guard[];

/*
 * Called by start.S before main(): .bss is clear, traps go to
 * trap_entry, interrupts are off.
 */
void riscv_virt_boot(uintptr_t fdt);
void riscv_virt_boot(uintptr_t fdt)
{
	uintptr_t guard = (uintptr_t)__stack_guard;

	/* PMP entry 0: a locked, inaccessible 4 KiB NAPOT region below the
	 * stack.  Locked entries bind machine mode too; accesses matching
	 * no entry stay allowed. */
	csr_write(pmpaddr0, (guard + 4096 / 2 - 1) >> 2);
	csr_write(pmpcfg0, 0x98);	/* L | A=NAPOT, no R/W/X */

	/* Copy the boot arguments and the seed now: the device tree sits
	 * in the upper part of DRAM, which the heap may reuse later.  qemu
	 * puts it near the end of DRAM, whatever -m says: the program uses
	 * the first 128 MiB only, but reads it from anywhere in the first
	 * 4 GiB. */
	if (fdt >= VIRT_DRAM && fdt < VIRT_DRAM + FDT_SPAN) {
		uint64_t room = VIRT_DRAM + FDT_SPAN - fdt;

		fdt_boot_take(&boot, (void *)fdt,
			      room < FDT_MAX_SIZE ? (size_t)room : FDT_MAX_SIZE);
	}
}

_Noreturn void riscv_virt_main_returned(int status);
_Noreturn void riscv_virt_main_returned(int status)
{
	platform_exit(status);
}

/* ---- the platform ---------------------------------------------------------- */

int platform_init(void)
{
	/* Idempotent: the timer is disarmed and its interrupt enabled,
	 * globally too (platform_wait() masks interrupts around wfi); the
	 * external interrupt is enabled once a device routes one. */
	mmio_write64(CLINT_MTIMECMP0, UINT64_MAX);
	csr_set(mie, MIE_MTIE);
	csr_set(mstatus, MSTATUS_MIE);
	return 0;
}

void platform_fini(void)
{
	mmio_write64(CLINT_MTIMECMP0, UINT64_MAX);
}

uint64_t platform_now_ns(void)
{
	return mtime() * NS_PER_TICK;
}

int64_t platform_wall_ns(void)
{
	uint64_t lo = mmio_read32(VIRT_RTC + RTC_TIME_LOW);
	uint64_t hi = mmio_read32(VIRT_RTC + RTC_TIME_HIGH);

	return (int64_t)(hi << 32 | lo);
}

static void uart_putc(char c)
{
	while (!(mmio_read8(VIRT_UART0 + UART_LSR) & UART_LSR_THRE))
		;
	mmio_write8(VIRT_UART0 + UART_THR, (uint8_t)c);
}

void platform_console_write(const char *buf, size_t len, bool err)
{
	(void)err;		/* one serial line */
	while (len--)
		uart_putc(*buf++);
}

bool platform_console_is_tty(void)
{
	return false;
}

/* Called by the trap handler on the machine timer interrupt: disarm the
 * comparator, which lowers the interrupt; platform_wait() re-checks the
 * clock itself. */
void riscv_virt_timer_irq(void)
{
	mmio_write64(CLINT_MTIMECMP0, UINT64_MAX);
}

/* Ask the event sources (rt/bare/event.h), which acknowledges their
 * devices, then complete the PLIC sources the trap handler claimed: a
 * device that has work again raises its interrupt anew.  Completing only
 * after the acknowledgement keeps a level-triggered line from storming;
 * completing before every wfi keeps a source claimed during the
 * callbacks from holding back the interrupt that should end the sleep. */
static int poll_devices(struct platform_event *w, size_t n)
{
	int ready = event_poll(w, n);

	riscv_virt_irq_complete();
	return ready;
}

int platform_wait(uint64_t deadline, struct platform_event *w, size_t n)
{
	uint64_t ticks;
	int ready;

	/* With interrupts masked, poll, then arm the comparator and sleep:
	 * wfi wakes when an interrupt is pending even while masked, so a
	 * timer or a device that fires between the check and the wfi
	 * cannot be lost. */
	csr_clear(mstatus, MSTATUS_MIE);
	ready = poll_devices(w, n);
	if (ready == 0 && deadline != 0) {
		/* The first tick at or after the deadline.  Waiting for
		 * devices only, no timer is armed: under qemu -icount with
		 * sleep=off, virtual time would jump to it while the device
		 * works in real time. */
		ticks = deadline / NS_PER_TICK + (deadline % NS_PER_TICK != 0);
		if (mtime() < ticks) {
			if (deadline != UINT64_MAX || n == 0)
				mmio_write64(CLINT_MTIMECMP0, ticks);
			wfi();
		}
		/* Unmasking takes the pending interrupts: the handlers
		 * disarm the timer and claim the devices' sources. */
		csr_set(mstatus, MSTATUS_MIE);
		csr_clear(mstatus, MSTATUS_MIE);
		ready = poll_devices(w, n);
	}
	csr_set(mstatus, MSTATUS_MIE);
	return ready;
}

_Noreturn void platform_exit(int status)
{
	status &= 0xffff;
	mmio_write32(VIRT_TEST, status == 0 ? FINISHER_PASS
			       : (uint32_t)status << 16 | FINISHER_FAIL);
	/* Not reached under qemu; elsewhere, stop here. */
	csr_clear(mstatus, MSTATUS_MIE);
	for (;;)
		wfi();
}

int platform_random(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENOSYS;		/* the virt board has no entropy source */
}

size_t platform_seed(void *buf, size_t len)
{
	return fdt_boot_seed(&boot, buf, len);
}

const char *platform_cmdline(void)
{
	return boot.bootargs;
}
