/* SPDX-License-Identifier: MIT */
/*
 * args.c - the textual forms of runtime-arg values, parsed at boot, and
 * the one parser of them: mirc links this file too (rt/check) and checks
 * defaults, int keys and --boot-args with it (compiler/literal.c,
 * compiler/check_boot.c), so a value mirc accepts at configure time is
 * one the program accepts at boot, by construction rather than by a
 * promise; tests/configure/value-verdicts.sh holds both sides to one
 * table.  Freestanding (no libc beyond core.h): it builds for the boards.
 * Strict for a reason: a value that could mean two things (an
 * octal-looking "010.0.0.1", a prefix length "024") is refused rather
 * than guessed.
 * Everything works on (pointer, length) ranges of untrusted text and
 * never copies it, so no input length can overflow a buffer.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "true"/"false" as in .mir files, and the usual spellings of a switch
 * that people type at a shell.  Case matters, as everywhere else. */
static bool parse_bool(const char *s, void *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (rt_streq(s, yes[i]) || rt_streq(s, no[i])) {
			bool b = rt_streq(s, yes[i]);
			rt_memcpy(out, &b, sizeof(b));
			return true;
		}
	}
	return false;
}

/* Decimal or 0x hex, optional '-', within int64: 0, -1 malformed, -2
 * out of range. */
static int parse_int(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	unsigned base = 10;
	uint64_t v = 0, limit;

	if (neg)
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (hex_value(*s) < 0 || (base == 10 && !is_digit(*s)))
		return -1;
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s; s++) {
		int d = hex_value(*s);
		if (d < 0 || (unsigned)d >= base)
			return -1;
		/* Overflow checks without a 64-bit division (32-bit targets
		 * would link one for it). */
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, (unsigned)d, &v) || v > limit) {
			/* Too large; still tell a malformed tail apart. */
			while (*s && hex_value(*s) >= 0 && (unsigned)hex_value(*s) < base)
				s++;
			return *s ? -1 : -2;
		}
	}
	if (!neg)
		*out = (int64_t)v;
	else if (v == (uint64_t)INT64_MAX + 1)
		*out = INT64_MIN;
	else
		*out = -(int64_t)v;
	return 0;
}

/* An unsigned integer and a unit: "250ms", "2s", "1m", "1h", "10us".
 * The units come in increasing order, each a 32-bit multiple of the one
 * before, so the value is scaled one step at a time (mul_ok()). */
/* *v *= m; false on overflow.  Two 32-bit halves: one 64-bit multiply
 * with an overflow check costs 32-bit targets much more code. */
static bool mul_ok(uint64_t *v, uint32_t m, uint32_t add)
{
	uint64_t lo = (uint64_t)(uint32_t)*v * m + add;
	uint64_t hi = (*v >> 32) * m + (lo >> 32);

	*v = hi << 32 | (uint32_t)lo;
	return hi >> 32 == 0;
}

static int parse_duration(const char *s, uint64_t *ns)
{
	static const char units[][3] = { "ns", "us", "ms", "s", "m", "h" };
	static const uint16_t step[] = { 1, 1000, 1000, 1000, 60, 60 };
	uint64_t v = 0;
	bool big = false;

	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++)
		if (!mul_ok(&v, 10, (uint32_t)(*s - '0')))
			big = true;
	for (size_t i = 0; i < sizeof(step) / sizeof(step[0]); i++) {
		if (!mul_ok(&v, step[i], 0))
			big = true;
		if (rt_streq(s, units[i])) {
			if (big)
				return -2;
			*ns = v;
			return 0;
		}
	}
	return -1;
}

/* Dotted quad in s[0..n), each part 0-255 without leading zeros. */
static bool parse_ipv4(const char *s, size_t n, uint8_t out[4])
{
	const char *end = s + n;
	uint8_t b[4];

	for (int i = 0; i < 4; i++) {
		const char *start = s;
		unsigned v = 0;

		if (s == end || !is_digit(*s))
			return false;
		for (; s < end && is_digit(*s); s++) {
			v = v * 10 + (unsigned)(*s - '0');
			if (v > 255)
				return false;
		}
		if (s - start > 1 && *start == '0')
			return false;
		b[i] = (uint8_t)v;
		if (i < 3) {
			if (s == end || *s != '.')
				return false;
			s++;
		}
	}
	if (s != end)
		return false;
	rt_memcpy(out, b, 4);
	return true;
}

/*
 * RFC 4291 text in s[0..n): eight groups of 1-4 hex digits, one "::" for
 * a run of zero groups, optionally a dotted quad for the last 32 bits.
 * No zone ("%eth0"): an address for a network device has none.
 */
static bool parse_ipv6(const char *s, size_t n, uint8_t out[16])
{
	uint16_t words[8];
	size_t nwords = 0, i = 0;
	int gap = -1;		/* where "::" stands, in groups */

	if (n < 2 || n > 45)	/* INET6_ADDRSTRLEN - 1 */
		return false;
	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		gap = 0;
		i = 2;
	}
	while (i < n) {
		size_t k = i;
		bool dot = false;

		while (k < n && s[k] != ':') {
			if (s[k] == '.')
				dot = true;
			k++;
		}
		if (dot) {
			uint8_t q[4];
			/* The dotted quad ends the address and fills two groups. */
			if (k != n || nwords > 6 || !parse_ipv4(s + i, k - i, q))
				return false;
			words[nwords++] = (uint16_t)(q[0] << 8 | q[1]);
			words[nwords++] = (uint16_t)(q[2] << 8 | q[3]);
			i = n;
			break;
		}
		if (k == i || k - i > 4 || nwords == 8)
			return false;
		unsigned v = 0;
		for (size_t j = i; j < k; j++) {
			int d = hex_value(s[j]);
			if (d < 0)
				return false;
			v = v << 4 | (unsigned)d;
		}
		words[nwords++] = (uint16_t)v;
		i = k;
		if (i == n)
			break;
		i++;		/* the ':' */
		if (i < n && s[i] == ':') {
			if (gap >= 0)
				return false;
			gap = (int)nwords;
			i++;
		} else if (i == n) {
			return false;	/* a lone trailing ':' */
		}
	}
	if (gap < 0 ? nwords != 8 : nwords > 7)
		return false;
	rt_memset(out, 0, 16);
	{
		size_t head = gap < 0 ? nwords : (size_t)gap;
		size_t tail = nwords - head;
		for (size_t w = 0; w < head; w++) {
			out[2 * w] = (uint8_t)(words[w] >> 8);
			out[2 * w + 1] = (uint8_t)words[w];
		}
		for (size_t w = 0; w < tail; w++) {
			size_t at = 8 - tail + w;
			out[2 * at] = (uint8_t)(words[head + w] >> 8);
			out[2 * at + 1] = (uint8_t)words[head + w];
		}
	}
	return true;
}

/* "ADDR/LEN": 1 bad address, 2 bad length, 0 fine. */
static int parse_prefix(const char *s, int family, uint8_t *addr, uint8_t *len)
{
	size_t n = rt_strlen(s), slash;
	unsigned max = family == 4 ? 32 : 128, v = 0;
	const char *p;

	for (slash = 0; slash < n && s[slash] != '/'; slash++)
		;
	if (slash == n)
		return 1;
	if (family == 4 ? !parse_ipv4(s, slash, addr) : !parse_ipv6(s, slash, addr))
		return 1;
	p = s + slash + 1;
	if (!is_digit(*p) || (p[0] == '0' && p[1]))
		return 2;
	for (; is_digit(*p); p++) {
		v = v * 10 + (unsigned)(*p - '0');
		if (v > max)
			return 2;
	}
	if (*p)
		return 2;
	*len = (uint8_t)v;
	return 0;
}

/* Names compare with '-' and '_' as the same character: enum values are
 * identifiers, but options are written with dashes. */
static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '_' ? '-' : *a, y = *b == '_' ? '-' : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* "one of a, b, c" for the enum's error message. */
static const char *enum_why(const char *const *values, size_t n)
{
	static char buf[256];
	size_t len = 0;

	len += (size_t)mirc_snprintf(buf, sizeof(buf), "one of ");
	for (size_t i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)mirc_snprintf(buf + len, sizeof(buf) - len, "%s%s",
					     i ? ", " : "", values[i]);
	if (len >= sizeof(buf))
		mirc_snprintf(buf + sizeof(buf) - 4, 4, "...");
	return buf;
}

/* ---- one parser per type ----------------------------------------------------------------
 *
 * Each is its own function, named by generated code in the args table,
 * so that a program links only those of the types it uses. */

const char *mirc_arg_parse_bool(const struct mirc_arg_desc *a, const char *text, void *out)
{
	(void)a;
	return parse_bool(text, out) ? NULL : "true or false";
}

const char *mirc_arg_parse_int(const struct mirc_arg_desc *a, const char *text, void *out)
{
	int64_t v;
	int rc = parse_int(text, &v);

	(void)a;
	if (rc == 0) {
		rt_memcpy(out, &v, sizeof(v));
		return NULL;
	}
	return rc == -2 ? "an integer from -9223372036854775808 to "
			  "9223372036854775807" : "an integer";
}

const char *mirc_arg_parse_string(const struct mirc_arg_desc *a, const char *text, void *out)
{
	(void)a;
	rt_memcpy(out, &text, sizeof(text));
	return NULL;
}

const char *mirc_arg_parse_duration(const struct mirc_arg_desc *a, const char *text, void *out)
{
	uint64_t ns;
	int rc = parse_duration(text, &ns);

	(void)a;
	if (rc == 0) {
		rt_memcpy(out, &ns, sizeof(ns));
		return NULL;
	}
	return rc == -2 ? MIRC_TEXT("a duration of at most "
				    "18446744073709551615ns, about 584 years",
				    "a duration below 585 years")
			: MIRC_TEXT("a duration such as 250ms, 2s or 1m "
				    "(units ns, us, ms, s, m, h)",
				    "a duration such as 2s (ns us ms s m h)");
}

const char *mirc_arg_parse_ipv4(const struct mirc_arg_desc *a, const char *text, void *out)
{
	struct mirc_ipv4 v;

	(void)a;
	if (!parse_ipv4(text, rt_strlen(text), v.b))
		return "an IPv4 address such as 10.0.0.2";
	rt_memcpy(out, &v, sizeof(v));
	return NULL;
}

const char *mirc_arg_parse_ipv6(const struct mirc_arg_desc *a, const char *text, void *out)
{
	struct mirc_ipv6 v;

	(void)a;
	if (!parse_ipv6(text, rt_strlen(text), v.b))
		return "an IPv6 address such as fd00::2";
	rt_memcpy(out, &v, sizeof(v));
	return NULL;
}

const char *mirc_arg_parse_ipv4_prefix(const struct mirc_arg_desc *a, const char *text,
				       void *out)
{
	struct mirc_ipv4_prefix p = { .len = 0 };
	int rc = parse_prefix(text, 4, p.addr.b, &p.len);

	(void)a;
	if (rc == 0) {
		rt_memcpy(out, &p, sizeof(p));
		return NULL;
	}
	return rc == 2 ? "an IPv4 prefix length from 0 to 32 after the '/'"
		       : "an IPv4 prefix such as 10.0.0.2/24";
}

const char *mirc_arg_parse_ipv6_prefix(const struct mirc_arg_desc *a, const char *text,
				       void *out)
{
	struct mirc_ipv6_prefix p = { .len = 0 };
	int rc = parse_prefix(text, 6, p.addr.b, &p.len);

	(void)a;
	if (rc == 0) {
		rt_memcpy(out, &p, sizeof(p));
		return NULL;
	}
	return rc == 2 ? "an IPv6 prefix length from 0 to 128 after the '/'"
		       : "an IPv6 prefix such as fd00::2/64";
}

const char *mirc_arg_parse_ip(const struct mirc_arg_desc *a, const char *text, void *out)
{
	struct mirc_ip ip;
	size_t n = rt_strlen(text);

	(void)a;
	rt_memset(&ip, 0, sizeof(ip));
	if (parse_ipv4(text, n, ip.u.v4.b))
		ip.family = 4;
	else if (parse_ipv6(text, n, ip.u.v6.b))
		ip.family = 6;
	else
		return "an IPv4 or IPv6 address such as 10.0.0.2 or fd00::2";
	rt_memcpy(out, &ip, sizeof(ip));
	return NULL;
}

const char *mirc_arg_parse_enum(const struct mirc_arg_desc *a, const char *text, void *out)
{
	for (size_t i = 0; i < a->nenum; i++) {
		if (name_eq(text, a->enum_values[i])) {
			int v = (int)i;
			rt_memcpy(out, &v, sizeof(v));
			return NULL;
		}
	}
	return enum_why(a->enum_values, a->nenum);
}

int mirc_arg_parse_value(enum mirc_arg_type type, const char *const *enum_values,
			 size_t nenum, const char *text, void *out,
			 const char **why)
{
	static const mirc_arg_parser parsers[] = {
		[MIRC_ARG_BOOL] = mirc_arg_parse_bool,
		[MIRC_ARG_INT] = mirc_arg_parse_int,
		[MIRC_ARG_STRING] = mirc_arg_parse_string,
		[MIRC_ARG_DURATION] = mirc_arg_parse_duration,
		[MIRC_ARG_IPV4] = mirc_arg_parse_ipv4,
		[MIRC_ARG_IPV4_PREFIX] = mirc_arg_parse_ipv4_prefix,
		[MIRC_ARG_IPV6] = mirc_arg_parse_ipv6,
		[MIRC_ARG_IPV6_PREFIX] = mirc_arg_parse_ipv6_prefix,
		[MIRC_ARG_IP] = mirc_arg_parse_ip,
		[MIRC_ARG_ENUM] = mirc_arg_parse_enum,
	};
	struct mirc_arg_desc a = { .type = type, .enum_values = enum_values,
				   .nenum = nenum };
	const char *w = "a value of a known type";

	if ((unsigned)type < sizeof(parsers) / sizeof(parsers[0]))
		w = parsers[type](&a, text, out);
	if (!w)
		return 0;
	if (why)
		*why = w;
	return -1;
}
