/* SPDX-License-Identifier: MIT */
/*
 * test_fmt.c - the runtime's own printf against the C library's: the
 * same bytes and the same return value for every conversion the runtime
 * documents, plus truncation.
 */
#include "test.h"

#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

static int compared;

/* One format, the same arguments, both printfs. */
#define SAME(...)                                                             \
	do {                                                                  \
		char a_[700], b_[700];                                        \
		int na_ = mirc_snprintf(a_, sizeof(a_), __VA_ARGS__);         \
		int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);              \
		compared++;                                                   \
		if (na_ != nb_ || strcmp(a_, b_) != 0) {                      \
			fprintf(stderr, "%s:%d: %s\n  mirc: [%s] %d\n"        \
				"  libc: [%s] %d\n", __FILE__, __LINE__,      \
				#__VA_ARGS__, a_, na_, b_, nb_);              \
			exit(1);                                              \
		}                                                             \
	} while (0)

static void integers(void)
{
	SAME("%d|%i", 0, -1);
	SAME("%d %d", INT_MIN, INT_MAX);
	SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]", 42, 42, 42, 42, 42, -42);
	SAME("[%.3d] [%.0d] [%8.3d] [%-8.3d]", 7, 0, -7, 7);
	SAME("[%x] [%X] [%#x] [%#X] [%#x] [%#10x] [%-#10x] [%#010x]", 255u,
	     255u, 255u, 255u, 0u, 255u, 255u, 255u);
	SAME("[%o] [%#o] [%#o] [%#.3o] [%.0o] [%#.0o]", 8u, 8u, 0u, 8u, 0u, 0u);
	SAME("[%u] [%u]", 0u, UINT_MAX);
	SAME("[%ld] [%lu] [%lx]", LONG_MIN, ULONG_MAX, ULONG_MAX);
	SAME("[%lld] [%llu] [%llx]", LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
	SAME("[%hhd] [%hhu] [%hd] [%hu]", (signed char)-56, (unsigned char)200,
	     (short)-1234, (unsigned short)60000);
	SAME("[%jd] [%ju]", INTMAX_MIN, UINTMAX_MAX);
	SAME("[%zu] [%zx] [%td]", (size_t)SIZE_MAX, (size_t)4096, (ptrdiff_t)-3);
	SAME("[%" PRId64 "] [%" PRIu64 "] [%" PRIx64 "]", INT64_MIN, UINT64_MAX,
	     UINT64_C(0xdeadbeef));
	SAME("[%*d] [%-*d] [%*d] [%.*d] [%.*d]", 6, 1, 6, 1, -6, 1, 4, 3, -1, 3);
	SAME("[%+.0d] [% .0d] [%+5.0d]", 0, 0, 0);
}

static void text(void)
{
	const char unterminated[3] = { 'a', 'b', 'c' };
	int x;

	SAME("[%c] [%3c] [%-3c] [%c]", 'x', 'y', 'z', 0x41);
	SAME("[%s] [%.2s] [%5s] [%-5s] [%.*s] [%5.1s]", "abc", "abc", "abc",
	     "abc", 2, "xyz", "abc");
	SAME("[%.3s]", unterminated);	/* must not read past the precision */
	SAME("100%% [%%]");
	SAME("plain text, no conversions");
	SAME("[%p] [%20p] [%-20p]", (void *)&x, (void *)&x, (void *)&x);
	SAME("[%p]", (void *)NULL);
}

static void floats(void)
{
	SAME("[%f] [%f] [%f] [%f]", 0.0, -0.0, 1.5, -1.5);
	SAME("[%.0f] [%.0f] [%.0f] [%.0f] [%.0f]", 0.5, 1.5, 2.5, 3.5, -0.5);
	SAME("[%.2f] [%.2f] [%.2f] [%.1f] [%.1f]", 0.125, 0.375, 2.675, 0.15, 0.25);
	SAME("[%.2f] [%.3f] [%.10f]", 1.005, 3.14159265358979, 3.14159265358979);
	SAME("[%f] [%f] [%f]", 1e10, 1e-5, 123456789.987654321);
	SAME("[%f] [%.3f] [%f]", 1e17, 9.9995, 999999.9999999);
	SAME("[%f] [%f]", 1e20, 4503599627370496.5);
	SAME("[%10.2f] [%-10.2f] [%+f] [% f] [%010.3f] [%+010.3f]", 3.14159,
	     3.14159, 2.0, 2.0, -3.14159, 3.14159);
	SAME("[%#.0f] [%.0f] [%.17f]", 2.0, 1e-300, 0.1);
	SAME("[%.20f] [%.30f]", 0.5, 0.25);
	SAME("[%e] [%E] [%e] [%e]", 12345.678, 12345.678, 0.0, -0.000123);
	SAME("[%.0e] [%#.0e] [%.3e] [%12.4e] [%-12.2e]", 5.5, 5.0, 1e100,
	     6.02214076e23, 1.6e-19);
	SAME("[%e] [%e] [%e]", 1e-300, DBL_MAX, DBL_MIN);
	SAME("[%e] [%.2e]", 9.9999999, 9.996);
	SAME("[%g] [%g] [%g] [%g] [%g] [%g]", 0.0001, 0.00001, 100000.0,
	     1000000.0, 123456789.0, 0.5);
	SAME("[%g] [%.3g] [%#g] [%G] [%g] [%.0g]", 1.0, 3.14159, 1.0, 1e-10,
	     -2.5, 123.0);
	SAME("[%g] [%g] [%.10g] [%#.3g]", 100.0, 1e15, 1.0 / 3, 100.0);
	SAME("[%f] [%F] [%5.1f] [%-6e] [%g] [%+g]", HUGE_VAL, -HUGE_VAL,
	     HUGE_VAL, -HUGE_VAL, NAN, NAN);
	SAME("[%Lf] [%Lg]", 2.5L, 1e10L);
	/* Exact digits, as the C library prints them, far past 17. */
	SAME("[%.30f] [%.60e] [%.40g]", 0.1, 1.0 / 3, 2.0 / 3);
	SAME("[%.100f]", 4.9406564584124654e-324);
	SAME("[%.100e] [%.100f]", DBL_MAX, DBL_MAX);
	SAME("[%.0e] [%.0f] [%.0f] [%g]", 4.9406564584124654e-324, DBL_MAX,
	     9.5, 9.999999e-5);
	SAME("[%.3g] [%.3g] [%.1f] [%.2e]", 999.5, 0.00099949999, 0.05, 99.95);
}

/* Random doubles (bit patterns over the whole range, and short decimals)
 * in random formats, against the C library. */
static void float_sweep(void)
{
	static const char *const convs[] = { "f", "e", "g", "E", "G", "F" };
	static const char *const flags[] = { "", "#", "+", "-", " ", "0" };
	uint64_t s = 0x9e3779b97f4a7c15u;

	for (int i = 0; i < 20000; i++) {
		char fmt[32];
		uint64_t bits;
		double x;

		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		bits = s;
		if (i % 3 == 1) {
			/* Short decimals: where ties and near-ties are. */
			x = (double)(int64_t)(s % 2000001) / (double)(1u << (s >> 59));
			x = (i & 8) ? x / 1000 : x * 10;
			memcpy(&bits, &x, sizeof(x));
		} else if (i % 3 == 2) {
			/* Moderate exponents, where %f prints digits. */
			bits = (bits & 0x800fffffffffffffu) |
			       (uint64_t)(1023 - 80 + (int)(s >> 56) % 140) << 52;
		}
		memcpy(&x, &bits, sizeof(x));
		if (isnan(x))
			continue;
		snprintf(fmt, sizeof(fmt), "[%%%s%d.%d%s]", flags[(s >> 20) % 6],
			 (int)(s >> 30) % 30, (int)(s >> 40) % 40,
			 convs[(s >> 50) % 6]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		SAME(fmt, x);
#pragma GCC diagnostic pop
	}
}

/* Truncation, the return value, and a NUL at the end always. */
static void buffers(void)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = mirc_snprintf(buf, sizeof(buf), "%s", "0123456789");
	CHECK(n == 10);
	CHECK_STR(buf, "0123456");
	memset(buf, 'x', sizeof(buf));
	n = mirc_snprintf(buf, 1, "%d", 12345);
	CHECK(n == 5 && buf[0] == '\0' && buf[1] == 'x');
	n = mirc_snprintf(NULL, 0, "%d-%s", 42, "abc");
	CHECK(n == 6);
	n = mirc_snprintf(buf, sizeof(buf), "%5d|", 1);
	CHECK(n == 6);
	CHECK_STR(buf, "    1|");
	/* A long line goes out whole. */
	{
		char big[3000], want[3000];
		memset(want, 'a', 2500);
		want[2500] = '\0';
		n = mirc_snprintf(big, sizeof(big), "%s", want);
		CHECK(n == 2500);
		CHECK_STR(big, want);
		n = mirc_snprintf(big, sizeof(big), "%2600s|", "z");
		CHECK(n == 2601 && big[2599] == 'z' && big[2600] == '|');
	}
}

int main(void)
{
	integers();
	text();
	floats();
	float_sweep();
	buffers();
	printf("%d formats compared with the C library\n", compared);
	success();
	return 0;
}
