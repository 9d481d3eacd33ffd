/* SPDX-License-Identifier: MIT */
/*
 * stddef.h - for mirc's freestanding C library (rt/libc).  The boards
 * build with -nostdinc, so that no header of the build machine's C
 * library can stand in for one of rt/libc's: these freestanding headers
 * (C11 4p6) are defined here from the compiler's predefined macros, which
 * gcc and clang share.
 */
#ifndef MIRC_LIBC_STDDEF_H
#define MIRC_LIBC_STDDEF_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;

/* The strictest alignment of a scalar type: what malloc() returns. */
typedef struct {
	_Alignas(long long) long long mirc_max_align_ll;
	_Alignas(long double) long double mirc_max_align_ld;
} max_align_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
