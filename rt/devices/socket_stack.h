/* SPDX-License-Identifier: MIT */
/*
 * socket_stack.h - STACK on the host's sockets (unix, linux_aarch64), as
 * MirageOS's socket stack: TCP and UDP over nonblocking sockets watched
 * by the runtime's event loop.
 *
 * Without --ipv4 the stack listens on every address of the host, IPv4
 * and IPv6 alike (one AF_INET6 socket with IPV6_V6ONLY off, or AF_INET
 * where the host has no IPv6); with --ipv4=A/len it binds A only and is
 * IPv4-only.  The contract is the one of mirc/net.h; what this stack
 * adds to it:
 *
 * - a tcp_read reads from the kernel only while it is outstanding, so a
 *   program that does not read leaves the data in the kernel, whose
 *   window then holds the peer back (no buffering here);
 * - a tcp_write is done once the kernel took every byte (in its send
 *   buffer, not yet acknowledged by the peer);
 * - udp_send is done once the kernel took the datagram; -ENOBUFS when
 *   its send buffer is full (the datagram is dropped, as a network may);
 * - SIGPIPE is never raised: a write to a reset connection fails with
 *   -EPIPE or -ECONNRESET;
 * - accept survives running out of descriptors (EMFILE, ENFILE): it logs
 *   it and stops accepting for 100 ms, the pending connections wait in
 *   the kernel's backlog.
 */
#ifndef MIRC_DEV_SOCKET_STACK_H
#define MIRC_DEV_SOCKET_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"
#include "mirc/types.h"

struct socket_stack_listener;

struct socket_stack {
	bool v4only;			/* --ipv4 given, or no IPv6 on the host */
	struct mirc_ipv4_prefix ipv4;	/* --ipv4, or 0.0.0.0/0 */
	bool bound;			/* --ipv4 given: bind ipv4.addr */
	struct socket_stack_listener *tcp, *udp;	/* listening ports */
	int send_fd, send_family;	/* UDP sends from any port, or -1 */
	const char *log_src;		/* the device's name in the log */
};

int socket_stack_connect(struct socket_stack *self, mirc_opt_ipv4_prefix ipv4);

int socket_stack_tcp_listen(struct socket_stack *self, uint16_t port,
			    mirc_tcp_accept_cb accept, void *arg);
void socket_stack_tcp_unlisten(struct socket_stack *self, uint16_t port);
void socket_stack_tcp_connect(struct socket_stack *self,
			      const struct mirc_ip *dst, uint16_t port,
			      mirc_tcp_connect_cb done, void *arg);
void socket_stack_tcp_read(struct socket_stack *self, mirc_flow *flow,
			   mirc_tcp_read_cb done, void *arg);
void socket_stack_tcp_write(struct socket_stack *self, mirc_flow *flow,
			    const void *buf, size_t len,
			    mirc_net_done_cb done, void *arg);
void socket_stack_tcp_shutdown(struct socket_stack *self, mirc_flow *flow,
			       mirc_net_done_cb done, void *arg);
void socket_stack_tcp_close(struct socket_stack *self, mirc_flow *flow);
int socket_stack_tcp_peer(struct socket_stack *self, mirc_flow *flow,
			  struct mirc_ip *ip, uint16_t *port);

int socket_stack_udp_listen(struct socket_stack *self, uint16_t port,
			    mirc_udp_recv_cb recv, void *arg);
void socket_stack_udp_unlisten(struct socket_stack *self, uint16_t port);
void socket_stack_udp_send(struct socket_stack *self, uint16_t src_port,
			   const struct mirc_ip *dst, uint16_t dst_port,
			   const void *buf, size_t len,
			   mirc_net_done_cb done, void *arg);

size_t socket_stack_addresses(struct socket_stack *self, struct mirc_ip *out,
			      size_t max);
/* The nameserver lines of /etc/resolv.conf (IPv4 ones only with
 * --ipv4), read at each call, as the host's resolver reads them. */
size_t socket_stack_dns_servers(struct socket_stack *self, struct mirc_ip *out,
				size_t max);

#endif
