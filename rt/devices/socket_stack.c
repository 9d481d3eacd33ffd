/* SPDX-License-Identifier: MIT */
/*
 * socket_stack.c - STACK on the host's sockets (see socket_stack.h).
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
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mirc/rt.h"
#include "socket_stack.h"

/* Linux and the BSDs have MSG_NOSIGNAL; macOS has SO_NOSIGPIPE instead. */
#ifdef MSG_NOSIGNAL
#define SEND_FLAGS MSG_NOSIGNAL
#else
#define SEND_FLAGS 0
#endif

#define RECV_MAX 65536u		/* a read, and the largest datagram */
#define BATCH 32		/* accepts or datagrams per event */
#define BACKOFF MIRC_MS(100)	/* accepts paused after EMFILE & co */

/* Data handed to read and recv callbacks, valid until they return: the
 * runtime is single-threaded and these callbacks never nest. */
static unsigned char rbuf[RECV_MAX];

enum op_kind { OP_READ, OP_DONE, OP_CONNECT };

/* An operation the program started and whose done has not run yet. */
struct op {
	struct op *next;	/* the flow's write queue */
	enum op_kind kind;
	bool shutdown;		/* OP_DONE: a shutdown, not a write */
	uint64_t seq;		/* start order on the flow (for the cancel) */
	union {
		mirc_tcp_read_cb read;
		mirc_net_done_cb done;
		mirc_tcp_connect_cb connect;
	} cb;
	void *arg;
	int err;
	const unsigned char *buf;	/* a write: bytes [off, len) are left */
	size_t len, off;
	mirc_flow *flow;	/* OP_CONNECT: the new flow, or NULL */
};

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

struct socket_stack_listener {
	struct socket_stack_listener *next;
	struct socket_stack *st;
	uint16_t port;
	bool udp;
	int fd, family;
	union { mirc_tcp_accept_cb accept; mirc_udp_recv_cb recv; } cb;
	void *arg;
	uint64_t timer;		/* the accept back-off, or 0 */
	bool running;		/* its callbacks are being called */
	bool dead;		/* unlistened while running: free it after */
	bool starved;		/* out of descriptors: logged once */
};

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

static void op_defer(struct op *op, int err)
{
	op->err = err;
	mirc_defer(op_run, op);
}

/*
 * A record for an operation.  Without memory for it the done could never
 * run, which the contract does not allow, so the program stops, as the
 * runtime does when it runs out of memory.
 */
static struct op *op_new(enum op_kind kind, void *arg)
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
static void from_sockaddr(const struct sockaddr_storage *ss,
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
static int to_sockaddr(int family, const struct mirc_ip *ip, uint16_t port,
		       struct sockaddr_storage *ss, socklen_t *len)
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
static int prepare(int fd)
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
	if ((err = prepare(fd)) < 0) {
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
static int open_bound(const struct socket_stack *st, int type, uint16_t port,
		      int *family)
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
	to_sockaddr(*family, &any, port, &ss, &len);
	if (!err && bind(fd, (struct sockaddr *)&ss, len) < 0)
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/* ---- flows --------------------------------------------------------------------------- */

static mirc_flow *flow_new(int fd)
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
		n = recv(f->fd, rbuf, RECV_MAX, 0);
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
	cb(arg, err, err ? NULL : rbuf, n > 0 ? (size_t)n : 0);
}

static void on_writable(void *p);

/* Every queued write and shutdown fails with err, in order. */
static void fail_writes(mirc_flow *f, int err)
{
	struct op *op;

	f->werr = err;
	while ((op = f->wq)) {
		f->wq = op->next;
		op_defer(op, err);
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
		op_defer(op, 0);
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
		op_defer(op, f->werr);
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
	struct op *op = op_new(OP_READ, arg);
	int err;

	(void)self;
	if (!op)
		return;
	op->cb.read = done;
	op->seq = flow->seq++;
	if (flow->read) {	/* one read at a time (net.h) */
		op_defer(op, -EBUSY);
		return;
	}
	if (flow->more) {
		flow->read = op;
		flow->read_soon = true;
		mirc_defer(read_now, flow);
		return;
	}
	if ((err = mirc_fd_watch(flow->fd, MIRC_FD_READ, on_readable, flow))) {
		op_defer(op, err);
		return;
	}
	flow->read = op;
}

void socket_stack_tcp_write(struct socket_stack *self, mirc_flow *flow,
			    const void *buf, size_t len,
			    mirc_net_done_cb done, void *arg)
{
	struct op *op = op_new(OP_DONE, arg);

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
	struct op *op = op_new(OP_DONE, arg);

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
		op_defer(op, -ECANCELED);
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
	from_sockaddr(&ss, ip, port);
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
	struct op *op = op_new(OP_CONNECT, arg);
	struct sockaddr_storage ss;
	socklen_t len;
	int family, fd, err;
	mirc_flow *f;

	if (!op)
		return;
	op->cb.connect = done;
	family = self->v4only ? AF_INET : AF_INET6;
	if ((err = to_sockaddr(family, dst, port, &ss, &len))) {
		op_defer(op, err);
		return;
	}
	if ((fd = open_socket(family, SOCK_STREAM)) < 0) {
		op_defer(op, fd);
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
			op_defer(op, err);
			return;
		}
	}
	if (!(f = flow_new(fd))) {
		close(fd);
		op_defer(op, -ENOMEM);
		return;
	}
	if (connect(fd, (struct sockaddr *)&ss, len) == 0) {
		op->flow = f;
		op_defer(op, 0);
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
		op_defer(op, err);
	}
}

/* ---- listening ------------------------------------------------------------------------ */

static struct socket_stack_listener **find(struct socket_stack_listener **l,
					   uint16_t port)
{
	while (*l && (*l)->port != port)
		l = &(*l)->next;
	return l;
}

static void on_accept(void *p);

static void on_backoff(void *p)
{
	struct socket_stack_listener *l = p;

	l->timer = 0;
	if (mirc_fd_watch(l->fd, MIRC_FD_READ, on_accept, l))
		mirc_log(MIRC_LOG_ERROR, l->st->log_src, "TCP port %u: cannot "
			 "watch its socket: accepts stopped", l->port);
}

/* Out of descriptors or memory: the connections wait in the kernel's
 * backlog while accepts pause (watching would wake us at once again). */
static void back_off(struct socket_stack_listener *l, int err)
{
	if (!l->starved)
		mirc_log(MIRC_LOG_WARNING, l->st->log_src,
			 "TCP port %u: accept: %s; accepts paused", l->port,
			 strerror(err));
	l->starved = true;
	l->timer = mirc_timer_after(BACKOFF, on_backoff, l);
}

static void on_accept(void *p)
{
	struct socket_stack_listener *l = p;

	l->running = true;
	for (int i = 0; i < BATCH && !l->dead; i++) {
		int fd = accept(l->fd, NULL, NULL), err;
		mirc_flow *f;
		if (fd < 0) {
			err = errno;
			if (err == EAGAIN || err == EWOULDBLOCK)
				break;
			/* Connections that died in the backlog, signals. */
			if (err == ECONNABORTED || err == EINTR ||
			    err == EPROTO || err == EPERM)
				continue;
			back_off(l, err);
			l->running = false;
			return;
		}
		if ((err = prepare(fd)) < 0 || !(f = flow_new(fd))) {
			close(fd);
			back_off(l, err < 0 ? -err : ENOMEM);
			l->running = false;
			return;
		}
		if (l->starved)
			mirc_log(MIRC_LOG_INFO, l->st->log_src,
				 "TCP port %u: accepting again", l->port);
		l->starved = false;
		l->cb.accept(l->arg, f);
	}
	l->running = false;
	if (l->dead) {
		free(l);
		return;
	}
	if (mirc_fd_watch(l->fd, MIRC_FD_READ, on_accept, l))
		back_off(l, ENOMEM);
}

static void on_datagram(void *p)
{
	struct socket_stack_listener *l = p;

	l->running = true;
	for (int i = 0; i < BATCH && !l->dead; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		struct mirc_ip src;
		uint16_t port;
		ssize_t n = recvfrom(l->fd, rbuf, RECV_MAX, 0,
				     (struct sockaddr *)&ss, &len);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* ICMP errors of earlier sends (ECONNREFUSED), signals:
		 * nothing to deliver, the next datagram may be there. */
		if (n < 0)
			continue;
		from_sockaddr(&ss, &src, &port);
		l->cb.recv(l->arg, &src, port, rbuf, (size_t)n);
	}
	l->running = false;
	if (l->dead) {
		free(l);
		return;
	}
	if (mirc_fd_watch(l->fd, MIRC_FD_READ, on_datagram, l))
		mirc_log(MIRC_LOG_ERROR, l->st->log_src, "UDP port %u: cannot "
			 "watch its socket: datagrams are no longer received",
			 l->port);
}

static int listen_on(struct socket_stack *st, bool udp, uint16_t port,
		     struct socket_stack_listener **out)
{
	struct socket_stack_listener **head = udp ? &st->udp : &st->tcp, *l;
	int fd, family, err;

	if (port == 0)		/* the kernel would pick one nobody knows */
		return -EINVAL;
	if (*find(head, port))
		return -EADDRINUSE;
	if (!(l = calloc(1, sizeof(*l))))
		return -ENOMEM;
	fd = open_bound(st, udp ? SOCK_DGRAM : SOCK_STREAM, port, &family);
	if (fd < 0) {
		free(l);
		return fd;
	}
	if (!udp && listen(fd, SOMAXCONN) < 0) {
		err = -errno;
		close(fd);
		free(l);
		return err;
	}
	err = mirc_fd_watch(fd, MIRC_FD_READ, udp ? on_datagram : on_accept, l);
	if (err) {
		close(fd);
		free(l);
		return err;
	}
	*l = (struct socket_stack_listener){ .next = *head, .st = st,
		.port = port, .udp = udp, .fd = fd, .family = family };
	*head = l;
	*out = l;
	return 0;
}

static void unlisten(struct socket_stack_listener **head, uint16_t port)
{
	struct socket_stack_listener **at = find(head, port), *l = *at;

	if (!l)
		return;
	*at = l->next;
	mirc_fd_unwatch(l->fd, MIRC_FD_READ);
	close(l->fd);
	if (l->timer)
		mirc_timer_cancel(l->timer);
	if (l->running)		/* its loop frees it */
		l->dead = true;
	else
		free(l);
}

int socket_stack_tcp_listen(struct socket_stack *self, uint16_t port,
			    mirc_tcp_accept_cb accept, void *arg)
{
	struct socket_stack_listener *l;
	int err = listen_on(self, false, port, &l);

	if (err)
		return err;
	l->cb.accept = accept;
	l->arg = arg;
	return 0;
}

void socket_stack_tcp_unlisten(struct socket_stack *self, uint16_t port)
{
	unlisten(&self->tcp, port);
}

int socket_stack_udp_listen(struct socket_stack *self, uint16_t port,
			    mirc_udp_recv_cb recv, void *arg)
{
	struct socket_stack_listener *l;
	int err = listen_on(self, true, port, &l);

	if (err)
		return err;
	l->cb.recv = recv;
	l->arg = arg;
	return 0;
}

void socket_stack_udp_unlisten(struct socket_stack *self, uint16_t port)
{
	unlisten(&self->udp, port);
}

/* ---- UDP send -------------------------------------------------------------------------- */

/*
 * From src_port: the socket listening there (so that replies come from
 * the port the request went to), else a socket bound to it for this
 * datagram; from any port: one socket kept for that.
 */
void socket_stack_udp_send(struct socket_stack *self, uint16_t src_port,
			   const struct mirc_ip *dst, uint16_t dst_port,
			   const void *buf, size_t len,
			   mirc_net_done_cb done, void *arg)
{
	struct op *op = op_new(OP_DONE, arg);
	struct socket_stack_listener *l = *find(&self->udp, src_port);
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, family, err, tmp = -1;

	if (!op)
		return;
	op->cb.done = done;
	if (src_port && l) {
		fd = l->fd;
		family = l->family;
	} else if (src_port) {
		fd = tmp = open_bound(self, SOCK_DGRAM, src_port, &family);
	} else {
		if (self->send_fd < 0)
			self->send_fd = open_bound(self, SOCK_DGRAM, 0,
						   &self->send_family);
		fd = self->send_fd;
		family = self->send_family;
	}
	if (fd < 0) {
		if (!src_port)
			self->send_fd = -1;	/* try again next time */
		op_defer(op, fd);
		return;
	}
	err = to_sockaddr(family, dst, dst_port, &ss, &sl);
	while (!err && sendto(fd, buf, len, SEND_FLAGS,
			      (struct sockaddr *)&ss, sl) < 0) {
		if (errno == EINTR)
			continue;
		/* The kernel's queue is full: dropped, as on a network. */
		err = errno == EAGAIN || errno == EWOULDBLOCK ? -ENOBUFS
							      : -errno;
	}
	if (tmp >= 0)
		close(tmp);
	op_defer(op, err);
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
		to_sockaddr(AF_INET, &ip, 0, &ss, &len);
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
