/* SPDX-License-Identifier: MIT */
/*
 * inttypes.h - printf length modifiers for <stdint.h> types, for mirc's
 * freestanding C library (rt/libc).  The macros assume GCC's type choices
 * (int for 32 bits; long for 64 bits on LP64 targets, long long on ILP32);
 * rt/libc/inttypes.c checks them against the real types at compile time,
 * so a target where they are wrong fails to build instead of printing
 * garbage.  No SCN* (there is no scanf).
 */
#ifndef MIRC_LIBC_INTTYPES_H
#define MIRC_LIBC_INTTYPES_H

#include <stdint.h>

#if defined(__LP64__) || defined(_LP64)
#define MIRC_PRI64 "l"
#define MIRC_PRIPTR "l"
#else
#define MIRC_PRI64 "ll"
#define MIRC_PRIPTR ""
#endif

/* intmax_t is the widest type, 64 bits on every target mirc has. */
#define MIRC_PRIMAX MIRC_PRI64

#if defined(__INT_FAST16_WIDTH__) && __INT_FAST16_WIDTH__ == 64
#define MIRC_PRIFAST16 MIRC_PRI64
#else
#define MIRC_PRIFAST16 ""
#endif
#if defined(__INT_FAST32_WIDTH__) && __INT_FAST32_WIDTH__ == 64
#define MIRC_PRIFAST32 MIRC_PRI64
#else
#define MIRC_PRIFAST32 ""
#endif
#if defined(__INT_FAST8_WIDTH__) && __INT_FAST8_WIDTH__ == 64
#define MIRC_PRIFAST8 MIRC_PRI64
#elif defined(__INT_FAST8_WIDTH__) && __INT_FAST8_WIDTH__ == 32
#define MIRC_PRIFAST8 ""
#else
#define MIRC_PRIFAST8 "hh"
#endif

#define PRId8 "hh" "d"
#define PRIi8 "hh" "i"
#define PRIo8 "hh" "o"
#define PRIu8 "hh" "u"
#define PRIx8 "hh" "x"
#define PRIX8 "hh" "X"

#define PRIdLEAST8 "hh" "d"
#define PRIiLEAST8 "hh" "i"
#define PRIoLEAST8 "hh" "o"
#define PRIuLEAST8 "hh" "u"
#define PRIxLEAST8 "hh" "x"
#define PRIXLEAST8 "hh" "X"

#define PRId16 "h" "d"
#define PRIi16 "h" "i"
#define PRIo16 "h" "o"
#define PRIu16 "h" "u"
#define PRIx16 "h" "x"
#define PRIX16 "h" "X"

#define PRIdLEAST16 "h" "d"
#define PRIiLEAST16 "h" "i"
#define PRIoLEAST16 "h" "o"
#define PRIuLEAST16 "h" "u"
#define PRIxLEAST16 "h" "x"
#define PRIXLEAST16 "h" "X"

#define PRId32 "d"
#define PRIi32 "i"
#define PRIo32 "o"
#define PRIu32 "u"
#define PRIx32 "x"
#define PRIX32 "X"

#define PRIdLEAST32 "d"
#define PRIiLEAST32 "i"
#define PRIoLEAST32 "o"
#define PRIuLEAST32 "u"
#define PRIxLEAST32 "x"
#define PRIXLEAST32 "X"

#define PRId64 MIRC_PRI64 "d"
#define PRIi64 MIRC_PRI64 "i"
#define PRIo64 MIRC_PRI64 "o"
#define PRIu64 MIRC_PRI64 "u"
#define PRIx64 MIRC_PRI64 "x"
#define PRIX64 MIRC_PRI64 "X"

#define PRIdLEAST64 MIRC_PRI64 "d"
#define PRIiLEAST64 MIRC_PRI64 "i"
#define PRIoLEAST64 MIRC_PRI64 "o"
#define PRIuLEAST64 MIRC_PRI64 "u"
#define PRIxLEAST64 MIRC_PRI64 "x"
#define PRIXLEAST64 MIRC_PRI64 "X"

#define PRIdFAST64 MIRC_PRI64 "d"
#define PRIiFAST64 MIRC_PRI64 "i"
#define PRIoFAST64 MIRC_PRI64 "o"
#define PRIuFAST64 MIRC_PRI64 "u"
#define PRIxFAST64 MIRC_PRI64 "x"
#define PRIXFAST64 MIRC_PRI64 "X"

#define PRIdFAST8 MIRC_PRIFAST8 "d"
#define PRIiFAST8 MIRC_PRIFAST8 "i"
#define PRIoFAST8 MIRC_PRIFAST8 "o"
#define PRIuFAST8 MIRC_PRIFAST8 "u"
#define PRIxFAST8 MIRC_PRIFAST8 "x"
#define PRIXFAST8 MIRC_PRIFAST8 "X"

#define PRIdFAST16 MIRC_PRIFAST16 "d"
#define PRIiFAST16 MIRC_PRIFAST16 "i"
#define PRIoFAST16 MIRC_PRIFAST16 "o"
#define PRIuFAST16 MIRC_PRIFAST16 "u"
#define PRIxFAST16 MIRC_PRIFAST16 "x"
#define PRIXFAST16 MIRC_PRIFAST16 "X"

#define PRIdFAST32 MIRC_PRIFAST32 "d"
#define PRIiFAST32 MIRC_PRIFAST32 "i"
#define PRIoFAST32 MIRC_PRIFAST32 "o"
#define PRIuFAST32 MIRC_PRIFAST32 "u"
#define PRIxFAST32 MIRC_PRIFAST32 "x"
#define PRIXFAST32 MIRC_PRIFAST32 "X"

#define PRIdMAX MIRC_PRIMAX "d"
#define PRIiMAX MIRC_PRIMAX "i"
#define PRIoMAX MIRC_PRIMAX "o"
#define PRIuMAX MIRC_PRIMAX "u"
#define PRIxMAX MIRC_PRIMAX "x"
#define PRIXMAX MIRC_PRIMAX "X"

#define PRIdPTR MIRC_PRIPTR "d"
#define PRIiPTR MIRC_PRIPTR "i"
#define PRIoPTR MIRC_PRIPTR "o"
#define PRIuPTR MIRC_PRIPTR "u"
#define PRIxPTR MIRC_PRIPTR "x"
#define PRIXPTR MIRC_PRIPTR "X"

typedef struct {
	intmax_t quot;
	intmax_t rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t x);
imaxdiv_t imaxdiv(intmax_t num, intmax_t den);
intmax_t strtoimax(const char *restrict s, char **restrict end, int base);
uintmax_t strtoumax(const char *restrict s, char **restrict end, int base);

#endif
