/* SPDX-License-Identifier: MIT */
/*
 * start.S - aarch64_virt: the entry point, the MMU's identity map and the
 * exception vectors.
 *
 * qemu -M virt loads the ELF as linked and starts the CPU at its entry,
 * at EL1 (no EL2 or EL3 unless -M virt,virtualization=on or secure=on),
 * with the MMU and caches off and nothing else set up.  The device tree
 * is at the start of RAM (0x40000000), not in x0.  Only CPU 0 runs: the
 * others stay off until PSCI CPU_ON, which nothing here calls.
 */
#define CURRENTEL_EL1	(1 << 2)
#define CURRENTEL_EL2	(2 << 2)

/* MAIR_EL1: attribute 0 Device-nGnRnE, attribute 1 Normal write-back. */
#define MAIR_VALUE	0xff00
/* Level-1 block descriptors (1 GiB): valid block, AF, attribute index;
 * devices also execute-never (PXN | UXN), RAM inner-shareable. */
#define BLOCK_DEVICE	((1 << 0) | (1 << 10) | (0 << 2) | (3 << 53))
#define BLOCK_NORMAL	((1 << 0) | (1 << 10) | (1 << 2) | (3 << 8))
/* Level-3 page descriptors (4 KiB) and table descriptors. */
#define PAGE_NORMAL	((3 << 0) | (1 << 10) | (1 << 2) | (3 << 8))
#define TABLE		3
/* TCR_EL1: T0SZ 32 (4 GiB of address, walks start at level 1), inner and
 * outer write-back walks, inner-shareable, 4 KiB granule, no TTBR1. */
#define TCR_VALUE	(32 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23))
/* SCTLR_EL1: M (MMU), C (data cache), I (instruction cache); A, the
 * alignment check, stays off (C code may access unaligned data). */
#define SCTLR_M		(1 << 0)
#define SCTLR_A		(1 << 1)
#define SCTLR_C		(1 << 2)
#define SCTLR_I		(1 << 12)
#define SCTLR_WXN	(1 << 19)
/* CPACR_EL1.FPEN = 0b11: FP and SIMD do not trap (the runtime prints
 * floating-point numbers and gcc uses SIMD registers for copies). */
#define CPACR_FPEN	(3 << 20)
/* SPSR for the drop from EL2: EL1h, DAIF masked. */
#define SPSR_EL1H_MASKED 0x3c5
#define HCR_RW		(1 << 31)	/* EL1 is AArch64 */

	.section .mirc.start, "ax", %progbits
	.globl _start
	.type _start, %function
_start:
	msr daifset, #0xf		/* no interrupts until the vectors exist */
	ldr x0, =__stack_top		/* for wrong_el; EL1 sets its own */
	mov sp, x0
	mrs x0, CurrentEL
	cmp x0, #CURRENTEL_EL1
	b.eq el1
	cmp x0, #CURRENTEL_EL2
	b.ne wrong_el
	/* At EL2 (virtualization=on): let EL1 use the physical timer and
	 * counter, run EL1 in AArch64, and continue there. */
	mrs x0, cnthctl_el2
	orr x0, x0, #3			/* EL1PCTEN | EL1PCEN */
	msr cnthctl_el2, x0
	msr cntvoff_el2, xzr
	mov x0, #HCR_RW
	msr hcr_el2, x0
	mov x0, #SPSR_EL1H_MASKED
	msr spsr_el2, x0
	adr x0, el1
	msr elr_el2, x0
	eret

el1:
	/* Exceptions run on SP_EL1, the trap stack; the program on SP_EL0
	 * (SPSel = 0), so that a stack overflow into the guard page can
	 * still be reported. */
	ldr x0, =__trap_stack_top
	mov sp, x0
	msr spsel, #0
	ldr x0, =__stack_top
	mov sp, x0

	mov x0, #CPACR_FPEN
	msr cpacr_el1, x0
	isb

	adrp x0, vectors
	add x0, x0, :lo12:vectors
	msr vbar_el1, x0

	/* .data is in place (qemu loads the ELF as linked); .bss is zeroed
	 * here rather than trusting the loader. */
	ldr x0, =__bss_start
	ldr x1, =__bss_end
1:	cmp x0, x1
	b.hs 2f
	str xzr, [x0], #8
	b 1b
2:
	/* The identity map: with the MMU off every data access is
	 * Device-nGnRnE, where an unaligned access faults, so C runs with
	 * the MMU on.  Level 1 (1 GiB each): devices, RAM, devices (qemu's
	 * PCIe windows), devices.  RAM is 512 blocks of 2 MiB (level 2),
	 * except the 2 MiB holding the stack's guard page, in 4 KiB pages
	 * (level 3) of which the guard is left invalid. */
	adrp x0, l1_table
	add x0, x0, :lo12:l1_table
	adrp x1, l2_ram
	add x1, x1, :lo12:l2_ram
	adrp x2, l3_guard
	add x2, x2, :lo12:l3_guard
	ldr x3, =__stack_guard
	ldr x4, =(0x40000000 | BLOCK_NORMAL)
	mov x5, #0
3:	str x4, [x1, x5, lsl #3]
	add x4, x4, #0x200000
	add x5, x5, #1
	cmp x5, #512
	b.lo 3b
	and x4, x3, #0xffffffffffe00000
	ldr x6, =PAGE_NORMAL
	orr x4, x4, x6
	mov x5, #0
4:	str x4, [x2, x5, lsl #3]
	add x4, x4, #0x1000
	add x5, x5, #1
	cmp x5, #512
	b.lo 4b
	ubfx x5, x3, #12, #9		/* the guard's page in its 2 MiB */
	str xzr, [x2, x5, lsl #3]
	ubfx x5, x3, #21, #9		/* its 2 MiB in RAM's GiB */
	orr x4, x2, #TABLE
	str x4, [x1, x5, lsl #3]
	ldr x4, =BLOCK_DEVICE
	str x4, [x0, #0]
	orr x4, x1, #TABLE
	str x4, [x0, #8]
	ldr x4, =(0x80000000 | BLOCK_DEVICE)
	str x4, [x0, #16]
	ldr x4, =(0xc0000000 | BLOCK_DEVICE)
	str x4, [x0, #24]
	dsb sy
	ldr x1, =MAIR_VALUE
	msr mair_el1, x1
	ldr x1, =TCR_VALUE
	msr tcr_el1, x1
	msr ttbr0_el1, x0
	isb
	tlbi vmalle1
	dsb ish
	isb
	mrs x0, sctlr_el1
	ldr x1, =(SCTLR_M | SCTLR_C | SCTLR_I)
	orr x0, x0, x1
	ldr x1, =(SCTLR_A | SCTLR_WXN)
	bic x0, x0, x1
	msr sctlr_el1, x0
	isb

	bl aarch64_virt_boot		/* device tree, console */
	mov x0, #0
	mov x1, #0
	bl main
	bl aarch64_virt_main_returned	/* x0 = status, does not return */

wrong_el:
	/* EL3 (secure=on): not supported; nothing is set up to say so. */
	mov x0, #70
	bl aarch64_virt_semihost_exit
	.size _start, . - _start
	.ltorg

/*
 * The vector table: 16 entries of 0x80 bytes, 2 KiB aligned.  The program
 * runs at EL1 on SP_EL0, so the "current EL with SP_EL0" group (0x000) is
 * the one expected; the SP_ELx group (0x200) means an exception inside
 * the handler.  Every entry goes to the same code with its kind, and the
 * C side treats the unexpected ones as faults.
 */
	.macro entry kind
	.balign 0x80
	sub sp, sp, #272
	stp x0, x1, [sp, #0]
	mov x0, #\kind
	b exception
	.endm

	.text
	.balign 2048
	.globl vectors
vectors:
	/* current EL, SP_EL0: the program's */
	entry 0
	entry 1
	entry 2
	entry 3
	/* current EL, SP_ELx: in the handler itself */
	entry 0x10
	entry 0x11
	entry 0x12
	entry 0x13
	/* lower EL, AArch64 and AArch32 */
	entry 0x20
	entry 0x21
	entry 0x22
	entry 0x23
	entry 0x30
	entry 0x31
	entry 0x32
	entry 0x33

/*
 * Save x0..x30, ELR and SPSR (34 words; x0 and x1 already saved, x0 now
 * holds the kind), call aarch64_virt_exception(kind, regs), restore and
 * return.  Faults never come back (the handler ends the program).
 */
	.balign 4
exception:
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	stp x18, x19, [sp, #144]
	stp x20, x21, [sp, #160]
	stp x22, x23, [sp, #176]
	stp x24, x25, [sp, #192]
	stp x26, x27, [sp, #208]
	stp x28, x29, [sp, #224]
	mrs x2, elr_el1
	stp x30, x2, [sp, #240]
	mrs x2, spsr_el1
	str x2, [sp, #256]
	mov x1, sp
	bl aarch64_virt_exception
	ldr x2, [sp, #256]
	msr spsr_el1, x2
	ldp x30, x2, [sp, #240]
	msr elr_el1, x2
	ldp x28, x29, [sp, #224]
	ldp x26, x27, [sp, #208]
	ldp x24, x25, [sp, #192]
	ldp x22, x23, [sp, #176]
	ldp x20, x21, [sp, #160]
	ldp x18, x19, [sp, #144]
	ldp x16, x17, [sp, #128]
	ldp x14, x15, [sp, #112]
	ldp x12, x13, [sp, #96]
	ldp x10, x11, [sp, #80]
	ldp x8, x9, [sp, #64]
	ldp x6, x7, [sp, #48]
	ldp x4, x5, [sp, #32]
	ldp x2, x3, [sp, #16]
	ldp x0, x1, [sp, #0]
	add sp, sp, #272
	eret

/*
 * Semihosting SYS_EXIT with the extended reason: qemu (-semihosting)
 * exits with `status`.  x0 = status.  Should qemu run without
 * -semihosting, HLT is an undefined instruction: the handler sees it
 * (aarch64_virt_exception knows this address) and stops the CPU.
 */
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
	.globl aarch64_virt_semihost_exit
	.type aarch64_virt_semihost_exit, %function
aarch64_virt_semihost_exit:
	sub sp, sp, #16
	ldr x1, =ADP_STOPPED_APPLICATION_EXIT
	stp x1, x0, [sp]		/* { reason, subcode = status } */
	mov x1, sp
	mov w0, #SYS_EXIT
	.globl aarch64_virt_semihost_hlt
aarch64_virt_semihost_hlt:
	hlt #0xf000
3:	wfi
	b 3b
	.size aarch64_virt_semihost_exit, . - aarch64_virt_semihost_exit
	.ltorg

	.bss
	.balign 4096
l1_table:
	.space 4096
l2_ram:
	.space 4096
l3_guard:
	.space 4096

	.section .note.GNU-stack, "", %progbits
