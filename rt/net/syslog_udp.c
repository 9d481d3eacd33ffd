/* SPDX-License-Identifier: MIT */
/*
 * syslog_udp.c - the job syslog_udp of the prelude: every log line the
 * program prints also goes, as one UDP datagram, to a syslog collector
 * (MirageOS's syslog_udp reporter, with its runtime args --syslog,
 * --syslog-port and --syslog-hostname).
 *
 * The framing is the one of RFC 3164, as MirageOS's logs-syslog writes
 * it: "<PRI>Mmm dd hh:mm:ss HOST SOURCE: MESSAGE", PRI the facility
 * daemon (3) times 8 plus the severity of the line's level (error 3,
 * warning 4, info 6, debug 7), the time in UTC from the wall clock of
 * the line, HOST --syslog-hostname (default --name), SOURCE the line's
 * source (the device or job).  A board without a wall clock sends no
 * timestamp ("<PRI>HOST SOURCE: MESSAGE"), which RFC 3164 lets the
 * collector fill in with its own time of arrival.
 *
 * It speaks UDP through the STACK it is given, so it works the same on
 * the host's sockets and on lwIP.  Lines are sent as they are logged,
 * from the log hook of the runtime (mirc_log_set_hook); each datagram is
 * its own allocation until its send is done, at most SYSLOG_MAX_PENDING
 * at a time: beyond that, and when a send fails (no address yet on the
 * direct stack, no route), the line reaches the console only.  A failure
 * is reported on the console once, and again after a line got through,
 * never sent to syslog itself (which would fail again, forever).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

#define SYSLOG_MAX_PENDING 64
#define SYSLOG_FACILITY_DAEMON 3

struct datagram {
	size_t len;
	char data[];
};

static struct {
	struct STACK stack;
	struct mirc_ip dst;
	uint16_t port;
	const char *hostname;
	unsigned pending;
	unsigned long dropped;	/* since the last failure was reported */
	bool failing;		/* a failure was reported, no success since */
	bool muted;		/* logging about syslog itself */
} sl;

/* RFC 3164's severities for the runtime's levels (QUIET is never a
 * line's level). */
static int severity(int level)
{
	switch (level) {
	case MIRC_LOG_ERROR:
		return 3;
	case MIRC_LOG_WARNING:
		return 4;
	case MIRC_LOG_INFO:
		return 6;
	default:
		return 7;
	}
}

/* "Mmm dd hh:mm:ss " in UTC (the day space-padded, as RFC 3164 says).
 * The month and day come from the days since 1970 by the civil-date
 * method of eras of 400 years counted from March, which puts February
 * and its leap day at the end of a year. */
static int put_timestamp(char *buf, size_t size, int64_t wall_ns)
{
	static const char months[] = "MarAprMayJunJulAugSepOctNovDecJanFeb";
	int64_t secs, z, doe, yoe, doy;
	int mp, day, sod;

	if (wall_ns < 0)
		return 0;
	secs = wall_ns / 1000000000;
	sod = (int)(secs % 86400);
	z = secs / 86400 + 719468;
	doe = z % 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (int)((5 * doy + 2) / 153);
	day = (int)(doy - (153 * mp + 2) / 5 + 1);
	return snprintf(buf, size, "%.3s %2d %02d:%02d:%02d ", months + 3 * mp,
			day, sod / 3600, sod / 60 % 60, sod % 60);
}

static void sent(void *arg, int err)
{
	struct datagram *d = arg;

	free(d);
	sl.pending--;
	if (!err) {
		if (sl.failing && sl.dropped)
			mirc_log_info("syslog: %lu lines were not sent",
				      sl.dropped);
		sl.failing = false;
		sl.dropped = 0;
		return;
	}
	sl.dropped++;
	if (!sl.failing) {
		/* This runs from the loop, not from the hook: muted, so that
		 * the warning is not sent (it would fail the same way). */
		sl.muted = true;
		mirc_log_warn("syslog: cannot send to port %u: %s (lines go to "
			      "the console only until one gets through)",
			      sl.port, strerror(-err));
		sl.muted = false;
		sl.failing = true;
	}
}

/* The log hook: one datagram per line. */
static void on_line(void *arg, const struct mirc_log_line *line)
{
	struct datagram *d;
	size_t max = 64 + strlen(sl.hostname) + strlen(line->src) +
		     line->len;
	int n;

	(void)arg;
	if (sl.muted)
		return;
	if (sl.pending >= SYSLOG_MAX_PENDING) {
		sl.dropped++;
		return;
	}
	d = malloc(sizeof(*d) + max);
	if (!d) {
		sl.dropped++;
		return;
	}
	n = snprintf(d->data, max, "<%d>",
		     SYSLOG_FACILITY_DAEMON * 8 + severity(line->level));
	n += put_timestamp(d->data + n, max - (size_t)n, line->wall_ns);
	n += snprintf(d->data + n, max - (size_t)n, "%s %s: %.*s",
		      sl.hostname, line->src, (int)line->len, line->msg);
	d->len = (size_t)n < max ? (size_t)n : max - 1;
	sl.pending++;
	STACK_udp_send(sl.stack, 0, &sl.dst, sl.port, d->data,
		       d->len, sent, d);
}

int syslog_udp_start(struct STACK stack, mirc_opt_ip syslog_ip,
		     int64_t syslog_port, mirc_opt_string syslog_hostname)
{
	const char *host = syslog_hostname.present ? syslog_hostname.value
						   : mirc_name();

	if (!syslog_ip.present)
		return 0;	/* the console only, as without this job */
	if (syslog_port < 1 || syslog_port > 65535) {
		mirc_log_err("--syslog-port=%" PRId64 ": not a port (1 to "
			     "65535)", syslog_port);
		return 1;
	}
	/* RFC 3164's HOSTNAME is one word of printable characters. */
	if (!*host)
		host = "-";
	for (const char *c = host; *c; c++)
		if (*c <= ' ' || *c > '~') {
			mirc_log_err("--syslog-hostname=%s: a host name has no "
				     "spaces or control characters", host);
			return 1;
		}
	sl.stack = stack;
	sl.dst = syslog_ip.value;
	sl.port = (uint16_t)syslog_port;
	sl.hostname = host;
	if (mirc_log_set_hook(on_line, NULL)) {
		mirc_log_err("syslog_udp: the log already has a receiver (one "
			     "syslog_udp per program)");
		return 1;
	}
	mirc_log_info("syslog to port %u", sl.port);
	return 0;
}
