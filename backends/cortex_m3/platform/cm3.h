/* SPDX-License-Identifier: MIT */
/*
 * cm3.h - what the files of the cortex_m3 platform share: the registers
 * of the MPS2 AN385 board they use, ARM semihosting, and the few
 * functions that cross files.  Internal to backends/cortex_m3.
 */
#ifndef MIRC_CM3_H
#define MIRC_CM3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CM3_REG(addr) (*(volatile uint32_t *)(addr))

/* Core clock of the AN385 (and of SysTick with CLKSOURCE = processor). */
#define CM3_CPU_HZ 25000000u
/* SysTick interrupts per second, and counter steps per tick. */
#define CM3_TICK_HZ 1000u
#define CM3_TICK_RELOAD (CM3_CPU_HZ / CM3_TICK_HZ)
/* Nanoseconds per counter step: 40 at 25 MHz. */
#define CM3_NS_PER_STEP (1000000000u / CM3_CPU_HZ)

/* ---- CMSDK APB UART0 ---------------------------------------------------------- */
#define CM3_UART0 0x40004000u
#define CM3_UART_DATA CM3_REG(CM3_UART0 + 0x00u)
#define CM3_UART_STATE CM3_REG(CM3_UART0 + 0x04u)
#define CM3_UART_CTRL CM3_REG(CM3_UART0 + 0x08u)
#define CM3_UART_BAUDDIV CM3_REG(CM3_UART0 + 0x10u)
#define CM3_UART_STATE_TXFULL 0x1u
#define CM3_UART_CTRL_TXEN 0x1u
/* 25 MHz / 115200 baud; anything below 16 makes the UART drop bytes. */
#define CM3_UART_DIVISOR 217u

/* ---- System control space -------------------------------------------------------- */
#define CM3_SYST_CSR CM3_REG(0xE000E010u)
#define CM3_SYST_RVR CM3_REG(0xE000E014u)
#define CM3_SYST_CVR CM3_REG(0xE000E018u)
#define CM3_SYST_CSR_ENABLE 0x1u
#define CM3_SYST_CSR_TICKINT 0x2u
#define CM3_SYST_CSR_CLKSOURCE 0x4u

/* NVIC: one bit per external interrupt 0-31 in each register. */
#define CM3_NVIC_ISER CM3_REG(0xE000E100u)	/* write 1: enable */
#define CM3_NVIC_ICER CM3_REG(0xE000E180u)	/* write 1: disable */
#define CM3_NVIC_ICPR CM3_REG(0xE000E280u)	/* write 1: clear pending */
/* External interrupts of the AN385 (qemu's num-irq), and the vector
 * table's entries for them (vectors.S). */
#define CM3_NIRQ 32u

#define CM3_SCB_ICSR CM3_REG(0xE000ED04u)
#define CM3_SCB_CCR CM3_REG(0xE000ED14u)
#define CM3_SCB_CFSR CM3_REG(0xE000ED28u)
#define CM3_SCB_HFSR CM3_REG(0xE000ED2Cu)
#define CM3_SCB_DFSR CM3_REG(0xE000ED30u)
#define CM3_SCB_MMFAR CM3_REG(0xE000ED34u)
#define CM3_SCB_BFAR CM3_REG(0xE000ED38u)
#define CM3_MPU_CTRL CM3_REG(0xE000ED94u)
#define CM3_MPU_RNR CM3_REG(0xE000ED98u)
#define CM3_MPU_RBAR CM3_REG(0xE000ED9Cu)
#define CM3_MPU_RASR CM3_REG(0xE000EDA0u)
#define CM3_MPU_CTRL_ENABLE 0x1u
#define CM3_MPU_CTRL_PRIVDEFENA 0x4u
#define CM3_MPU_RASR_ENABLE 0x1u
#define CM3_MPU_RASR_XN (1u << 28)	/* AP = 0: no access at all */
#define CM3_ICSR_PENDSTSET (1u << 26)
#define CM3_CCR_DIV_0_TRP (1u << 4)
#define CM3_CFSR_MSTKERR (1u << 4)
#define CM3_CFSR_MMARVALID (1u << 7)
#define CM3_CFSR_STKERR (1u << 12)
#define CM3_UFSR_UNDEFINSTR (1u << 16)
#define CM3_UFSR_INVSTATE (1u << 17)
#define CM3_UFSR_INVPC (1u << 18)
#define CM3_UFSR_NOCP (1u << 19)
#define CM3_UFSR_UNALIGNED (1u << 24)
#define CM3_UFSR_DIVBYZERO (1u << 25)
#define CM3_CFSR_BFARVALID (1u << 15)

/* ---- ARM semihosting ------------------------------------------------------------ */
#define CM3_SYS_OPEN 0x01
#define CM3_SYS_CLOSE 0x02
#define CM3_SYS_READ 0x06
#define CM3_SYS_TIME 0x11
#define CM3_SYS_GET_CMDLINE 0x15
#define CM3_SYS_EXIT_EXTENDED 0x20
#define CM3_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Set by the fault handler when a semihosting call trapped because no
 * debugger (or qemu without -semihosting-config enable=on) serves it. */
extern volatile bool cm3_no_semihosting;

/*
 * One semihosting call: operation op, parameter arg; returns r0.  Without
 * a host to serve it, the fault handler makes it return -1 and sets
 * cm3_no_semihosting.
 */
static inline int32_t cm3_semihost(int32_t op, const void *arg)
{
	register int32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

/* ---- shared between the platform files ---------------------------------------- */

/* Enable the transmitter of UART0 (idempotent). */
void cm3_uart_enable(void);
/* Send len bytes on UART0, waiting while its buffer is full. */
void cm3_uart_write(const char *buf, size_t len);
/* Move the heap's break by incr bytes; the old break, or NULL when that
 * would leave the heap region (syscalls.c). */
char *cm3_sbrk(ptrdiff_t incr);
/* Start SysTick at CM3_TICK_HZ unless it runs already. */
void cm3_systick_start(void);
/* Let external interrupt irq (0 to CM3_NIRQ - 1) end the sleep of
 * platform_wait() (clock.c): 0, or -EINVAL. */
int cm3_irq_enable(unsigned irq);
/* Re-enable the interrupts taken since the last call (with interrupts
 * masked, before the event sources are asked: see clock.c). */
void cm3_irq_rearm(void);
/* End the program with status through semihosting; where there is no
 * semihosting, say so on the UART and halt. */
_Noreturn void cm3_exit(int status);

#endif
