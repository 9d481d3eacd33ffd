/* SPDX-License-Identifier: MIT */
/*
 * echo.c - the job of samples/echo: a TCP echo server on a STACK.
 *
 * One struct conn per connection, alive from accept to tcp_close.  A
 * connection is always in exactly one of three states, each waiting for
 * one callback:
 *
 *   reading   a tcp_read is outstanding       -> got_data
 *   writing   the echo of the last read       -> wrote
 *   closing   the shutdown after end of stream -> shut
 *
 * so there is never more than one operation pending on a flow, and the
 * close that ends every path (conn_close) cancels nothing.  The bytes of
 * a read are valid only during its callback and a write's buffer must
 * stay valid until its done, so each read is copied into a buffer the
 * connection owns until the write is done.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

struct conn {
	mirc_flow *flow;
	unsigned char *buf;	/* the echo being written, or NULL */
	char peer[64];		/* for the log */
};

static struct {
	struct STACK net;
	uint16_t port;
	int64_t exit_after;	/* 0: serve forever */
	int64_t served;		/* connections closed */
	int64_t active;		/* connections open */
	bool listening;
} echo;

static void got_data(void *arg, int err, const void *data, size_t len);

/* The one end of every connection: release the flow and the memory, and
 * stop once --exit-after connections were served and none is left. */
static void conn_close(struct conn *c, const char *why)
{
	mirc_log_debug("%s: %s", c->peer, why);
	STACK_tcp_close(echo.net, c->flow);
	free(c->buf);
	free(c);
	echo.active--;
	echo.served++;
	if (echo.exit_after && echo.served >= echo.exit_after) {
		if (echo.listening) {
			STACK_tcp_unlisten(echo.net, echo.port);
			echo.listening = false;
		}
		if (echo.active == 0) {
			mirc_log_info("Served %" PRId64 " connections", echo.served);
			/* Nothing is open any more: the event loop ends by
			 * itself, and the program exits 0, once the stack has
			 * sent what it still holds (lwIP sends the last bytes
			 * and the FIN after the flow is closed; mirc_exit()
			 * here would drop them). */
		}
	}
}

static void conn_read(struct conn *c)
{
	STACK_tcp_read(echo.net, c->flow, got_data, c);
}

/* The echo of one read is written: read the next. */
static void wrote(void *arg, int err)
{
	struct conn *c = arg;

	free(c->buf);
	c->buf = NULL;
	if (err) {
		conn_close(c, strerror(-err));
		return;
	}
	conn_read(c);
}

/* The client's end of stream was answered with ours. */
static void shut(void *arg, int err)
{
	struct conn *c = arg;

	conn_close(c, err ? strerror(-err) : "done");
}

static void got_data(void *arg, int err, const void *data, size_t len)
{
	struct conn *c = arg;

	if (err) {		/* reset, timed out, ... */
		conn_close(c, strerror(-err));
		return;
	}
	if (len == 0) {		/* end of stream: the echoes are all written */
		STACK_tcp_shutdown(echo.net, c->flow, shut, c);
		return;
	}
	if (!(c->buf = malloc(len))) {
		conn_close(c, "out of memory");
		return;
	}
	memcpy(c->buf, data, len);
	STACK_tcp_write(echo.net, c->flow, c->buf, len, wrote, c);
}

static void format_peer(struct conn *c)
{
	struct mirc_ip ip;
	uint16_t port;
	const uint8_t *b = ip.u.v4.b;

	if (STACK_tcp_peer(echo.net, c->flow, &ip, &port) != 0)
		snprintf(c->peer, sizeof(c->peer), "(unknown peer)");
	else if (ip.family == 4)
		snprintf(c->peer, sizeof(c->peer), "%u.%u.%u.%u:%u",
			 b[0], b[1], b[2], b[3], port);
	else	/* full form: short enough, and no inet_ntop on every target */
		snprintf(c->peer, sizeof(c->peer),
			 "[%x:%x:%x:%x:%x:%x:%x:%x]:%u",
			 ip.u.v6.b[0] << 8 | ip.u.v6.b[1],
			 ip.u.v6.b[2] << 8 | ip.u.v6.b[3],
			 ip.u.v6.b[4] << 8 | ip.u.v6.b[5],
			 ip.u.v6.b[6] << 8 | ip.u.v6.b[7],
			 ip.u.v6.b[8] << 8 | ip.u.v6.b[9],
			 ip.u.v6.b[10] << 8 | ip.u.v6.b[11],
			 ip.u.v6.b[12] << 8 | ip.u.v6.b[13],
			 ip.u.v6.b[14] << 8 | ip.u.v6.b[15], port);
}

static void accepted(void *arg, mirc_flow *flow)
{
	struct conn *c = calloc(1, sizeof(*c));

	(void)arg;
	if (!c) {	/* the flow is ours all the same: close it */
		mirc_log_warn("out of memory: connection refused");
		STACK_tcp_close(echo.net, flow);
		return;
	}
	c->flow = flow;
	echo.active++;
	format_peer(c);
	mirc_log_debug("%s: connected", c->peer);
	conn_read(c);
}

int echo_start(struct STACK net, int64_t port, int64_t exit_after)
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
	echo.net = net;
	echo.port = (uint16_t)port;
	echo.exit_after = exit_after;
	if ((err = STACK_tcp_listen(net, echo.port, accepted, NULL))) {
		mirc_log_err("cannot listen on TCP port %u: %s", echo.port,
			     strerror(-err));
		if (err == -EACCES && echo.port < 1024)
			mirc_log_err("ports below 1024 need root or "
				     "CAP_NET_BIND_SERVICE: try --port=%u",
				     echo.port + 8000u);
		return 1;
	}
	echo.listening = true;
	mirc_log_info("Echo on TCP port %u", echo.port);
	return 0;
}
