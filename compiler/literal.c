/* SPDX-License-Identifier: MIT */
/*
 * literal.c - the textual forms of key and runtime-arg values: durations,
 * IPv4/IPv6 addresses and prefixes, integers.  Strict on purpose: a
 * default that mirc accepts must also be accepted at boot.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

bool lit_parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ||
	    (s[0] == '-' && s[1] == '0' && (s[2] == 'x' || s[2] == 'X')))
		v = strtoll(s, &end, 16);
	else
		v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return false;
	*out = v;
	return true;
}

/* "250ms", "2s", "1m", "1h", "10us", "5ns": an integer and a unit. */
bool lit_parse_duration(const char *s, uint64_t *ns)
{
	static const struct { const char *unit; uint64_t mul; } units[] = {
		{"ns", 1}, {"us", 1000}, {"ms", 1000000},
		{"s", 1000000000ULL}, {"m", 60000000000ULL},
		{"h", 3600000000000ULL},
	};
	uint64_t v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(p, units[i].unit) == 0) {
			if (v && units[i].mul > UINT64_MAX / v)
				return false;
			*ns = v * units[i].mul;
			return true;
		}
	}
	return false;
}

/* Dotted quad, each part 0-255 without leading zeros (no octal doubt). */
bool lit_parse_ipv4(const char *s, unsigned char out[4])
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0;
		const char *start = s;
		if (*s < '0' || *s > '9')
			return false;
		for (; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (unsigned)(*s - '0');
			if (v > 255)
				return false;
		}
		if (s - start > 1 && *start == '0')
			return false;
		out[i] = (unsigned char)v;
		if (i < 3 && *s++ != '.')
			return false;
	}
	return *s == '\0';
}

bool lit_parse_ipv6(const char *s, unsigned char out[16])
{
	if (strlen(s) >= INET6_ADDRSTRLEN)
		return false;
	return inet_pton(AF_INET6, s, out) == 1;
}

/* "ADDR/LEN" for family 4 or 6. */
bool lit_parse_prefix(const char *s, int family, unsigned char *addr,
		      unsigned *len)
{
	const char *slash = strchr(s, '/');
	char buf[INET6_ADDRSTRLEN + 1];
	unsigned max = family == 4 ? 32 : 128, v = 0;
	size_t n;

	if (!slash || (n = (size_t)(slash - s)) >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (family == 4 ? !lit_parse_ipv4(buf, addr) : !lit_parse_ipv6(buf, addr))
		return false;
	s = slash + 1;
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1]))
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max)
			return false;
	}
	if (*s)
		return false;
	*len = v;
	return true;
}
