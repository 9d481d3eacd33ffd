/* SPDX-License-Identifier: MIT */
/*
 * pclock_sntp.c - PCLOCK from SNTP (RFC 4330) over a STACK's UDP (see
 * pclock_sntp.h).
 *
 * One request is outstanding at most: a round is up to 3 requests, 1 s
 * apart, from one random port listened on for the round only.  The
 * answer is network input: its length, its source, its nonce and its
 * header are checked before any timestamp in it is believed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

#define SNTP_TRIES 3
#define SNTP_WAIT_NS MIRC_SEC(1)
/* NTP counts seconds from 1900; 70 years (17 of them leap) to 1970. */
#define NTP_UNIX_OFFSET 2208988800u

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * An NTP timestamp (32.32 fixed point, seconds since 1900) to Unix ns.
 * Era 0 ends in February 2036: seconds below 2^31 are read as era 1, so
 * that the clock goes on working then (times before 1968 cannot come).
 */
static int64_t ntp_to_unix_ns(uint64_t ts)
{
	uint64_t secs = ts >> 32, frac = ts & 0xffffffffu;

	if (secs < 0x80000000u)
		secs += 0x100000000u;
	return (int64_t)(secs - NTP_UNIX_OFFSET) * 1000000000 +
	       (int64_t)((frac * 1000000000u) >> 32);
}

static void ask(struct pclock_sntp *self);

static void end_round(struct pclock_sntp *self)
{
	if (self->timer)
		mirc_timer_cancel(self->timer);
	self->timer = 0;
	STACK_udp_unlisten(self->stack, self->port);
	self->asking = false;
}

static void sent(void *arg, int err)
{
	struct pclock_sntp *self = arg;

	self->sending--;
	if (err)
		mirc_log_debug("NTP request not sent: %s", strerror(-err));
}

static void timed_out(void *arg)
{
	struct pclock_sntp *self = arg;

	self->timer = 0;
	if (self->tries < SNTP_TRIES) {
		ask(self);
		return;
	}
	end_round(self);
	mirc_log_warn("no answer from the NTP server after %d requests%s",
		      SNTP_TRIES, self->synced ? "" : ": the wall clock is "
		      "not known");
}

static void received(void *arg, const struct mirc_ip *src, uint16_t src_port,
		     const void *data, size_t len)
{
	struct pclock_sntp *self = arg;
	const unsigned char *m = data;
	uint64_t t4 = MCLOCK_elapsed_ns(self->clock);
	int64_t t2, t3, delay;
	unsigned li, vn, mode, stratum;

	if (src_port != self->server_port || src->family != self->server.family ||
	    memcmp(&src->u, &self->server.u, src->family == 4 ? 4 : 16) != 0)
		return;		/* not from the server */
	if (len < 48 || memcmp(m + 24, self->req + 40, 8) != 0)
		return;		/* not an answer to our request */
	li = m[0] >> 6;
	vn = m[0] >> 3 & 7;
	mode = m[0] & 7;
	stratum = m[1];
	if (mode != 4 || vn < 3 || vn > 4 || li == 3 || stratum == 0 ||
	    stratum > 15 || get64(m + 40) == 0) {
		mirc_log_warn("NTP answer refused (leap %u, version %u, mode %u,"
			      " stratum %u)", li, vn, mode, stratum);
		return;	/* the round goes on: another answer may come */
	}
	t2 = ntp_to_unix_ns(get64(m + 32));
	t3 = ntp_to_unix_ns(get64(m + 40));
	/* The round trip less the server's time between receive and send;
	 * a server whose clock steps meanwhile could make it negative. */
	delay = (int64_t)(t4 - self->t1) - (t3 - t2);
	if (delay < 0)
		delay = 0;
	self->base_mono = t4;
	self->base_wall = t3 + delay / 2;
	end_round(self);
	if (!self->synced)
		mirc_log_info("wall clock from NTP: %" PRId64 ".%03d s since "
			      "the epoch (round trip %" PRId64 " us)",
			      self->base_wall / 1000000000,
			      (int)(self->base_wall / 1000000 % 1000),
			      delay / 1000);
	self->synced = true;
}

/* One request of the round: mode 3 (client), version 4, and 64 random
 * bits as the transmit timestamp, the nonce the answer must echo. */
static void ask(struct pclock_sntp *self)
{
	if (self->sending) {
		/* The last request is still the stack's: wait for it. */
		self->timer = mirc_timer_after(SNTP_WAIT_NS, timed_out, self);
		return;
	}
	memset(self->req, 0, sizeof(self->req));
	self->req[0] = 4 << 3 | 3;
	RANDOM_fill(self->rng, self->req + 40, 8);
	self->tries++;
	self->sending++;
	self->t1 = MCLOCK_elapsed_ns(self->clock);
	self->timer = mirc_timer_after(SNTP_WAIT_NS, timed_out, self);
	STACK_udp_send(self->stack, self->port, &self->server,
		       self->server_port, self->req, sizeof(self->req), sent,
		       self);
}

static int start_round(struct pclock_sntp *self)
{
	int err = -EADDRINUSE;

	for (int i = 0; i < 16 && err == -EADDRINUSE; i++) {
		uint16_t r;

		RANDOM_fill(self->rng, &r, sizeof(r));
		self->port = (uint16_t)(49152 + r % 16384);
		err = STACK_udp_listen(self->stack, self->port, received, self);
	}
	if (err)
		return err;
	self->asking = true;
	self->tries = 0;
	self->last_try = MCLOCK_elapsed_ns(self->clock);
	ask(self);
	return 0;
}

int64_t pclock_sntp_now_ns(struct pclock_sntp *self)
{
	uint64_t now = MCLOCK_elapsed_ns(self->clock);

	if (!self->asking && now - self->last_try >= self->interval_ns) {
		int err = start_round(self);
		if (err)
			mirc_log_warn("cannot ask the NTP server: %s",
				      strerror(-err));
	}
	if (!self->synced)
		return -1;
	return self->base_wall + (int64_t)(now - self->base_mono);
}

int pclock_sntp_connect(struct pclock_sntp *self, struct STACK stack,
			struct MCLOCK clock, struct RANDOM rng,
			mirc_opt_ip ntp_server, int64_t ntp_port,
			uint64_t ntp_interval)
{
	int err;

	memset(self, 0, sizeof(*self));
	self->stack = stack;
	self->clock = clock;
	self->rng = rng;
	if (!ntp_server.present) {
		mirc_log_err("no NTP server: give --ntp-server=IP");
		return -EINVAL;
	}
	if (ntp_port < 1 || ntp_port > 65535) {
		mirc_log_err("--ntp-port=%" PRId64 ": not a port (1 to 65535)",
			     ntp_port);
		return -EINVAL;
	}
	if (ntp_interval < MIRC_SEC(16)) {
		mirc_log_err("--ntp-interval: at least 16s (RFC 4330 asks "
			     "clients not to poll more often)");
		return -EINVAL;
	}
	self->server = ntp_server.value;
	self->server_port = (uint16_t)ntp_port;
	self->interval_ns = ntp_interval;
	if ((err = start_round(self))) {
		mirc_log_err("cannot ask the NTP server: %s", strerror(-err));
		return err;
	}
	return 0;
}
