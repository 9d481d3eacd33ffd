/* SPDX-License-Identifier: MIT */
/*
 * direct_udp.c - UDP on the direct stack (see direct_stack.h): the ports
 * the program listens on, datagrams in (made whole when they came in
 * fragments) and out.  The interface, timers and the completion queue
 * are in direct_stack.c, TCP in direct_tcp.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/opt.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"

#include "mirc.h"
#include "direct_tcp.h"

/* A UDP port the program listens on. */
struct ubind {
	struct udp_pcb *pcb;
	uint16_t port;
	mirc_udp_recv_cb recv;
	void *arg;
	const char *src;	/* the listener's log source */
	struct ubind *next;
};

/* The largest datagram reassembly makes: IP_REASS_MAX_PBUFS pool
 * buffers (some 6 KiB on the boards' small profile), at most 64 KiB. */
#define UBUF_SIZE (IP_REASS_MAX_PBUFS * PBUF_POOL_BUFSIZE < 65536 ? \
		   IP_REASS_MAX_PBUFS * PBUF_POOL_BUFSIZE : 65536)

/* One stack per program, as in direct_stack.c. */
static struct {
	struct ubind *binds;
	struct udp_pcb *any_udp;	/* sends from an ephemeral port */
	unsigned char ubuf[UBUF_SIZE];	/* a chained datagram, made whole */
} U;

static void udp_in(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		   const ip_addr_t *addr, u16_t port)
{
	struct ubind *b = arg;
	struct mirc_ip src;
	const void *data = p->payload;
	const char *prev;

	(void)pcb;
	direct_ip_from(&src, addr);
	if (p->len != p->tot_len) {	/* fragments: make it whole */
		/* size_t: where ubuf holds 64 KiB, compilers call a u16_t
		 * compared with it always smaller. */
		size_t len = p->tot_len;

		if (len > sizeof U.ubuf) {
			direct_dropped();	/* beyond reassembly's bound */
			pbuf_free(p);
			return;
		}
		pbuf_copy_partial(p, U.ubuf, p->tot_len, 0);
		data = U.ubuf;
	}
	/* lwIP does not touch pcb after this callback, so it may unlisten. */
	prev = mirc_log_set_source(b->src);
	b->recv(b->arg, &src, port, data, p->tot_len);
	mirc_log_set_source(prev);
	pbuf_free(p);
}

static struct ubind **find_bind(uint16_t port)
{
	struct ubind **b = &U.binds;

	while (*b && (*b)->port != port)
		b = &(*b)->next;
	return b;
}

int direct_stack_udp_listen(struct direct_stack *self, uint16_t port,
			    mirc_udp_recv_cb recv, void *arg)
{
	struct ubind *b;
	err_t e;

	if (self != direct_self() || !recv)
		return -EINVAL;
	if (*find_bind(port))
		return -EADDRINUSE;
	b = calloc(1, sizeof *b);
	if (!b)
		return -ENOMEM;
	b->pcb = udp_new_ip_type(IPADDR_TYPE_ANY);
	if (!b->pcb) {
		free(b);
		return -ENOMEM;
	}
	e = udp_bind(b->pcb, IP_ANY_TYPE, port);
	if (e != ERR_OK) {
		udp_remove(b->pcb);
		free(b);
		return direct_errno(e);
	}
	b->port = port;
	b->recv = recv;
	b->arg = arg;
	b->src = direct_source();
	udp_recv(b->pcb, udp_in, b);
	b->next = U.binds;
	U.binds = b;
	direct_hold(1);
	direct_after();
	return 0;
}

void direct_stack_udp_unlisten(struct direct_stack *self, uint16_t port)
{
	struct ubind **bp = find_bind(port), *b = *bp;

	if (self != direct_self() || !b)
		return;
	*bp = b->next;
	udp_remove(b->pcb);
	free(b);
	direct_hold(-1);
	direct_after();
}

/* Send p from src_port (0: an ephemeral port): lwIP's error. */
static err_t udp_out(uint16_t src_port, struct pbuf *p, const ip_addr_t *dst,
		     uint16_t dst_port)
{
	struct ubind *b;
	struct udp_pcb *pcb;
	err_t e;

	if (src_port == 0) {
		if (!U.any_udp) {
			U.any_udp = udp_new_ip_type(IPADDR_TYPE_ANY);
			if (!U.any_udp)
				return ERR_MEM;
			e = udp_bind(U.any_udp, IP_ANY_TYPE, 0);
			if (e != ERR_OK) {
				udp_remove(U.any_udp);
				U.any_udp = NULL;
				return e;
			}
		}
		return udp_sendto(U.any_udp, p, dst, dst_port);
	}
	b = *find_bind(src_port);
	if (b)
		return udp_sendto(b->pcb, p, dst, dst_port);
	/* A port the program does not listen on: bound for this send only. */
	pcb = udp_new_ip_type(IPADDR_TYPE_ANY);
	if (!pcb)
		return ERR_MEM;
	e = udp_bind(pcb, IP_ANY_TYPE, src_port);
	if (e == ERR_OK)
		e = udp_sendto(pcb, p, dst, dst_port);
	udp_remove(pcb);
	return e;
}

void direct_stack_udp_send(struct direct_stack *self, uint16_t src_port,
			   const struct mirc_ip *dst, uint16_t dst_port,
			   const void *buf, size_t len, mirc_net_done_cb done,
			   void *arg)
{
	ip_addr_t ip;
	struct pbuf *p;
	int err = 0;

	if (self != direct_self() || !dst || (len > 0 && !buf))
		err = -EINVAL;
	else if (!direct_ip_to(&ip, dst))
		err = -EAFNOSUPPORT;
	else if (len > (dst->family == 4 ? 65507u : 65527u))
		err = -EMSGSIZE;
	else if (dst_port == 0)
		err = -EINVAL;
	if (err == 0) {
		p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
		if (!p) {
			err = -ENOBUFS;
		} else {
			pbuf_take(p, buf, (u16_t)len);
			err = direct_errno(udp_out(src_port, p, &ip, dst_port));
			pbuf_free(p);
			if (err == 0)
				direct_arp_wait(&ip);
		}
	}
	direct_done(done, arg, err);
	direct_after();
}
