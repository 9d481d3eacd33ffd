/* SPDX-License-Identifier: MIT */
/*
 * inttypes.c - compile-time checks that the PRI* length modifiers of
 * <inttypes.h> match the types <stdint.h> really uses on this target
 * (a mismatch would print garbage, or warn in every user's -Wformat).
 * No code.
 */
#include <inttypes.h>
#include <stdint.h>

/* The modifiers are "", "l" or "ll": their length tells them apart. */
#define LEN_IS(type, mod)						\
	_Static_assert(_Generic((type)0,				\
		long long: 2, unsigned long long: 2,			\
		long: 1, unsigned long: 1,				\
		int: 0, unsigned: 0,					\
		default: -1) == (int)sizeof(mod) - 1,			\
		"<inttypes.h>: wrong length modifier for " #type)

LEN_IS(int32_t, "");
LEN_IS(uint32_t, "");
LEN_IS(int64_t, MIRC_PRI64);
LEN_IS(uint64_t, MIRC_PRI64);
LEN_IS(int_least64_t, MIRC_PRI64);
LEN_IS(int_fast64_t, MIRC_PRI64);
LEN_IS(int_fast32_t, MIRC_PRIFAST32);
LEN_IS(uint_fast32_t, MIRC_PRIFAST32);
LEN_IS(int_fast16_t, MIRC_PRIFAST16);
LEN_IS(intmax_t, MIRC_PRIMAX);
LEN_IS(uintmax_t, MIRC_PRIMAX);
LEN_IS(intptr_t, MIRC_PRIPTR);
LEN_IS(uintptr_t, MIRC_PRIPTR);

/* ISO C forbids an empty translation unit. */
typedef int mirc_libc_inttypes_checked;
