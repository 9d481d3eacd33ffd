/* SPDX-License-Identifier: MIT */
/*
 * literal.c - the textual forms of key and runtime-arg values: durations,
 * IPv4/IPv6 addresses and prefixes, integers.
 *
 * Parsed by the runtime's own parsers (rt/src/args.c, linked into mirc
 * with rt/check): a default that mirc accepts is accepted at boot, and a
 * value refused at boot is refused here, up to the last digit, because
 * there is only one parser.  What is added here is only the interface
 * the checker wants (a yes or no, and the value for integers).
 */
#include <string.h>

#include "mirc/args.h"
#include "sema.h"

bool literal_parse_int(const char *s, int64_t *out)
{
	return mirc_arg_parse_int(NULL, s, out) == NULL;
}

/* "250ms", "2s", "1m", "1h", "10us", "5ns": an integer and a unit, up to
 * 2^64 - 1 ns. */
bool literal_parse_duration(const char *s, uint64_t *ns)
{
	return mirc_arg_parse_duration(NULL, s, ns) == NULL;
}

const char *literal_duration_why(const char *s, uint64_t *ns)
{
	return mirc_arg_parse_duration(NULL, s, ns);
}

/* Dotted quad, each part 0-255 without leading zeros (no octal doubt). */
bool literal_parse_ipv4(const char *s, unsigned char out[4])
{
	struct mirc_ipv4 v;

	if (mirc_arg_parse_ipv4(NULL, s, &v) != NULL)
		return false;
	memcpy(out, v.b, sizeof(v.b));
	return true;
}

/* RFC 4291 text, optionally ending in a dotted quad; no zone. */
bool literal_parse_ipv6(const char *s, unsigned char out[16])
{
	struct mirc_ipv6 v;

	if (mirc_arg_parse_ipv6(NULL, s, &v) != NULL)
		return false;
	memcpy(out, v.b, sizeof(v.b));
	return true;
}

/* "ADDR/LEN" for family 4 or 6. */
bool literal_parse_prefix(const char *s, int family, unsigned char *addr,
		      unsigned *len)
{
	if (family == 4) {
		struct mirc_ipv4_prefix p;
		if (mirc_arg_parse_ipv4_prefix(NULL, s, &p) != NULL)
			return false;
		memcpy(addr, p.addr.b, sizeof(p.addr.b));
		*len = p.len;
	} else {
		struct mirc_ipv6_prefix p;
		if (mirc_arg_parse_ipv6_prefix(NULL, s, &p) != NULL)
			return false;
		memcpy(addr, p.addr.b, sizeof(p.addr.b));
		*len = p.len;
	}
	return true;
}
