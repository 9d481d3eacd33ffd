/* SPDX-License-Identifier: MIT */
/*
 * test_fdt.c - rt/bare/fdt.c on trees built here, shaped like the one
 * qemu's virt machine gives (a /chosen with bootargs and rng-seed, a
 * pl011 under a root with two address and two size cells), then on every
 * truncation and on single-byte corruptions of it: the reader must
 * answer or refuse, never read outside the tree (run it under ASan or
 * valgrind to see that: the CMake options of the top-level build).
 *
 * Prints SUCCESS and exits 0, or names the first failed check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"

#define CHECK(c)                                                          \
	do {                                                              \
		if (!(c)) {                                               \
			fprintf(stderr, "%s:%d: check failed: %s\n",      \
				__FILE__, __LINE__, #c);                  \
			exit(1);                                          \
		}                                                         \
	} while (0)

/* ---- a minimal tree writer ------------------------------------------------ */

struct writer {
	unsigned char st[2048], str[512];
	size_t nst, nstr;
};

static void u32(struct writer *w, uint32_t v)
{
	w->st[w->nst++] = (unsigned char)(v >> 24);
	w->st[w->nst++] = (unsigned char)(v >> 16);
	w->st[w->nst++] = (unsigned char)(v >> 8);
	w->st[w->nst++] = (unsigned char)v;
}

static void pad(struct writer *w)
{
	while (w->nst % 4)
		w->st[w->nst++] = 0;
}

static void begin(struct writer *w, const char *name)
{
	u32(w, 1);
	memcpy(w->st + w->nst, name, strlen(name) + 1);
	w->nst += strlen(name) + 1;
	pad(w);
}

static void end(struct writer *w)
{
	u32(w, 2);
}

static void prop(struct writer *w, const char *name, const void *v, size_t n)
{
	u32(w, 3);
	u32(w, (uint32_t)n);
	u32(w, (uint32_t)w->nstr);
	memcpy(w->str + w->nstr, name, strlen(name) + 1);
	w->nstr += strlen(name) + 1;
	memcpy(w->st + w->nst, v, n);
	w->nst += n;
	pad(w);
}

static void prop_cells(struct writer *w, const char *name, const uint32_t *c,
		       size_t n)
{
	unsigned char b[32];

	for (size_t i = 0; i < n; i++) {
		b[4 * i] = (unsigned char)(c[i] >> 24);
		b[4 * i + 1] = (unsigned char)(c[i] >> 16);
		b[4 * i + 2] = (unsigned char)(c[i] >> 8);
		b[4 * i + 3] = (unsigned char)c[i];
	}
	prop(w, name, b, 4 * n);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static const char bootargs[] = "--hello=Bonjour -l debug";
static const unsigned char seed[32] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
};

/* The virt-like tree into blob (4-aligned); returns its size. */
static size_t build(unsigned char *blob)
{
	static struct writer w;
	uint32_t two = 2, one = 1;
	const uint32_t uart[] = { 0, 0x09000000, 0, 0x1000 };
	const uint32_t rtc[] = { 0, 0x09010000, 0, 0x1000 };
	const uint32_t v0[] = { 0, 0x0a000000, 0, 0x200 };
	const uint32_t v1[] = { 0, 0x0a000200, 0, 0x200 };
	size_t off_st = 40 + 16, total;	/* header, one empty reservation */

	memset(&w, 0, sizeof(w));
	begin(&w, "");
	prop_cells(&w, "#address-cells", &two, 1);
	prop_cells(&w, "#size-cells", &two, 1);
	prop(&w, "compatible", "linux,dummy-virt", 17);
	begin(&w, "pl011@9000000");
	prop(&w, "compatible", "arm,pl011\0arm,primecell", 24);
	prop_cells(&w, "reg", uart, 4);
	end(&w);
	begin(&w, "pl031@9010000");
	prop_cells(&w, "reg", rtc, 4);
	prop(&w, "compatible", "arm,pl031\0arm,primecell", 24);
	end(&w);
	begin(&w, "virtio_mmio@a000000");
	prop(&w, "compatible", "virtio,mmio", 12);
	prop_cells(&w, "reg", v0, 4);
	end(&w);
	begin(&w, "virtio_mmio@a000200");
	prop(&w, "compatible", "virtio,mmio", 12);
	prop_cells(&w, "reg", v1, 4);
	end(&w);
	begin(&w, "chosen");
	prop(&w, "rng-seed", seed, sizeof(seed));
	prop(&w, "bootargs", bootargs, sizeof(bootargs));
	/* A node below /chosen with a bootargs of its own: not /chosen's. */
	begin(&w, "deeper");
	prop(&w, "bootargs", "wrong", 6);
	end(&w);
	end(&w);
	begin(&w, "other");
	prop_cells(&w, "#address-cells", &one, 1);
	end(&w);
	end(&w);
	u32(&w, 9);

	total = off_st + w.nst + w.nstr;
	memset(blob, 0, total);
	put32(blob, FDT_MAGIC);
	put32(blob + 4, (uint32_t)total);
	put32(blob + 8, (uint32_t)off_st);
	put32(blob + 12, (uint32_t)(off_st + w.nst));
	put32(blob + 16, 40);			/* memory reservation map */
	put32(blob + 20, 17);
	put32(blob + 24, 16);
	put32(blob + 32, (uint32_t)w.nstr);
	put32(blob + 36, (uint32_t)w.nst);
	memcpy(blob + off_st, w.st, w.nst);
	memcpy(blob + off_st + w.nst, w.str, w.nstr);
	return total;
}

static uint32_t storage[1024];		/* uint32_t: 4-aligned */

static void lookups(void)
{
	unsigned char *blob = (unsigned char *)storage;
	size_t size = build(blob), len = 0;
	struct fdt t;
	const char *s;
	uint64_t base = 0, sz = 0;

	CHECK(fdt_open(&t, blob, size) == 0);
	CHECK(fdt_open(&t, blob, size - 1) == -1);	/* beyond max */
	CHECK(fdt_open(&t, blob + 1, size) == -1);	/* misaligned */
	CHECK(fdt_open(&t, NULL, size) == -1);
	CHECK(fdt_open(&t, blob, size) == 0);

	s = fdt_prop(&t, "/chosen", "bootargs", &len);
	CHECK(s && len == sizeof(bootargs) && strcmp(s, bootargs) == 0);
	CHECK(fdt_prop(&t, "/chosen", "rng-seed", &len) && len == 32);
	s = fdt_prop(&t, "/chosen/deeper", "bootargs", &len);
	CHECK(s && strcmp(s, "wrong") == 0);
	CHECK(fdt_prop(&t, "/", "compatible", &len) && len == 17);
	CHECK(!fdt_prop(&t, "/chosen", "nothing", &len));
	CHECK(!fdt_prop(&t, "/chose", "bootargs", &len));
	CHECK(!fdt_prop(&t, "/other", "bootargs", &len));
	CHECK(!fdt_prop(&t, "chosen", "bootargs", &len));

	CHECK(fdt_find_compatible(&t, "arm,pl011", 0, &base, &sz) == 0);
	CHECK(base == 0x09000000 && sz == 0x1000);
	CHECK(fdt_find_compatible(&t, "arm,pl031", 0, &base, &sz) == 0);
	CHECK(base == 0x09010000);
	CHECK(fdt_find_compatible(&t, "arm,primecell", 1, &base, &sz) == 0);
	CHECK(base == 0x09010000);
	CHECK(fdt_find_compatible(&t, "virtio,mmio", 1, &base, &sz) == 0);
	CHECK(base == 0x0a000200 && sz == 0x200);
	CHECK(fdt_find_compatible(&t, "virtio,mmio", 2, &base, &sz) == -1);
	CHECK(fdt_find_compatible(&t, "arm,pl01", 0, &base, &sz) == -1);
}

static void boot(void)
{
	unsigned char *blob = (unsigned char *)storage;
	size_t size = build(blob), len = 0;
	unsigned char got[64];
	const unsigned char *in_tree;
	struct fdt_boot b;
	struct fdt t;

	fdt_boot_take(&b, blob, size);
	CHECK(b.bootargs && strcmp(b.bootargs, bootargs) == 0);
	CHECK(b.seed_len == 32 && memcmp(b.seed, seed, 32) == 0);
	/* The seed is gone from the tree, which stays valid. */
	CHECK(fdt_open(&t, blob, size) == 0);
	in_tree = fdt_prop(&t, "/chosen", "rng-seed", &len);
	CHECK(in_tree && len == 32);
	for (size_t i = 0; i < len; i++)
		CHECK(in_tree[i] == 0);
	/* Handed out once, as much as asked for. */
	CHECK(fdt_boot_seed(&b, got, 16) == 16 && memcmp(got, seed, 16) == 0);
	CHECK(fdt_boot_seed(&b, got, sizeof(got)) == 0);
	free((void *)b.bootargs);

	/* No tree: nothing, and no crash. */
	memset(blob, 0, 64);
	fdt_boot_take(&b, blob, 64);
	CHECK(!b.bootargs && b.seed_len == 0);
	CHECK(fdt_boot_seed(&b, got, sizeof(got)) == 0);
}

/* Every lookup on a damaged tree: answers must lie inside the blob. */
static void probe(unsigned char *blob, size_t size)
{
	struct fdt t;
	size_t len = 0;
	const unsigned char *v;
	uint64_t base, sz;
	struct fdt_boot b;

	if (fdt_open(&t, blob, size) != 0)
		return;
	v = fdt_prop(&t, "/chosen", "bootargs", &len);
	CHECK(!v || (v >= blob && v + len <= blob + size));
	v = fdt_prop(&t, "/chosen", "rng-seed", &len);
	CHECK(!v || (v >= blob && v + len <= blob + size));
	(void)fdt_find_compatible(&t, "virtio,mmio", 1, &base, &sz);
	fdt_boot_take(&b, blob, size);
	free((void *)b.bootargs);
}

static void corrupt(void)
{
	unsigned char *blob = (unsigned char *)storage;
	size_t size = build(blob);
	static const unsigned char values[] = { 0x00, 0x01, 0x02, 0x03, 0x09,
						0x7f, 0x80, 0xff };

	/* Truncated: the header still claims the whole size. */
	for (size_t n = 0; n < size; n++) {
		unsigned char *copy = malloc(n ? n : 1);

		CHECK(copy);
		memcpy(copy, blob, n);
		probe(copy, n);
		free(copy);
	}
	/* One byte changed, everywhere, to values that are tokens, small
	 * lengths or huge ones. */
	for (size_t i = 0; i < size; i++)
		for (size_t k = 0; k < sizeof(values); k++) {
			size_t n = build(blob);
			unsigned char *copy = malloc(n);

			CHECK(copy);
			memcpy(copy, blob, n);
			copy[i] = values[k];
			probe(copy, n);
			free(copy);
		}
}

int main(void)
{
	lookups();
	boot();
	corrupt();
	puts("SUCCESS");
	return 0;
}
