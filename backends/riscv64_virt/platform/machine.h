/* SPDX-License-Identifier: MIT */
/*
 * machine.h - riscv64_virt: the qemu virt board's memory map and the
 * machine-mode CSRs the platform uses.  Internal to the platform.
 */
#ifndef RISCV64_VIRT_MACHINE_H
#define RISCV64_VIRT_MACHINE_H

#include <stdint.h>

/* qemu hw/riscv/virt.c memory map */
#define VIRT_TEST	0x00100000u	/* SiFive test finisher */
#define VIRT_RTC	0x00101000u	/* goldfish RTC */
#define VIRT_CLINT	0x02000000u
#define VIRT_PLIC	0x0c000000u
#define VIRT_UART0	0x10000000u	/* ns16550a */
#define VIRT_DRAM	0x80000000u
#define VIRT_DRAM_SIZE	0x08000000u	/* qemu's default, as in link.ld */

/* CLINT (hart 0): mtime counts at 10 MHz from reset. */
#define CLINT_MTIMECMP0	(VIRT_CLINT + 0x4000u)
#define CLINT_MTIME	(VIRT_CLINT + 0xbff8u)
#define MTIME_HZ	10000000u
#define NS_PER_TICK	(1000000000u / MTIME_HZ)

#define MSTATUS_MIE	0x8u
#define MIE_MTIE	0x80u
#define MIE_MEIE	0x800u
#define MCAUSE_INTERRUPT (1ull << 63)
#define IRQ_M_TIMER	7u
#define IRQ_M_EXTERNAL	11u

static inline uint64_t mmio_read64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

static inline void mmio_write64(uintptr_t a, uint64_t v)
{
	*(volatile uint64_t *)a = v;
}

static inline uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint8_t mmio_read8(uintptr_t a)
{
	return *(volatile uint8_t *)a;
}

static inline void mmio_write8(uintptr_t a, uint8_t v)
{
	*(volatile uint8_t *)a = v;
}

/* CSR access.  -march=rv64imac leaves Zicsr out of the assembler's ISA
 * (the Debian toolchain's multilibs need that -march): enable it here. */
#define CSR_OP(insn, csr) \
	".option push\n.option arch, +zicsr\n" insn " " #csr ", %0\n.option pop"

#define csr_write(csr, v) \
	__asm__ volatile(CSR_OP("csrw", csr) : : "r"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) \
	__asm__ volatile(CSR_OP("csrs", csr) : : "r"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) \
	__asm__ volatile(CSR_OP("csrc", csr) : : "r"((uint64_t)(v)) : "memory")

static inline void wfi(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

static inline uint64_t mtime(void)
{
	return mmio_read64(CLINT_MTIME);
}

/* platform.c, for trap.c */
void riscv_virt_timer_irq(void);

/* virtio_virt.c: the PLIC, for trap.c and platform.c */
void riscv_virt_external_irq(void);
void riscv_virt_irq_complete(void);

#endif
