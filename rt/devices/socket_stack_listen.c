/* SPDX-License-Identifier: MIT */
/*
 * socket_stack_listen.c - the listening side of socket_stack: TCP ports
 * that accept (with a back-off when the process is out of descriptors or
 * memory), UDP ports that receive, and UDP sends.  Each listener is one
 * socket watched by the event loop; an event serves at most BATCH
 * connections or datagrams of one listener, so a flood on one port does
 * not starve the others.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "socket_stack_priv.h"

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
		if ((err = socket_stack_prepare(fd)) < 0 || !(f = socket_stack_flow_new(fd))) {
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
		ssize_t n = recvfrom(l->fd, socket_stack_rbuf, RECV_MAX, 0,
				     (struct sockaddr *)&ss, &len);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* ICMP errors of earlier sends (ECONNREFUSED), signals:
		 * nothing to deliver, the next datagram may be there. */
		if (n < 0)
			continue;
		socket_stack_from_sockaddr(&ss, &src, &port);
		l->cb.recv(l->arg, &src, port, socket_stack_rbuf, (size_t)n);
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
	fd = socket_stack_open_bound(st, udp ? SOCK_DGRAM : SOCK_STREAM, port,
				     &family);
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
	struct op *op = socket_stack_op_new(OP_DONE, arg);
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
		fd = tmp = socket_stack_open_bound(self, SOCK_DGRAM, src_port,
						   &family);
	} else {
		if (self->send_fd < 0)
			self->send_fd = socket_stack_open_bound(
				self, SOCK_DGRAM, 0, &self->send_family);
		fd = self->send_fd;
		family = self->send_family;
	}
	if (fd < 0) {
		if (!src_port)
			self->send_fd = -1;	/* try again next time */
		socket_stack_op_defer(op, fd);
		return;
	}
	err = socket_stack_to_sockaddr(family, dst, dst_port, &ss, &sl);
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
	socket_stack_op_defer(op, err);
}

