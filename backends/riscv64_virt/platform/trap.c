/* SPDX-License-Identifier: MIT */
/*
 * trap.c - riscv64_virt: what start.S's trap_entry calls.
 *
 * The machine timer interrupt is handed to the platform, the external
 * one (the PLIC, enabled once a virtio device takes its interrupt) to
 * virtio_virt.c.  Everything else is a fault (or an interrupt nobody
 * enabled): print where it happened and end the program with the status
 * a shell would show for the matching signal (128 + SIGILL, SIGTRAP,
 * SIGBUS or SIGSEGV), so that a crash is never mistaken for a result.
 */
#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "bare/print.h"
#include "machine.h"

extern char __stack_guard[];

static const char *const causes[] = {
	"instruction address misaligned",	/* 0 */
	"instruction access fault",
	"illegal instruction",
	"breakpoint",
	"load address misaligned",
	"load access fault",			/* 5 */
	"store/AMO address misaligned",
	"store/AMO access fault",
	"environment call from U-mode",
	"environment call from S-mode",
	"reserved",				/* 10 */
	"environment call from M-mode",
	"instruction page fault",
	"load page fault",
	"reserved",
	"store/AMO page fault",			/* 15 */
};

static void put_hex(const char *label, uint64_t v)
{
	char buf[2 + 16 + 1];
	int i;

	print_str(label);
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	buf[18] = '\0';
	print_str(buf);
}

static int status_for(uint64_t cause)
{
	switch (cause) {
	case 2:			/* illegal instruction: SIGILL */
		return 128 + 4;
	case 3:			/* breakpoint: SIGTRAP */
		return 128 + 5;
	case 0: case 4: case 6:	/* misaligned: SIGBUS */
		return 128 + 7;
	default:		/* access faults and the rest: SIGSEGV */
		return 128 + 11;
	}
}

void riscv_virt_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval,
		     const uint64_t *regs);
void riscv_virt_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval,
		     const uint64_t *regs)
{
	uint64_t code = mcause & ~MCAUSE_INTERRUPT;
	uintptr_t guard = (uintptr_t)__stack_guard;

	if (mcause & MCAUSE_INTERRUPT) {
		if (code == IRQ_M_TIMER) {
			riscv_virt_timer_irq();
			return;
		}
		if (code == IRQ_M_EXTERNAL) {
			riscv_virt_external_irq();
			return;
		}
		print_str("\nriscv64_virt: unexpected interrupt");
		put_hex(" ", code);
	} else {
		print_str("\nriscv64_virt: fatal trap: ");
		print_str(code < sizeof(causes) / sizeof(causes[0])
				? causes[code] : "unknown exception");
		if ((code == 5 || code == 7) &&
		    mtval >= guard && mtval < guard + 4096)
			print_str(" (stack overflow)");
	}
	put_hex("\n  mcause ", mcause);
	put_hex("  mepc (pc) ", mepc);
	put_hex("  mtval ", mtval);
	put_hex("\n  ra ", regs[1]);
	put_hex("  sp ", regs[2]);
	put_hex("  gp ", regs[3]);
	print_str("\n  (source line: riscv64-unknown-elf-addr2line -e dist/PROGRAM.elf PC)\n");
	platform_exit(mcause & MCAUSE_INTERRUPT ? 128 + 6 : status_for(code));
}
