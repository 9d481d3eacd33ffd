/* SPDX-License-Identifier: MIT */
/*
 * trap.c - the interrupt descriptor table and the CPU exception handler:
 * a fault prints the vector, its name, RIP, the error code (and CR2 for
 * a page fault) and the registers on the console, then ends the program
 * with status FAULT_STATUS.
 */
#include "bare/print.h"
#include "x86.h"

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;		/* 0x8e: present, DPL 0, 64-bit interrupt gate */
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t zero;
};

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gates are 16 bytes");

static struct idt_gate idt[256];

/* The 64-bit TSS: only IST1 is used, the stack of the double-fault
 * handler, so that a stack overflow (a page fault that cannot push its
 * frame) still gets reported. */
struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap;
};

static struct tss tss;
static _Alignas(16) char df_stack[8192];

/* null, 64-bit code (0x08), data (0x10), the TSS (0x18, two slots). */
static uint64_t gdt[5] = {
	0,
	0x00af9a000000ffffull,
	0x00cf92000000ffffull,
};

struct __attribute__((packed)) table_desc {
	uint16_t limit;
	uint64_t base;
};

/* What start.S pushed, from the lowest address up. */
struct frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vec, err;
	uint64_t rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};

_Noreturn void x86_exception(const struct frame *f);

static void set_gate(unsigned vec, uintptr_t addr, uint8_t ist)
{
	idt[vec] = (struct idt_gate){
		.off_lo = (uint16_t)addr,
		.sel = 0x08,
		.ist = ist,
		.type = 0x8e,
		.off_mid = (uint16_t)(addr >> 16),
		.off_hi = (uint32_t)(addr >> 32),
	};
}

void trap_init(void)
{
	struct table_desc gdesc = { sizeof(gdt) - 1, (uintptr_t)gdt };
	struct table_desc idesc = { sizeof(idt) - 1, (uintptr_t)idt };
	uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;

	tss.ist[0] = (uintptr_t)df_stack + sizeof(df_stack);
	tss.iomap = sizeof(tss);	/* no I/O permission bitmap */
	gdt[3] = (limit & 0xffff) | (base & 0xffffff) << 16 |
		 0x89ull << 40 |	/* present, 64-bit TSS, available */
		 ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[4] = base >> 32;
	/* Same code and data selectors as the boot GDT: no reload needed. */
	__asm__ volatile("lgdt %0" : : "m"(gdesc));
	__asm__ volatile("ltr %w0" : : "r"(0x18));

	/* The 8259 PICs, where the machine has them (pc; microvm with
	 * pic=on): mask every line.  Their vectors would collide with the
	 * exceptions, and nothing here uses them.  Without a PIC the ports
	 * ignore writes. */
	outb(0x21, 0xff);
	outb(0xa1, 0xff);

	for (unsigned v = 0; v < 32; v++)
		set_gate(v, (uintptr_t)x86_exception_stubs[v], v == 8 ? 1 : 0);
	set_gate(VEC_TIMER, (uintptr_t)x86_timer_stub, 0);
	set_gate(VEC_DEVICE, (uintptr_t)x86_device_stub, 0);
	set_gate(VEC_SPURIOUS, (uintptr_t)x86_spurious_stub, 0);
	/* Other vectors stay not present: one arriving is a #GP whose
	 * error code names it (vector * 8 + 2). */
	__asm__ volatile("lidt %0" : : "m"(idesc));
}

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault", "general protection",
	"page fault", "reserved", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection", "reserved",
	"reserved", "reserved", "reserved", "reserved", "reserved",
	"hypervisor injection", "VMM communication", "security exception",
	"reserved",
};

static void reg(const char *name, uint64_t v)
{
	print_str(" ");
	print_str(name);
	print_str("=");
	print_hex(v);
}

_Noreturn void x86_exception(const struct frame *f)
{
	static bool inside;
	uint64_t cr2;

	if (inside)	/* faulted while reporting: just stop */
		x86_exit(FAULT_STATUS);
	inside = true;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	print_str("\nvirtio: CPU exception ");
	print_dec(f->vec);
	print_str(" (");
	print_str(f->vec < 32 ? names[f->vec] : "?");
	print_str(") at rip ");
	print_hex(f->rip);
	print_str(", error code ");
	print_hex(f->err);
	if (f->vec == 14) {
		print_str(", address ");
		print_hex(cr2);
		print_str(f->err & 1 ? " (protection" : " (not present");
		print_str(f->err & 2 ? ", write)" : ", read)");
	}
	print_str("\n ");
	reg("rax", f->rax); reg("rbx", f->rbx); reg("rcx", f->rcx);
	reg("rdx", f->rdx);
	print_str("\n ");
	reg("rsi", f->rsi); reg("rdi", f->rdi); reg("rbp", f->rbp);
	reg("rsp", f->rsp);
	print_str("\n ");
	reg("r8", f->r8); reg("r9", f->r9); reg("r10", f->r10);
	reg("r11", f->r11);
	print_str("\n ");
	reg("r12", f->r12); reg("r13", f->r13); reg("r14", f->r14);
	reg("r15", f->r15);
	print_str("\n ");
	reg("rflags", f->rflags); reg("cs", f->cs); reg("ss", f->ss);
	print_str("\n");
	if ((f->vec == 14 && cr2 >= (uintptr_t)x86_stack_guard &&
	     cr2 < (uintptr_t)x86_stack_bottom) ||
	    (f->rsp >= (uintptr_t)x86_stack_guard &&
	     f->rsp < (uintptr_t)x86_stack_bottom + 512)) {
		print_str("virtio: stack overflow (the stack is ");
		print_dec((uint64_t)(x86_stack_top - x86_stack_bottom));
		print_str(" bytes: mirc configure --stack-size=N for more)\n");
	}
	print_str("virtio: stopping with status ");
	print_dec(FAULT_STATUS);
	print_str(" (find the function with: addr2line -fe dist/NAME.elf ");
	print_hex(f->rip);
	print_str(")\n");
	x86_exit(FAULT_STATUS);
}
