/* SPDX-License-Identifier: MIT */
/*
 * stdlib.h - memory, sorting, number parsing and abort() of mirc's
 * freestanding C library (rt/libc).
 *
 * The heap is the region [__heap_start, __heap_end) that the target's
 * linker script (or any other object) defines; see rt/libc/README.md.
 */
#ifndef MIRC_LIBC_STDLIB_H
#define MIRC_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
/* C11: size must be a multiple of align, align a power of two. */
void *aligned_alloc(size_t align, size_t size);

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

long strtol(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);

int abs(int x);
long labs(long x);
long long llabs(long long x);

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

/* Print "mirc: aborted" on the console and end the program with status
 * 134 (128 + SIGABRT, what a shell reports for an aborted process). */
_Noreturn void abort(void);
/* End the program with status (0-255) at once, without the runtime's
 * cleanup.  Programs use mirc_exit(); this is for code ported from C. */
_Noreturn void exit(int status);

#endif
