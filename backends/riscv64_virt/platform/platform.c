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
 *   cmdline   /chosen/bootargs of the device tree (qemu -append)
 *   heap      rt/libc's malloc over the rest of DRAM (link.ld), also for
 *             platform_realloc (rt/bare/libc_glue.c)
 *   entropy   none (-ENOSYS)
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

static const char *bootargs;		/* copied from the device tree */

/* ---- boot ---------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_SPAN 0x100000000ull	/* where the tree may be, from VIRT_DRAM */
#define FDT_MAX_SIZE 0x200000u	/* 2 MiB; qemu's is a few KiB */
#define ALIGN4(n) (((n) + 3u) & ~(size_t)3u)

/*
 * The value of /chosen/bootargs in the flattened device tree at fdt, and
 * its size (with the NUL) in *len; NULL when there is none or the tree is
 * not one (every offset is checked: a bad tree must not crash the boot).
 */
static const char *fdt_bootargs(uintptr_t fdt, size_t *len)
{
	const unsigned char *f = (const unsigned char *)fdt;
	uint32_t total, off_struct, off_strings, size_strings, size_struct;
	size_t p, end, depth = 0;
	bool in_chosen = false;

	/* qemu puts the tree near the end of DRAM, whatever -m says; the
	 * program uses the first 128 MiB only, but reads it from anywhere
	 * in the first 4 GiB. */
	if (fdt < VIRT_DRAM || fdt > VIRT_DRAM + FDT_SPAN - FDT_MAX_SIZE ||
	    (fdt & 3) || be32(f) != FDT_MAGIC || be32(f + 20) < 17)
		return NULL;
	total = be32(f + 4);
	off_struct = be32(f + 8);
	off_strings = be32(f + 12);
	size_strings = be32(f + 32);
	size_struct = be32(f + 36);
	if (total > FDT_MAX_SIZE ||
	    off_struct > total || size_struct > total - off_struct ||
	    off_strings > total || size_strings > total - off_strings)
		return NULL;
	p = off_struct;
	end = (size_t)off_struct + size_struct;
	while (end - p >= 4) {
		uint32_t token = be32(f + p);

		p += 4;
		switch (token) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)f + p;
			size_t n = strnlen(name, end - p);

			if (n == end - p)
				return NULL;
			depth++;
			/* The root is depth 1, /chosen depth 2. */
			if (depth == 2)
				in_chosen = strcmp(name, "chosen") == 0;
			p += ALIGN4(n + 1);
			if (p > end)
				return NULL;
			break;
		}
		case FDT_END_NODE:
			if (depth == 0)
				return NULL;
			if (depth == 2)
				in_chosen = false;
			if (--depth == 0)
				return NULL;	/* end of the root node */
			break;
		case FDT_PROP: {
			uint32_t vlen, nameoff;
			const char *name;

			if (end - p < 8)
				return NULL;
			vlen = be32(f + p);
			nameoff = be32(f + p + 4);
			p += 8;
			if (vlen > end - p || nameoff >= size_strings)
				return NULL;
			name = (const char *)f + off_strings + nameoff;
			if (in_chosen && depth == 2 &&
			    strnlen(name, size_strings - nameoff) == 8 &&
			    memcmp(name, "bootargs", 8) == 0) {
				*len = vlen;
				return (const char *)f + p;
			}
			p += ALIGN4(vlen);
			if (p > end)
				return NULL;
			break;
		}
		case FDT_NOP:
			break;
		default:	/* FDT_END or garbage */
			return NULL;
		}
	}
	return NULL;
}

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
	size_t len = 0;
	const char *args;

	/* PMP entry 0: a locked, inaccessible 4 KiB NAPOT region below the
	 * stack.  Locked entries bind machine mode too; accesses matching
	 * no entry stay allowed. */
	csr_write(pmpaddr0, (guard + 4096 / 2 - 1) >> 2);
	csr_write(pmpcfg0, 0x98);	/* L | A=NAPOT, no R/W/X */

	/* Copy the boot arguments now: the device tree sits in the upper
	 * part of DRAM, which the heap may reuse later. */
	args = fdt_bootargs(fdt, &len);
	if (args) {
		size_t n = strnlen(args, len);
		char *copy = n ? malloc(n + 1) : NULL;

		if (copy) {
			memcpy(copy, args, n);
			copy[n] = '\0';
			bootargs = copy;
		}
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
static int poll_devices(struct platform_watch *w, size_t n)
{
	int ready = event_poll(w, n);

	riscv_virt_irq_complete();
	return ready;
}

int platform_wait(uint64_t deadline, struct platform_watch *w, size_t n)
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

const char *platform_cmdline(void)
{
	return bootargs;
}
