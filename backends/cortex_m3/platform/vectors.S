/* SPDX-License-Identifier: MIT */
/*
 * vectors.S - the vector table of a mirc program on Cortex-M3 and the
 * entry of the fault handler.
 *
 * The table is the first thing in flash (section .isr_vector, placed at
 * 0x00000000 by link.ld): on reset the core loads the stack pointer from
 * word 0 and the reset handler from word 1.  The 16 system exceptions
 * are followed by the board's 32 external interrupts, all going to
 * cm3_irq_handler (clock.c), which only wakes the event loop: a device
 * driver enables its interrupt with cm3_irq_enable(), and the NVIC never
 * takes one that is disabled.
 *
 * Two stacks: exception handlers run on the main stack (MSP, at the top of
 * RAM), the program on the process stack (PSP, above the MPU guard at the
 * bottom of RAM), so that a fault handler still has a stack when the
 * program overflows its own.
 */
	.syntax unified
	.cpu cortex-m3
	.thumb

	.section .isr_vector, "a", %progbits
	.align 2
	.globl cm3_vectors
	.type cm3_vectors, %object
cm3_vectors:
	.word __handler_stack_top	/*  0 initial main stack pointer */
	.word Reset_Handler		/*  1 reset */
	.word cm3_fault_entry		/*  2 NMI */
	.word cm3_fault_entry		/*  3 HardFault */
	.word cm3_fault_entry		/*  4 MemManage */
	.word cm3_fault_entry		/*  5 BusFault */
	.word cm3_fault_entry		/*  6 UsageFault */
	.word 0, 0, 0, 0		/*  7-10 reserved */
	.word cm3_fault_entry		/* 11 SVCall: nobody issues svc */
	.word cm3_fault_entry		/* 12 DebugMonitor */
	.word 0				/* 13 reserved */
	.word cm3_fault_entry		/* 14 PendSV: nobody pends it */
	.word SysTick_Handler		/* 15 SysTick */
	.size cm3_vectors, . - cm3_vectors

/*
 * The external interrupts, right after the system exceptions (link.ld
 * puts this section after .isr_vector), in a section of their own that
 * is linked only when cm3_irq_enable() is: a program whose devices take
 * no interrupt (hello) saves their 128 bytes, and the NVIC never reads
 * an entry of an interrupt that nobody enabled.
 */
	.section .isr_vector.irq, "a", %progbits
	.align 2
	.globl cm3_irq_vectors
	.type cm3_irq_vectors, %object
cm3_irq_vectors:
	.rept 32			/* 16-47: external interrupts 0-31 */
	.word cm3_irq_handler
	.endr
	.size cm3_irq_vectors, . - cm3_irq_vectors

/* Reset: move thread mode to the process stack, then go to C. */
	.text
	.align 1
	.globl Reset_Handler
	.type Reset_Handler, %function
	.thumb_func
Reset_Handler:
	ldr	r0, =__stack_top
	msr	psp, r0
	movs	r0, #2			/* CONTROL.SPSEL: thread mode uses PSP */
	msr	control, r0
	isb
	b	cm3_start
	.pool
	.size Reset_Handler, . - Reset_Handler

/*
 * Every unexpected exception lands here.  The hardware pushed r0-r3, r12,
 * lr, pc and xPSR on the stack that was in use (bit 2 of EXC_RETURN in
 * lr tells which); hand that frame and EXC_RETURN to the C handler, which
 * may resume (a semihosting call without a debugger) or end the program.
 */
	.align 1
	.globl cm3_fault_entry
	.type cm3_fault_entry, %function
	.thumb_func
cm3_fault_entry:
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp
	mov	r1, lr
	push	{r1, lr}		/* keep EXC_RETURN and 8-byte alignment */
	bl	cm3_fault
	pop	{r1, pc}		/* back through EXC_RETURN */
	.size cm3_fault_entry, . - cm3_fault_entry

/*
 * The thread pointer of picolibc's thread-local data (errno): one thread,
 * so the constant address that link.ld computes, set up by cm3_start()
 * with .data and .bss.  Defined here, it keeps picolibc's own (a
 * variable set by a constructor, _set_tls) out of the image; in a section
 * of its own, it is linked only when picolibc's code reads errno.  The
 * EABI lets it change r0 only.
 */
	.section .text.__aeabi_read_tp, "ax", %progbits
	.align 1
	.globl __aeabi_read_tp
	.type __aeabi_read_tp, %function
	.thumb_func
__aeabi_read_tp:
	ldr	r0, =__cm3_tp
	bx	lr
	.pool
	.size __aeabi_read_tp, . - __aeabi_read_tp
