/* SPDX-License-Identifier: MIT */
/*
 * socket_stack.c - STACK on the host's sockets (see socket_stack.h):
 * flows, connect, the device; listening ports and UDP are in
 * socket_stack_listen.c.
 *
 * Every socket is nonblocking and watched by the event loop only while
 * the program waits for something on it: a flow's read direction while a
 * tcp_read is outstanding, its write direction while a write could not
 * be handed to the kernel whole, a listening socket always (but during
 * an accept back-off).  Nothing here walks the flows: each event touches
 * one flow or one listener, so the cost of an event does not grow with
 * the number of connections.
 *
 * Completions: a done whose operation finished inside the call (a write
 * the kernel took at once, an error found at once, a cancel) is deferred
 * with mirc_defer(), so that it never runs inside the call; one that
 * finished in a watch callback is called from there, which is already
 * the event loop.  The record of an operation (struct op) is also the
 * one it is deferred with, freed once its done returned.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mirc/rt.h"
#include "socket_stack_priv.h"

struct mirc_flow {
	int fd;
	uint64_t seq;		/* of the next operation started */
	struct op *read;	/* the outstanding read, or NULL */
	struct op *wq, **wtail;	/* writes and shutdowns, in start order */
	struct op *connecting;	/* tcp_connect's, until it is done */
	int werr;		/* a write failed: what later ones get */
	bool more;		/* the last recv filled the buffer */
	bool read_soon;		/* read_now() is deferred for this flow */
	bool closed;		/* tcp_close ran: read_now() frees it */
};

unsigned char socket_stack_rbuf[RECV_MAX];

/* ---- completions ------------------------------------------------------------ */

static void op_run(void *p)
{
	struct op *op = p;

	switch (op->kind) {
	case OP_READ:
		op->cb.read(op->arg, op->err, NULL, 0);
		break;
	case OP_DONE:
		op->cb.done(op->arg, op->err);
		break;
	case OP_CONNECT:
		op->cb.connect(op->arg, op->err, op->err ? NULL : op->flow);
		break;
	}
	free(op);
}

void socket_stack_op_defer(struct op *op, int err)
{
	op->err = err;
	mirc_defer(op_run, op);
}

/*
 * A record for an operation.  Without memory for it the done could never
 * run, which the contract does not allow, so the program stops, as the
 * runtime does when it runs out of memory.
 */
struct op *socket_stack_op_new(enum op_kind kind, void *arg)
{
	struct op *op = calloc(1, sizeof(*op));

	if (!op) {
		mirc_log_err("out of memory for a network operation");
		mirc_exit(1);
		return NULL;
	}
	op->kind = kind;
	op->arg = arg;
	return op;
}

/* ---- addresses ----------------------------------------------------------------- */

/* A socket address as a mirc_ip; IPv4-mapped IPv6 addresses (peers of
 * a dual-stack socket) become IPv4. */
void socket_stack_from_sockaddr(const struct sockaddr_storage *ss,
				struct mirc_ip *ip, uint16_t *port)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s = (const void *)ss;
		ip->family = 4;
		memcpy(ip->u.v4.b, &s->sin_addr, 4);
		*port = ntohs(s->sin_port);
		return;
	}
	const struct sockaddr_in6 *s = (const void *)ss;
	if (IN6_IS_ADDR_V4MAPPED(&s->sin6_addr)) {
		ip->family = 4;
		memcpy(ip->u.v4.b, s->sin6_addr.s6_addr + 12, 4);
	} else {
		ip->family = 6;
		memcpy(ip->u.v6.b, s->sin6_addr.s6_addr, 16);
	}
	*port = ntohs(s->sin6_port);
}

/* ip:port for a socket of `family`: an IPv4 address on an AF_INET6
 * socket is IPv4-mapped.  0, or -EAFNOSUPPORT. */
int socket_stack_to_sockaddr(int family, const struct mirc_ip *ip,
			     uint16_t port, struct sockaddr_storage *ss,
			     socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (ip->family != 4 && ip->family != 6)
		return -EAFNOSUPPORT;
	if (family == AF_INET) {
		struct sockaddr_in *s = (void *)ss;
		if (ip->family != 4)
			return -EAFNOSUPPORT;
		s->sin_family = AF_INET;
		s->sin_port = htons(port);
		memcpy(&s->sin_addr, ip->u.v4.b, 4);
		*len = sizeof(*s);
		return 0;
	}
	struct sockaddr_in6 *s = (void *)ss;
	s->sin6_family = AF_INET6;
	s->sin6_port = htons(port);
	if (ip->family == 4) {
		s->sin6_addr.s6_addr[10] = 0xff;
		s->sin6_addr.s6_addr[11] = 0xff;
		memcpy(s->sin6_addr.s6_addr + 12, ip->u.v4.b, 4);
	} else {
		memcpy(s->sin6_addr.s6_addr, ip->u.v6.b, 16);
	}
	*len = sizeof(*s);
	return 0;
}

/* ---- sockets --------------------------------------------------------------------- */

static int set_int(int fd, int level, int name, int value)
{
	return setsockopt(fd, level, name, &value, sizeof(value)) ? -errno : 0;
}

/* Nonblocking, closed on exec, and never a SIGPIPE (where the send flag
 * does not exist). */
int socket_stack_prepare(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -errno;
#ifdef SO_NOSIGPIPE
	return set_int(fd, SOL_SOCKET, SO_NOSIGPIPE, 1);
#else
	return 0;
#endif
}

static int open_socket(int family, int type)
{
	int fd = socket(family, type, 0), err;

	if (fd < 0)
		return -errno;
	if ((err = socket_stack_prepare(fd)) < 0) {
		close(fd);
		return err;
	}
	return fd;
}

/*
 * A socket of `type` bound to `port` on the stack's addresses: every
 * address (IPv4 and IPv6 on one AF_INET6 socket), or --ipv4's.  Returns
 * the fd and sets *family, or -errno.
 */
int socket_stack_open_bound(const struct socket_stack *st, int type,
			    uint16_t port, int *family)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct mirc_ip any = { .family = 6 };
	int fd, err = 0;

	*family = st->v4only ? AF_INET : AF_INET6;
	if (st->v4only) {
		any.family = 4;
		any.u.v4 = st->ipv4.addr;	/* 0.0.0.0 without --ipv4 */
	}
	if ((fd = open_socket(*family, type)) < 0)
		return fd;
	if (*family == AF_INET6)
		err = set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);
	/* A restarted server must not wait for the old one's TIME_WAITs
	 * (for UDP it would let two sockets share the port: not set). */
	if (!err && type == SOCK_STREAM)
		err = set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	socket_stack_to_sockaddr(*family, &any, port, &ss, &len);
	if (!err && bind(fd, (struct sockaddr *)&ss, len) < 0)
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/* ---- flows --------------------------------------------------------------------------- */

mirc_flow *socket_stack_flow_new(int fd)
{
	mirc_flow *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->fd = fd;
	f->wtail = &f->wq;
	/* Replies of request-response protocols must not wait for the
	 * peer's delayed ACK (Nagle): the program decides what a write is. */
	set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1);
	return f;
}

static void on_readable(void *p)
{
	mirc_flow *f = p;
	struct op *op = f->read;
	ssize_t n;

	if (!op)
		return;
	do
		n = recv(f->fd, socket_stack_rbuf, RECV_MAX, 0);
	while (n < 0 && errno == EINTR);
	f->more = n == (ssize_t)RECV_MAX;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		int err = mirc_fd_watch(f->fd, MIRC_FD_READ, on_readable, f);
		if (!err)
			return;
		errno = -err;
	}
	/* The callback may close the flow or start the next read: nothing
	 * of the flow is touched after it. */
	mirc_tcp_read_cb cb = op->cb.read;
	void *arg = op->arg;
	int err = n < 0 ? -errno : 0;
	f->read = NULL;
	free(op);
	cb(arg, err, err ? NULL : socket_stack_rbuf, n > 0 ? (size_t)n : 0);
}

static void on_writable(void *p);

/* Every queued write and shutdown fails with err, in order. */
static void fail_writes(mirc_flow *f, int err)
{
	struct op *op;

	f->werr = err;
	while ((op = f->wq)) {
		f->wq = op->next;
		socket_stack_op_defer(op, err);
	}
	f->wtail = &f->wq;
}

/*
 * Hand the queue to the kernel, head first, until it is empty or the
 * kernel's buffer is full (then wait until the socket is writable).
 * Each write whose last byte the kernel took is done, in order; a
 * shutdown sends its FIN once every write before it is done.
 */
static void flush(mirc_flow *f)
{
	struct op *op;

	while ((op = f->wq)) {
		int err = 0;
		if (op->shutdown) {
			if (shutdown(f->fd, SHUT_WR) < 0)
				err = -errno;
		}
		while (!op->shutdown && op->off < op->len) {
			ssize_t n = send(f->fd, op->buf + op->off,
					 op->len - op->off, SEND_FLAGS);
			if (n >= 0) {
				op->off += (size_t)n;
				continue;
			}
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				err = mirc_fd_watch(f->fd, MIRC_FD_WRITE,
						    on_writable, f);
			else
				err = -errno;
			if (err)
				break;
			return;
		}
		if (err) {
			fail_writes(f, err);
			return;
		}
		if (!(f->wq = op->next))
			f->wtail = &f->wq;
		socket_stack_op_defer(op, 0);
	}
}

static void on_writable(void *p)
{
	flush(p);
}

/* Queue a write or a shutdown; start sending if nothing was queued. */
static void enqueue(mirc_flow *f, struct op *op)
{
	bool idle = !f->wq;

	op->seq = f->seq++;
	if (f->werr) {
		socket_stack_op_defer(op, f->werr);
		return;
	}
	*f->wtail = op;
	f->wtail = &op->next;
	if (idle)
		flush(f);
}

/*
 * A read started right after one that filled the buffer: the kernel very
 * likely holds more, so try recv from the loop at once instead of arming
 * the watch and waiting for it (two system calls per read saved on a
 * busy connection; on EAGAIN on_readable() arms the watch as usual).
 */
static void read_now(void *p)
{
	mirc_flow *f = p;

	f->read_soon = false;
	if (f->closed) {	/* closed meanwhile: the read is cancelled */
		free(f);
		return;
	}
	on_readable(f);
}

void socket_stack_tcp_read(struct socket_stack *self, mirc_flow *flow,
			   mirc_tcp_read_cb done, void *arg)
{
	struct op *op = socket_stack_op_new(OP_READ, arg);
	int err;

	(void)self;
	if (!op)
		return;
	op->cb.read = done;
	op->seq = flow->seq++;
	if (flow->read) {	/* one read at a time (net.h) */
		socket_stack_op_defer(op, -EBUSY);
		return;
	}
	if (flow->more) {
		flow->read = op;
		flow->read_soon = true;
		mirc_defer(read_now, flow);
		return;
	}
	if ((err = mirc_fd_watch(flow->fd, MIRC_FD_READ, on_readable, flow))) {
		socket_stack_op_defer(op, err);
		return;
	}
	flow->read = op;
}

void socket_stack_tcp_write(struct socket_stack *self, mirc_flow *flow,
			    const void *buf, size_t len,
			    mirc_net_done_cb done, void *arg)
{
	struct op *op = socket_stack_op_new(OP_DONE, arg);

	(void)self;
	if (!op)
		return;
	op->cb.done = done;
	op->buf = buf;
	op->len = len;
	enqueue(flow, op);
}

void socket_stack_tcp_shutdown(struct socket_stack *self, mirc_flow *flow,
			       mirc_net_done_cb done, void *arg)
{
	struct op *op = socket_stack_op_new(OP_DONE, arg);

	(void)self;
	if (!op)
		return;
	op->cb.done = done;
	op->shutdown = true;
	enqueue(flow, op);
}

/*
 * Close the socket (the kernel sends what it already took, then FIN; or
 * RST if received data was left unread) and cancel what is pending:
 * the read and the queued writes, merged back into start order.
 */
void socket_stack_tcp_close(struct socket_stack *self, mirc_flow *flow)
{
	struct op *r = flow->read, *w = flow->wq;

	(void)self;
	mirc_fd_unwatch(flow->fd, MIRC_FD_READ | MIRC_FD_WRITE);
	close(flow->fd);
	while (r || w) {
		struct op *op;
		if (r && (!w || r->seq < w->seq)) {
			op = r;
			r = NULL;
		} else {
			op = w;
			w = w->next;
		}
		socket_stack_op_defer(op, -ECANCELED);
	}
	if (flow->read_soon)	/* read_now() still holds it */
		flow->closed = true;
	else
		free(flow);
}

int socket_stack_tcp_peer(struct socket_stack *self, mirc_flow *flow,
			  struct mirc_ip *ip, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	(void)self;
	if (getpeername(flow->fd, (struct sockaddr *)&ss, &len) < 0)
		return -errno;
	socket_stack_from_sockaddr(&ss, ip, port);
	return 0;
}

/* ---- connect ------------------------------------------------------------------------------ */

static void on_connected(void *p)
{
	mirc_flow *f = p;
	struct op *op = f->connecting;
	int soerr = 0;
	socklen_t len = sizeof(soerr);

	if (getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		soerr = errno;
	f->connecting = NULL;
	op->err = -soerr;
	if (soerr) {
		close(f->fd);
		free(f);
	} else {
		op->flow = f;
	}
	op_run(op);
}

void socket_stack_tcp_connect(struct socket_stack *self,
			      const struct mirc_ip *dst, uint16_t port,
			      mirc_tcp_connect_cb done, void *arg)
{
	struct op *op = socket_stack_op_new(OP_CONNECT, arg);
	struct sockaddr_storage ss;
	socklen_t len;
	int family, fd, err;
	mirc_flow *f;

	if (!op)
		return;
	op->cb.connect = done;
	family = self->v4only ? AF_INET : AF_INET6;
	if ((err = socket_stack_to_sockaddr(family, dst, port, &ss, &len))) {
		socket_stack_op_defer(op, err);
		return;
	}
	if ((fd = open_socket(family, SOCK_STREAM)) < 0) {
		socket_stack_op_defer(op, fd);
		return;
	}
	if (family == AF_INET6)
		set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);
	if (self->bound) {	/* leave from --ipv4's address */
		struct sockaddr_in src = { .sin_family = AF_INET };
		memcpy(&src.sin_addr, self->ipv4.addr.b, 4);
		if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0) {
			err = -errno;
			close(fd);
			socket_stack_op_defer(op, err);
			return;
		}
	}
	if (!(f = socket_stack_flow_new(fd))) {
		close(fd);
		socket_stack_op_defer(op, -ENOMEM);
		return;
	}
	if (connect(fd, (struct sockaddr *)&ss, len) == 0) {
		op->flow = f;
		socket_stack_op_defer(op, 0);
		return;
	}
	err = errno == EINPROGRESS ? 0 : -errno;
	if (!err) {
		f->connecting = op;
		err = mirc_fd_watch(fd, MIRC_FD_WRITE, on_connected, f);
	}
	if (err) {
		close(fd);
		free(f);
		socket_stack_op_defer(op, err);
	}
}

/* ---- the device -------------------------------------------------------------------------- */

size_t socket_stack_addresses(struct socket_stack *self, struct mirc_ip *out,
			      size_t max)
{
	size_t n = 0;

	if (n < max)
		out[n] = (struct mirc_ip){ .family = 4,
					   .u.v4 = self->ipv4.addr };
	n++;
	if (!self->v4only) {
		if (n < max)
			out[n] = (struct mirc_ip){ .family = 6 };
		n++;
	}
	return n;
}

size_t socket_stack_dns_servers(struct socket_stack *self, struct mirc_ip *out,
				size_t max)
{
	FILE *f = fopen("/etc/resolv.conf", "r");
	char line[512];
	size_t n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t"), *a, rest[64];
		struct mirc_ip ip = { 0 };
		bool whole = strchr(line, '\n') != NULL || feof(f);

		if (!whole) {
			/* An overlong line is skipped whole: its rest is
			 * no line of its own. */
			while (fgets(rest, sizeof(rest), f) && !strchr(rest, '\n'))
				;
			continue;
		}
		if (strncmp(p, "nameserver", 10) != 0 ||
		    (p[10] != ' ' && p[10] != '\t'))
			continue;
		a = p + 10 + strspn(p + 10, " \t");
		a[strcspn(a, " \t\r\n%#;")] = '\0';	/* %scope, comments */
		if (inet_pton(AF_INET, a, ip.u.v4.b) == 1)
			ip.family = 4;
		else if (!self->v4only && inet_pton(AF_INET6, a, ip.u.v6.b) == 1)
			ip.family = 6;
		else
			continue;
		if (n < max)
			out[n] = ip;
		n++;
	}
	fclose(f);
	return n;
}

int socket_stack_connect(struct socket_stack *self, mirc_opt_ipv4_prefix ipv4)
{
	char a[INET_ADDRSTRLEN];
	int fd;

	*self = (struct socket_stack){ .send_fd = -1 };
	/* The log of the watch callbacks is attributed to whoever set the
	 * watch (the program): name the device in its own lines. */
	self->log_src = mirc_log_set_source(NULL);
	mirc_log_set_source(self->log_src);
	if (ipv4.present) {
		struct mirc_ip ip = { .family = 4, .u.v4 = ipv4.value.addr };
		struct sockaddr_storage ss;
		socklen_t len;
		self->v4only = self->bound = true;
		self->ipv4 = ipv4.value;
		inet_ntop(AF_INET, ipv4.value.addr.b, a, sizeof(a));
		/* A typo in --ipv4 is an error now, not at the first listen. */
		socket_stack_to_sockaddr(AF_INET, &ip, 0, &ss, &len);
		if ((fd = open_socket(AF_INET, SOCK_DGRAM)) < 0 ||
		    bind(fd, (struct sockaddr *)&ss, len) < 0) {
			int err = fd < 0 ? -fd : errno;
			mirc_log_err("--ipv4=%s/%u: %s", a, ipv4.value.len,
				     strerror(err));
			if (fd >= 0)
				close(fd);
			return -err;
		}
		close(fd);
		mirc_log_info("IPv4 %s/%u", a, ipv4.value.len);
		return 0;
	}
	/* Every address; IPv6 too where the host has it. */
	if ((fd = open_socket(AF_INET6, SOCK_STREAM)) < 0)
		self->v4only = true;
	else
		close(fd);
	mirc_log_info("IPv4 0.0.0.0/0%s", self->v4only ? "" : ", IPv6 ::/0");
	return 0;
}
