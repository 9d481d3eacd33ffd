/* SPDX-License-Identifier: MIT */
/*
 * fdt.h - a small reader of flattened device trees (the "DTB" format of
 * the Devicetree Specification, chapter 5), for the boards whose machine
 * hands the program one: qemu's virt machines (riscv64 in a1, aarch64 at
 * the start of RAM).
 *
 * Read-only walks, every offset bounds-checked: a corrupt or hostile
 * tree makes the functions fail, never read outside it.  Portable C11
 * with freestanding headers plus memcpy/memcmp/strnlen/malloc (every
 * bare-metal board links those).
 *
 * On top, fdt_boot_take() gathers what a board's boot code wants from
 * its tree (the boot arguments and the entropy seed) before the memory
 * the tree sits in can be reused, and fdt_boot_seed() hands the seed out
 * once, for platform_seed().
 */
#ifndef MIRC_BARE_FDT_H
#define MIRC_BARE_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu

/* A tree that fdt_open() has checked. */
struct fdt {
	unsigned char *blob;	/* writable: fdt_boot_take() erases the seed */
	uint32_t size;		/* totalsize */
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
};

/*
 * Check the header of the tree at blob, which may span at most `max`
 * bytes (the memory known to be readable there), and fill t.  Returns 0,
 * or -1 when blob is NULL, misaligned, not a tree (magic), of a version
 * before 17, or claims blocks outside itself or beyond max.
 */
int fdt_open(struct fdt *t, void *blob, size_t max);

/*
 * The value of property `prop` of the node at `path` ("/chosen"; "/" is
 * the root; node names compare in full, unit address included), its
 * length in *len.  NULL when there is no such node or property, or when
 * the walk meets something malformed.
 */
const void *fdt_prop(const struct fdt *t, const char *path, const char *prop,
		     size_t *len);

/*
 * The `index`th node (0: the first, in tree order) whose "compatible"
 * list has `compat`: the first (address, size) pair of its "reg", read
 * with its parent's #address-cells and #size-cells (2 and 1 by default,
 * as the specification says).  Returns 0, or -1 when there is no such
 * node, it has no usable reg, or the tree is malformed.
 */
int fdt_find_compatible(const struct fdt *t, const char *compat, int index,
			uint64_t *base, uint64_t *size);

/* Read a big-endian 32-bit cell (the tree's byte order) from p. */
uint32_t fdt_be32(const void *p);

/* ---- what boot code takes from the tree ---------------------------------- */

#define FDT_BOOT_SEED_MAX 64u	/* bytes of /chosen/rng-seed kept */

struct fdt_boot {
	const char *bootargs;	/* /chosen/bootargs on the heap, or NULL */
	unsigned char seed[FDT_BOOT_SEED_MAX];
	size_t seed_len;	/* 0: none, or already handed out */
};

/*
 * Fill b from the tree at blob (spanning at most max bytes): copy
 * /chosen/bootargs to the heap (malloc) and /chosen/rng-seed into b, and
 * overwrite the seed in the tree with zeros, so that nothing later can
 * read it there (as Linux does).  A missing or corrupt tree leaves b
 * empty.  Call it once, at boot, before the heap is in use.
 */
void fdt_boot_take(struct fdt_boot *b, void *blob, size_t max);

/*
 * platform_seed() for boards that use fdt_boot_take(): copy up to len
 * seed bytes to buf, erase b's copy and return how many were copied (0
 * from the second call on).
 */
size_t fdt_boot_seed(struct fdt_boot *b, void *buf, size_t len);

#endif
