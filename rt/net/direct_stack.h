/* SPDX-License-Identifier: MIT */
/*
 * direct_stack.h - STACK over lwIP 2.1.3 (NO_SYS=1, raw API) on a NETWORK
 * device: Ethernet, ARP, IPv4 (DHCP or static), ICMP, IPv6 with SLAAC,
 * UDP and TCP, driven by the runtime's event loop and timers.
 *
 * lwIP keeps its state in globals, so a program has at most one direct
 * stack: a second instance fails to connect with -EBUSY.  Its state lives
 * in direct_stack.c; this header names no lwIP type, so that mirc.h (which
 * every source of the program includes) compiles without lwIP's headers.
 *
 * Configuration (connect): with dhcp, DHCP (the host name is --name);
 * without, --ipv4 (default 10.0.0.2/24) and --ipv4-gateway.  IPv6 (unless
 * --ipv4-only): a link-local address from the MAC, SLAAC from router
 * advertisements (--accept-router-advertisements, default true), a static
 * --ipv6 address (lwIP takes its prefix as /64); --ipv6-gateway is refused
 * (lwIP 2.1.3 learns IPv6 routers from advertisements only).  --ipv6-only
 * leaves IPv4 off.  The stack logs "IPv4 A/LEN gw G" (G "none" without a
 * gateway) once it has its IPv4 address, and "IPv6 A" for each IPv6
 * address once it is usable; tests wait for these lines.
 *
 * Event loop: frames come from the NETWORK's listen callback, lwIP's
 * timeouts run from one runtime timer set to sys_timeouts_sleeptime()
 * after every entry into lwIP (never a periodic poll).  The stack keeps
 * the loop alive only while the program has something open (a listening
 * port, a flow it has not closed, a bound UDP port) or a closed
 * connection is still being shut down (lwIP's active list is not empty).
 * Otherwise it stops its timer and removes its receiver from the NETWORK,
 * so lwIP's periodic timers (ARP, DHCP, ND) alone never keep a program
 * running forever; they catch up when the program opens something again.
 *
 * TCP (direct_tcp.c): data is acknowledged as lwIP receives it but the
 * window reopens only as the program's read callbacks take it (bytes are
 * kept per flow, bounded by the window); writes are copied into lwIP's
 * send buffer in pieces as it has room, and their done runs once every
 * byte is enqueued; FIN goes after every earlier write; a reset fails
 * what is pending with -ECONNRESET.  Every done runs later, from the
 * event loop (mirc_defer), never inside the call that started it.
 * Nagle's algorithm is off (small writes go at once, as request/response
 * programs expect).
 */
#ifndef MIRC_NET_DIRECT_STACK_H
#define MIRC_NET_DIRECT_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"
#include "mirc/types.h"

struct direct_stack {
	struct NETWORK net;
	struct RANDOM rng;
};

int direct_stack_connect(struct direct_stack *self, struct NETWORK net,
			 struct RANDOM rng, bool dhcp,
			 mirc_opt_ipv4_prefix ipv4,
			 mirc_opt_ipv4 ipv4_gateway,
			 mirc_opt_ipv6_prefix ipv6,
			 mirc_opt_ipv6 ipv6_gateway,
			 bool accept_router_advertisements, bool ipv4_only,
			 bool ipv6_only);

/* TCP (direct_tcp.c) */
int direct_stack_tcp_listen(struct direct_stack *self, uint16_t port,
			    mirc_tcp_accept_cb accept, void *arg);
void direct_stack_tcp_unlisten(struct direct_stack *self, uint16_t port);
void direct_stack_tcp_connect(struct direct_stack *self,
			      const struct mirc_ip *dst, uint16_t port,
			      mirc_tcp_connect_cb done, void *arg);
void direct_stack_tcp_read(struct direct_stack *self, mirc_flow *flow,
			   mirc_tcp_read_cb done, void *arg);
void direct_stack_tcp_write(struct direct_stack *self, mirc_flow *flow,
			    const void *buf, size_t len, mirc_net_done_cb done,
			    void *arg);
void direct_stack_tcp_shutdown(struct direct_stack *self, mirc_flow *flow,
			       mirc_net_done_cb done, void *arg);
void direct_stack_tcp_close(struct direct_stack *self, mirc_flow *flow);
int direct_stack_tcp_peer(struct direct_stack *self, mirc_flow *flow,
			  struct mirc_ip *ip, uint16_t *port);

/* UDP and addresses (direct_stack.c) */
int direct_stack_udp_listen(struct direct_stack *self, uint16_t port,
			    mirc_udp_recv_cb recv, void *arg);
void direct_stack_udp_unlisten(struct direct_stack *self, uint16_t port);
void direct_stack_udp_send(struct direct_stack *self, uint16_t src_port,
			   const struct mirc_ip *dst, uint16_t dst_port,
			   const void *buf, size_t len, mirc_net_done_cb done,
			   void *arg);
size_t direct_stack_addresses(struct direct_stack *self, struct mirc_ip *out,
			      size_t max);
/* The DNS servers of the DHCP lease (option 6 of its last ACK that had
 * one), while the stack has an IPv4 address; none with --no-dhcp. */
size_t direct_stack_dns_servers(struct direct_stack *self, struct mirc_ip *out,
				size_t max);

#endif
