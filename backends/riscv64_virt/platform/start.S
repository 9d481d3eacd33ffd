/* SPDX-License-Identifier: MIT */
/*
 * start.S - riscv64_virt: reset entry and trap entry, in machine mode.
 *
 * qemu -bios none jumps here (0x80000000) on every hart with a0 = the
 * hart's id and a1 = the address of the device tree.  Hart 0 runs the
 * program; the others sleep forever.
 */
	.option arch, +zicsr

#define MSTATUS_MIE 0x8
#define FRAME 256		/* x0..x31, 8 bytes each */

	.section .mirc.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	/* No interrupts and no trap vector yet: keep it that way until the
	 * stacks exist. */
	csrw mie, zero
	csrci mstatus, MSTATUS_MIE

	/* gp is the base of small-data addressing; it must be set without
	 * relaxation (which would use gp itself). */
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop

	csrr t0, mhartid
	bnez t0, park

	la sp, __stack_top
	mv s0, a1		/* the device tree */

	/* .data is in place (qemu loads the ELF as linked); .bss is zeroed
	 * here rather than trusting the loader. */
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:
	/* Traps go to trap_entry, on a stack of their own (mscratch), so
	 * that a stack overflow can still be reported. */
	la t0, trap_entry
	csrw mtvec, t0
	la t0, __trap_stack_top
	csrw mscratch, t0

	mv a0, s0
	call riscv_virt_boot	/* guard page, boot arguments */
	li a0, 0
	li a1, 0
	call main
	call riscv_virt_main_returned	/* a0 = status, does not return */

park:
	wfi
	j park
	.size _start, . - _start

/*
 * Every trap: save all registers on the trap stack, call
 * riscv_virt_trap(mcause, mepc, mtval, regs) with regs[i] = xi, restore,
 * return.  Faults never come back (the handler ends the program).
 */
	.text
	.balign 4
	.globl trap_entry
	.type trap_entry, @function
trap_entry:
	csrrw sp, mscratch, sp		/* sp = trap stack, mscratch = old sp */
	addi sp, sp, -FRAME
	sd x1, 1*8(sp)
	sd x3, 3*8(sp)
	sd x4, 4*8(sp)
	sd x5, 5*8(sp)
	sd x6, 6*8(sp)
	sd x7, 7*8(sp)
	sd x8, 8*8(sp)
	sd x9, 9*8(sp)
	sd x10, 10*8(sp)
	sd x11, 11*8(sp)
	sd x12, 12*8(sp)
	sd x13, 13*8(sp)
	sd x14, 14*8(sp)
	sd x15, 15*8(sp)
	sd x16, 16*8(sp)
	sd x17, 17*8(sp)
	sd x18, 18*8(sp)
	sd x19, 19*8(sp)
	sd x20, 20*8(sp)
	sd x21, 21*8(sp)
	sd x22, 22*8(sp)
	sd x23, 23*8(sp)
	sd x24, 24*8(sp)
	sd x25, 25*8(sp)
	sd x26, 26*8(sp)
	sd x27, 27*8(sp)
	sd x28, 28*8(sp)
	sd x29, 29*8(sp)
	sd x30, 30*8(sp)
	sd x31, 31*8(sp)
	csrr t0, mscratch
	sd t0, 2*8(sp)			/* the interrupted sp */
	sd zero, 0(sp)

	csrr a0, mcause
	csrr a1, mepc
	csrr a2, mtval
	mv a3, sp
	call riscv_virt_trap

	ld x1, 1*8(sp)
	ld x3, 3*8(sp)
	ld x4, 4*8(sp)
	ld x5, 5*8(sp)
	ld x6, 6*8(sp)
	ld x7, 7*8(sp)
	ld x8, 8*8(sp)
	ld x9, 9*8(sp)
	ld x10, 10*8(sp)
	ld x11, 11*8(sp)
	ld x12, 12*8(sp)
	ld x13, 13*8(sp)
	ld x14, 14*8(sp)
	ld x15, 15*8(sp)
	ld x16, 16*8(sp)
	ld x17, 17*8(sp)
	ld x18, 18*8(sp)
	ld x19, 19*8(sp)
	ld x20, 20*8(sp)
	ld x21, 21*8(sp)
	ld x22, 22*8(sp)
	ld x23, 23*8(sp)
	ld x24, 24*8(sp)
	ld x25, 25*8(sp)
	ld x26, 26*8(sp)
	ld x27, 27*8(sp)
	ld x28, 28*8(sp)
	ld x29, 29*8(sp)
	ld x30, 30*8(sp)
	ld x31, 31*8(sp)
	addi sp, sp, FRAME
	csrrw sp, mscratch, sp		/* back to the interrupted sp */
	mret
	.size trap_entry, . - trap_entry

	.section .note.GNU-stack, "", @progbits
