/* SPDX-License-Identifier: MIT */
/*
 * startup.c - reset, faults and the end of a mirc program on Cortex-M3.
 *
 * Reset_Handler (word 1 of the vector table, in vectors.S) moves to the
 * program's stack and calls cm3_start(), which sets the MPU guard below
 * that stack, copies .data (and .tdata, the thread-local block's
 * initial values) from flash, zeroes .tbss and .bss, turns on the
 * division-by-zero trap, starts SysTick (the origin of the monotonic
 * clock), runs the constructor table and calls the generated
 * main(0, NULL); mirc_rt_init() then reads the boot arguments
 * from semihosting (platform_cmdline()).  main's status goes to qemu
 * through semihosting SYS_EXIT_EXTENDED, so that qemu exits with it.
 *
 * Every unexpected exception ends in cm3_fault(), which prints the
 * exception, the faulting pc and lr and the fault status registers on
 * UART0 and exits with 128 + a signal number, as a shell shows a crashed
 * process: 132 (SIGILL) for an undefined instruction or a bad state,
 * 135 (SIGBUS) for an unaligned access, 136 (SIGFPE) for a division by
 * zero, 139 (SIGSEGV) for memory faults, a stack overflow and anything
 * else.  The small runtime (key runtime=small) prints "mirc: fault"
 * only, and the same status.
 */
#include <stddef.h>
#include <stdint.h>

#include "cm3.h"


/* The layout of link.ld. */
extern uint32_t __data_start[], __copy_end[], __data_load[];
extern uint32_t __zero_start[], __bss_end[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);
extern char __stack_guard[], __stack_guard_size[], __handler_stack_top[];

/* What the hardware pushes on exception entry. */
struct cm3_frame {
	uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
};

int main(int argc, char **argv);
_Noreturn void cm3_start(void);
void cm3_fault(struct cm3_frame *f, uint32_t exc_return);

volatile bool cm3_no_semihosting;

/*
 * MPU region 0: no access to the __stack_guard_size bytes below the
 * program's stack, so that overflowing it is a MemManage fault (escalated
 * to HardFault) instead of silently overwriting memory.  Everything else
 * keeps the default memory map (PRIVDEFENA), and the MPU is off while
 * HardFault runs (HFNMIENA clear).
 */
static void guard_stack(void)
{
	/* RASR.SIZE is log2(bytes) - 1; link.ld checks the size. */
	uint32_t size = (uint32_t)(uintptr_t)__stack_guard_size;
	uint32_t log2 = 31u - (uint32_t)__builtin_clz(size);

	CM3_MPU_RNR = 0;
	CM3_MPU_RBAR = (uint32_t)(uintptr_t)__stack_guard;
	CM3_MPU_RASR = CM3_MPU_RASR_XN | ((log2 - 1u) << 1) | CM3_MPU_RASR_ENABLE;
	CM3_MPU_CTRL = CM3_MPU_CTRL_PRIVDEFENA | CM3_MPU_CTRL_ENABLE;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

_Noreturn void cm3_start(void)
{
	const uint32_t *src = __data_load;

	guard_stack();
	/* .data and the thread-local block (link.ld lays them out so). */
	for (uint32_t *dst = __data_start; dst < __copy_end; )
		*dst++ = *src++;
	for (uint32_t *dst = __zero_start; dst < __bss_end; )
		*dst++ = 0;
	/* x / 0 is a UsageFault (reported) rather than a silent 0. */
	CM3_SCB_CCR |= CM3_CCR_DIV_0_TRP;
	cm3_systick_start();
	for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
		(*f)();
	cm3_exit(main(0, NULL));
}

static void put_str(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	cm3_uart_write(s, n);
}

_Noreturn void cm3_exit(int status)
{
	/* ADP_Stopped_ApplicationExit with a status: qemu exits with it
	 * (plain SYS_EXIT would only tell success from failure). */
	static uint32_t block[2];

	block[0] = CM3_ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint32_t)status;
	if (!cm3_no_semihosting)
		cm3_semihost(CM3_SYS_EXIT_EXTENDED, block);
	/* Still here: nobody serves semihosting.  Say so, then stop the
	 * tick and sleep for good. */
	char num[4];
	size_t n = sizeof(num) - 1;
	uint32_t v = (uint32_t)status & 0xffu;

	num[n] = '\0';
	do
		num[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	cm3_uart_enable();
	put_str("mirc: exit status ");
	put_str(num + n);
#ifdef MIRC_RUNTIME_SMALL
	put_str(": halted (no semihosting)\n");	/* mirc-runtime(3) */
#else
	put_str(", but qemu can only exit with it through semihosting "
		"(-semihosting-config enable=on): halted\n");
#endif
	CM3_SYST_CSR = 0;
	for (;;)
		__asm__ volatile("cpsid i\n\twfi");
}

/* ---- faults ------------------------------------------------------------------------ */

#ifndef MIRC_RUNTIME_SMALL
static void put_hex(const char *name, uint32_t v)
{
	char buf[11] = "0x";

	for (int i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xfu];
	buf[10] = '\0';
	put_str(name);
	put_str(buf);
}

/* The names of exceptions 2 to 14, NUL-separated ("" for a reserved
 * number): a skip loop is shorter than a switch. */
static const char *exception_name(uint32_t n)
{
	static const char names[] = "NMI\0HardFault\0MemManage fault\0BusFault\0"
				    "UsageFault\0\0\0\0\0SVCall\0DebugMonitor\0\0PendSV";
	const char *s = names;

	if (n < 2 || n > 14)
		return "exception";
	while (n-- > 2)
		while (*s++)
			;
	return *s ? s : "exception";
}
#endif

/* The exit status for a fault with these CFSR bits (see the top). */
static int fault_status(uint32_t cfsr)
{
	if (cfsr & CM3_UFSR_DIVBYZERO)
		return 128 + 8;
	if (cfsr & CM3_UFSR_UNALIGNED)
		return 128 + 7;
	if (cfsr & (CM3_UFSR_UNDEFINSTR | CM3_UFSR_INVSTATE | CM3_UFSR_INVPC |
		    CM3_UFSR_NOCP))
		return 128 + 4;
	return 128 + 11;
}

/* True when the frame lies in RAM above the guard: a fault while
 * stacking (a stack overflow) leaves the stack pointer in the guard or
 * below it. */
static bool frame_readable(const struct cm3_frame *f)
{
	uintptr_t p = (uintptr_t)f;

	return (p & 3u) == 0 &&
	       p >= (uintptr_t)__stack_guard + (uintptr_t)__stack_guard_size &&
	       p + sizeof(*f) <= (uintptr_t)__handler_stack_top;
}

void cm3_fault(struct cm3_frame *f, uint32_t exc_return)
{
	uint32_t ipsr, cfsr = CM3_SCB_CFSR, hfsr = CM3_SCB_HFSR;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	ipsr &= 0x1ffu;

	/*
	 * A bkpt 0xab that nobody served: without a debugger (qemu without
	 * -semihosting-config enable=on) the breakpoint escalates to
	 * HardFault (qemu sets HFSR.FORCED, hardware HFSR.DEBUGEVT), with
	 * the stacked pc on the bkpt itself.  Make the call fail (r0 = -1),
	 * go on after it, and remember not to try again.
	 */
	if (ipsr == 3 && frame_readable(f) && (f->pc & 1u) == 0 &&
	    f->pc < 0x00040000u && *(const volatile uint16_t *)f->pc == 0xbeabu) {
		cm3_no_semihosting = true;
		f->r0 = (uint32_t)-1;
		f->pc += 2;
		CM3_SCB_HFSR = hfsr;	/* write 1 to clear what was set */
		CM3_SCB_DFSR = CM3_SCB_DFSR;
		return;
	}

	cm3_uart_enable();
#ifdef MIRC_RUNTIME_SMALL
	/* The small runtime's fallback (mirc-runtime(3)): the exit status
	 * alone tells the kind of fault; no registers, no names. */
	(void)exc_return;
	put_str("\nmirc: fault\n");
#else
	put_str("\nmirc: ");
	put_str(exception_name(ipsr));
	if (frame_readable(f)) {
		put_hex(" at pc=", f->pc);
		put_hex(" lr=", f->lr);
		put_hex(" sp=", (uint32_t)(uintptr_t)f);
	} else {
		put_hex(" with an unusable stack, sp=", (uint32_t)(uintptr_t)f);
		if (cfsr & (CM3_CFSR_MSTKERR | CM3_CFSR_STKERR))
			put_str(": stack overflow");
	}
	put_hex("\nmirc: cfsr=", cfsr);
	put_hex(" hfsr=", hfsr);
	if (cfsr & CM3_CFSR_BFARVALID)
		put_hex(" bus address=", CM3_SCB_BFAR);
	if (cfsr & CM3_CFSR_MMARVALID)
		put_hex(" memory address=", CM3_SCB_MMFAR);
	put_hex(" exc_return=", exc_return);
	put_str("\n");
#endif
	cm3_exit(fault_status(cfsr));
}
