/* SPDX-License-Identifier: MIT */
/*
 * platform.c - the runtime's platform (rt/src/platform.h) on the virtio
 * target: x86_64 under qemu, booted through PVH.  The console is COM1,
 * time the TSC and the local APIC timer (clock.c), the command line comes
 * from the PVH start_info, the heap is rt/libc's, randomness RDRAND, and
 * the program leaves qemu through isa-debug-exit.
 *
 * Devices (rt/bare/virtio, routed by virtio_x86.c) are event sources
 * the event loop waits on as if they were file descriptors
 * (rt/bare/event.h, which also gives platform_fd_check()):
 * platform_wait() asks each watched source before it sleeps in hlt, and
 * again after every wake-up; the devices' interrupts end the hlt.  The
 * runtime's memory and error texts are rt/libc's (rt/bare/libc_glue.c).
 *
 * Exit status: isa-debug-exit makes qemu exit with (value << 1) | 1, of
 * which the shell sees 8 bits, so only 7 bits of value survive, and qemu
 * itself also exits with 0 or 1 on its own.  The guest therefore writes
 * status + 1 (1 to 127) and backends/virtio/run.sh decodes
 * (qemu_status - 1) / 2 - 1.  Statuses 0 to 126 pass exactly; larger
 * ones arrive as 126 (with a note on the console).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "bare/event.h"
#include "bare/print.h"
#include "x86.h"

int main(int argc, char **argv);
_Noreturn void x86_start(void);

/* hvm_start_info (xen/include/public/arch-x86/hvm/start_info.h). */
#define PVH_MAGIC 0x336ec578u
#define PVH_OFF_MAGIC 0
#define PVH_OFF_VERSION 4
#define PVH_OFF_CMDLINE 24
#define PVH_OFF_RSDP 32
#define PVH_OFF_MEMMAP 40
#define PVH_OFF_MEMMAP_N 48
#define E820_RAM 1

extern char __heap_start[], __heap_end[];

static int init_rc;		/* of the boot-time setup */
static char cmdline[4096];
static bool have_cmdline;
static int rdrand_state;	/* 0 unknown, 1 present, -1 absent */
static uint64_t rsdp;		/* ACPI RSDP from the start_info, or 0 */

/* ---- boot -------------------------------------------------------------------------------- */

static uint64_t rd64(uint64_t addr)
{
	return *(const volatile uint64_t *)(uintptr_t)addr;
}

static uint32_t rd32(uint64_t addr)
{
	return *(const volatile uint32_t *)(uintptr_t)addr;
}

/* Copy the command line out of the loader's memory (it is low memory
 * nobody reserves for us), and check that the heap is RAM. */
static int read_start_info(void)
{
	uint64_t si = x86_pvh_start_info;
	uint64_t lo = (uintptr_t)__heap_start, hi = (uintptr_t)__heap_end;

	if (si == 0 || rd32(si + PVH_OFF_MAGIC) != PVH_MAGIC) {
		print_str("virtio: no PVH start_info: boot with qemu -kernel\n");
		return -EINVAL;
	}
	if (rd64(si + PVH_OFF_CMDLINE)) {
		const char *s = (const char *)(uintptr_t)rd64(si + PVH_OFF_CMDLINE);
		size_t n = strnlen(s, sizeof(cmdline));
		if (n == sizeof(cmdline)) {
			print_str("virtio: the command line is longer than 4095 "
				   "bytes\n");
			return -E2BIG;
		}
		memcpy(cmdline, s, n + 1);
		have_cmdline = true;
	}
	rsdp = rd64(si + PVH_OFF_RSDP);
	/* The memory map came with version 1 of the start_info. */
	if (rd32(si + PVH_OFF_VERSION) >= 1 && rd64(si + PVH_OFF_MEMMAP)) {
		uint64_t map = rd64(si + PVH_OFF_MEMMAP);
		uint32_t n = rd32(si + PVH_OFF_MEMMAP_N);
		bool ok = false;
		for (uint32_t i = 0; i < n && !ok; i++) {
			uint64_t e = map + 24u * i;
			uint64_t addr = rd64(e), size = rd64(e + 8);
			ok = rd32(e + 16) == E820_RAM && addr <= 0x100000 &&
			     addr + size >= hi;
		}
		if (!ok && hi > lo) {
			print_str("virtio: the heap ends at ");
			print_hex(hi);
			print_str(", beyond the RAM: give qemu -m 64 or more\n");
			return -ENOMEM;
		}
	}
	return 0;
}

/* From start.S, on the boot stack, with interrupts off. */
_Noreturn void x86_start(void)
{
	serial_init();
	trap_init();
	init_rc = read_start_info();
	if (init_rc == 0)
		init_rc = clock_init();
	/* argc 0: mirc_rt_init() takes its arguments from platform_cmdline(). */
	x86_exit(main(0, NULL));
}

_Noreturn void x86_exit(int status)
{
	bool fits = status >= 0 && status <= 126;
	uint32_t v = fits ? (uint32_t)status + 1 : 127;

	cli();
	if (!fits) {
		print_str("virtio: exit status ");
		if (status < 0) {
			print_str("-");
			print_dec(0 - (uint64_t)(int64_t)status);
		} else {
			print_dec((uint64_t)status);
		}
		print_str(" does not fit isa-debug-exit: reporting 126\n");
	}
	serial_drain();
	outl(DEBUG_EXIT_PORT, v);
	/* No isa-debug-exit device: a triple fault (an empty IDT, then an
	 * exception) resets the machine, and qemu -no-reboot stops. */
	{
		struct __attribute__((packed)) {
			uint16_t limit;
			uint64_t base;
		} none = { 0, 0 };
		__asm__ volatile("lidt %0; int3" : : "m"(none));
	}
	for (;;)
		__asm__ volatile("hlt");
}

/* ---- rt/src/platform.h ---------------------------------------------------------------------- */

int platform_init(void)
{
	/* Everything was set up once at boot, before main(). */
	return init_rc;
}

void platform_fini(void)
{
	clock_timer_arm(0);
}

uint64_t platform_now_ns(void)
{
	return clock_now_ns();
}

int64_t platform_wall_ns(void)
{
	return clock_wall_ns();
}

void platform_console_write(const char *buf, size_t len, bool err)
{
	(void)err;	/* one serial line */
	serial_write(buf, len);
}

bool platform_console_is_tty(void)
{
	return false;
}

uint64_t x86_acpi_rsdp(void)
{
	return rsdp;
}

int platform_wait(uint64_t deadline, struct platform_event *w, size_t n)
{
	uint64_t now = clock_now_ns();
	int ready = event_poll(w, n);

	if (ready > 0 || deadline <= now)
		return ready;
	/* Interrupts are off outside this window.  sti delays interrupts
	 * by one instruction, so a timer or a device that fires between
	 * the checks above and hlt still ends the hlt instead of being
	 * lost; the handlers only acknowledge the local APIC.  Sleeps of
	 * more than a second wake up once a second, and any early return
	 * makes the core call again.  Waiting for devices only (no
	 * deadline), no timer runs at all: under qemu -icount with
	 * sleep=off, an armed timer would make virtual time jump to it
	 * while the device works in real time. */
	if (deadline != UINT64_MAX)
		clock_timer_arm(deadline - now);
	else if (n == 0)
		clock_timer_arm(UINT64_MAX);
	__asm__ volatile("sti; hlt; cli" : : : "memory");
	clock_timer_arm(0);
	return event_poll(w, n);
}

_Noreturn void platform_exit(int status)
{
	x86_exit(status);
}

/* CPUID.01H:ECX.RDRAND[bit 30]. */
static bool have_rdrand(void)
{
	if (rdrand_state == 0)
		rdrand_state = cpuid(1, 0).ecx & (1u << 30) ? 1 : -1;
	return rdrand_state > 0;
}

/* One RDRAND; Intel's guidance is to retry 10 times before calling the
 * generator broken (the carry flag is clear when it had nothing). */
static bool rdrand64(uint64_t *v)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

int platform_random(void *buf, size_t len)
{
	unsigned char *p = buf;
	uint64_t v;

	if (!have_rdrand())
		return -ENOSYS;
	while (len > 0) {
		size_t k = len < sizeof(v) ? len : sizeof(v);
		if (!rdrand64(&v))
			return -EIO;
		memcpy(p, &v, k);
		p += k;
		len -= k;
	}
	v = 0;
	return 0;
}

size_t platform_seed(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 0;	/* PVH passes no seed: RDRAND is the source */
}

const char *platform_cmdline(void)
{
	return have_cmdline ? cmdline : NULL;
}
