/* SPDX-License-Identifier: MIT */
/*
 * string.c - <string.h> of mirc's freestanding C library.
 *
 * Plain byte loops: short, obviously correct, and fast enough for the
 * runtime (log lines, keys, 512-byte blocks).  GCC may turn such loops back
 * into calls to memcpy/memset, which here would call themselves: the
 * pragma below stops that.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The compiler itself emits calls to these four (struct copies, zeroed
 * arrays), after link-time optimisation has decided what is used: `used`
 * keeps them, or -flto builds would drop them and fail to link.
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t n) __attribute__((used));
void *memmove(void *dst, const void *src, size_t n) __attribute__((used));
void *memset(void *dst, int c, size_t n) __attribute__((used));
int memcmp(const void *a, const void *b, size_t n) __attribute__((used));

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Comparing unrelated pointers is undefined; their integer values
	 * are not, and on a flat address space they order the same way. */
	if ((uintptr_t)d <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n) {
			n--;
			d[n] = s[n];
		}
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)(uintptr_t)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q)
		p++, q++;
	return (*p > *q) - (*p < *q);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)(uintptr_t)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)(uintptr_t)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)(uintptr_t)haystack;
	return n ? NULL : (char *)(uintptr_t)haystack;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return dst;
}

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *strdup(const char *s)
{
	return strndup(s, SIZE_MAX - 1);
}

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)(uintptr_t)s : NULL;
}

/* POSIX: the next token of *save's string, cut at the first byte of
 * sep, which is overwritten with a NUL; NULL when none is left. */
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	char *end;

	if (!s)
		s = *save;
	s += strspn(s, sep);
	if (!*s) {
		*save = s;
		return NULL;
	}
	end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;

	return strtok_r(s, sep, &save);
}

/* POSIX 2024 (a GNU and BSD function before): the first place where
 * the n2 bytes of needle occur in the n1 bytes of hay; hay itself for an
 * empty needle. */
void *memmem(const void *hay, size_t n1, const void *needle, size_t n2)
{
	const unsigned char *h = hay;

	if (n2 == 0)
		return (void *)(uintptr_t)hay;
	for (; n1 >= n2; h++, n1--)
		if (*h == *(const unsigned char *)needle && memcmp(h, needle, n2) == 0)
			return (void *)(uintptr_t)h;
	return NULL;
}
