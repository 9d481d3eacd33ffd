/* SPDX-License-Identifier: MIT */
/*
 * pclock_sntp.h - PCLOCK from an NTP server (SNTP, RFC 4330) over a
 * STACK's UDP, for boards without a real-time clock: the wall clock is
 * the server's time at the last answer plus the MCLOCK time since.
 *
 * It is the network's word for the time, unauthenticated: whoever
 * answers from the server's address with the request's nonce sets the
 * clock.  Each request carries 64 random bits (from the RANDOM device) as
 * its transmit timestamp, which the answer must echo as its originate
 * timestamp (RFC 4330 section 5), and answers from anywhere but
 * --ntp-server:--ntp-port are dropped, so an off-path sender must guess
 * the nonce; an on-path one is not stopped.
 *
 * connect sends the first request and returns: until an answer came,
 * now_ns() is -1 (the time is not known yet).  A request is sent again
 * after 1 s without an answer, 3 times in all; after that, and once the
 * clock is set, now_ns() asks again (in the background, from the loop)
 * when the last answer is older than --ntp-interval.  An outstanding
 * request keeps the program running until it is answered or given up;
 * nothing else does, so a program that is done still ends.
 *
 * The offset is the one of RFC 4330: the server's transmit time plus
 * half the round trip less the server's own processing time.  Answers
 * with the leap indicator 3 (the server is not synchronized), stratum 0
 * (a kiss-o'-death) or above 15, another mode than server (4), another
 * version than 3 or 4, or a zero transmit time are refused (logged).
 */
#ifndef MIRC_NET_PCLOCK_SNTP_H
#define MIRC_NET_PCLOCK_SNTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"
#include "mirc/types.h"

struct pclock_sntp {
	struct STACK stack;
	struct MCLOCK clock;
	struct RANDOM rng;
	struct mirc_ip server;
	uint16_t server_port, port;	/* the server's, ours while asking */
	uint64_t interval_ns;
	bool synced;
	int64_t base_wall;		/* the wall clock at base_mono */
	uint64_t base_mono;
	uint64_t last_try;		/* MCLOCK time of the last round */
	bool asking;
	unsigned tries, sending;
	uint64_t timer;
	uint64_t t1;			/* MCLOCK time the request left */
	unsigned char req[48];
};

int pclock_sntp_connect(struct pclock_sntp *self, struct STACK stack,
			struct MCLOCK clock, struct RANDOM rng,
			mirc_opt_ip ntp_server, int64_t ntp_port,
			uint64_t ntp_interval);

/* Nanoseconds since the Unix epoch, or -1 while the time is not known. */
int64_t pclock_sntp_now_ns(struct pclock_sntp *self);

#endif
