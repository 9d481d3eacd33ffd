/* SPDX-License-Identifier: MIT */
/*
 * util.h - allocation, arenas, string buffers and hash maps used by every
 * pass of the compiler.
 *
 * Everything a compilation builds (tokens, AST, types, graph) lives in one
 * arena and is released at once by arena_free().  The x-allocators print a
 * message and exit(3) on out-of-memory; nothing else in the compiler exits.
 */
#ifndef MIRC_UTIL_H
#define MIRC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A bump allocator made of chunks; individual objects are never freed. */
/*
 * A hint that *p will be read soon, for the loops over every declaration
 * of a program, whose declarations are rarely still in the cache: no
 * effect on any result.
 */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t cap;		/* size of head's data area */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* Zeroed, aligned to _Alignof(max_align_t); objects are packed, not
 * padded (strings from arena_strndup are byte-aligned). */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of n bytes at src, aligned as arena_alloc's. */
void *arena_memdup(struct arena *a, const void *src, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Growable array in the arena: VEC(T) declares { T *items; size_t len, cap; }.
 * vec_push copies the old items when growing (the old block stays in the
 * arena), so amortised cost is linear.
 */
#define VEC(T) struct { T *items; size_t len, cap; }
#define vec_push(a, v, x)                                                     \
	do {                                                                  \
		if ((v)->len == (v)->cap)                                     \
			vec_grow_((a), (void **)&(v)->items, &(v)->cap,       \
				  sizeof(*(v)->items));                       \
		(v)->items[(v)->len++] = (x);                                 \
	} while (0)
void vec_grow_(struct arena *a, void **items, size_t *cap, size_t elem);

/* A growable heap string; sb_free releases it. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s as the body of a C/JSON/dot string literal (no quotes). */
void sb_put_escaped(struct strbuf *sb, const char *s);

/*
 * String-keyed hash map (open addressing, keys not copied: they must live
 * as long as the map, normally in the arena).  Storage is on the heap.
 */
struct hmap {
	struct hmap_slot *slots;
	size_t len, cap;
};
void hmap_init(struct hmap *m);
void hmap_free(struct hmap *m);
void *hmap_get(const struct hmap *m, const char *key);
/* Room for n keys without growing (a map filled with a known number of
 * keys is not rehashed as it grows). */
void hmap_reserve(struct hmap *m, size_t n);
/* Insert or replace; returns the previous value or NULL. */
void *hmap_put(struct hmap *m, const char *key, void *value);
uint64_t util_hash_bytes(const void *p, size_t n, uint64_t seed);

/* Levenshtein distance, capped: returns > max when farther; the
 * runtime's (mirc_rt_distance()), with '-' and '_' alike. */
size_t util_edit_distance(const char *a, const char *b, size_t max);

/* `rel` relative to directory `dir`, spelt as the user would ("a/b.h"). */
char *util_join_path(struct arena *a, const char *dir, const char *rel);

/*
 * A `packages` entry (mir(5)): a pkg-config module name, optionally
 * followed by one version constraint, "zlib >= 1.2", the operator between
 * single spaces.  Fills `pc` with arena strings (op and version NULL when
 * absent) and returns NULL, or returns why `s` is not one.
 */
struct pkg_constraint {
	const char *name, *op, *version;
};
const char *util_pkg_constraint_parse(struct arena *a, const char *s,
				 struct pkg_constraint *pc);

/* Read a whole regular file into a NUL-terminated heap buffer; NULL +
 * errno on error (EINVAL or EISDIR when it is not a regular file: a FIFO
 * is refused, never waited on). */
char *util_read_file(const char *path, size_t *len);

/* "an impl", "a key": a word with its indefinite article. */
const char *util_a_an(struct arena *a, const char *word);

#endif
