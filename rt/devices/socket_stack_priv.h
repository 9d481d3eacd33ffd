/* SPDX-License-Identifier: MIT */
/*
 * socket_stack_priv.h - what socket_stack.c (flows, sockets, the device)
 * and socket_stack_listen.c (listening ports, UDP) share.  Not a header
 * for programs: they include socket_stack.h.
 */
#ifndef MIRC_SOCKET_STACK_PRIV_H
#define MIRC_SOCKET_STACK_PRIV_H

#include <sys/socket.h>

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
extern unsigned char socket_stack_rbuf[RECV_MAX];

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

/* An operation's record, its done deferred (never run inside the call). */
struct op *socket_stack_op_new(enum op_kind kind, void *arg);
void socket_stack_op_defer(struct op *op, int err);

/* Addresses: sockaddr <-> mirc_ip (IPv4-mapped IPv6 becomes IPv4). */
void socket_stack_from_sockaddr(const struct sockaddr_storage *ss,
				struct mirc_ip *ip, uint16_t *port);
int socket_stack_to_sockaddr(int family, const struct mirc_ip *ip,
			     uint16_t port, struct sockaddr_storage *ss,
			     socklen_t *len);

/* Sockets: made nonblocking, close-on-exec; bound to the stack's
 * addresses; a flow for an accepted socket (NULL without memory). */
int socket_stack_prepare(int fd);
int socket_stack_open_bound(const struct socket_stack *st, int type,
			    uint16_t port, int *family);
mirc_flow *socket_stack_flow_new(int fd);

#endif
