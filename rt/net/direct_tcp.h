/* SPDX-License-Identifier: MIT */
/*
 * direct_tcp.h - what the parts of the direct stack share:
 * direct_stack.c (lwIP's netif, timers, liveness, the queue of
 * completions), direct_tcp.c (TCP flows) and direct_udp.c (UDP).  Private to rt/net/: it names
 * lwIP's types, which mirc.h must not.
 */
#ifndef MIRC_NET_DIRECT_TCP_H
#define MIRC_NET_DIRECT_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "mirc/net.h"
#include "mirc/types.h"

/*
 * After every entry into lwIP (a frame, a timer, an operation of the
 * program): log newly configured addresses, start or stop receiving and
 * the timer as the stack is wanted or not, and set the timer to lwIP's
 * next timeout.
 */
void direct_after(void);

/* The program holds (+1) or lets go of (-1) something that keeps the
 * stack running: a listener, a flow, a UDP port. */
void direct_hold(int delta);

/* lwIP's error as a negative errno value. */
int direct_errno(err_t e);

void direct_ip_from(struct mirc_ip *out, const ip_addr_t *in);
/* false when the address's family is not built into lwIP */
int direct_ip_to(ip_addr_t *out, const struct mirc_ip *in);

/*
 * The completion queue: dones run later, in the order they were queued,
 * from one deferred callback, so that every done of an operation runs
 * after the call that started it, and the dones of one flow keep their
 * order.
 */
void direct_done(mirc_net_done_cb done, void *arg, int err);
/* The same under the log source src: a completion that lwIP's input
 * finishes runs as the program's code that started it, not as the NIC's
 * (mir(5): every callback runs with the source that was current when it
 * was registered). */
void direct_done_as(mirc_net_done_cb done, void *arg, int err,
		    const char *src);
/* The current log source, kept by what registers a callback. */
const char *direct_source(void);
void direct_read_failed(mirc_tcp_read_cb read, void *arg, int err);
void direct_connect_done_as(mirc_tcp_connect_cb done, void *arg, int err,
			    mirc_flow *flow, const char *src);
void direct_connect_done(mirc_tcp_connect_cb done, void *arg, int err,
			 mirc_flow *flow);

/* The connected instance, or NULL (operations on another are refused). */
struct direct_stack *direct_self(void);

/* A datagram was dropped (counted with the frames dropped). */
void direct_dropped(void);

/* A datagram to dst was handed to lwIP: if its next hop is not resolved
 * yet, keep the stack alive until ARP answers or gives up. */
void direct_arp_wait(const ip_addr_t *dst);

/* True once direct_stack_connect succeeded (operations before that, or
 * on a second instance, are refused). */
int direct_ready(void);

#endif
