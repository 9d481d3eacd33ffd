/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the runtime's platform on Cortex-M3 (MPS2 AN385 under
 * qemu-system-arm): console on CMSDK UART0, boot arguments and exit
 * through ARM semihosting, memory from the heap's break.  The clocks and
 * waiting are in clock.c, reset and faults in startup.c.
 *
 * There is no entropy source on this board: platform_random() says so.
 */
#include <errno.h>
#include <stdint.h>

#include "platform.h"
#include "cm3.h"
#include "errtext.h"
#include "bare/devices/netif_lan9118.h"

/* ---- UART0 ------------------------------------------------------------------------ */

void cm3_uart_enable(void)
{
	if (!(CM3_UART_CTRL & CM3_UART_CTRL_TXEN)) {
		CM3_UART_BAUDDIV = CM3_UART_DIVISOR;
		CM3_UART_CTRL |= CM3_UART_CTRL_TXEN;
	}
}

void cm3_uart_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		while (CM3_UART_STATE & CM3_UART_STATE_TXFULL)
			;
		CM3_UART_DATA = (unsigned char)buf[i];
	}
}

/* ---- the platform ---------------------------------------------------------------- */

int platform_init(void)
{
	cm3_uart_enable();
	cm3_systick_start();	/* Reset_Handler started it; harmless again */
	return 0;
}

void platform_fini(void)
{
	/* platform_wait() allocates nothing: nothing to release. */
}

void platform_console_write(const char *buf, size_t len, bool err)
{
	(void)err;	/* one serial line for both */
	cm3_uart_write(buf, len);
}

bool platform_console_is_tty(void)
{
	return false;	/* a serial line: no timestamps unless asked */
}

_Noreturn void platform_exit(int status)
{
	cm3_exit(status);
}

int platform_random(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENOSYS;	/* the AN385 has no random number generator */
}

/*
 * The AN385 has no random number generator, but the program already
 * talks to its host through semihosting (the command line, the exit
 * status, the time): the seed is read from the host's /dev/urandom
 * (SYS_OPEN, SYS_READ, SYS_CLOSE), fresh at every boot, as qemu's virt
 * machines put host bytes in the device tree.  0 when no host serves
 * semihosting or the file cannot be read; handed out once.
 */
size_t platform_seed(void *buf, size_t len)
{
	static bool given;
	static const char path[] = "/dev/urandom";
	struct { const char *name; uint32_t mode, len; } open_args =
		{ path, 1 /* "rb" */, sizeof(path) - 1 };
	struct { int32_t fd; void *buf; uint32_t len; } read_args = { 0 };
	int32_t fd, left;

	if (given || len == 0 || cm3_no_semihosting)
		return 0;
	given = true;
	if (len > 256)
		len = 256;
	fd = cm3_semihost(CM3_SYS_OPEN, &open_args);
	if (fd == -1 || cm3_no_semihosting)
		return 0;
	read_args.fd = fd;
	read_args.buf = buf;
	read_args.len = (uint32_t)len;
	/* SYS_READ returns how many bytes it did NOT read. */
	left = cm3_semihost(CM3_SYS_READ, &read_args);
	cm3_semihost(CM3_SYS_CLOSE, &fd);
	if (left < 0 || (uint32_t)left > len)
		return 0;
	return len - (size_t)left;
}

/*
 * The command line of semihosting SYS_GET_CMDLINE.  qemu builds it from
 * -kernel and -append: "dist/hello.elf --hello=Bonjour", so the first
 * word, the image (argv[0] by the semihosting convention), is skipped.
 */
const char *platform_cmdline(void)
{
	static char line[1024];
	static bool done;
	static const char *args;
	struct {
		char *buf;
		uint32_t size;
	} block = { line, sizeof(line) };
	char *p;

	if (done)
		return args;
	done = true;
	if (cm3_semihost(CM3_SYS_GET_CMDLINE, &block) != 0 || cm3_no_semihosting) {
		/* Say why --options on -append do not arrive. */
#ifdef MIRC_RUNTIME_SMALL
		static const char msg[] = "mirc: no boot command line\n";
#else
		static const char msg[] =
			"mirc: no boot command line (semihosting SYS_GET_CMDLINE "
			"failed, or it is longer than 1023 bytes)\n";
#endif
		if (!cm3_no_semihosting)
			cm3_uart_write(msg, sizeof(msg) - 1);
		return NULL;
	}
	line[sizeof(line) - 1] = '\0';
	p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	args = p;
	return args;
}

/*
 * The runtime's memory (boot-argument arena, timer and deferred-call
 * storage beyond the static tables) comes straight from the break
 * (cm3_sbrk(), shared with picolibc's malloc for devices that call it):
 * blocks are carved upwards, and freeing or resizing the block at the top
 * moves the break back; anything else stays allocated until the program
 * ends, which costs at most as much again as the runtime's largest
 * tables, since they grow by doubling.  picolibc's malloc, free and realloc
 * are several hundred bytes of flash that a program without a
 * device calling malloc() does without.  Blocks are 8-byte aligned,
 * alignof(max_align_t) on this ABI.
 */
void *platform_realloc(void *p, size_t old, size_t size)
{
	char *top = cm3_sbrk(0), *n;
	size_t pad;

	old = (old + 7u) & ~(size_t)7u;
	if (size > (size_t)PTRDIFF_MAX - 7u)
		return NULL;
	size = (size + 7u) & ~(size_t)7u;
	if (p && (char *)p + old == top) {
		/* The top block: the break moves, the block stays. */
		if (!cm3_sbrk((ptrdiff_t)size - (ptrdiff_t)old))
			return NULL;
		return size ? p : NULL;
	}
	if (size == 0)
		return NULL;	/* not the top block: kept until the end */
	/* picolibc's malloc may have left the break 4-aligned only. */
	pad = (size_t)(-(uintptr_t)top & 7u);
	if (!(n = cm3_sbrk((ptrdiff_t)(pad + size))))
		return NULL;
	n += pad;
	for (size_t i = 0; p && i < old && i < size; i++)
		n[i] = ((const char *)p)[i];
	return n;
}

/* The LAN9118's interrupt ends platform_wait()'s sleep (clock.c). */
int netif_lan9118_board_irq(unsigned irq)
{
	return cm3_irq_enable(irq);
}

/* The one table of messages of the bare-metal targets (rt/libc/errtext.c):
 * picolibc's strerror() costs 3.4 KB of flash for some 130 of them. */
const char *platform_strerror(int err)
{
	return errtext(err);
}
