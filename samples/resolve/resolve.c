/* SPDX-License-Identifier: MIT */
/*
 * resolve.c - the job of samples/resolve: the A, then the AAAA addresses
 * of every --lookup name, one look-up at a time, each logged on one line
 * ("NAME A 192.0.2.1 192.0.2.2", "NAME AAAA: No such file or directory").
 */
#include <stdio.h>
#include <string.h>

#include "mirc.h"

static struct {
	struct DNS dns;
	mirc_list_string names;
	size_t next;		/* look-ups started: name next / 2, A first */
} r;

/* IPv6 text as RFC 5952 says: lower case, the longest run of two or
 * more zero groups (the first of equals) as "::". */
static void fmt6(char *buf, size_t size, const uint8_t *b)
{
	int best = -1, bestlen = 1, n = 0;
	size_t o = 0;

	for (int i = 0; i < 8; i++) {
		n = (b[2 * i] | b[2 * i + 1]) ? 0 : n + 1;
		if (n > bestlen) {
			bestlen = n;
			best = i - n + 1;
		}
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			o += (size_t)snprintf(buf + o, size - o, "::");
			i += bestlen - 1;
			continue;
		}
		o += (size_t)snprintf(buf + o, size - o, "%s%x",
				      i && i != best + bestlen ? ":" : "",
				      (unsigned)(b[2 * i] << 8 | b[2 * i + 1]));
	}
}

static void next(void);

static void answered(void *arg, int err, const struct mirc_ip *addrs, size_t n)
{
	const char *name = arg;
	const char *type = r.next % 2 ? "A" : "AAAA";
	char line[1024];
	size_t o = 0;

	if (err) {
		mirc_log_info("%s %s: %s", name, type, strerror(-err));
	} else {
		for (size_t i = 0; i < n && o < sizeof(line) - 48; i++) {
			char a[48];

			if (addrs[i].family == 4)
				snprintf(a, sizeof(a), "%u.%u.%u.%u",
					 addrs[i].u.v4.b[0], addrs[i].u.v4.b[1],
					 addrs[i].u.v4.b[2], addrs[i].u.v4.b[3]);
			else
				fmt6(a, sizeof(a), addrs[i].u.v6.b);
			o += (size_t)snprintf(line + o, sizeof(line) - o, " %s", a);
		}
		mirc_log_info("%s %s%s", name, type, line);
	}
	next();
}

static void next(void)
{
	const char *name;

	if (r.next == 2 * r.names.len)
		return;		/* nothing open: the program ends */
	name = r.names.items[r.next / 2];
	if (r.next++ % 2 == 0)
		DNS_gethostbyname(r.dns, name, answered, (void *)name);
	else
		DNS_gethostbyname6(r.dns, name, answered, (void *)name);
}

int resolve_start(struct DNS dns, mirc_list_string lookup)
{
	r.dns = dns;
	r.names = lookup;
	if (lookup.len == 0) {
		mirc_log_err("nothing to look up: give --lookup=NAME[,NAME...]");
		return 1;
	}
	next();
	return 0;
}
