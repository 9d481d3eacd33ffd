/* SPDX-License-Identifier: MIT */
/*
 * x86.h - what the files of the virtio platform share: port and MMIO
 * access, CPUID, the TSC, MSRs, and the functions of one file that
 * another calls.  Not for devices (they use rt/src/platform.h, and
 * rt/bare/virtio/virtio.h for the virtio hardware).
 */
#ifndef MIRC_VIRTIO_X86_H
#define MIRC_VIRTIO_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- instructions ------------------------------------------------------------------ */

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)));
}

struct cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid cpuid(uint32_t leaf, uint32_t sub)
{
	struct cpuid r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(sub));
	return r;
}

static inline void cli(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

/* ---- the machine --------------------------------------------------------------------- */

/* isa-debug-exit (qemu -device isa-debug-exit,iobase=0xf4,iosize=0x04). */
#define DEBUG_EXIT_PORT 0xf4

/* Exit status of a program stopped by a CPU exception (EX_SOFTWARE). */
#define FAULT_STATUS 70

/* Interrupt vectors: 0-31 are the CPU's exceptions.  Every device
 * interrupt (routed by the I/O APIC, edge-triggered) arrives on
 * VEC_DEVICE, whose only job is to end the hlt of platform_wait(). */
#define VEC_TIMER 0x40
#define VEC_DEVICE 0x50
#define VEC_SPURIOUS 0xff

/* ---- start.S --------------------------------------------------------------------------- */

/* Physical address of the PVH start_info (%ebx at the 32-bit entry). */
extern uint64_t x86_pvh_start_info;
/* The 32 exception entry points, then the timer's, the devices' and the
 * spurious one. */
extern const uint64_t x86_exception_stubs[32];
void x86_timer_stub(void);
void x86_device_stub(void);
void x86_spurious_stub(void);
/* Address of the local APIC's EOI register, used by x86_timer_stub. */
extern uint64_t x86_lapic_eoi;
/* The boot stack, and the unmapped page below it. */
extern char x86_stack_guard[], x86_stack_bottom[], x86_stack_top[];

/* ---- serial.c -------------------------------------------------------------------------- */

/* COM1: 115200 8N1, FIFOs on, no interrupts. */
void serial_init(void);
void serial_write(const char *buf, size_t len);
/* Wait until every byte written has left the transmitter. */
void serial_drain(void);

/* ---- trap.c ---------------------------------------------------------------------------- */

/* Install the GDT with a TSS (a stack of its own for double faults), the
 * IDT (exceptions, timer, devices, spurious) and mask the legacy PIC. */
void trap_init(void);

/* ---- clock.c --------------------------------------------------------------------------- */

/* Enable the local APIC, calibrate the TSC and the APIC timer against
 * the PIT, read the CMOS RTC.  0 or -errno (no clock to calibrate
 * against: the message has been printed). */
int clock_init(void);
uint64_t clock_now_ns(void);
int64_t clock_wall_ns(void);
/* Fire VEC_TIMER in about ns nanoseconds (never early by more than a
 * rounding step; 0 stops the timer). */
void clock_timer_arm(uint64_t ns);

/* ---- ioapic.c -------------------------------------------------------------------------- */

/* Deliver global system interrupt `gsi` to this CPU as `vector`,
 * edge-triggered: the I/O APIC at 0xfec00000 has GSIs 0-23, microvm's
 * second one (ioapic2) at 0xfec10000 GSIs 24-47.  0, or -ENODEV when no
 * I/O APIC answers for it. */
int ioapic_route(unsigned gsi, uint8_t vector);

/* ---- pci.c ----------------------------------------------------------------------------- */

/* A PCI function: bus << 8 | device << 3 | function. */
typedef uint16_t pci_bdf;

uint32_t pci_read32(pci_bdf f, uint8_t off);
uint16_t pci_read16(pci_bdf f, uint8_t off);
uint8_t pci_read8(pci_bdf f, uint8_t off);
void pci_write16(pci_bdf f, uint8_t off, uint16_t v);
/* Call found(f, ctx) for every function present, bus 0 first, then the
 * buses behind PCI-PCI bridges in the order the bridges are found (the
 * order of the slots, which is that of qemu's -device options when no
 * addr= is given). */
void pci_scan(void (*found)(pci_bdf f, void *ctx), void *ctx);

/* ---- platform.c ------------------------------------------------------------------------ */

/* Physical address of the ACPI RSDP the PVH loader found (the machine
 * has ACPI tables), or 0. */
uint64_t x86_acpi_rsdp(void);

/* Leave qemu with `status` through isa-debug-exit; never returns. */
_Noreturn void x86_exit(int status);

#endif
