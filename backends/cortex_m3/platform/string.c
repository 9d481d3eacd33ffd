/* SPDX-License-Identifier: MIT */
/*
 * string.c - memcpy, memset and strlen for the cortex_m3 platform, in
 * place of newlib's.
 *
 * The compiler calls them on its own (struct copies, zeroed tables, the
 * runtime's byte loops, which it recognises), and newlib-nano's are built
 * for speed: 490 bytes of flash for the three, against some 40 for these
 * byte loops, which are fast enough for what the runtime copies (boot
 * words, timer tables, log lines on a 115200-baud UART).  Devices that
 * call memmove, memcmp or any other <string.h> function still get
 * newlib's.
 */
#if defined(__GNUC__) && !defined(__clang__)
/* Or GCC would turn the loops below back into calls to themselves. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#include <stddef.h>
#include <string.h>

/* `used`: the calls the compiler emits appear after link-time
 * optimisation has decided what is referenced. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n) __attribute__((used));
void *memset(void *dst, int c, size_t n) __attribute__((used));
size_t strlen(const char *s) __attribute__((used));

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}
