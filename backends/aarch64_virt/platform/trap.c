/* SPDX-License-Identifier: MIT */
/*
 * trap.c - aarch64_virt: what start.S's exception vectors call.
 *
 * IRQs go to the GIC driver (timer.c).  Everything else is a fault (or
 * an exception nothing here enabled): print what and where, and end the
 * program with the status a shell would show for the matching signal
 * (128 + SIGILL, SIGTRAP, SIGBUS or SIGSEGV), so that a crash is never
 * mistaken for a result.  One exception is recognised by its address:
 * semihosting's HLT when qemu runs without -semihosting, which cannot
 * exit at all and says so.
 */
#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "bare/print.h"
#include "machine.h"

/* The HLT of aarch64_virt_semihost_exit (start.S). */
extern char aarch64_virt_semihost_hlt[];
/* The bottom of the stack, unmapped (link.ld, start.S). */
extern char __stack_guard[];

/* ESR_EL1.EC values (Arm ARM D17.2.37) that a program can cause. */
#define EC_UNKNOWN 0x00		/* undefined instruction */
#define EC_FP 0x07		/* FP/SIMD access trapped */
#define EC_ILLEGAL_STATE 0x0e
#define EC_SVC 0x15
#define EC_IABORT_LOWER 0x20
#define EC_IABORT 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABORT_LOWER 0x24
#define EC_DABORT 0x25
#define EC_SP_ALIGN 0x26
#define EC_BRK 0x3c
#define DFSC_ALIGNMENT 0x21	/* data fault status: alignment fault */

#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGSEGV 11

/* The frame start.S saves: x0..x30, ELR, SPSR (and padding). */
enum { REG_LR = 30, REG_ELR = 31, REG_SPSR = 32, FRAME_SIZE = 272 };

/* label, then v in hex (rt/bare/print.c: no runtime, no state). */
static void put_hex(const char *label, uint64_t v)
{
	print_str(label);
	print_hex(v);
}

/* What a synchronous exception was, and the signal it stands for. */
static const char *describe(uint64_t esr, int *sig)
{
	unsigned ec = (unsigned)(esr >> 26) & 0x3f;

	switch (ec) {
	case EC_UNKNOWN:
		*sig = SIGILL;
		return "undefined instruction";
	case EC_FP:
		*sig = SIGILL;
		return "FP/SIMD access trapped";
	case EC_ILLEGAL_STATE:
		*sig = SIGILL;
		return "illegal execution state";
	case EC_SVC:
		*sig = SIGILL;
		return "SVC (no system calls here)";
	case EC_IABORT:
	case EC_IABORT_LOWER:
		*sig = SIGSEGV;
		return "instruction abort";
	case EC_PC_ALIGN:
		*sig = SIGBUS;
		return "PC alignment fault";
	case EC_SP_ALIGN:
		*sig = SIGBUS;
		return "SP alignment fault";
	case EC_DABORT:
	case EC_DABORT_LOWER:
		if ((esr & 0x3f) == DFSC_ALIGNMENT) {
			*sig = SIGBUS;
			return "data abort (alignment)";
		}
		*sig = SIGSEGV;
		return "data abort";
	case EC_BRK:
		*sig = SIGTRAP;
		return "breakpoint (BRK)";
	default:
		*sig = SIGSEGV;
		return "synchronous exception";
	}
}

void aarch64_virt_exception(uint64_t kind, uint64_t *regs);
void aarch64_virt_exception(uint64_t kind, uint64_t *regs)
{
	uint64_t esr = sysreg_read(esr_el1), far = sysreg_read(far_el1);
	int sig = SIGABRT;

	if (kind == EXC_IRQ) {
		aarch64_virt_irq();
		return;
	}
	if (kind == EXC_SYNC &&
	    regs[REG_ELR] == (uintptr_t)aarch64_virt_semihost_hlt) {
		print_str("\naarch64_virt: cannot exit: semihosting is "
				  "off (run qemu with -semihosting)\n");
		irq_mask();
		for (;;)
			wfi();
	}
	if (kind == EXC_SYNC) {
		uintptr_t guard = (uintptr_t)__stack_guard;

		print_str("\naarch64_virt: fatal exception: ");
		print_str(describe(esr, &sig));
		if (sig == SIGSEGV && far >= guard && far < guard + 4096)
			print_str(" (stack overflow)");
	} else {
		/* FIQ, SError, an exception in this handler (kind 0x1N)
		 * or from a lower EL (0x2N, 0x3N): nothing enabled those. */
		print_str(kind == EXC_SERROR
				  ? "\naarch64_virt: fatal SError"
				  : "\naarch64_virt: unexpected exception");
		put_hex(" ", kind);
		sig = kind == EXC_SERROR ? SIGBUS : SIGABRT;
	}
	put_hex("\n  esr ", esr);
	put_hex("  elr (pc) ", regs[REG_ELR]);
	put_hex("  far ", far);
	put_hex("\n  x30 (lr) ", regs[REG_LR]);
	put_hex("  sp ", kind < 0x10 ? sysreg_read(sp_el0)
				     : (uintptr_t)regs + FRAME_SIZE);
	put_hex("  spsr ", regs[REG_SPSR]);
	print_str("\n  (source line: aarch64-linux-gnu-addr2line -e dist/PROGRAM.elf PC)\n");
	platform_exit(128 + sig);
}
