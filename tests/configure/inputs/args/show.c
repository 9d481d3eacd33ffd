/* SPDX-License-Identifier: MIT */
/*
 * show.c - the job of tests/configure/inputs/args: print every runtime
 * arg in one canonical form per type, through the SINK device.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mirc.h"

static struct SINK out;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	SINK_put(out, line);
}

/* Into buf (at least 64 bytes): "a.b.c.d", all 8 groups of an IPv6
 * address in hex without compression, a C string in quotes with \" \\
 * \n and \xHH escapes. */
static const char *v4(char *buf, struct mirc_ipv4 a)
{
	sprintf(buf, "%u.%u.%u.%u", a.b[0], a.b[1], a.b[2], a.b[3]);
	return buf;
}

static const char *v6(char *buf, struct mirc_ipv6 a)
{
	char *p = buf;

	for (int i = 0; i < 16; i += 2)
		p += sprintf(p, "%s%x", i ? ":" : "", a.b[i] << 8 | a.b[i + 1]);
	return buf;
}

static const char *ip(char *buf, struct mirc_ip a)
{
	if (a.family == 4)
		return v4(buf, a.u.v4);
	if (a.family == 6)
		return v6(buf, a.u.v6);
	sprintf(buf, "<family %d>", a.family);
	return buf;
}

static const char *quote(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	buf[n++] = '"';
	for (; *s && n + 6 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			n += (size_t)sprintf(buf + n, "\\%c", c);
		else if (c == '\n')
			n += (size_t)sprintf(buf + n, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			n += (size_t)sprintf(buf + n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return buf;
}

static const char *const modes[] = { "fast", "safe", "very_slow" };
static const char *const levels[] = { "low", "high" };

int show_start(struct SINK sink, bool verbose, bool quiet, int64_t port,
	       int64_t offset, const char *who, const char *motd, uint64_t wait,
	       struct mirc_ipv4 addr, struct mirc_ipv4_prefix net,
	       struct mirc_ipv6 addr6, struct mirc_ipv6_prefix net6,
	       struct mirc_ip peer, struct mirc_ip peer6, int mode,
	       mirc_opt_ipv4 gateway, mirc_opt_enum level, mirc_opt_int max_conn,
	       mirc_list_string hosts, mirc_list_int ports,
	       mirc_list_ipv6_prefix nets, const char *token)
{
	char a[128], b[512];
	size_t n;

	out = sink;
	put("verbose = %s", verbose ? "true" : "false");
	put("quiet = %s", quiet ? "true" : "false");
	put("port = %" PRId64, port);
	put("offset = %" PRId64, offset);
	put("who = %s", quote(b, sizeof b, who));
	put("motd = %s", quote(b, sizeof b, motd));
	put("wait = %" PRIu64 " ns", wait);
	put("addr = %s", v4(a, addr));
	put("net = %s/%u", v4(a, net.addr), net.len);
	put("addr6 = %s", v6(a, addr6));
	put("net6 = %s/%u", v6(a, net6.addr), net6.len);
	put("peer = IPv%d %s", peer.family, ip(a, peer));
	put("peer6 = IPv%d %s", peer6.family, ip(a, peer6));
	/* The enum's index, and the macro mirc.h defines for it. */
	put("mode = %d (%s)%s", mode, mode >= 0 && mode < 3 ? modes[mode] : "?",
	    mode == MODE_VERY_SLOW ? ", MODE_VERY_SLOW" :
	    mode == MODE_SAFE ? ", MODE_SAFE" : mode == MODE_FAST ? ", MODE_FAST" : "");
	if (gateway.present)
		put("gateway = %s", v4(a, gateway.value));
	else
		put("gateway = none");
	if (level.present)
		put("level = %d (%s)%s", level.value,
		    level.value >= 0 && level.value < 2 ? levels[level.value] : "?",
		    level.value == LEVEL_HIGH ? ", LEVEL_HIGH" : "");
	else
		put("level = none");
	if (max_conn.present)
		put("max_conn = %" PRId64, max_conn.value);
	else
		put("max_conn = none");
	n = (size_t)sprintf(b, "hosts = %zu [", hosts.len);
	for (size_t i = 0; i < hosts.len && n < 300; i++) {
		n += (size_t)sprintf(b + n, "%s", i ? ", " : "");
		quote(b + n, sizeof b - n, hosts.items[i]);
		n += strlen(b + n);
	}
	put("%s]", b);
	n = (size_t)sprintf(b, "ports = %zu [", ports.len);
	for (size_t i = 0; i < ports.len && n < 400; i++)
		n += (size_t)sprintf(b + n, "%s%" PRId64, i ? ", " : "", ports.items[i]);
	put("%s]", b);
	n = (size_t)sprintf(b, "nets = %zu [", nets.len);
	for (size_t i = 0; i < nets.len && n < 400; i++)
		n += (size_t)sprintf(b + n, "%s%s/%u", i ? ", " : "",
				     v6(a, nets.items[i].addr), nets.items[i].len);
	put("%s]", b);
	put("token = %s", quote(b, sizeof b, token));
	put("name = %s", mirc_name());
	return 0;
}
