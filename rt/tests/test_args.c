/* SPDX-License-Identifier: MIT */
/*
 * test_args.c - mirc_arg_parse_value(), the one validator of boot values:
 * every type, its valid forms and its rejections (overflow, malformed and
 * overlong addresses, octets and prefix lengths out of range, leading
 * zeros, unknown units and enum values).
 */
#include "test.h"

#include <stdint.h>

#include "mirc/args.h"

static const char *const modes[] = { "fast", "slow", "very_slow" };

/* Parse text as type; 0 or -1 (then *why is set). */
static int parse(enum mirc_arg_type t, const char *text, void *out, const char **why)
{
	*why = NULL;
	return mirc_arg_parse_value(t, modes, 3, text, out, why);
}

static void ok(enum mirc_arg_type t, const char *text, void *out)
{
	const char *why;

	if (parse(t, text, out, &why) != 0) {
		fprintf(stderr, "rejected '%s' (expected %s)\n", text, why);
		exit(1);
	}
}

static void bad(enum mirc_arg_type t, const char *text, const char *want_why)
{
	union {
		int64_t i;
		unsigned char bytes[64];
	} out;
	const char *why;

	memset(&out, 0x5a, sizeof(out));
	if (parse(t, text, &out, &why) == 0) {
		fprintf(stderr, "accepted '%s' (type %d)\n", text, (int)t);
		exit(1);
	}
	CHECK(why != NULL);
	if (want_why)
		CHECK_STR(why, want_why);
	/* A rejected value leaves the destination alone. */
	for (size_t i = 0; i < sizeof(out.bytes); i++)
		CHECK(out.bytes[i] == 0x5a);
}

static void bools(void)
{
	bool b = false;

	ok(MIRC_ARG_BOOL, "true", &b); CHECK(b);
	ok(MIRC_ARG_BOOL, "false", &b); CHECK(!b);
	ok(MIRC_ARG_BOOL, "yes", &b); CHECK(b);
	ok(MIRC_ARG_BOOL, "off", &b); CHECK(!b);
	ok(MIRC_ARG_BOOL, "1", &b); CHECK(b);
	ok(MIRC_ARG_BOOL, "0", &b); CHECK(!b);
	bad(MIRC_ARG_BOOL, "", "true or false");
	bad(MIRC_ARG_BOOL, "TRUE", "true or false");
	bad(MIRC_ARG_BOOL, "truex", "true or false");
	bad(MIRC_ARG_BOOL, "2", "true or false");
}

static void ints(void)
{
	int64_t v;

	ok(MIRC_ARG_INT, "0", &v); CHECK(v == 0);
	ok(MIRC_ARG_INT, "8080", &v); CHECK(v == 8080);
	ok(MIRC_ARG_INT, "-17", &v); CHECK(v == -17);
	ok(MIRC_ARG_INT, "007", &v); CHECK(v == 7);
	ok(MIRC_ARG_INT, "0x1F", &v); CHECK(v == 31);
	ok(MIRC_ARG_INT, "-0x10", &v); CHECK(v == -16);
	ok(MIRC_ARG_INT, "9223372036854775807", &v); CHECK(v == INT64_MAX);
	ok(MIRC_ARG_INT, "-9223372036854775808", &v); CHECK(v == INT64_MIN);
	ok(MIRC_ARG_INT, "0x7fffffffffffffff", &v); CHECK(v == INT64_MAX);
	ok(MIRC_ARG_INT, "-0x8000000000000000", &v); CHECK(v == INT64_MIN);
	bad(MIRC_ARG_INT, "abc", "an integer");
	bad(MIRC_ARG_INT, "", "an integer");
	bad(MIRC_ARG_INT, "-", "an integer");
	bad(MIRC_ARG_INT, "+5", "an integer");
	bad(MIRC_ARG_INT, " 5", "an integer");
	bad(MIRC_ARG_INT, "5 ", "an integer");
	bad(MIRC_ARG_INT, "12abc", "an integer");
	bad(MIRC_ARG_INT, "0x", "an integer");
	bad(MIRC_ARG_INT, "0xg", "an integer");
	bad(MIRC_ARG_INT, "1.5", "an integer");
	bad(MIRC_ARG_INT, "9223372036854775808",
	    "an integer from -9223372036854775808 to 9223372036854775807");
	bad(MIRC_ARG_INT, "-9223372036854775809",
	    "an integer from -9223372036854775808 to 9223372036854775807");
	bad(MIRC_ARG_INT, "0x8000000000000000",
	    "an integer from -9223372036854775808 to 9223372036854775807");
	bad(MIRC_ARG_INT, "99999999999999999999999999999999999999",
	    "an integer from -9223372036854775808 to 9223372036854775807");
	bad(MIRC_ARG_INT, "99999999999999999999999x", "an integer");
}

static void strings(void)
{
	const char *s = NULL, *text = "any text, even with spaces";

	ok(MIRC_ARG_STRING, text, &s);
	CHECK(s == text);	/* no copy: boot words live as long as the program */
	ok(MIRC_ARG_STRING, "", &s);
	CHECK_STR(s, "");
}

static void durations(void)
{
	uint64_t ns;
	const char *d = "a duration such as 250ms, 2s or 1m (units ns, us, ms, s, m, h)";

	ok(MIRC_ARG_DURATION, "0s", &ns); CHECK(ns == 0);
	ok(MIRC_ARG_DURATION, "5ns", &ns); CHECK(ns == 5);
	ok(MIRC_ARG_DURATION, "10us", &ns); CHECK(ns == 10000);
	ok(MIRC_ARG_DURATION, "250ms", &ns); CHECK(ns == 250000000);
	ok(MIRC_ARG_DURATION, "2s", &ns); CHECK(ns == 2000000000);
	ok(MIRC_ARG_DURATION, "1m", &ns); CHECK(ns == 60000000000);
	ok(MIRC_ARG_DURATION, "2h", &ns); CHECK(ns == 7200000000000);
	ok(MIRC_ARG_DURATION, "18446744073709551615ns", &ns); CHECK(ns == UINT64_MAX);
	ok(MIRC_ARG_DURATION, "5124095h", &ns); CHECK(ns == UINT64_C(18446742000000000000));
	/* The largest of each unit, and one more. */
	ok(MIRC_ARG_DURATION, "18446744073709551us", &ns); CHECK(ns == UINT64_C(18446744073709551000));
	ok(MIRC_ARG_DURATION, "18446744073709ms", &ns); CHECK(ns == UINT64_C(18446744073709000000));
	ok(MIRC_ARG_DURATION, "18446744073s", &ns); CHECK(ns == UINT64_C(18446744073000000000));
	ok(MIRC_ARG_DURATION, "307445734m", &ns); CHECK(ns == UINT64_C(18446744040000000000));
	bad(MIRC_ARG_DURATION, "18446744073709552us", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "18446744073710ms", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "18446744074s", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "307445735m", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "4294967296000000000000s", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "", d);
	bad(MIRC_ARG_DURATION, "5", d);
	bad(MIRC_ARG_DURATION, "s", d);
	bad(MIRC_ARG_DURATION, "-1s", d);
	bad(MIRC_ARG_DURATION, "1.5s", d);
	bad(MIRC_ARG_DURATION, "1d", d);
	bad(MIRC_ARG_DURATION, "1 s", d);
	bad(MIRC_ARG_DURATION, "1S", d);
	bad(MIRC_ARG_DURATION, "1m30s", d);
	bad(MIRC_ARG_DURATION, "5124096h", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "18446744073709551616ns", "a duration of at most 18446744073709551615ns, about 584 years");
	bad(MIRC_ARG_DURATION, "99999999999999999999999s", "a duration of at most 18446744073709551615ns, about 584 years");
}

static void ipv4(void)
{
	struct mirc_ipv4 a;
	struct mirc_ipv4_prefix p;
	const char *w = "an IPv4 address such as 10.0.0.2";
	const char *wp = "an IPv4 prefix such as 10.0.0.2/24";
	const char *wl = "an IPv4 prefix length from 0 to 32 after the '/'";
	char longer[300];

	ok(MIRC_ARG_IPV4, "10.0.0.2", &a);
	CHECK(a.b[0] == 10 && a.b[1] == 0 && a.b[2] == 0 && a.b[3] == 2);
	ok(MIRC_ARG_IPV4, "255.255.255.255", &a);
	CHECK(a.b[0] == 255 && a.b[3] == 255);
	ok(MIRC_ARG_IPV4, "0.0.0.0", &a);
	CHECK(a.b[0] == 0 && a.b[3] == 0);
	bad(MIRC_ARG_IPV4, "256.0.0.1", w);
	bad(MIRC_ARG_IPV4, "1.2.3.999", w);
	bad(MIRC_ARG_IPV4, "010.0.0.1", w);	/* octal or decimal? refused */
	bad(MIRC_ARG_IPV4, "1.2.3.00", w);
	bad(MIRC_ARG_IPV4, "1.2.3", w);
	bad(MIRC_ARG_IPV4, "1.2.3.4.5", w);
	bad(MIRC_ARG_IPV4, "1.2.3.4.", w);
	bad(MIRC_ARG_IPV4, ".1.2.3", w);
	bad(MIRC_ARG_IPV4, "1..2.3", w);
	bad(MIRC_ARG_IPV4, "a.b.c.d", w);
	bad(MIRC_ARG_IPV4, "1.2.3.4 ", w);
	bad(MIRC_ARG_IPV4, "", w);
	bad(MIRC_ARG_IPV4, "1.2.3.-4", w);
	bad(MIRC_ARG_IPV4, "4294967296.1.1.1", w);
	memset(longer, '1', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	bad(MIRC_ARG_IPV4, longer, w);

	ok(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/24", &p);
	CHECK(p.addr.b[0] == 10 && p.addr.b[3] == 2 && p.len == 24);
	ok(MIRC_ARG_IPV4_PREFIX, "0.0.0.0/0", &p); CHECK(p.len == 0);
	ok(MIRC_ARG_IPV4_PREFIX, "1.2.3.4/32", &p); CHECK(p.len == 32);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2", wp);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0/24", wp);
	bad(MIRC_ARG_IPV4_PREFIX, "300.0.0.1/24", wp);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/33", wl);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/024", wl);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/", wl);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/-1", wl);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/24/8", wl);
	bad(MIRC_ARG_IPV4_PREFIX, "10.0.0.2/99999999999999999999", wl);
}

static const uint8_t v6_doc[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
};

static void ipv6(void)
{
	struct mirc_ipv6 a;
	struct mirc_ipv6_prefix p;
	const char *w = "an IPv6 address such as fd00::2";
	const char *wp = "an IPv6 prefix such as fd00::2/64";
	static const uint8_t zero[16], one[16] = { [15] = 1 };
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff, [12] = 192,
					    [13] = 0, [14] = 2, [15] = 1 };
	static const uint8_t full[16] = { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8 };
	static const uint8_t tail[16] = { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0 };

	ok(MIRC_ARG_IPV6, "2001:db8::1", &a); CHECK(!memcmp(a.b, v6_doc, 16));
	ok(MIRC_ARG_IPV6, "2001:DB8:0:0:0:0:0:1", &a); CHECK(!memcmp(a.b, v6_doc, 16));
	ok(MIRC_ARG_IPV6, "2001:0db8:0000:0000:0000:0000:0000:0001", &a);
	CHECK(!memcmp(a.b, v6_doc, 16));
	ok(MIRC_ARG_IPV6, "::", &a); CHECK(!memcmp(a.b, zero, 16));
	ok(MIRC_ARG_IPV6, "::1", &a); CHECK(!memcmp(a.b, one, 16));
	ok(MIRC_ARG_IPV6, "::ffff:192.0.2.1", &a); CHECK(!memcmp(a.b, mapped, 16));
	ok(MIRC_ARG_IPV6, "1:2:3:4:5:6:7:8", &a); CHECK(!memcmp(a.b, full, 16));
	ok(MIRC_ARG_IPV6, "1:2:3:4:5:6:7::", &a); CHECK(!memcmp(a.b, tail, 16));
	ok(MIRC_ARG_IPV6, "1::3:4:5:6:7:8", &a);
	ok(MIRC_ARG_IPV6, "1:2:3:4:5:6:1.2.3.4", &a);
	bad(MIRC_ARG_IPV6, "", w);
	bad(MIRC_ARG_IPV6, ":", w);
	bad(MIRC_ARG_IPV6, ":::", w);
	bad(MIRC_ARG_IPV6, "1:2:3:4:5:6:7:8:9", w);
	bad(MIRC_ARG_IPV6, "1:2:3:4:5:6:7", w);
	bad(MIRC_ARG_IPV6, "1::2::3", w);
	bad(MIRC_ARG_IPV6, "1:2:3:4:5:6:7:8::", w);
	bad(MIRC_ARG_IPV6, "::1:2:3:4:5:6:7:8", w);
	bad(MIRC_ARG_IPV6, "12345::", w);
	bad(MIRC_ARG_IPV6, "g::1", w);
	bad(MIRC_ARG_IPV6, ":1::2", w);
	bad(MIRC_ARG_IPV6, "1::2:", w);
	bad(MIRC_ARG_IPV6, "fe80::1%eth0", w);
	bad(MIRC_ARG_IPV6, "::1.2.3.256", w);
	bad(MIRC_ARG_IPV6, "::1.2.3.4:5", w);
	bad(MIRC_ARG_IPV6, "1:2:3:4:5:6:7:1.2.3.4", w);
	bad(MIRC_ARG_IPV6, "10.0.0.1", w);
	bad(MIRC_ARG_IPV6, "0000:0000:0000:0000:0000:0000:0000:0000:0000", w);
	bad(MIRC_ARG_IPV6, "::0000000000000000000000000000000000000000000001", w);

	ok(MIRC_ARG_IPV6_PREFIX, "2001:db8::1/64", &p);
	CHECK(!memcmp(p.addr.b, v6_doc, 16) && p.len == 64);
	ok(MIRC_ARG_IPV6_PREFIX, "::/0", &p); CHECK(p.len == 0);
	ok(MIRC_ARG_IPV6_PREFIX, "::1/128", &p); CHECK(p.len == 128);
	bad(MIRC_ARG_IPV6_PREFIX, "::1/129", "an IPv6 prefix length from 0 to 128 after the '/'");
	bad(MIRC_ARG_IPV6_PREFIX, "::1/064", "an IPv6 prefix length from 0 to 128 after the '/'");
	bad(MIRC_ARG_IPV6_PREFIX, "::1", wp);
	bad(MIRC_ARG_IPV6_PREFIX, "::g/64", wp);
	bad(MIRC_ARG_IPV6_PREFIX, "10.0.0.0/8", wp);
}

static void ips(void)
{
	struct mirc_ip ip;
	const char *w = "an IPv4 or IPv6 address such as 10.0.0.2 or fd00::2";

	ok(MIRC_ARG_IP, "192.0.2.7", &ip);
	CHECK(ip.family == 4 && ip.u.v4.b[0] == 192 && ip.u.v4.b[3] == 7);
	ok(MIRC_ARG_IP, "2001:db8::1", &ip);
	CHECK(ip.family == 6 && !memcmp(ip.u.v6.b, v6_doc, 16));
	bad(MIRC_ARG_IP, "192.0.2.256", w);
	bad(MIRC_ARG_IP, "host.example", w);
	bad(MIRC_ARG_IP, "", w);
}

static void enums(void)
{
	int e = -1;

	ok(MIRC_ARG_ENUM, "fast", &e); CHECK(e == 0);
	ok(MIRC_ARG_ENUM, "slow", &e); CHECK(e == 1);
	ok(MIRC_ARG_ENUM, "very_slow", &e); CHECK(e == 2);
	ok(MIRC_ARG_ENUM, "very-slow", &e); CHECK(e == 2);	/* dashes as in option names */
	bad(MIRC_ARG_ENUM, "medium", "one of fast, slow, very_slow");
	bad(MIRC_ARG_ENUM, "", "one of fast, slow, very_slow");
	bad(MIRC_ARG_ENUM, "FAST", "one of fast, slow, very_slow");
	bad(MIRC_ARG_ENUM, "fastt", "one of fast, slow, very_slow");
}

/* A long list of enum values is cut, not overflowed. */
static void long_enum(void)
{
	static char names[100][20];
	const char *ptrs[100];
	const char *why = NULL;
	int e;

	for (int i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "value_number_%d", i);
		ptrs[i] = names[i];
	}
	CHECK(mirc_arg_parse_value(MIRC_ARG_ENUM, ptrs, 100, "nope", &e, &why) < 0);
	CHECK(why && strlen(why) < 256);
	CHECK(strncmp(why, "one of value_number_0, ", 23) == 0);
	CHECK(strcmp(why + strlen(why) - 3, "...") == 0);
	CHECK(mirc_arg_parse_value(MIRC_ARG_ENUM, ptrs, 100, "value_number_99", &e, &why) == 0);
	CHECK(e == 99);
}

int main(void)
{
	bools();
	ints();
	strings();
	durations();
	ipv4();
	ipv6();
	ips();
	enums();
	long_enum();
	success();
	return 0;
}
