/* SPDX-License-Identifier: MIT */
/*
 * libc.c - calls the C functions mirc-targets(7) promises on every target
 * (snprintf with 64-bit integers, <string.h>, <stdlib.h>, <ctype.h>,
 * <inttypes.h>, errno) and logs what they return, one line each.
 * tests/targets/libc.sh compares the lines with expected.out, the same
 * file on every target, hosted ones included, so glibc is the reference
 * and a C library that formats, parses or sorts differently fails.
 */
/* memmem, strdup and strndup are POSIX or GNU: glibc declares them only
 * when asked (picolibc and rt/libc always do). */
#define _GNU_SOURCE

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

static char line[160];

/* Formats with vsnprintf, as a user's own logging function would. */
static int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void check_snprintf(void)
{
	char small[8];
	int n;

	snprintf(line, sizeof(line), "u64 %" PRIu64 " i64 %" PRId64 " x64 %" PRIx64,
		 UINT64_MAX, INT64_MIN, (uint64_t)0xdeadbeefcafef00dull);
	mirc_log_info("snprintf: %s", line);
	snprintf(line, sizeof(line), "u32 %" PRIu32 " i8 %" PRId8 " ll %lld z %zu",
		 UINT32_MAX, (int8_t)-128, -1234567890123ll, sizeof(int32_t));
	mirc_log_info("snprintf: %s", line);
	snprintf(line, sizeof(line), "[%-6s|%6.2s|%06d|%+d|%#x|%#o|%c|%%]",
		 "ab", "xyz", -42, 7, 255u, 8u, 'q');
	mirc_log_info("snprintf: %s", line);
	n = format(small, sizeof(small), "%s-%d", "truncated", 12345);
	mirc_log_info("vsnprintf: \"%s\" would be %d", small, n);
	n = snprintf(NULL, 0, "%" PRIu64, (uint64_t)1 << 40);
	mirc_log_info("snprintf(NULL, 0): %d", n);
}

static void check_string(void)
{
	char buf[32] = "mir";
	char ov[] = "0123456789";
	const char hay[] = "needle in a haystack";
	char *d;
	/* Not a constant: GCC warns when it sees strncat() cut a string,
	 * which is what is tested here. */
	volatile size_t one = 1;

	strncat(buf, "compiler", one);
	strncat(buf, "c!", 5);
	mirc_log_info("strncat: %s (%zu)", buf, strlen(buf));
	memmove(ov + 2, ov, 5);
	mirc_log_info("memmove: %s", ov);
	mirc_log_info("memmem: %s", (const char *)memmem(hay, sizeof(hay) - 1, "hay", 3));
	mirc_log_info("memmem absent: %d", memmem(hay, sizeof(hay) - 1, "hey", 3) == NULL);
	mirc_log_info("strstr: %s", strstr(hay, "in"));
	mirc_log_info("strchr/strrchr: %s %s", strchr(hay, 'a'), strrchr(hay, 'a'));
	mirc_log_info("memchr: %s", (const char *)memchr(hay, 'y', sizeof(hay)));
	mirc_log_info("strspn/strcspn: %zu %zu", strspn("aabbc", "ab"), strcspn(hay, " "));
	mirc_log_info("compare: %d %d %d", memcmp("ab", "ac", 2) < 0,
		      strcmp("b", "a") > 0, strncmp("abcx", "abcy", 3) == 0);
	mirc_log_info("strnlen: %zu %zu", strnlen(hay, 4), strnlen("ab", 9));
	memset(buf, 0, sizeof(buf));
	strncpy(buf, "copy", sizeof(buf) - 1);
	strcpy(buf + 4, "+cat");
	strcat(buf, "!");
	mirc_log_info("strcpy/strcat: %s", buf);
	d = strdup(hay);
	if (d) {
		mirc_log_info("strdup: %s", d);
		free(d);
	}
	d = strndup(hay, 6);
	if (d) {
		mirc_log_info("strndup: %s", d);
		free(d);
	}
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void check_stdlib(void)
{
	int v[] = { 42, -7, 19, 0, 1000, -300, 19, 5 };
	const size_t n = sizeof(v) / sizeof(v[0]);
	int key = 1000, *hit;
	char *end;
	unsigned long ul;
	long l;

	qsort(v, n, sizeof(v[0]), compare_int);
	snprintf(line, sizeof(line), "%d %d %d %d %d %d %d %d",
		 v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	mirc_log_info("qsort: %s", line);
	hit = bsearch(&key, v, n, sizeof(v[0]), compare_int);
	mirc_log_info("bsearch: %td", hit ? hit - v : (ptrdiff_t)-1);
	ul = strtoul("  0x1F rest", &end, 0);
	mirc_log_info("strtoul: %lu, then \"%s\"", ul, end);
	mirc_log_info("strtoul base 2: %lu", strtoul("1011", NULL, 2));
	mirc_log_info("strtoull: %llu", strtoull("18446744073709551615", NULL, 10));
	errno = 0;
	l = strtol("-99999999999999999999999", &end, 10);
	mirc_log_info("strtol overflow: %d ERANGE %d, rest \"%s\"", l == (long)(~0ul >> 1) * -1 - 1,
		      errno == ERANGE, end);
	mirc_log_info("strtoll: %lld", strtoll("-0777", NULL, 0));
	mirc_log_info("atoi/abs: %d %d %ld %lld", atoi(" -12x"), abs(-3), labs(-4l), llabs(-5ll));
	mirc_log_info("strtoumax: %" PRIuMAX, strtoumax("123456789012", NULL, 10));
}

static void check_heap(void)
{
	unsigned char *p = malloc(100), *q;
	int *z = calloc(16, sizeof(int));
	int sum = 0;

	if (!p || !z) {
		mirc_log_err("malloc or calloc failed");
		mirc_exit(1);
	}
	for (int i = 0; i < 100; i++)
		p[i] = (unsigned char)i;
	q = realloc(p, 1000);
	if (!q) {
		mirc_log_err("realloc failed");
		mirc_exit(1);
	}
	for (int i = 0; i < 16; i++)
		sum += z[i];
	mirc_log_info("heap: kept %d %d, calloc zeroed %d", q[0], q[99], sum == 0);
	free(q);
	free(z);
}

static void check_ctype(void)
{
	mirc_log_info("ctype: %d%d%d%d %c%c", isdigit('7') != 0, isalpha('7') != 0,
		      isspace('\t') != 0, isxdigit('F') != 0, toupper('m'), tolower('Q'));
}

int libc_start(void)
{
	check_snprintf();
	check_string();
	check_stdlib();
	check_heap();
	check_ctype();
	return 0;
}
