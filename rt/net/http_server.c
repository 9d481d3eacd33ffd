/* SPDX-License-Identifier: MIT */
/*
 * http_server.c - the device http_static (an HTTP_SERVER: the files of a
 * KV_RO store served over HTTP/1.1 on a STACK) and the prelude's job
 * http_serve, which starts one with the runtime args --http-port,
 * --http-exit-after and --http-idle-timeout (the let http_server puts
 * the two together: a static site is one register line).  http.c knows
 * HTTP; this file is the connection state machine around it.
 *
 * A connection does one thing at a time, each a split-phase operation:
 *
 *   read ──> parse ──> size (KV_RO) ──> write head and first chunk ──┐
 *    ^                                  get_partial ──> write chunk <─┤
 *    └──────────── keep-alive: the next request ─────────────────────┘
 *                  otherwise: shutdown, then read and drop until the
 *                  peer's FIN or a short linger, then close
 *
 * so the memory of a connection is bounded whatever its peer does: the
 * parser keeps at most a request target, a file is sent
 * HTTP_SERVER_CHUNK bytes at a time and the next chunk is read only
 * when the stack has taken the previous one, and nothing is read while
 * a response is being written, which holds back a client that
 * pipelines without reading (TCP's window does the rest).  The bytes of
 * one read that follow a complete request (pipelining) are kept until
 * that request has been answered; they are at most what the stack
 * handed over in one read.
 *
 * A connection that makes no progress for idle_timeout_ns (no
 * complete request, no write taken by the stack) is closed: one timer per
 * connection, moved lazily (activity only sets a deadline; the timer,
 * when it fires, re-arms itself for what is left).
 *
 * Every flow is closed exactly once (conn_close), and a connection is
 * freed only when its last outstanding done has come back (tcp_close
 * makes the stack's come back with -ECANCELED; the store's always come
 * back).  With exit_after = N the server stops listening after N
 * connections, and the program exits 0 when the last of them is freed
 * (nothing else of the server keeps the event loop alive).
 *
 * The device logs under its own source (the one current at connect),
 * whichever callback of the stack or the store it runs from.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"
#include "http.h"
#include "http_server.h"

/* Bytes of a file per read and write: enough for the stack to fill a
 * window, small enough for a thousand connections. */
#define HTTP_SERVER_CHUNK 16384
/* How long a closing connection waits for its peer's FIN at most: a
 * response closed with unread request bytes would be reset otherwise,
 * and the client might lose it. */
#define HTTP_SERVER_LINGER MIRC_SEC(2)

/* A line of the device's log, under its source, for connection c. */
#define say(c, level, ...) \
	mirc_log(MIRC_LOG_##level, (c)->srv->src, __VA_ARGS__)

struct conn {
	struct http_static *srv;
	mirc_flow *flow;
	int pending;		/* dones still to come, of any operation */
	bool closed;		/* tcp_close has been called */
	bool lingering;		/* shutdown sent: reading and dropping */
	bool keep_alive;	/* after the response in progress */
	uint64_t timer;		/* the pending timer's id, or 0 */
	uint64_t deadline;	/* of the idle (or linger) timeout */
	struct http_parser parser;
	unsigned char *in;	/* read but not parsed yet (pipelining) */
	size_t in_off, in_len;
	char key[HTTP_KEY_MAX + 1];	/* of the response in progress */
	uint64_t size, sent;	/* of its file */
	char *out;		/* what is being written */
	size_t head_len;	/* bytes of out before the file's chunk */
};

static void conn_read(struct conn *c);
static void next_request(struct conn *c);

/* ---- the life of a connection ----------------------------------------- */

/* Free c once it is closed and nothing of it is outstanding. */
static void conn_release(struct conn *c)
{
	struct http_static *s = c->srv;

	if (!c->closed || c->pending)
		return;
	free(c->in);
	free(c->out);
	free(c);
	s->freed++;
	if (s->exit_after && s->freed == s->exit_after) {
		/* Nothing is open any more (the listener went at the last
		 * accept): the event loop ends by itself and the program
		 * exits 0 once the stack has sent what it still holds
		 * (lwIP sends a closed flow's last bytes and FIN later;
		 * mirc_exit() here would drop them). */
		mirc_log(MIRC_LOG_INFO, s->src,
			 "served %" PRIu64 " connections, exiting", s->freed);
	}
}

/* Close the flow (the one place that does) and free c when it can. */
static void conn_close(struct conn *c)
{
	if (c->closed)
		return;
	c->closed = true;
	if (c->timer)
		mirc_timer_cancel(c->timer);
	c->timer = 0;
	STACK_tcp_close(c->srv->stack, c->flow);
	conn_release(c);
}

/* A done has come back: false when c is closed and must not go on (it
 * may have been freed, so c is not used after false). */
static bool conn_back(struct conn *c)
{
	c->pending--;
	if (!c->closed)
		return true;
	conn_release(c);
	return false;
}

static void timed_out(void *arg);

/* Set the timer for c's deadline: false when c had to be closed (and
 * may be freed) for want of a timer. */
static bool arm(struct conn *c, uint64_t now)
{
	c->timer = mirc_timer_after(c->deadline > now ? c->deadline - now : 0,
				    timed_out, c);
	/* Only bare metal runs out of timers: a connection that could not
	 * be timed out could be held forever, so it is not kept. */
	if (!c->timer) {
		say(c, WARNING, "no timer left: closing a connection");
		conn_close(c);
		return false;
	}
	return true;
}

/* Progress: the idle timeout starts again. */
static void touch(struct conn *c)
{
	if (!c->lingering)
		c->deadline = mirc_now_ns() + c->srv->idle;
}

static void timed_out(void *arg)
{
	struct conn *c = arg;
	uint64_t now = mirc_now_ns();

	c->timer = 0;
	if (now < c->deadline) {
		arm(c, now);
		return;
	}
	if (!c->lingering)
		say(c, DEBUG, "idle for %" PRIu64 " ms: closing",
		    c->srv->idle / MIRC_MS(1));
	conn_close(c);
}

static void accepted(void *arg, mirc_flow *flow)
{
	struct http_static *s = arg;
	struct conn *c;

	if (s->exit_after && s->accepted == s->exit_after) {
		/* Accepted before tcp_unlisten took effect. */
		STACK_tcp_close(s->stack, flow);
		return;
	}
	c = calloc(1, sizeof *c);
	if (!c) {
		mirc_log(MIRC_LOG_WARNING, s->src,
			 "out of memory: refusing a connection");
		STACK_tcp_close(s->stack, flow);
		return;
	}
	c->srv = s;
	c->flow = flow;
	s->accepted++;
	if (s->exit_after && s->accepted == s->exit_after)
		STACK_tcp_unlisten(s->stack, s->port);
	http_parser_init(&c->parser);
	touch(c);
	if (arm(c, mirc_now_ns()))
		conn_read(c);
}

/* ---- writing ---------------------------------------------------------- */

static void read_chunk(struct conn *c);

static void written_shut(void *arg, int err)
{
	struct conn *c = arg;

	if (conn_back(c) && err)
		conn_close(c);
}

/* Close gracefully: FIN after the response, then drop what the peer
 * still sends until its FIN (or the linger ends), so that our FIN and
 * not a reset ends the connection and the response gets through (a
 * close with unread bytes would reset it, and the peer could lose the
 * response before reading it). */
static void linger(struct conn *c)
{
	uint64_t now = mirc_now_ns();

	c->lingering = true;
	/* The timer runs late, never early: moved earlier, it is set
	 * again. */
	if (c->deadline > now + HTTP_SERVER_LINGER) {
		c->deadline = now + HTTP_SERVER_LINGER;
		mirc_timer_cancel(c->timer);
		if (!arm(c, now))
			return;
	}
	c->pending++;
	STACK_tcp_shutdown(c->srv->stack, c->flow, written_shut, c);
	conn_read(c);
}

static void written(void *arg, int err)
{
	struct conn *c = arg;

	if (!conn_back(c))
		return;
	if (err) {
		say(c, DEBUG, "write: %s", strerror(-err));
		conn_close(c);
		return;
	}
	touch(c);
	if (c->sent < c->size) {
		read_chunk(c);
		return;
	}
	free(c->out);
	c->out = NULL;
	if (c->keep_alive)
		next_request(c);
	else
		linger(c);
}

static void write_out(struct conn *c, size_t len)
{
	c->pending++;
	STACK_tcp_write(c->srv->stack, c->flow, c->out, len, written, c);
}

static void got_chunk(void *arg, int err, const void *data, size_t len)
{
	struct conn *c = arg;

	if (!conn_back(c))
		return;
	/* The file changed under us (direct_kv_ro reads it when asked):
	 * the head promised c->size bytes, so the connection must end. */
	if (err || len == 0) {
		say(c, WARNING, "%s: %s after %" PRIu64 " of %" PRIu64
		    " bytes", c->key, err ? strerror(-err) : "shrank",
		    c->sent, c->size);
		conn_close(c);
		return;
	}
	memcpy(c->out + c->head_len, data, len);
	c->sent += len;
	write_out(c, c->head_len + len);
	c->head_len = 0;
}

/* The next chunk of the file, behind the head for the first one. */
static void read_chunk(struct conn *c)
{
	uint64_t left = c->size - c->sent;

	c->pending++;
	KV_RO_get_partial(c->srv->kv, c->key, c->sent,
			  left < HTTP_SERVER_CHUNK ? (size_t)left
						   : HTTP_SERVER_CHUNK,
			  got_chunk, c);
}

static int64_t date(const struct conn *c)
{
	return PCLOCK_now_ns(c->srv->clock) / (int64_t)MIRC_SEC(1);
}

/* A response without a file: an error, or a redirection to location. */
static void respond_status(struct conn *c, int status, const char *location)
{
	struct http_response r = { status, NULL, 0, location, 0, c->keep_alive,
				   status == 405, date(c) };
	bool head = c->parser.req.method == HTTP_HEAD;
	char body[64];
	size_t n = 0, blen;

	if (location)
		r.location_len = strlen(location);
	blen = (size_t)snprintf(body, sizeof body, "%d %s\n", status,
				http_reason(status));
	r.type = "text/plain; charset=utf-8";
	r.length = blen;
	free(c->out);
	c->out = malloc(HTTP_RESPONSE_HEAD_MAX + sizeof body);
	if (c->out)
		n = http_response_head(c->out, HTTP_RESPONSE_HEAD_MAX, &r);
	if (!n) {
		say(c, WARNING, "%s", c->out ? "response head too long"
					     : "out of memory for a response");
		conn_close(c);
		return;
	}
	if (!head) {
		memcpy(c->out + n, body, blen);
		n += blen;
	}
	c->size = c->sent = 0;
	write_out(c, n);
}

static void respond_file(struct conn *c, uint64_t size)
{
	struct http_response r = { 200, http_content_type(c->key), size, NULL,
				   0, c->keep_alive, false, date(c) };
	bool head = c->parser.req.method == HTTP_HEAD;
	size_t first = size < HTTP_SERVER_CHUNK ? (size_t)size
						: HTTP_SERVER_CHUNK;

	free(c->out);
	c->out = malloc(HTTP_RESPONSE_HEAD_MAX + (head ? 0 : first));
	if (!c->out || !(c->head_len = http_response_head(
				 c->out, HTTP_RESPONSE_HEAD_MAX, &r))) {
		say(c, WARNING, "%s", c->out ? "response head too long"
					     : "out of memory for a response");
		conn_close(c);
		return;
	}
	c->size = head ? 0 : size;
	c->sent = 0;
	if (c->size)
		read_chunk(c);	/* written with the head */
	else
		write_out(c, c->head_len);
}

static void got_size(void *arg, int err, uint64_t size)
{
	struct conn *c = arg;
	char *location;

	if (!conn_back(c))
		return;
	say(c, DEBUG, "%s %s: %s",
	    c->parser.req.method == HTTP_HEAD ? "HEAD" : "GET",
	    c->parser.req.target, err ? strerror(-err) : "found");
	switch (err) {
	case 0:
		respond_file(c, size);
		return;
	case -EISDIR:
		/* "/docs" names a dictionary: its index is "/docs/", and
		 * its relative links only work from there. */
		location = malloc(HTTP_LOCATION_MAX + 1);
		if (!location) {
			conn_close(c);
			return;
		}
		http_key_location(c->key, location);
		respond_status(c, 301, location);
		free(location);	/* copied into the head */
		return;
	case -ENOENT:
	case -ENOTDIR:
	case -EINVAL:
	case -ENAMETOOLONG:
		respond_status(c, 404, NULL);
		return;
	default:
		c->keep_alive = false;
		respond_status(c, 500, NULL);
		return;
	}
}

/* ---- reading ---------------------------------------------------------- */

/* The parser has answered: serve the request, or refuse it and close. */
static void handle(struct conn *c, int status)
{
	const struct http_request *r = &c->parser.req;

	if (status != 200) {
		say(c, DEBUG, "bad request: %d %s", status,
		    http_reason(status));
		c->keep_alive = false;
		respond_status(c, status, NULL);
		return;
	}
	touch(c);
	c->keep_alive = r->keep_alive;
	status = http_target_key(r->target, c->key);
	if (status) {
		say(c, DEBUG, "bad target %s: %d", r->target, status);
		c->keep_alive = false;
		respond_status(c, status, NULL);
		return;
	}
	c->pending++;
	KV_RO_size(c->srv->kv, c->key, got_size, c);
}

static void got_data(void *arg, int err, const void *data, size_t len)
{
	struct conn *c = arg;
	size_t used;
	int status;

	if (!conn_back(c))
		return;
	if (err || len == 0) {
		/* The peer is gone or done (a request cut short by its
		 * FIN gets no answer: there is no one to read it). */
		conn_close(c);
		return;
	}
	if (c->lingering) {
		conn_read(c);
		return;
	}
	used = http_parse(&c->parser, data, len, &status);
	if (!status) {
		conn_read(c);
		return;
	}
	if (status == 200 && used < len) {
		/* Pipelined requests: kept until this one is answered. */
		c->in = malloc(len - used);
		if (!c->in) {
			conn_close(c);
			return;
		}
		memcpy(c->in, (const unsigned char *)data + used, len - used);
		c->in_off = 0;
		c->in_len = len - used;
	}
	handle(c, status);
}

static void conn_read(struct conn *c)
{
	c->pending++;
	STACK_tcp_read(c->srv->stack, c->flow, got_data, c);
}

/* After a response on a kept connection: the next request, from what is
 * left of the last read, or from the network. */
static void next_request(struct conn *c)
{
	int status = 0;

	http_parser_init(&c->parser);
	if (c->in) {
		c->in_off += http_parse(&c->parser, c->in + c->in_off,
					c->in_len - c->in_off, &status);
		if (c->in_off == c->in_len) {
			free(c->in);
			c->in = NULL;
			c->in_off = c->in_len = 0;
		}
	}
	if (status)
		handle(c, status);
	else
		conn_read(c);
}

/* ---- the device ------------------------------------------------------- */

int http_static_connect(struct http_static *self, struct STACK stack,
			struct KV_RO kv, struct PCLOCK clock)
{
	memset(self, 0, sizeof *self);
	self->stack = stack;
	self->kv = kv;
	self->clock = clock;
	/* The current source is this device's while it connects. */
	self->src = mirc_log_set_source(NULL);
	mirc_log_set_source(self->src);
	return 0;
}

int http_static_serve(struct http_static *self, uint16_t port,
		      uint64_t exit_after, uint64_t idle_timeout_ns)
{
	int err;

	if (self->serving)
		return -EBUSY;
	if (port == 0 || idle_timeout_ns == 0)
		return -EINVAL;
	self->port = port;
	self->idle = idle_timeout_ns;
	self->exit_after = exit_after;
	err = STACK_tcp_listen(self->stack, port, accepted, self);
	if (err)
		return err;
	self->serving = true;
	mirc_log(MIRC_LOG_INFO, self->src, "serving HTTP on port %u", port);
	return 0;
}

/* ---- the job http_serve ------------------------------------------------ */

int http_serve_start(struct HTTP_SERVER server, int64_t http_port,
		     int64_t http_exit_after, uint64_t http_idle_timeout)
{
	static bool started;
	int err;

	/* The runtime args are the program's, so a second site would ask
	 * for the same port: refused by name rather than by EADDRINUSE
	 * (or by the EBUSY of the same device). */
	if (started) {
		mirc_log_err("http_server is registered twice: one per "
			     "program (--http-port and the other args are "
			     "the program's)");
		return 1;
	}
	started = true;
	if (http_port < 1 || http_port > 65535) {
		mirc_log_err("--http-port=%" PRId64 ": not a port (1 to 65535)",
			     http_port);
		return 1;
	}
	if (http_exit_after < 0) {
		mirc_log_err("--http-exit-after=%" PRId64 ": not a number of "
			     "connections", http_exit_after);
		return 1;
	}
	if (http_idle_timeout == 0) {
		mirc_log_err("--http-idle-timeout must be more than 0");
		return 1;
	}
	err = HTTP_SERVER_serve(server, (uint16_t)http_port,
				(uint64_t)http_exit_after, http_idle_timeout);
	if (err) {
		mirc_log_err("cannot serve HTTP on port %" PRId64 ": %s",
			     http_port, strerror(-err));
		if (err == -EACCES && http_port < 1024)
			mirc_log_err("ports below 1024 need root or "
				     "CAP_NET_BIND_SERVICE: try "
				     "--http-port=%" PRId64, http_port + 8000);
		return 1;
	}
	return 0;
}
