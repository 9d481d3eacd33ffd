/* SPDX-License-Identifier: MIT */
/*
 * stdlib.c - <stdlib.h> (except the heap, in malloc.c) and <inttypes.h>
 * functions of mirc's freestanding C library.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/platform.h"

/* ---- sorting ------------------------------------------------------------ */

static void swap(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Restore the max-heap below node i of the n first elements. */
static void sift(unsigned char *base, size_t i, size_t n, size_t size,
		 int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * i + 1, big = i;

		if (child < n && cmp(base + child * size, base + big * size) > 0)
			big = child;
		if (child + 1 < n &&
		    cmp(base + (child + 1) * size, base + big * size) > 0)
			big = child + 1;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

/* Heapsort: O(n log n) always, no recursion and no memory, which suits a
 * small stack.  Not stable (neither is any qsort). */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	unsigned char *b = base;
	size_t i;

	if (n < 2 || size == 0)
		return;
	for (i = n / 2; i-- > 0;)
		sift(b, i, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap(b, b + i * size, size);
		sift(b, 0, i, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const unsigned char *b = base;

	while (n > 0) {
		const unsigned char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);

		if (c == 0)
			return (void *)(uintptr_t)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

/* ---- number parsing --------------------------------------------------------- */

static int digit(int c)
{
	if (isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * The strto* family: whitespace, a sign, a 0x/0X prefix (base 16 or 0), a
 * leading 0 (octal with base 0), digits.  The magnitude is clamped to
 * `lim_pos` (no sign) or `lim_neg` (with '-'); on overflow errno is ERANGE
 * and *clamped is set.  *neg tells the caller about a '-'.
 */
static uintmax_t scan(const char *s, char **end, int base, uintmax_t lim_pos,
		      uintmax_t lim_neg, bool *neg, bool *clamped)
{
	const char *p = s;
	uintmax_t v = 0, lim;
	bool any = false, over = false;
	int d;

	*neg = false;
	*clamped = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)(uintptr_t)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	lim = *neg ? lim_neg : lim_pos;
	for (; (d = digit((unsigned char)*p)) < base; p++) {
		any = true;
		if (over)
			continue;
		if (v > (lim - (uintmax_t)d) / (uintmax_t)base)
			over = true;
		else
			v = v * (uintmax_t)base + (uintmax_t)d;
	}
	if (end)
		*end = (char *)(uintptr_t)(any ? p : s);
	if (over) {
		errno = ERANGE;
		*clamped = true;
		return lim;
	}
	return v;
}

/* Signed conversions: the negative limit is one more than the positive. */
#define SIGNED_STRTO(name, type, max)					\
	type name(const char *restrict s, char **restrict end, int base) \
	{								\
		bool neg, clamped;					\
		uintmax_t v = scan(s, end, base, (uintmax_t)(max),	\
				   (uintmax_t)(max) + 1, &neg, &clamped); \
		if (!neg)						\
			return (type)v;					\
		/* -v computed without overflowing at the minimum. */	\
		return v == 0 ? 0 : -(type)(v - 1) - 1;			\
	}

/* Unsigned conversions: C negates the value of "-N" in the unsigned type,
 * except that an out-of-range "-N" gives the maximum. */
#define UNSIGNED_STRTO(name, type, max)					\
	type name(const char *restrict s, char **restrict end, int base) \
	{								\
		bool neg, clamped;					\
		uintmax_t v = scan(s, end, base, (uintmax_t)(max),	\
				   (uintmax_t)(max), &neg, &clamped);	\
		if (clamped)						\
			return (type)(max);				\
		return neg ? (type)(0 - (type)v) : (type)v;		\
	}

SIGNED_STRTO(strtol, long, LONG_MAX)
SIGNED_STRTO(strtoll, long long, LLONG_MAX)
SIGNED_STRTO(strtoimax, intmax_t, INTMAX_MAX)
UNSIGNED_STRTO(strtoul, unsigned long, ULONG_MAX)
UNSIGNED_STRTO(strtoull, unsigned long long, ULLONG_MAX)
UNSIGNED_STRTO(strtoumax, uintmax_t, UINTMAX_MAX)

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* ---- arithmetic --------------------------------------------------------------- */

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
intmax_t imaxabs(intmax_t x) { return x < 0 ? -x : x; }

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
	imaxdiv_t r = { num / den, num % den };

	return r;
}

div_t div(int num, int den)
{
	div_t r = { num / den, num % den };

	return r;
}

ldiv_t ldiv(long num, long den)
{
	ldiv_t r = { num / den, num % den };

	return r;
}

lldiv_t lldiv(long long num, long long den)
{
	lldiv_t r = { num / den, num % den };

	return r;
}

/* ---- ending the program ------------------------------------------------------- */

_Noreturn void abort(void)
{
	/* What every board prints (rt/libc/picolibc/syscalls.c too). */
	static const char msg[] = "mirc: aborted\n";

	platform_console_write(msg, sizeof(msg) - 1, true);
	platform_exit(134);
}

_Noreturn void exit(int status)
{
	platform_exit(status & 0xff);
}
