/* SPDX-License-Identifier: MIT */
/*
 * dns_client.h - DNS over a STACK's UDP (RFC 1035): A and AAAA look-ups
 * of one name at a time, as MirageOS's dns-client gethostbyname and
 * gethostbyname6, sent to the servers of --dns-servers in turn.
 *
 * Servers: --dns-servers=S,S... where S is "IP", "IP:PORT" (IPv4),
 * "[IPv6]:PORT", each optionally after "udp:" (MirageOS's syntax; its
 * tcp: and tls: servers are refused).  Port 53 by default.  Without
 * them, each look-up takes the stack's own servers (STACK dns_servers:
 * DHCP's, or /etc/resolv.conf's), on port 53; while there are none (a
 * look-up at boot, before the DHCP lease) it asks again each second, and
 * fails with -EDESTADDRREQ after 5 s.
 *
 * A look-up sends one query from a random port (from the RANDOM device,
 * as its 16-bit id) to the first server and waits 1 s for an answer, then
 * tries the next server, twice round the list.  An answer counts only if
 * it comes from the server asked, to that port, with that id and that
 * question (case aside): anything else is dropped as spoofed or stale.
 * Answers follow CNAMEs within the answer section (at most 8); the
 * addresses of the asked type owned by the name at the end of the chain
 * are the result (at most DNS_CLIENT_MAX_ADDRS).  NXDOMAIN, or no
 * address of that type, is -ENOENT; SERVFAIL, REFUSED, a truncated
 * answer without addresses (TCP is not spoken) or a malformed one moves
 * on to the next server, and -EIO after the last.  No cache.
 */
#ifndef MIRC_NET_DNS_CLIENT_H
#define MIRC_NET_DNS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"
#include "mirc/types.h"

#define DNS_CLIENT_MAX_SERVERS 8
#define DNS_CLIENT_MAX_ADDRS 16

struct dns_client_server {
	struct mirc_ip ip;
	uint16_t port;
};

struct dns_client {
	struct STACK stack;
	struct RANDOM rng;
	size_t nservers;		/* --dns-servers; 0: the stack's */
	struct dns_client_server servers[DNS_CLIENT_MAX_SERVERS];
	bool warned;			/* "no DNS server" said once */
};

int dns_client_connect(struct dns_client *self, struct STACK stack,
		       struct RANDOM rng, mirc_list_string dns_servers);

/* done(arg, err, addrs, n) once, later, from the event loop. */
void dns_client_gethostbyname(struct dns_client *self, const char *name,
			      mirc_dns_cb done, void *arg);
void dns_client_gethostbyname6(struct dns_client *self, const char *name,
			       mirc_dns_cb done, void *arg);

#endif
