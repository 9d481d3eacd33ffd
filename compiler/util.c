/* SPDX-License-Identifier: MIT */
/*
 * util.c - allocation, arenas, string buffers, hash maps.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "check.h"	/* the runtime core: mirc_rt_distance() */
#include "fsutil.h"
#include "util.h"

/* The only place the compiler gives up: there is no way on without memory. */
static void out_of_memory(size_t n)
{
	fprintf(stderr, "mirc: out of memory (allocating %zu bytes)\n", n);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* ---- arena ------------------------------------------------------------ */

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t data[];
};

#define ARENA_CHUNK (64 * 1024)
#define ARENA_ALIGN _Alignof(max_align_t)

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->cap = 0;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	arena_init(a);
}

/*
 * n bytes at an offset aligned to `align` (a power of two), not zeroed.
 * Objects are packed: each is aligned, none is padded to a multiple of
 * anything, so strings (align 1) take their length and no more.
 */
static char *arena_take(struct arena *a, size_t n, size_t align)
{
	size_t at = (a->used + align - 1) & ~(align - 1);

	if (n > SIZE_MAX / 2)
		out_of_memory(n);
	if (!a->head || at > a->cap || a->cap - at < n) {
		/* Large objects get a chunk of their own, placed second so
		 * the current chunk keeps being filled. */
		size_t cap = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		struct arena_chunk *c = xmalloc(sizeof(*c) + cap);

		if (cap == n && a->head) {
			c->next = a->head->next;
			a->head->next = c;
			return (char *)c->data;
		}
		c->next = a->head;
		a->head = c;
		a->cap = cap;
		at = 0;
	}
	a->used = at + n;
	return (char *)a->head->data + at;
}

void *arena_alloc(struct arena *a, size_t n)
{
	char *p = arena_take(a, n, ARENA_ALIGN);

	memset(p, 0, n);
	return p;
}

void *arena_memdup(struct arena *a, const void *src, size_t n)
{
	char *p = arena_take(a, n, ARENA_ALIGN);

	memcpy(p, src, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	char *p;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, sb.buf, sb.len);
	sb_free(&sb);
	return p;
}

void vec_grow_(struct arena *a, void **items, size_t *cap, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	void *n = arena_alloc(a, ncap * elem);

	if (*cap)
		memcpy(n, *items, *cap * elem);
	*items = n;
	*cap = ncap;
}

/* ---- strbuf ----------------------------------------------------------- */

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

static void sb_reserve(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t ncap = sb->cap ? sb->cap : 64;
	while (ncap < sb->len + extra + 1)
		ncap *= 2;
	sb->buf = xrealloc(sb->buf, ncap);
	sb->cap = ncap;
}

void sb_putn(struct strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_putc(struct strbuf *sb, char c)
{
	sb_putn(sb, &c, 1);
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	/* Format straight into the free space; only when it does not fit,
	 * grow and format again. */
	sb_reserve(sb, 64);
	va_copy(ap2, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		sb_reserve(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void sb_put_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				sb_printf(sb, "\\x%02x", c);
			else
				sb_putc(sb, (char)c);
		}
	}
}

/* ---- hash map --------------------------------------------------------- */

struct hmap_slot {
	const char *key;
	void *value;
	uint64_t hash;
};

/* FNV-1a, then a final mix so that similar names spread over the table. */
uint64_t util_hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325u ^ seed;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3u;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

void hmap_init(struct hmap *m)
{
	m->slots = NULL;
	m->len = m->cap = 0;
}

void hmap_free(struct hmap *m)
{
	free(m->slots);
	hmap_init(m);
}

static struct hmap_slot *hmap_find(const struct hmap *m, const char *key,
				   uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask) {
		struct hmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

void *hmap_get(const struct hmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	struct hmap_slot *s = hmap_find(m, key, util_hash_bytes(key, strlen(key), 0));
	return s->key ? s->value : NULL;
}

static void hmap_rehash(struct hmap *m, size_t cap)
{
	struct hmap old = *m;

	m->cap = cap;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->len = 0;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key) {
			*hmap_find(m, old.slots[i].key, old.slots[i].hash) =
				old.slots[i];
			m->len++;
		}
	}
	free(old.slots);
}

void hmap_reserve(struct hmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	while ((n + 1) * 4 >= cap * 3 && cap < SIZE_MAX / 8)
		cap *= 2;
	if (cap > m->cap)
		hmap_rehash(m, cap);
}

void *hmap_put(struct hmap *m, const char *key, void *value)
{
	uint64_t h = util_hash_bytes(key, strlen(key), 0);
	struct hmap_slot *s;
	void *prev;

	if ((m->len + 1) * 4 >= m->cap * 3)
		hmap_rehash(m, m->cap ? m->cap * 2 : 16);
	s = hmap_find(m, key, h);
	if (!s->key) {
		s->key = key;
		s->hash = h;
		s->value = value;
		m->len++;
		return NULL;
	}
	prev = s->value;
	s->value = value;
	return prev;
}

/* ---- misc --------------------------------------------------------------- */

/* The runtime's, which suggests boot options the same way (rt/check). */
size_t util_edit_distance(const char *a, const char *b, size_t max)
{
	return mirc_rt_distance(a, strlen(a), b, max);
}

/* `rel` as seen from directory `dir`, spelt as the user would. */
char *util_join_path(struct arena *a, const char *dir, const char *rel)
{
	if (rel[0] == '/' || strcmp(dir, ".") == 0)
		return arena_strdup(a, rel);
	return arena_printf(a, "%s%s%s", dir,
			    dir[strlen(dir) - 1] == '/' ? "" : "/", rel);
}

/* Through fsutil: a FIFO or a device given as a file must never hang us. */
char *util_read_file(const char *path, size_t *len)
{
	return fsutil_read_at(AT_FDCWD, path, false, len);
}

/*
 * pkg-config and pkgconf disagree on much (pkgconf takes "zlib >> 1" as
 * three module names and ignores "zlib>=1"), so mirc accepts only the
 * form both read the same way: one module, one optional constraint with
 * the operator between spaces.
 */
static bool pkg_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	       c == '+';
}

const char *util_pkg_constraint_parse(struct arena *a, const char *s,
				 struct pkg_constraint *pc)
{
	static const char *const ops[] = {"<=", ">=", "!=", "=", "<", ">"};
	const char *p = s, *name, *op = NULL;
	size_t n;

	memset(pc, 0, sizeof(*pc));
	for (name = p; pkg_name_char(*p); p++)
		;
	if (p == name)
		return "no module name";
	pc->name = arena_strndup(a, name, (size_t)(p - name));
	if (!*p)
		return NULL;
	if (*p == ',')
		return "one module per string";
	if (*p && strchr("<>=!", *p))
		return "an operator goes between single spaces: "
		       "\"zlib >= 1.2\"";
	if (*p != ' ')
		return arena_printf(a, "'%c' cannot be in a module name", *p);
	p++;
	for (n = 0; p[n] && p[n] != ' '; n++)
		;
	if (!n)
		return "single spaces go around the operator";
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]) && !op; i++)
		if (strlen(ops[i]) == n && !strncmp(p, ops[i], n))
			op = ops[i];
	if (!op)
		return arena_printf(a, "'%.*s' is not an operator (=, !=, <, "
				    "<=, >, >=, between single spaces)",
				    (int)n, p);
	if (!p[n])
		return arena_printf(a, "no version after '%s'", op);
	p += n + 1;
	for (n = 0; pkg_name_char(p[n]) || p[n] == '~'; n++)
		;
	if (!n)
		return arena_printf(a, "no version after '%s'", op);
	if (p[n])
		return "one module and at most one constraint per string";
	pc->op = op;
	pc->version = arena_strndup(a, p, n);
	return NULL;
}

const char *util_a_an(struct arena *a, const char *word)
{
	return arena_printf(a, "%s %s", strchr("aeiou", word[0]) && word[0]
			    ? "an" : "a", word);
}
