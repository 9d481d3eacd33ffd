/* SPDX-License-Identifier: MIT */
/*
 * fdt.c - the flattened-device-tree reader of fdt.h.
 *
 * The structure block is a stream of big-endian 32-bit tokens:
 * BEGIN_NODE name\0 (padded to 4), PROP len nameoff value (padded),
 * END_NODE, NOP, END.  Properties of a node come before its children.
 * One tokenizer (next()) checks every length against the block's end
 * and every name offset against the strings block; the lookups above it
 * only keep track of depth.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"

#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u
#define TOKEN_END 9u

#define HEADER_SIZE 40u		/* version 17's header */
#define MAX_DEPTH 16		/* deeper nodes make lookups fail */

/* strnlen() is POSIX, not C11: the boards' C libraries need not have it. */
static size_t bounded_len(const void *p, size_t max)
{
	const unsigned char *s = p;
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Zero n bytes with stores the compiler may not drop as dead (the seed's
 * copies must not survive), as chacha20_wipe() does, without linking it. */
static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

static size_t align4(size_t n)
{
	return (n + 3u) & ~(size_t)3u;
}

uint32_t fdt_be32(const void *p)
{
	const unsigned char *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

int fdt_open(struct fdt *t, void *blob, size_t max)
{
	unsigned char *b = blob;
	uint32_t total;

	if (!b || ((uintptr_t)b & 3u) || max < HEADER_SIZE ||
	    fdt_be32(b) != FDT_MAGIC || fdt_be32(b + 20) < 17)
		return -1;
	total = fdt_be32(b + 4);
	t->blob = b;
	t->size = total;
	t->off_struct = fdt_be32(b + 8);
	t->off_strings = fdt_be32(b + 12);
	t->size_strings = fdt_be32(b + 32);
	t->size_struct = fdt_be32(b + 36);
	/* Subtractions, not sums: a sum of two 32-bit fields can wrap. */
	if (total < HEADER_SIZE || total > max || (t->off_struct & 3u) ||
	    t->off_struct > total || t->size_struct > total - t->off_struct ||
	    t->off_strings > total || t->size_strings > total - t->off_strings)
		return -1;
	return 0;
}

/* ---- the tokenizer --------------------------------------------------------- */

struct token {
	uint32_t type;
	const char *name;		/* node or property name */
	size_t namelen;
	const unsigned char *value;	/* property value */
	size_t len;
};

struct walk {
	const struct fdt *t;
	size_t p, end;		/* offsets in the blob */
	int depth;		/* 1 inside the root node */
};

static void walk_start(struct walk *w, const struct fdt *t)
{
	w->t = t;
	w->p = t->off_struct;
	w->end = (size_t)t->off_struct + t->size_struct;
	w->depth = 0;
}

/* The next token other than NOP; false at the end of the tree or on
 * anything malformed (the callers treat both as "not found"). */
static bool next(struct walk *w, struct token *k)
{
	const unsigned char *b = w->t->blob;

	for (;;) {
		if (w->end - w->p < 4)
			return false;
		k->type = fdt_be32(b + w->p);
		w->p += 4;
		switch (k->type) {
		case TOKEN_NOP:
			continue;
		case TOKEN_BEGIN_NODE:
			k->name = (const char *)b + w->p;
			k->namelen = bounded_len(k->name, w->end - w->p);
			if (k->namelen == w->end - w->p)
				return false;	/* no NUL before the end */
			w->p += align4(k->namelen + 1);
			if (w->p > w->end)
				return false;
			w->depth++;
			return true;
		case TOKEN_END_NODE:
			if (w->depth == 0)
				return false;
			w->depth--;
			return true;
		case TOKEN_PROP: {
			uint32_t nameoff;
			size_t room;

			if (w->end - w->p < 8)
				return false;
			k->len = fdt_be32(b + w->p);
			nameoff = fdt_be32(b + w->p + 4);
			w->p += 8;
			if (k->len > w->end - w->p ||
			    nameoff >= w->t->size_strings || w->depth == 0)
				return false;
			room = w->t->size_strings - nameoff;
			k->name = (const char *)b + w->t->off_strings + nameoff;
			k->namelen = bounded_len(k->name, room);
			if (k->namelen == room)
				return false;
			k->value = b + w->p;
			w->p += align4(k->len);
			if (w->p > w->end)
				return false;
			return true;
		}
		default:	/* TOKEN_END, or garbage */
			return false;
		}
	}
}

static bool name_is(const struct token *k, const char *s, size_t n)
{
	return k->namelen == n && memcmp(k->name, s, n) == 0;
}

/* ---- lookups ----------------------------------------------------------------- */

const void *fdt_prop(const struct fdt *t, const char *path, const char *prop,
		     size_t *len)
{
	const char *comp[MAX_DEPTH];	/* the path's components */
	size_t complen[MAX_DEPTH];
	int ncomp = 0, matched = 0;	/* matched: components on the branch */
	struct walk w;
	struct token k;

	if (*path != '/')
		return NULL;
	for (const char *s = path + 1; *s;) {
		const char *e = s;

		while (*e && *e != '/')
			e++;
		if (e == s || ncomp == MAX_DEPTH)
			return NULL;	/* "//" or too deep */
		comp[ncomp] = s;
		complen[ncomp++] = (size_t)(e - s);
		s = *e ? e + 1 : e;
	}
	walk_start(&w, t);
	while (next(&w, &k)) {
		switch (k.type) {
		case TOKEN_BEGIN_NODE:
			/* The root is depth 1; the node at depth d is the
			 * path's component d - 2 when its parent matched. */
			if (w.depth >= 2 && matched == w.depth - 2 &&
			    matched < ncomp &&
			    name_is(&k, comp[matched], complen[matched]))
				matched++;
			break;
		case TOKEN_END_NODE:
			if (w.depth == 0)
				return NULL;	/* the root has ended */
			/* Leaving the node at depth w.depth + 1: if it was
			 * on the path, the path is matched up to its parent. */
			if (matched >= w.depth)
				matched = w.depth - 1;
			break;
		case TOKEN_PROP:
			if (matched == ncomp && w.depth == ncomp + 1 &&
			    name_is(&k, prop, strlen(prop))) {
				*len = k.len;
				return k.value;
			}
			break;
		}
	}
	return NULL;
}

/* true when the string list (NUL-separated) v of n bytes has s. */
static bool list_has(const unsigned char *v, size_t n, const char *s)
{
	size_t sl = strlen(s);

	while (n > 0) {
		size_t l = bounded_len((const char *)v, n);

		if (l == sl && memcmp(v, s, sl) == 0)
			return true;
		if (l == n)
			break;		/* unterminated last string */
		v += l + 1;
		n -= l + 1;
	}
	return false;
}

/* A number of `cells` big-endian cells (1 or 2) at p. */
static uint64_t cells(const unsigned char *p, uint32_t n)
{
	return n == 2 ? (uint64_t)fdt_be32(p) << 32 | fdt_be32(p + 4)
		      : n == 1 ? fdt_be32(p) : 0;
}

int fdt_find_compatible(const struct fdt *t, const char *compat, int index,
			uint64_t *base, uint64_t *size)
{
	/* Per depth: the cells the node gives its children, and whether
	 * the node matches and where its reg is.  [0] is the root's
	 * parent, with the specification's defaults. */
	uint32_t acells[MAX_DEPTH + 1], scells[MAX_DEPTH + 1];
	bool match[MAX_DEPTH + 1];
	const unsigned char *reg[MAX_DEPTH + 1];
	size_t reglen[MAX_DEPTH + 1];
	struct walk w;
	struct token k;
	int d;

	acells[0] = 2;
	scells[0] = 1;
	walk_start(&w, t);
	while (next(&w, &k)) {
		d = w.depth;
		switch (k.type) {
		case TOKEN_BEGIN_NODE:
			if (d > MAX_DEPTH)
				return -1;
			acells[d] = 2;
			scells[d] = 1;
			match[d] = false;
			reg[d] = NULL;
			reglen[d] = 0;
			break;
		case TOKEN_PROP:
			if (d > MAX_DEPTH)
				return -1;
			if (name_is(&k, "#address-cells", 14) && k.len == 4)
				acells[d] = fdt_be32(k.value);
			else if (name_is(&k, "#size-cells", 11) && k.len == 4)
				scells[d] = fdt_be32(k.value);
			else if (name_is(&k, "compatible", 10))
				match[d] = list_has(k.value, k.len, compat);
			else if (name_is(&k, "reg", 3)) {
				reg[d] = k.value;
				reglen[d] = k.len;
			}
			break;
		case TOKEN_END_NODE: {
			/* The node that ended was at depth d + 1; its
			 * parent, whose cells describe its reg, at d. */
			uint32_t ac = acells[d], sc = scells[d];

			if (!match[d + 1] || !reg[d + 1] || index-- > 0) {
				if (d == 0)
					return -1;	/* end of the root */
				break;
			}
			if (ac < 1 || ac > 2 || sc > 2 ||
			    reglen[d + 1] < 4 * (size_t)(ac + sc))
				return -1;
			*base = cells(reg[d + 1], ac);
			*size = cells(reg[d + 1] + 4 * ac, sc);
			return 0;
		}
		}
	}
	return -1;
}

/* ---- boot ------------------------------------------------------------------- */

void fdt_boot_take(struct fdt_boot *b, void *blob, size_t max)
{
	struct fdt t;
	const char *args;
	const unsigned char *seed;
	size_t len = 0;

	b->bootargs = NULL;
	b->seed_len = 0;
	if (fdt_open(&t, blob, max) != 0)
		return;
	args = fdt_prop(&t, "/chosen", "bootargs", &len);
	if (args) {
		size_t n = bounded_len(args, len);
		char *copy = n ? malloc(n + 1) : NULL;

		if (copy) {
			memcpy(copy, args, n);
			copy[n] = '\0';
			b->bootargs = copy;
		}
	}
	seed = fdt_prop(&t, "/chosen", "rng-seed", &len);
	if (seed) {
		b->seed_len = len < sizeof(b->seed) ? len : sizeof(b->seed);
		memcpy(b->seed, seed, b->seed_len);
		/* The value is inside t.blob, which is writable memory:
		 * erase it there, through the blob's own pointer. */
		wipe(t.blob + (seed - t.blob), len);
	}
}

size_t fdt_boot_seed(struct fdt_boot *b, void *buf, size_t len)
{
	size_t n = b->seed_len < len ? b->seed_len : len;

	memcpy(buf, b->seed, n);
	wipe(b->seed, sizeof(b->seed));
	b->seed_len = 0;
	return n;
}
