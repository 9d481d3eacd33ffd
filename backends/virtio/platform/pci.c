/* SPDX-License-Identifier: MIT */
/*
 * pci.c - PCI configuration space through the legacy I/O ports
 * (configuration mechanism #1: address at 0xcf8, data at 0xcfc), and a
 * scan of the functions present.  The pc machine has it; on microvm the
 * ports are unassigned and every read gives all ones, which looks like
 * an empty bus.
 *
 * The firmware (SeaBIOS on pc, which runs before the PVH entry) has
 * already assigned the BARs and the interrupt lines; nothing here
 * changes them.
 */
#include "x86.h"

#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc

#define PCI_VENDOR 0x00
#define PCI_CLASS 0x08		/* revision, prog-if, subclass, class */
#define PCI_HEADER 0x0e
#define PCI_SECONDARY_BUS 0x19	/* header type 1 (bridges) */

static void address(pci_bdf f, uint8_t off)
{
	outl(PCI_ADDR, 0x80000000u | (uint32_t)f << 8 | (off & 0xfcu));
}

uint32_t pci_read32(pci_bdf f, uint8_t off)
{
	address(f, off);
	return inl(PCI_DATA);
}

uint16_t pci_read16(pci_bdf f, uint8_t off)
{
	address(f, off);
	return inw((uint16_t)(PCI_DATA + (off & 2)));
}

uint8_t pci_read8(pci_bdf f, uint8_t off)
{
	address(f, off);
	return inb((uint16_t)(PCI_DATA + (off & 3)));
}

void pci_write16(pci_bdf f, uint8_t off, uint16_t v)
{
	address(f, off);
	outw((uint16_t)(PCI_DATA + (off & 2)), v);
}

/* Buses already scanned: a misconfigured bridge cannot make us loop. */
static uint8_t seen[256 / 8];

static void scan_bus(unsigned bus, void (*found)(pci_bdf, void *), void *ctx)
{
	if (seen[bus / 8] & (1u << bus % 8))
		return;
	seen[bus / 8] |= (uint8_t)(1u << bus % 8);
	for (unsigned dev = 0; dev < 32; dev++) {
		pci_bdf f0 = (pci_bdf)(bus << 8 | dev << 3);
		unsigned nfn;

		if (pci_read16(f0, PCI_VENDOR) == 0xffff)
			continue;
		nfn = pci_read8(f0, PCI_HEADER) & 0x80 ? 8 : 1;
		for (unsigned fn = 0; fn < nfn; fn++) {
			pci_bdf f = (pci_bdf)(f0 | fn);

			if (pci_read16(f, PCI_VENDOR) == 0xffff)
				continue;
			found(f, ctx);
			/* A PCI-to-PCI bridge (class 06, subclass 04). */
			if ((pci_read32(f, PCI_CLASS) >> 16) == 0x0604) {
				unsigned sec = pci_read8(f, PCI_SECONDARY_BUS);
				if (sec != 0)
					scan_bus(sec, found, ctx);
			}
		}
	}
}

void pci_scan(void (*found)(pci_bdf f, void *ctx), void *ctx)
{
	for (unsigned i = 0; i < sizeof(seen); i++)
		seen[i] = 0;
	scan_bus(0, found, ctx);
}
