/* SPDX-License-Identifier: MIT */
/*
 * start.S - entry of the virtio guest: qemu's PVH boot jumps to
 * pvh_start in 32-bit protected mode with paging off, flat segments and
 * %ebx = physical address of the hvm_start_info.  We clear .bss, build
 * page tables that identity-map the first 4 GiB with 2 MiB pages (RAM in
 * the first GiB, the local APIC and other MMIO near 4 GiB), enter long
 * mode, enable SSE, and call x86_start() (platform.c), which calls main().
 *
 * Also here: the interrupt entry points (exceptions, the APIC timer and
 * the devices, the APIC's spurious vector).
 */

#define CR0_PE		(1 << 0)
#define CR0_MP		(1 << 1)
#define CR0_EM		(1 << 2)
#define CR0_TS		(1 << 3)
#define CR0_NE		(1 << 5)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_OSFXSR	(1 << 9)
#define CR4_OSXMMEXCPT	(1 << 10)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)

#define PTE_P		0x01
#define PTE_W		0x02
#define PTE_PWT		0x08
#define PTE_PCD		0x10
#define PTE_PS		0x80

#define SEL_CODE64	0x08
#define SEL_DATA	0x10

/*
 * The PVH entry: an ELF note "Xen", type 18 (XEN_ELFNOTE_PHYS32_ENTRY),
 * whose descriptor is the physical address of the 32-bit entry.  qemu
 * reads it as a 64-bit value after a name padded to 4 bytes.
 */
	.section .note.pvh, "a", @note
	.balign 4
	.long 4			/* namesz */
	.long 8			/* descsz */
	.long 18		/* type */
	.asciz "Xen"
	.balign 4
	.quad pvh_start

	.section .mirc.boot, "ax", @progbits
	.code32
	.globl pvh_start
	.type pvh_start, @function
pvh_start:
	cli
	cld
	/* .bss first: the page tables, the stack and x86_pvh_start_info
	 * live there. */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb
	movl %ebx, x86_pvh_start_info

	/* PML4[0] -> PDPT; PDPT[0..3] -> the four page directories. */
	movl $boot_pdpt + (PTE_P | PTE_W), boot_pml4
	movl $boot_pdpt, %edi
	movl $boot_pd + (PTE_P | PTE_W), %eax
	movl $4, %ecx
1:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 1b
	/* 2048 entries of 2 MiB: 0 to 4 GiB.  The last GiB (the APIC, the
	 * IOAPIC, virtio-mmio) is uncached. */
	movl $boot_pd, %edi
	movl $(PTE_P | PTE_W | PTE_PS), %eax
	movl $2048, %ecx
2:	movl %eax, (%edi)
	cmpl $0xc0000000, %eax
	jb 3f
	orl $(PTE_PCD | PTE_PWT), (%edi)
3:	addl $0x200000, %eax
	addl $8, %edi
	loop 2b
	/* The 2 MiB holding the stack's guard page gets 4 KiB pages, all
	 * mapped but the guard: a stack overflow is a page fault (then a
	 * double fault on its own stack, see trap.c), not silent damage to
	 * whatever lies below the stack. */
	movl $x86_stack_guard, %eax
	andl $~0x1fffff, %eax
	orl $(PTE_P | PTE_W), %eax
	movl $boot_pt, %edi
	movl $512, %ecx
4:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 4b
	movl $x86_stack_guard, %eax
	shrl $12, %eax
	andl $511, %eax
	movl $0, boot_pt(,%eax,8)
	movl $x86_stack_guard, %eax
	shrl $21, %eax
	movl $boot_pt + (PTE_P | PTE_W), boot_pd(,%eax,8)

	movl %cr4, %eax
	orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	andl $~(CR0_EM | CR0_TS), %eax
	orl $(CR0_PE | CR0_MP | CR0_NE | CR0_PG), %eax
	movl %eax, %cr0
	lgdt gdt_desc
	ljmp $SEL_CODE64, $start64
	.size pvh_start, . - pvh_start

	.code64
start64:
	movl $SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movq $x86_stack_top, %rsp
	xorl %ebp, %ebp
	fninit
	call x86_start		/* never returns */
5:	hlt
	jmp 5b

/* ---- interrupts ------------------------------------------------------------- */

	.text
/* Exceptions: push a zero where the CPU pushes no error code, then the
 * vector, and go to the common part, which saves the registers and
 * calls x86_exception(frame) in trap.c (it does not return). */
.macro EXC vec
	.balign 16
exc_\vec:
	.if (\vec == 8) || (\vec == 10) || (\vec == 11) || (\vec == 12) || \
	    (\vec == 13) || (\vec == 14) || (\vec == 17) || (\vec == 21) || \
	    (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp exc_common
.endm

	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	EXC \v
	.endr

exc_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rdi
	andq $-16, %rsp
	cld
	call x86_exception
6:	hlt
	jmp 6b

/* The APIC timer and the devices' interrupts (edge-triggered through
 * the I/O APIC): their only job is to end the hlt of platform_wait(),
 * which then looks at the timers and asks the devices themselves;
 * acknowledge the local APIC and return. */
	.globl x86_timer_stub, x86_device_stub
	.type x86_timer_stub, @function
	.type x86_device_stub, @function
x86_timer_stub:
x86_device_stub:
	pushq %rax
	movq x86_lapic_eoi(%rip), %rax
	movl $0, (%rax)
	popq %rax
	iretq
	.size x86_timer_stub, . - x86_timer_stub
	.size x86_device_stub, . - x86_device_stub

/* The APIC's spurious vector takes no EOI. */
	.globl x86_spurious_stub
	.type x86_spurious_stub, @function
x86_spurious_stub:
	iretq
	.size x86_spurious_stub, . - x86_spurious_stub

	.section .rodata
	.balign 8
	.globl x86_exception_stubs
x86_exception_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad exc_\v
	.endr

/* The boot GDT: null, 64-bit code, data.  trap.c loads one with a TSS
 * (same selectors) once in C. */
	.balign 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff
	.quad 0x00cf92000000ffff
gdt_end:
gdt_desc:
	.word gdt_end - gdt - 1
	.long gdt

	.data
	.balign 8
	.globl x86_lapic_eoi
x86_lapic_eoi:
	.quad 0xfee000b0

	.bss
	.balign 8
	.globl x86_pvh_start_info
x86_pvh_start_info:
	.skip 8
	.balign 4096
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4 * 4096
boot_pt:
	.skip 4096
	/* The stack and its guard page: section .stack of the linker
	 * script, sized by the key stack_size (x86_stack_guard,
	 * x86_stack_bottom, x86_stack_top). */

	.section .note.GNU-stack, "", @progbits
