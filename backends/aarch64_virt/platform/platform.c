/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the rt/src/platform.h functions for aarch64_virt: qemu's
 * virt machine (-M virt -cpu cortex-a53), bare metal at EL1.
 *
 *   console   PL011 UART at 0x09000000, polled
 *   monotonic the generic timer's physical counter (CNTPCT_EL0 / CNTFRQ_EL0)
 *   wait      the EL1 physical timer's interrupt through the GICv2, wfi
 *             (timer.c)
 *   wall      PL031 RTC at 0x09010000 (whole seconds)
 *   exit      semihosting SYS_EXIT with the extended reason (-semihosting)
 *   cmdline   /chosen/bootargs of the device tree (qemu -append)
 *   seed      /chosen/rng-seed of the device tree (random_chacha20)
 *   heap      rt/libc's malloc over the rest of RAM (link.ld), also for
 *             platform_realloc (rt/bare/libc_glue.c)
 *   devices   virtio-mmio transports (virtio_virt.c), event sources of
 *             rt/bare/event.c (also platform_fd_check), woken through the
 *             GIC (timer.c)
 *   entropy   none (-ENOSYS): the seed is the source
 *
 * The device tree and its reading are rt/bare/fdt.c's; start.S set up
 * the stack, FP/SIMD, the vectors and the MMU before aarch64_virt_boot().
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "machine.h"
#include "bare/fdt.h"

/* PL011 registers */
#define UART_DR 0x00		/* data */
#define UART_FR 0x18		/* flags */
#define UART_FR_TXFF 0x20	/* transmit FIFO full */
#define UART_LCRH 0x2c		/* line control */
#define UART_LCRH_WLEN8 0x60	/* 8 data bits */
#define UART_LCRH_FEN 0x10	/* FIFOs on */
#define UART_CR 0x30		/* control */
#define UART_CR_UARTEN 0x001
#define UART_CR_TXE 0x100
#define UART_CR_RXE 0x200

/* PL031: RTCDR counts seconds since the epoch (qemu sets it from the
 * host's clock, or from -rtc base=...). */
#define RTC_DR 0x00

/* /chosen's bootargs and rng-seed, copied out of the device tree. */
static struct fdt_boot boot;

_Noreturn void aarch64_virt_semihost_exit(int status);

/* ---- boot ---------------------------------------------------------------- */

/*
 * Called by start.S before main(): .bss is clear, the MMU is on,
 * exceptions go to the vectors, IRQs are masked.
 */
void aarch64_virt_boot(void);
void aarch64_virt_boot(void)
{
	/* The PL011 as the Linux driver leaves it: 8N1, FIFOs, enabled
	 * (qemu prints without this; real PL011s do not). */
	mmio_write32(VIRT_UART0 + UART_CR, 0);
	mmio_write32(VIRT_UART0 + UART_LCRH, UART_LCRH_WLEN8 | UART_LCRH_FEN);
	mmio_write32(VIRT_UART0 + UART_CR,
		     UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE);
	/* The tree is below the image (link.ld), never overwritten; the
	 * seed is erased in it all the same, and bootargs copied like on
	 * the boards whose tree the heap reuses. */
	fdt_boot_take(&boot, (void *)(uintptr_t)VIRT_RAM, VIRT_FDT_MAX);
}

_Noreturn void aarch64_virt_main_returned(int status);
_Noreturn void aarch64_virt_main_returned(int status)
{
	platform_exit(status);
}

/* ---- the platform ---------------------------------------------------------- */

int platform_init(void)
{
	/* Idempotent: the GIC and the timer are (re)programmed, the timer
	 * left disarmed, IRQs unmasked (platform_wait masks them around
	 * wfi). */
	aarch64_virt_timer_init();
	irq_unmask();
	return 0;
}

void platform_fini(void)
{
	aarch64_virt_timer_stop();
}

uint64_t platform_now_ns(void)
{
	isb();		/* no reading of the counter ahead of time */
	return aarch64_virt_ticks_to_ns(sysreg_read(cntpct_el0));
}

int64_t platform_wall_ns(void)
{
	return (int64_t)mmio_read32(VIRT_RTC + RTC_DR) * 1000000000;
}

void platform_console_write(const char *buf, size_t len, bool err)
{
	(void)err;		/* one serial line: stdout and stderr alike */
	for (size_t i = 0; i < len; i++) {
		/* Wait for room in the transmit FIFO, then queue the byte. */
		while (mmio_read32(VIRT_UART0 + UART_FR) & UART_FR_TXFF)
			;
		mmio_write32(VIRT_UART0 + UART_DR, (uint8_t)buf[i]);
	}
}

bool platform_console_is_tty(void)
{
	return false;
}

_Noreturn void platform_exit(int status)
{
	irq_mask();
	aarch64_virt_timer_stop();
	aarch64_virt_semihost_exit(status & 0xff);
}

int platform_random(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENOSYS;		/* no RNG device: platform_seed() instead */
}

size_t platform_seed(void *buf, size_t len)
{
	return fdt_boot_seed(&boot, buf, len);
}

const char *platform_cmdline(void)
{
	return boot.bootargs;
}
