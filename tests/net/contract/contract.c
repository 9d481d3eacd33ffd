/* SPDX-License-Identifier: MIT */
/*
 * contract.c - socket_stack against the rules of mir(5), NETWORK DEVICES
 * (tests/net/contract.sh).  Phases, each started when the callbacks of
 * the one before have all run (join()):
 *
 *   1  listen's errors; a connection over IPv4 with its peers; a second
 *      read while one is outstanding (-EBUSY); then the cancel: a write
 *      the kernel cannot take whole, a read, a write and a shutdown, all
 *      pending at tcp_close, end with -ECANCELED in start order
 *   2  over IPv6 (unless --no-ipv6-phase): a shutdown is done before the write started after it,
 *      which fails (-EPIPE); the other side reads the end of stream
 *   3  UDP: a datagram to our own port, and one too large (-EMSGSIZE)
 *   4  tcp_unlisten from inside the port's accept: the next connect is
 *      refused
 *
 * Every callback checks that it does not run inside the call that
 * started it (t.in_call).  Nothing calls mirc_exit(0): when everything
 * is closed the event loop must end by itself, with status 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"

#define BIG (32u << 20)		/* more than loopback's buffers hold */

static struct {
	struct STACK net;
	uint16_t port;
	bool ipv6;		/* the host has ::1 */
	int phase;
	bool in_call;		/* inside a call to the stack */
	int checks;
	int waiting;		/* callbacks the phase still waits for */
	mirc_flow *cli, *srv;
	char got[8];
	size_t ngot;
	int order[4], norder;	/* phase 1: cancelled dones, by arg */
	unsigned char *big;
} t;

static unsigned char huge[70000];	/* a datagram too large for IPv4 */

#define CALL(x) do { t.in_call = true; x; t.in_call = false; } while (0)

static void check(bool ok, const char *what)
{
	t.checks++;
	if (ok)
		return;
	mirc_log_err("FAIL (phase %d): %s", t.phase, what);
	mirc_exit(1);
}

/* Every callback starts with this. */
static void called(const char *cb)
{
	if (t.in_call) {
		mirc_log_err("FAIL (phase %d): %s ran inside the call", t.phase, cb);
		mirc_exit(1);
	}
}

static void phase2(void);
static void phase3(void);
static void phase4(void);
static void pair_ready(void);
static void cancel(void);

/* One of the callbacks the phase waits for has run. */
static void join(void)
{
	if (--t.waiting > 0)
		return;
	switch (t.phase) {
	case 1: pair_ready(); break;
	case 10: cancel(); break;	/* phase 1's read and write are back */
	case 11:	/* phase 1's cancel is over */
		if (t.ipv6)
			phase2();
		else
			phase3();
		break;
	case 2: pair_ready(); break;
	case 21:
		STACK_tcp_close(t.net, t.cli);
		STACK_tcp_close(t.net, t.srv);
		phase3();
		break;
	case 3: phase4(); break;
	case 4: pair_ready(); break;
	}
}

/* 127.0.0.1 or ::1 */
static bool is_lo(const struct mirc_ip *ip, int family)
{
	static const uint8_t v4[4] = { 127, 0, 0, 1 };
	static const uint8_t v6[16] = { [15] = 1 };

	return ip->family == family &&
	       (family == 4 ? !memcmp(ip->u.v4.b, v4, 4)
			    : !memcmp(ip->u.v6.b, v6, 16));
}

static void connected(void *arg, int err, mirc_flow *flow)
{
	(void)arg;
	called("connect's done");
	check(err == 0 && flow, "connect to our own port");
	t.cli = flow;
	join();
}

static void accepted(void *arg, mirc_flow *flow)
{
	(void)arg;
	called("accept");
	if (t.phase == 4) {	/* stop listening from inside accept */
		STACK_tcp_unlisten(t.net, t.port);
		STACK_tcp_close(t.net, flow);
	} else {
		t.srv = flow;
	}
	join();
}

static void start_pair(int phase, const struct mirc_ip *dst)
{
	t.phase = phase;
	t.waiting = 2;		/* accept and connect's done */
	CALL(STACK_tcp_connect(t.net, dst, t.port, connected, NULL));
}

/* ---- phase 1 ------------------------------------------------------------ */

static void cancelled(void *arg, int err)
{
	called("a cancelled done");
	check(err == -ECANCELED, "a pending operation ends with -ECANCELED");
	if (t.norder < 4)
		t.order[t.norder++] = (int)(intptr_t)arg;
	if (t.norder < 4)
		return;
	check(t.order[0] == 1 && t.order[1] == 2 && t.order[2] == 3 &&
	      t.order[3] == 4, "cancelled dones run in start order");
	free(t.big);
	t.big = NULL;
	STACK_tcp_close(t.net, t.cli);
	join();
}

static void cancelled_read(void *arg, int err, const void *data, size_t len)
{
	(void)data;
	check(len == 0, "a cancelled read brings no data");
	cancelled(arg, err);
}

/* Everything pending on the server's flow, then closed. */
static void cancel(void)
{
	t.phase = 11;
	t.waiting = 1;		/* the last of the four cancelled dones */
	if (!(t.big = calloc(1, BIG))) {
		check(false, "memory for the large write");
		return;
	}
	CALL(STACK_tcp_write(t.net, t.srv, t.big, BIG, cancelled, (void *)1));
	CALL(STACK_tcp_read(t.net, t.srv, cancelled_read, (void *)2));
	CALL(STACK_tcp_write(t.net, t.srv, "x", 1, cancelled, (void *)3));
	CALL(STACK_tcp_shutdown(t.net, t.srv, cancelled, (void *)4));
	STACK_tcp_close(t.net, t.srv);
}

static void wrote(void *arg, int err)
{
	(void)arg;
	called("write's done");
	check(err == 0, "a small write is done with 0");
	join();
}

static void busy(void *arg, int err, const void *data, size_t len)
{
	(void)arg;
	(void)data;
	called("the second read's done");
	check(err == -EBUSY && len == 0, "a second outstanding read: -EBUSY");
	join();
}

static void got_hello(void *arg, int err, const void *data, size_t len)
{
	(void)arg;
	called("read's done");
	check(err == 0 && len > 0 && t.ngot + len <= 5, "read brings data");
	if (err || len == 0 || t.ngot + len > 5)
		return;
	memcpy(t.got + t.ngot, data, len);
	if ((t.ngot += len) < 5) {
		CALL(STACK_tcp_read(t.net, t.srv, got_hello, NULL));
		return;
	}
	check(!memcmp(t.got, "hello", 5), "the bytes written are read");
	join();
}

/* ---- phase 2 ------------------------------------------------------------ */

static void shut(void *arg, int err)
{
	(void)arg;
	called("shutdown's done");
	check(err == 0, "shutdown is done with 0");
	check(t.norder == 0, "shutdown is done before the write after it");
	t.norder++;
	join();
}

static void late(void *arg, int err)
{
	(void)arg;
	called("the late write's done");
	check(err == -EPIPE, "a write after shutdown fails with -EPIPE");
	check(t.norder == 1, "the write after shutdown is done after it");
	join();
}

static void eof(void *arg, int err, const void *data, size_t len)
{
	(void)arg;
	(void)data;
	called("read's done");
	check(err == 0 && len == 0, "the end of stream is a read of 0 bytes");
	join();
}

static void phase2(void)
{
	struct mirc_ip ip6 = { .family = 6, .u.v6.b = { [15] = 1 } };

	start_pair(2, &ip6);
}

/* ---- phase 3 ------------------------------------------------------------ */

static void udp_sent(void *arg, int err)
{
	called("udp_send's done");
	if (arg)
		check(err == -EMSGSIZE, "a datagram of 70000 bytes: -EMSGSIZE");
	else
		check(err == 0, "udp_send is done with 0");
	join();
}

static void udp_recv(void *arg, const struct mirc_ip *src, uint16_t src_port,
		     const void *data, size_t len)
{
	(void)arg;
	called("udp recv");
	check(len == 4 && !memcmp(data, "ping", 4), "the datagram arrives whole");
	check(is_lo(src, 4) && src_port != 0 && src_port != t.port,
	      "a datagram from port 0 comes from an ephemeral port of 127.0.0.1");
	join();
}

static void phase3(void)
{
	struct mirc_ip lo = { .family = 4, .u.v4.b = { 127, 0, 0, 1 } };

	t.phase = 3;
	t.waiting = 3;
	CALL(STACK_udp_send(t.net, 0, &lo, t.port, "ping", 4, udp_sent, NULL));
	CALL(STACK_udp_send(t.net, t.port, &lo, t.port, huge, sizeof(huge),
			    udp_sent, huge));
}

/* ---- phase 4 ------------------------------------------------------------ */

static void refused(void *arg, int err, mirc_flow *flow)
{
	(void)arg;
	called("connect's done");
	check(err == -ECONNREFUSED && !flow,
	      "a connect after tcp_unlisten is refused");
	STACK_udp_unlisten(t.net, t.port);
	mirc_log_info("contract: %d checks passed", t.checks);
	/* Nothing is left: the event loop must end by itself. */
}

static void phase4(void)
{
	struct mirc_ip lo = { .family = 4, .u.v4.b = { 127, 0, 0, 1 } };

	start_pair(4, &lo);
}

/* Both ends of the phase's connection are here. */
static void pair_ready(void)
{
	struct mirc_ip ip, lo = { .family = 4, .u.v4.b = { 127, 0, 0, 1 } };
	uint16_t port;

	switch (t.phase) {
	case 1:
		check(STACK_tcp_peer(t.net, t.cli, &ip, &port) == 0 &&
		      is_lo(&ip, 4) && port == t.port,
		      "the client's peer is 127.0.0.1 and the port");
		check(STACK_tcp_peer(t.net, t.srv, &ip, &port) == 0 &&
		      is_lo(&ip, 4),
		      "the server's peer is 127.0.0.1, not IPv4-mapped");
		t.waiting = 3;
		CALL(STACK_tcp_write(t.net, t.cli, "hello", 5, wrote, NULL));
		CALL(STACK_tcp_read(t.net, t.srv, got_hello, NULL));
		CALL(STACK_tcp_read(t.net, t.srv, busy, NULL));
		t.phase = 10;	/* join() of these three: the cancel */
		break;
	case 2:
		check(STACK_tcp_peer(t.net, t.srv, &ip, &port) == 0 &&
		      is_lo(&ip, 6), "the server's peer is ::1");
		t.norder = 0;
		t.waiting = 3;
		t.phase = 21;
		CALL(STACK_tcp_shutdown(t.net, t.cli, shut, NULL));
		CALL(STACK_tcp_write(t.net, t.cli, "late", 4, late, NULL));
		CALL(STACK_tcp_read(t.net, t.srv, eof, NULL));
		break;
	case 4:
		STACK_tcp_close(t.net, t.cli);
		CALL(STACK_tcp_connect(t.net, &lo, t.port, refused, NULL));
		break;
	}
}

int contract_start(struct STACK net, int64_t port, bool ipv6_phase)
{
	struct mirc_ip a[4];
	struct mirc_ip lo = { .family = 4, .u.v4.b = { 127, 0, 0, 1 } };
	size_t n;

	t.net = net;
	t.port = (uint16_t)port;
	t.ipv6 = ipv6_phase;
	check(port > 0 && port < 65536, "--port is a port");
	check(STACK_tcp_listen(net, 0, accepted, NULL) == -EINVAL,
	      "tcp_listen on port 0: -EINVAL");
	check(STACK_tcp_listen(net, t.port, accepted, NULL) == 0, "tcp_listen");
	check(STACK_tcp_listen(net, t.port, accepted, NULL) == -EADDRINUSE,
	      "tcp_listen twice on a port: -EADDRINUSE");
	check(STACK_udp_listen(net, t.port, udp_recv, NULL) == 0, "udp_listen");
	n = STACK_addresses(net, NULL, 0);
	check(n >= 1 && n <= 2 && STACK_addresses(net, a, 4) == n &&
	      a[0].family == 4 && (n == 1 || a[1].family == 6),
	      "addresses: 0.0.0.0, and :: where the host has IPv6");
	start_pair(1, &lo);
	return 0;
}
