/* SPDX-License-Identifier: MIT */
/*
 * udp_echo.c - the job of samples/udp: a UDP echo server on a STACK.
 *
 * Each datagram received is copied, with its source, into a struct echo
 * that lives until the send of the copy is done: the stack's buffer is
 * valid only during the receive callback, and the send's buffer must
 * stay valid until its done.  A send that fails (the host's queue is
 * full, the destination unreachable) loses that echo only: UDP promises
 * no delivery, and the server goes on.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

struct echo {
	struct mirc_ip dst;
	uint16_t dst_port;
	size_t len;
	unsigned char data[];	/* the datagram */
};

static struct {
	struct STACK net;
	uint16_t port;
	int64_t exit_after;	/* 0: serve forever */
	int64_t echoed;		/* sends done, failed ones too */
	int64_t pending;	/* sends not done yet */
	bool listening;
} udp;

static void sent(void *arg, int err)
{
	struct echo *e = arg;

	if (err)
		mirc_log_warn("echo of %zu bytes lost: %s", e->len,
			      strerror(-err));
	free(e);
	udp.pending--;
	udp.echoed++;
	if (udp.exit_after && udp.echoed >= udp.exit_after) {
		if (udp.listening) {
			STACK_udp_unlisten(udp.net, udp.port);
			udp.listening = false;
		}
		if (udp.pending == 0) {
			mirc_log_info("Echoed %" PRId64 " datagrams", udp.echoed);
			/* Nothing is open any more: the event loop ends by
			 * itself, and the program exits 0, once the stack has
			 * sent what it still holds (lwIP sends the last bytes
			 * and the FIN after the flow is closed; mirc_exit()
			 * here would drop them). */
		}
	}
}

static void received(void *arg, const struct mirc_ip *src, uint16_t src_port,
		     const void *data, size_t len)
{
	struct echo *e = malloc(sizeof(*e) + len);

	(void)arg;
	if (!e) {
		mirc_log_warn("out of memory: a datagram of %zu bytes dropped",
			      len);
		return;
	}
	e->dst = *src;
	e->dst_port = src_port;
	e->len = len;
	memcpy(e->data, data, len);
	udp.pending++;
	STACK_udp_send(udp.net, udp.port, &e->dst, e->dst_port, e->data, len,
		       sent, e);
}

int udp_echo_start(struct STACK net, int64_t port, int64_t exit_after)
{
	int err;

	if (port < 1 || port > 65535) {
		mirc_log_err("--port=%" PRId64 ": not a port (1 to 65535)", port);
		return 1;
	}
	if (exit_after < 0) {
		mirc_log_err("--exit-after=%" PRId64 ": must be 0 or more",
			     exit_after);
		return 1;
	}
	udp.net = net;
	udp.port = (uint16_t)port;
	udp.exit_after = exit_after;
	if ((err = STACK_udp_listen(net, udp.port, received, NULL))) {
		mirc_log_err("cannot listen on UDP port %u: %s", udp.port,
			     strerror(-err));
		if (err == -EACCES && udp.port < 1024)
			mirc_log_err("ports below 1024 need root or "
				     "CAP_NET_BIND_SERVICE: try --port=%u",
				     udp.port + 8000u);
		return 1;
	}
	udp.listening = true;
	mirc_log_info("Echo on UDP port %u", udp.port);
	return 0;
}
