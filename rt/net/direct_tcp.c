/* SPDX-License-Identifier: MIT */
/*
 * direct_tcp.c - the TCP half of the direct stack (see direct_stack.h):
 * lwIP's raw TCP API behind the split-phase operations of mirc/net.h.
 *
 * A flow owns its pcb until lwIP frees it (the err callback: a reset, an
 * abort, or the end of a connection both sides closed) or the program
 * closes the flow; from then on the pcb is never touched again.  All of
 * the program's callbacks run from deferred calls or the completion
 * queue, never from inside lwIP, so the program may call any operation
 * from them, tcp_close included.  A flow's memory stays until the
 * program closed it and no deferred call still points at it (refs).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/pbuf.h"
#include "lwip/tcp.h"

#include "mirc.h"
#include "direct_tcp.h"

/* A write or a shutdown not yet wholly handed to lwIP. */
struct wreq {
	struct wreq *next;
	const unsigned char *buf;
	size_t len, off;
	mirc_net_done_cb done;
	void *arg;
	const char *src;	/* the writer's log source */
	uint64_t seq;		/* start order, for cancelling */
	bool shutdown;
};

struct listener {
	struct tcp_pcb *pcb;	/* NULL once unlistened */
	uint16_t port;
	mirc_tcp_accept_cb accept;
	void *arg;
	const char *src;	/* the listener's log source */
	struct listener *next;
	long refs;		/* accepted flows not yet handed over */
};

enum { FLOW_ACCEPTING, FLOW_CONNECTING, FLOW_OPEN };

struct mirc_flow {
	struct tcp_pcb *pcb;	/* NULL: lwIP freed it, or let go of */
	int state;
	int err;		/* 0, or why the connection failed */
	struct pbuf *rx;	/* received, not yet read: at most a window */
	bool rx_fin;		/* the peer's FIN, after rx */
	mirc_tcp_read_cb read;	/* the outstanding read, or NULL */
	void *read_arg;
	const char *read_src;	/* the reader's log source */
	const char *conn_src;	/* the connecting code's log source */
	uint64_t read_seq;
	bool read_queued;	/* deliver() is deferred */
	struct wreq *wq, **wtail;
	uint64_t seq;
	bool shut;		/* tcp_shutdown was called */
	bool fin_sent;
	bool closed;		/* the program let go (tcp_close) */
	int refs;		/* deferred calls that point here */
	struct mirc_ip peer;
	uint16_t peer_port;
	struct listener *lis;	/* FLOW_ACCEPTING: where it came from */
	mirc_tcp_connect_cb conn;	/* FLOW_CONNECTING: whom to tell */
	void *conn_arg;
};

static struct listener *listeners;

static void setup_pcb(mirc_flow *f);
static void pump(mirc_flow *f);

/* ---- the life of a flow ---------------------------------------------------- */

/* Stop every callback of lwIP into f and forget the pcb. */
static void detach(mirc_flow *f)
{
	if (!f->pcb)
		return;
	tcp_arg(f->pcb, NULL);
	tcp_recv(f->pcb, NULL);
	tcp_sent(f->pcb, NULL);
	tcp_err(f->pcb, NULL);
	tcp_poll(f->pcb, NULL, 0);
	f->pcb = NULL;
}

/* Close or reset the pcb (RST when data is left unread, or when lwIP
 * has no memory for the FIN), then forget it. */
static void release_pcb(mirc_flow *f, bool reset)
{
	struct tcp_pcb *pcb = f->pcb;

	if (!pcb)
		return;
	detach(f);
	if (reset || tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
}

static void maybe_free(mirc_flow *f)
{
	if (!f->closed || f->refs > 0)
		return;
	if (f->rx)
		pbuf_free(f->rx);
	free(f);
}

/* Fail every queued write and shutdown with err, in order. */
static void fail_writes(mirc_flow *f, int err)
{
	struct wreq *w;

	while ((w = f->wq)) {
		f->wq = w->next;
		direct_done_as(w->done, w->arg, err, w->src);
		free(w);
	}
	f->wtail = &f->wq;
}

static void deliver(void *arg);

/*
 * A read takes up to READ_MAX bytes at once: when segments queued up
 * while the program was busy, they are copied into one buffer and handed
 * over in one callback (one write of the program, one window update)
 * instead of one callback per segment.  A lone pbuf is handed over in
 * place.  Valid until the callback returns, like every read's data; the
 * runtime is single-threaded and read callbacks never nest.  Boards
 * (MIRC_LWIP_SMALL) keep the RAM: a pbuf at a time.
 */
#ifdef MIRC_LWIP_SMALL
#define READ_MAX 0u
#else
#define READ_MAX 32768u
static unsigned char read_buf[READ_MAX];
#endif

/* Unlink the first pbuf of f->rx and free it. */
static void rx_drop_first(mirc_flow *f)
{
	struct pbuf *p = f->rx;

	f->rx = p->next;
	p->next = NULL;
	p->tot_len = p->len;
	pbuf_free(p);
}

/* Hand data, the end of the stream or an error to the outstanding read,
 * from a deferred call. */
static void schedule_read(mirc_flow *f)
{
	if (!f->read || f->read_queued || f->closed)
		return;
	if (!f->rx && !f->rx_fin && !f->err && f->pcb)
		return;
	f->read_queued = true;
	f->refs++;
	mirc_defer(deliver, f);
}

static void deliver_read(mirc_flow *f);

/* The read's callback runs as the code that asked for it. */
static void deliver(void *arg)
{
	mirc_flow *f = arg;
	const char *prev = mirc_log_set_source(f->read_src);

	deliver_read(f);	/* may free f */
	mirc_log_set_source(prev);
}

static void deliver_read(mirc_flow *f)
{
	mirc_tcp_read_cb cb = f->read;
	void *cb_arg = f->read_arg;

	f->refs--;
	f->read_queued = false;
	if (f->closed || !cb) {
		maybe_free(f);
		return;
	}
	f->read = NULL;
	while (f->rx && f->rx->len == 0)	/* empty links: skip */
		rx_drop_first(f);
	/* The callback may close the flow: it stays until deliver is done
	 * with it. */
	f->refs++;
	if (f->rx && (READ_MAX == 0 || !f->rx->next ||
		      f->rx->len + f->rx->next->len > READ_MAX)) {
		/* Take the first pbuf off the chain, so that a tcp_close from
		 * the callback cannot free the bytes it is reading. */
		struct pbuf *p = f->rx;
		u16_t n = p->len;
		f->rx = p->next;
		p->next = NULL;
		p->tot_len = n;
		cb(cb_arg, 0, p->payload, n);
		pbuf_free(p);
		/* Only now does the peer get the window back. */
		if (!f->closed && f->pcb)
			tcp_recved(f->pcb, n);
		direct_after();
#if READ_MAX > 0
	} else if (f->rx) {
		/* Several segments: whole pbufs, as many as fit. */
		size_t n = 0;
		while (f->rx && n + f->rx->len <= READ_MAX) {
			memcpy(read_buf + n, f->rx->payload, f->rx->len);
			n += f->rx->len;
			rx_drop_first(f);
		}
		cb(cb_arg, 0, read_buf, n);
		if (!f->closed && f->pcb)
			tcp_recved(f->pcb, (u16_t)n);
		direct_after();
#endif
	} else if (f->err) {
		cb(cb_arg, f->err, NULL, 0);
	} else {
		cb(cb_arg, 0, NULL, 0);		/* FIN (or a clean end) */
	}
	f->refs--;
	if (f->closed)
		maybe_free(f);
	else
		schedule_read(f);
}

/* ---- lwIP's callbacks ------------------------------------------------------- */

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	mirc_flow *f = arg;

	(void)err;
	if (!f) {		/* cannot happen: detach clears recv first */
		if (p)
			pbuf_free(p);
		return ERR_OK;
	}
	if (!p) {
		f->rx_fin = true;
		/* Both FINs have passed: the pcb goes to TIME_WAIT (or
		 * CLOSING, then TIME_WAIT), where lwIP frees it without a
		 * callback.  Let go of it now. */
		if (f->fin_sent && pcb->state != CLOSE_WAIT)
			detach(f);
	} else if (f->rx) {
		pbuf_cat(f->rx, p);
	} else {
		f->rx = p;
	}
	schedule_read(f);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
	if (arg)
		pump(arg);
	return ERR_OK;
}

/* Every two seconds (lwIP's coarse timer) while the pcb lives: resumes
 * writes that stopped on ERR_MEM with nothing in flight to call sent. */
static err_t on_poll(void *arg, struct tcp_pcb *pcb)
{
	(void)pcb;
	if (arg)
		pump(arg);
	return ERR_OK;
}

/* The pcb is gone (lwIP freed it before calling). */
static void on_err(void *arg, err_t e)
{
	mirc_flow *f = arg;

	if (!f)
		return;
	f->pcb = NULL;
	if (f->state == FLOW_CONNECTING) {
		int err = e == ERR_RST ? -ECONNREFUSED :
			  e == ERR_ABRT ? -ETIMEDOUT : direct_errno(e);
		direct_connect_done_as(f->conn, f->conn_arg, err, NULL,
				       f->conn_src);
		f->closed = true;
		direct_hold(-1);
		maybe_free(f);
		return;
	}
	/* ERR_CLSD: both sides closed cleanly; reads end with the FIN. */
	if (e != ERR_CLSD)
		f->err = direct_errno(e);
	fail_writes(f, f->err ? f->err : -EPIPE);
	schedule_read(f);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	mirc_flow *f = arg;

	(void)pcb;
	(void)err;		/* always ERR_OK in lwIP 2.1 */
	f->state = FLOW_OPEN;
	direct_connect_done_as(f->conn, f->conn_arg, 0, f, f->conn_src);
	return ERR_OK;
}

static void setup_pcb(mirc_flow *f)
{
	f->wtail = &f->wq;
	tcp_arg(f->pcb, f);
	tcp_recv(f->pcb, on_recv);
	tcp_sent(f->pcb, on_sent);
	tcp_err(f->pcb, on_err);
	tcp_poll(f->pcb, on_poll, 4);
	tcp_nagle_disable(f->pcb);
}

/* ---- writing ------------------------------------------------------------------- */

/*
 * Hand lwIP as much of the queued writes as its send buffer takes,
 * copied (TCP_WRITE_FLAG_COPY: the program's buffer is free once its done
 * runs), a write's done once its last byte is in; the FIN only when every
 * write before it is.  Called again from sent and poll as room frees up.
 */
static void pump(mirc_flow *f)
{
	struct wreq *w;
	bool queued = false;

	while (f->pcb && (w = f->wq)) {
		err_t e = ERR_OK;

		if (w->shutdown) {
			if (!f->fin_sent) {
				e = tcp_shutdown(f->pcb, 0, 1);
				if (e == ERR_MEM)
					break;	/* no segment for the FIN yet */
				f->fin_sent = true;
				queued = true;
			}
		} else if (w->off < w->len) {
			size_t room = tcp_sndbuf(f->pcb), n = w->len - w->off;
			if (room == 0 || tcp_sndqueuelen(f->pcb) >= TCP_SND_QUEUELEN)
				break;
			if (n > room)
				n = room;
			if (n > 0xffff)
				n = 0xffff;
			e = tcp_write(f->pcb, w->buf + w->off, (u16_t)n,
				      TCP_WRITE_FLAG_COPY |
				      (w->off + n < w->len ? TCP_WRITE_FLAG_MORE : 0));
			if (e == ERR_MEM)
				break;	/* sent or poll will call again */
			if (e == ERR_OK) {
				w->off += n;
				queued = true;
				if (w->off < w->len)
					continue;
			}
		}
		f->wq = w->next;
		if (!f->wq)
			f->wtail = &f->wq;
		direct_done_as(w->done, w->arg, direct_errno(e), w->src);
		free(w);
	}
	if (queued && f->pcb)
		tcp_output(f->pcb);
}

/* Queue a write (buf) or a shutdown (buf NULL, shutdown true). */
static void enqueue(mirc_flow *f, const void *buf, size_t len, bool shutdown,
		    mirc_net_done_cb done, void *arg)
{
	struct wreq *w;

	if (f->err) {
		direct_done(done, arg, f->err);
		return;
	}
	if (f->shut && !shutdown) {
		direct_done(done, arg, -EPIPE);
		return;
	}
	if (!f->pcb && !f->wq) {	/* both sides closed cleanly */
		direct_done(done, arg, shutdown ? 0 : -EPIPE);
		return;
	}
	w = calloc(1, sizeof *w);
	if (!w) {
		direct_done(done, arg, -ENOMEM);
		return;
	}
	w->buf = buf;
	w->len = len;
	w->done = done;
	w->arg = arg;
	w->src = direct_source();
	w->shutdown = shutdown;
	w->seq = ++f->seq;
	*f->wtail = w;
	f->wtail = &w->next;
	if (shutdown)
		f->shut = true;
	pump(f);
	direct_after();
}

void direct_stack_tcp_write(struct direct_stack *self, mirc_flow *flow,
			    const void *buf, size_t len, mirc_net_done_cb done,
			    void *arg)
{
	(void)self;
	if (!flow || (len > 0 && !buf)) {
		direct_done(done, arg, -EINVAL);
		return;
	}
	enqueue(flow, buf, len, false, done, arg);
}

void direct_stack_tcp_shutdown(struct direct_stack *self, mirc_flow *flow,
			       mirc_net_done_cb done, void *arg)
{
	(void)self;
	if (!flow) {
		direct_done(done, arg, -EINVAL);
		return;
	}
	enqueue(flow, NULL, 0, true, done, arg);
}

/* ---- reading, closing, the peer ----------------------------------------------- */

void direct_stack_tcp_read(struct direct_stack *self, mirc_flow *flow,
			   mirc_tcp_read_cb done, void *arg)
{
	(void)self;
	if (!flow || flow->read) {	/* one read at a time */
		direct_read_failed(done, arg, flow ? -EBUSY : -EINVAL);
		return;
	}
	flow->read = done;
	flow->read_arg = arg;
	flow->read_src = direct_source();
	flow->read_seq = ++flow->seq;
	schedule_read(flow);
}

/*
 * Release the flow: what is pending ends with -ECANCELED in start order
 * (the read among the writes by its sequence number); the connection
 * closes with a FIN after what lwIP already holds, or with a RST when
 * received data was left unread (the peer must not believe it arrived).
 */
void direct_stack_tcp_close(struct direct_stack *self, mirc_flow *f)
{
	struct wreq *w;
	bool unread;

	(void)self;
	if (!f || f->closed)
		return;
	f->closed = true;
	while ((w = f->wq)) {
		if (f->read && f->read_seq < w->seq) {
			direct_read_failed(f->read, f->read_arg, -ECANCELED);
			f->read = NULL;
		}
		f->wq = w->next;
		direct_done(w->done, w->arg, -ECANCELED);
		free(w);
	}
	f->wtail = &f->wq;
	if (f->read)
		direct_read_failed(f->read, f->read_arg, -ECANCELED);
	f->read = NULL;
	unread = f->rx && f->rx->tot_len > 0;
	release_pcb(f, unread);
	direct_hold(-1);
	direct_after();
	maybe_free(f);
}

int direct_stack_tcp_peer(struct direct_stack *self, mirc_flow *flow,
			  struct mirc_ip *ip, uint16_t *port)
{
	(void)self;
	if (!flow || flow->peer.family == 0)
		return -ENOTCONN;
	if (ip)
		*ip = flow->peer;
	if (port)
		*port = flow->peer_port;
	return 0;
}

/* ---- listening and connecting --------------------------------------------------- */

static void unref_listener(struct listener *l)
{
	if (--l->refs == 0 && !l->pcb)
		free(l);
}

/* Hand an accepted flow over, from a deferred call (never from inside
 * lwIP); dropped with a RST if the port stopped listening meanwhile. */
static void deliver_accept(void *arg)
{
	mirc_flow *f = arg;
	struct listener *l = f->lis;
	const char *prev;

	f->refs--;
	f->lis = NULL;
	if (!l->pcb) {
		unref_listener(l);
		release_pcb(f, true);
		f->closed = true;
		direct_hold(-1);
		maybe_free(f);
		direct_after();
		return;
	}
	f->state = FLOW_OPEN;
	prev = mirc_log_set_source(l->src);
	l->accept(l->arg, f);
	mirc_log_set_source(prev);
	unref_listener(l);
	direct_after();
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct listener *l = arg;
	mirc_flow *f;

	if (err != ERR_OK || !pcb || !l)
		return ERR_VAL;
	f = calloc(1, sizeof *f);
	if (!f) {
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	f->pcb = pcb;
	f->state = FLOW_ACCEPTING;
	direct_ip_from(&f->peer, &pcb->remote_ip);
	f->peer_port = pcb->remote_port;
	setup_pcb(f);
	f->lis = l;
	l->refs++;
	f->refs++;
	direct_hold(1);
	mirc_defer(deliver_accept, f);
	return ERR_OK;
}

static struct listener **find_listener(uint16_t port)
{
	struct listener **l = &listeners;

	while (*l && (*l)->port != port)
		l = &(*l)->next;
	return l;
}

int direct_stack_tcp_listen(struct direct_stack *self, uint16_t port,
			    mirc_tcp_accept_cb accept, void *arg)
{
	struct tcp_pcb *pcb, *lpcb;
	struct listener *l;
	err_t e;

	(void)self;
	if (!direct_ready() || !accept || port == 0)
		return -EINVAL;
	if (*find_listener(port))
		return -EADDRINUSE;
	l = calloc(1, sizeof *l);
	pcb = l ? tcp_new_ip_type(IPADDR_TYPE_ANY) : NULL;
	if (!pcb) {
		free(l);
		return -ENOMEM;
	}
	e = tcp_bind(pcb, IP_ANY_TYPE, port);
	lpcb = e == ERR_OK ? tcp_listen_with_backlog_and_err(
		pcb, TCP_DEFAULT_LISTEN_BACKLOG, &e) : NULL;
	if (!lpcb) {
		tcp_abort(pcb);		/* still ours, never connected */
		free(l);
		return direct_errno(e);
	}
	l->pcb = lpcb;
	l->port = port;
	l->accept = accept;
	l->arg = arg;
	l->src = direct_source();
	l->refs = 1;		/* the list's */
	tcp_arg(lpcb, l);
	tcp_accept(lpcb, on_accept);
	l->next = listeners;
	listeners = l;
	direct_hold(1);
	direct_after();
	return 0;
}

void direct_stack_tcp_unlisten(struct direct_stack *self, uint16_t port)
{
	struct listener **lp = find_listener(port), *l = *lp;

	(void)self;
	if (!l)
		return;
	*lp = l->next;
	tcp_arg(l->pcb, NULL);
	tcp_accept(l->pcb, NULL);
	tcp_close(l->pcb);	/* a listening pcb closes at once */
	l->pcb = NULL;
	unref_listener(l);
	direct_hold(-1);
	direct_after();
}

void direct_stack_tcp_connect(struct direct_stack *self,
			      const struct mirc_ip *dst, uint16_t port,
			      mirc_tcp_connect_cb done, void *arg)
{
	ip_addr_t ip;
	mirc_flow *f;
	err_t e;

	(void)self;
	if (!direct_ready() || !dst || port == 0) {
		direct_connect_done(done, arg, -EINVAL, NULL);
		return;
	}
	if (!direct_ip_to(&ip, dst)) {
		direct_connect_done(done, arg, -EAFNOSUPPORT, NULL);
		return;
	}
	f = calloc(1, sizeof *f);
	if (f)
		f->pcb = tcp_new_ip_type(IP_GET_TYPE(&ip));
	if (!f || !f->pcb) {
		free(f);
		direct_connect_done(done, arg, -ENOMEM, NULL);
		return;
	}
	f->state = FLOW_CONNECTING;
	f->conn = done;
	f->conn_arg = arg;
	f->conn_src = direct_source();
	f->peer = *dst;
	f->peer_port = port;
	setup_pcb(f);
	e = tcp_connect(f->pcb, &ip, port, on_connected);
	if (e != ERR_OK) {
		release_pcb(f, true);
		free(f);
		direct_connect_done(done, arg, direct_errno(e), NULL);
		direct_after();
		return;
	}
	direct_hold(1);
	direct_after();
}
