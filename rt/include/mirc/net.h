/* SPDX-License-Identifier: MIT */
/*
 * mirc/net.h - C types of the network signatures NETWORK, TCP, UDP and
 * STACK (see mir(5), NETWORK DEVICES), after MirageOS's mirage-net,
 * mirage-protocols and stackv4v6.
 *
 * NETWORK moves whole Ethernet frames.  A program normally binds at STACK
 * (STACK extends TCP, UDP), as MirageOS applications do; the stack below
 * it is either the host's sockets (socket_stack) or lwIP over a NETWORK
 * device (direct_stack).
 *
 * Every TCP and UDP operation that may wait is split-phase: it returns at
 * once and calls its done callback exactly once, later, from the event
 * loop (never from inside the call).  err is 0 or a negative errno value.
 * Buffers passed in stay owned by the caller and must stay valid and
 * untouched until their done has run; buffers passed to a callback are
 * the stack's and are valid only until that callback returns.
 *
 * Order: on one flow, read dones run in the order the reads were started
 * (only one read may be outstanding: another one's done gets -EBUSY),
 * write dones in the order the writes were started, a shutdown's done
 * after the dones of every write started before it.  tcp_close cancels what is pending: each pending done runs,
 * in start order, with -ECANCELED.
 */
#ifndef MIRC_NET_H
#define MIRC_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/types.h"

/* ---- NETWORK: Ethernet frames ------------------------------------------ */

typedef struct mirc_net_info {
	uint8_t mac[6];		/* the interface's MAC address */
	uint16_t mtu;		/* bytes of payload after the 14-byte header */
} mirc_net_info;

/* A received frame (destination MAC first, no FCS).  frame is the
 * driver's and valid only until the callback returns. */
typedef void (*mirc_net_frame_cb)(void *arg, const void *frame, size_t len);

/* Writes at most len bytes of one frame into buf (the driver's own
 * transmit buffer) and returns how many it wrote; 0 sends nothing. */
typedef size_t (*mirc_net_fill_cb)(void *arg, void *buf, size_t len);

/* ---- TCP and UDP --------------------------------------------------------- */

/*
 * A TCP connection.  Opaque: each stack has its own structure behind the
 * pointer.  A flow is the program's from the callback that hands it over
 * (accept, or connect's done) until it calls tcp_close, which every flow
 * needs exactly once, whatever happened to the connection.
 */
typedef struct mirc_flow mirc_flow;

/* done(arg, err): a write, a shutdown or a datagram sent. */
typedef void (*mirc_net_done_cb)(void *arg, int err);

/* A new connection on a listening port. */
typedef void (*mirc_tcp_accept_cb)(void *arg, mirc_flow *flow);

/* connect: err 0 and the flow, or a negative errno and NULL. */
typedef void (*mirc_tcp_connect_cb)(void *arg, int err, mirc_flow *flow);

/*
 * read: err 0 and len > 0 bytes of data; err 0 and len 0 at the end of
 * the stream (the peer sent FIN); err < 0 and len 0 when the connection
 * failed (-ECONNRESET, -ETIMEDOUT, ...).  data is valid until the
 * callback returns.  The stack offers the peer more window only as the
 * program takes data: a program that stops reading holds the peer back.
 */
typedef void (*mirc_tcp_read_cb)(void *arg, int err, const void *data,
				 size_t len);

/* A datagram on a port the program listens on.  data is valid until the
 * callback returns. */
typedef void (*mirc_udp_recv_cb)(void *arg, const struct mirc_ip *src,
				 uint16_t src_port, const void *data,
				 size_t len);

/* ---- DNS: names to addresses (dns_client) --------------------------------- */

/* The answer to a look-up: err 0 and n >= 1 addresses (valid during the
 * call only), or a negative errno and none: -ENOENT (no such name, or no
 * address of that family), -ETIMEDOUT (no server answered), -EIO (every
 * server failed or answered nonsense), -EINVAL (not a host name),
 * -ENOMEM. */
typedef void (*mirc_dns_cb)(void *arg, int err, const struct mirc_ip *addrs,
			    size_t n);

#endif
