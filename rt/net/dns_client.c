/* SPDX-License-Identifier: MIT */
/*
 * dns_client.c - DNS look-ups over a STACK's UDP (see dns_client.h).
 *
 * Each look-up is a struct query of its own, with its own source port
 * (listened on while it is outstanding, which also keeps the stack
 * receiving) and its own timer; nothing is shared between look-ups, so
 * many may run at once at no cost per other look-up.  Answers are
 * network input: every length and offset is checked against the
 * datagram before it is read, and compressed names are followed a
 * bounded number of times.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mirc.h"
#include "mirc/args.h"

#define DNS_PORT 53
#define DNS_ATTEMPT_NS MIRC_SEC(1)
#define DNS_ROUNDS 2
/* A look-up made before the stack knows a server (its DHCP lease at
 * boot) asks again each second, this many times. */
#define DNS_SERVER_WAITS 5
#define DNS_MAX_CNAMES 8
#define DNS_TYPE_A 1
#define DNS_TYPE_CNAME 5
#define DNS_TYPE_AAAA 28
#define DNS_CLASS_IN 1
#define DNS_NAME_MAX 255	/* in the wire form, RFC 1035 2.3.4 */

struct query {
	struct dns_client *self;
	mirc_dns_cb done;
	void *arg;
	uint16_t type, id, port;
	bool listening;
	bool finished;			/* done called; freed once sends are */
	unsigned sending;		/* sends whose done has not run */
	size_t attempt;			/* servers asked so far */
	size_t nservers;		/* those of this look-up; 0: none yet */
	unsigned waits;			/* seconds waited for the stack's */
	struct dns_client_server servers[DNS_CLIENT_MAX_SERVERS];
	uint64_t timer;
	int err;			/* the result, once known */
	size_t naddrs;
	struct mirc_ip addrs[DNS_CLIENT_MAX_ADDRS];
	size_t qlen;			/* the query datagram */
	unsigned char q[12 + DNS_NAME_MAX + 4];
};

/* ---- names ----------------------------------------------------------------------- */

/* "www.example.org" (a final dot allowed) into the wire form; its length,
 * or 0 when it is no host name: empty labels, a label over 63 bytes, a
 * name over 255 bytes, bytes other than letters, digits, '-' and '_'. */
static size_t name_to_wire(const char *name, unsigned char *out)
{
	size_t n = 0, len = strlen(name);

	if (len == 0 || len > 253 + (name[len - 1] == '.'))
		return 0;
	if (len == 1 && name[0] == '.')
		return 0;
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);

		if (l == 0 || l > 63)
			return 0;
		for (size_t i = 0; i < l; i++) {
			char c = name[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '-' || c == '_'))
				return 0;
		}
		out[n++] = (unsigned char)l;
		memcpy(out + n, name, l);
		n += l;
		name += l;
		if (*name == '.')
			name++;
	}
	out[n++] = 0;
	return n;
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * The name at *off in msg, uncompressed into out (wire form, at most
 * DNS_NAME_MAX bytes, lower case); *off moves past it (past the first
 * pointer, if any).  false if it runs off the datagram, loops (more
 * pointers than the datagram has bytes would be a loop: at most 64 are
 * followed), or is too long.
 */
static bool read_name(const unsigned char *msg, size_t len, size_t *off,
		      unsigned char *out)
{
	size_t p = *off, n = 0;
	int jumps = 0;
	bool jumped = false;

	for (;;) {
		unsigned l;

		if (p >= len)
			return false;
		l = msg[p];
		if ((l & 0xc0) == 0xc0) {
			if (p + 1 >= len || ++jumps > 64)
				return false;
			if (!jumped)
				*off = p + 2;
			jumped = true;
			p = (size_t)(l & 0x3f) << 8 | msg[p + 1];
			continue;
		}
		if (l & 0xc0)
			return false;	/* the reserved label types */
		if (p + 1 + l > len || n + 1 + l > DNS_NAME_MAX)
			return false;
		out[n++] = (unsigned char)l;
		for (unsigned i = 0; i < l; i++)
			out[n++] = lower(msg[p + 1 + i]);
		p += 1 + l;
		if (l == 0)
			break;
	}
	if (!jumped)
		*off = p;
	return true;
}

static bool name_eq(const unsigned char *a, const unsigned char *b)
{
	for (size_t i = 0;; ) {
		unsigned l = a[i];

		if (b[i] != l)
			return false;
		if (l == 0)
			return true;
		for (unsigned k = 1; k <= l; k++)
			if (lower(a[i + k]) != lower(b[i + k]))
				return false;
		i += 1 + l;
	}
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* ---- answers ---------------------------------------------------------------------- */

enum verdict { IGNORE, DONE, NEXT };

/*
 * One datagram from the server asked: IGNORE (not the answer to this
 * query: another id, another question, not a response), DONE (q->err and
 * the addresses are the result) or NEXT (this server failed: try the
 * next one).
 */
static enum verdict parse_answer(struct query *q, const unsigned char *m,
				 size_t len)
{
	unsigned char qname[DNS_NAME_MAX], name[DNS_NAME_MAX],
		      target[DNS_NAME_MAX];
	size_t off = 12;
	unsigned flags, ancount, rcode, cnames = 0;

	if (len < 12 || get16(m) != q->id)
		return IGNORE;
	flags = get16(m + 2);
	if (!(flags & 0x8000) || get16(m + 4) != 1)
		return IGNORE;	/* a query, or not our one question */
	if (!read_name(m, len, &off, qname) || off + 4 > len ||
	    !name_eq(qname, q->q + 12) || get16(m + off) != q->type ||
	    get16(m + off + 2) != DNS_CLASS_IN)
		return IGNORE;
	off += 4;
	rcode = flags & 0xf;
	if (rcode == 3) {	/* NXDOMAIN */
		q->err = -ENOENT;
		return DONE;
	}
	if (rcode != 0 || (flags & 0x7800))
		return NEXT;	/* SERVFAIL, REFUSED, ...; another opcode */
	memcpy(target, qname, sizeof(target));
	ancount = get16(m + 6);
	for (unsigned i = 0; i < ancount; i++) {
		unsigned type, class, rdlen;

		if (!read_name(m, len, &off, name) || off + 10 > len)
			return NEXT;
		type = get16(m + off);
		class = get16(m + off + 2);
		rdlen = get16(m + off + 8);
		off += 10;
		if (off + rdlen > len)
			return NEXT;
		if (class == DNS_CLASS_IN && name_eq(name, target)) {
			if (type == DNS_TYPE_CNAME) {
				size_t t = off;

				/* Servers list the chain in order (RFC 1034
				 * 4.3.2 step 3a restarts at the alias). */
				if (++cnames > DNS_MAX_CNAMES ||
				    !read_name(m, len, &t, target))
					return NEXT;
			} else if (type == q->type &&
				   rdlen == (type == DNS_TYPE_A ? 4u : 16u) &&
				   q->naddrs < DNS_CLIENT_MAX_ADDRS) {
				struct mirc_ip *a = &q->addrs[q->naddrs++];

				memset(a, 0, sizeof(*a));
				a->family = type == DNS_TYPE_A ? 4 : 6;
				memcpy(type == DNS_TYPE_A ? a->u.v4.b : a->u.v6.b,
				       m + off, rdlen);
			}
		}
		off += rdlen;
	}
	if (q->naddrs) {
		q->err = 0;
		return DONE;
	}
	if (flags & 0x0200)
		return NEXT;	/* truncated, nothing usable: TCP is not spoken */
	q->err = -ENOENT;	/* the name exists, without such an address */
	return DONE;
}

/* ---- look-ups --------------------------------------------------------------------- */

/* The query datagram is the stack's until each send is done: the query
 * is freed after the last of its sends, which may come after its
 * result (a send waiting for room while the timer ran out). */
static void finish(struct query *q)
{
	if (q->timer)
		mirc_timer_cancel(q->timer);
	q->timer = 0;
	if (q->listening)
		STACK_udp_unlisten(q->self->stack, q->port);
	q->listening = false;
	q->finished = true;
	q->done(q->arg, q->err, q->err ? NULL : q->addrs,
		q->err ? 0 : q->naddrs);
	if (!q->sending)
		free(q);
}

static void finish_cb(void *arg)
{
	finish(arg);
}

static void ask(struct query *q);

static void sent(void *arg, int err)
{
	struct query *q = arg;

	q->sending--;
	if (q->finished) {
		if (!q->sending)
			free(q);
		return;
	}
	/* A send that failed (no route yet) counts as an unanswered
	 * attempt: its timer moves on to the next server. */
	if (err)
		mirc_log_debug("query to server %zu not sent: %s",
			       q->attempt % q->nservers + 1,
			       strerror(-err));
}

static int take_servers(struct query *q);

static void timed_out(void *arg)
{
	struct query *q = arg;

	q->timer = 0;
	q->attempt++;
	ask(q);
}

static void received(void *arg, const struct mirc_ip *src, uint16_t src_port,
		     const void *data, size_t len)
{
	struct query *q = arg;
	const struct dns_client_server *s;

	if (q->nservers == 0)
		return;		/* nobody asked yet */
	s = &q->servers[q->attempt % q->nservers];
	if (src_port != s->port || src->family != s->ip.family ||
	    memcmp(&src->u, &s->ip.u, src->family == 4 ? 4 : 16) != 0)
		return;		/* not from the server asked */
	switch (parse_answer(q, data, len)) {
	case IGNORE:
		return;
	case DONE:
		finish(q);
		return;
	case NEXT:
		q->naddrs = 0;
		q->err = -EIO;	/* unless a later server answers */
		if (q->timer)
			mirc_timer_cancel(q->timer);
		q->timer = 0;
		q->attempt++;
		ask(q);
		return;
	}
}

static void server_wait(void *arg)
{
	struct query *q = arg;

	q->timer = 0;
	ask(q);
}

/* Send the query to the server of this attempt and wait for it; after
 * the last attempt, the result is the last failure seen.  Without
 * servers yet, wait a second for the stack to learn one. */
static void ask(struct query *q)
{
	const struct dns_client_server *s;

	if (q->nservers == 0 && take_servers(q) != 0) {
		if (q->waits++ < DNS_SERVER_WAITS) {
			q->timer = mirc_timer_after(DNS_ATTEMPT_NS, server_wait, q);
			return;
		}
		if (!q->self->warned)
			mirc_log_warn("no DNS server: --dns-servers is not "
				      "given and the stack knows none (no "
				      "DHCP lease with one, or no nameserver "
				      "in /etc/resolv.conf)");
		q->self->warned = true;
		q->err = -EDESTADDRREQ;
		finish(q);
		return;
	}
	if (q->attempt >= DNS_ROUNDS * q->nservers) {
		finish(q);
		return;
	}
	s = &q->servers[q->attempt % q->nservers];
	q->sending++;
	q->timer = mirc_timer_after(DNS_ATTEMPT_NS, timed_out, q);
	STACK_udp_send(q->self->stack, q->port, &s->ip, s->port, q->q, q->qlen,
		       sent, q);
}

/* A random source port that is free, listened on for the answers. */
static int listen_port(struct query *q)
{
	int err = -EADDRINUSE;

	for (int i = 0; i < 16 && err == -EADDRINUSE; i++) {
		uint16_t r;

		RANDOM_fill(q->self->rng, &r, sizeof(r));
		q->port = (uint16_t)(49152 + r % 16384);
		err = STACK_udp_listen(q->self->stack, q->port, received, q);
	}
	return err;
}

/* The servers of a look-up: --dns-servers, else the stack's at this
 * moment (a DHCP lease may have come or changed since the last). */
static int take_servers(struct query *q)
{
	struct dns_client *self = q->self;
	struct mirc_ip ips[DNS_CLIENT_MAX_SERVERS];
	size_t n;

	if (self->nservers) {
		q->nservers = self->nservers;
		memcpy(q->servers, self->servers, sizeof(q->servers));
		return 0;
	}
	n = STACK_dns_servers(self->stack, ips, DNS_CLIENT_MAX_SERVERS);
	if (n > DNS_CLIENT_MAX_SERVERS)
		n = DNS_CLIENT_MAX_SERVERS;
	if (n == 0)
		return -EDESTADDRREQ;
	self->warned = false;
	for (size_t i = 0; i < n; i++)
		q->servers[i] = (struct dns_client_server){ ips[i], DNS_PORT };
	q->nservers = n;
	return 0;
}

/* Out of memory for a query: its done still runs later, from the loop,
 * through one of a few static slots (a full table, with every one of
 * them waiting, is the only case where done runs inside the call). */
static struct oom {
	mirc_dns_cb done;
	void *arg;
} oom[8];

static void oom_cb(void *arg)
{
	struct oom *o = arg, copy = *o;

	o->done = NULL;
	copy.done(copy.arg, -ENOMEM, NULL, 0);
}

static void fail_oom(mirc_dns_cb done, void *arg)
{
	for (size_t i = 0; i < sizeof(oom) / sizeof(oom[0]); i++)
		if (!oom[i].done) {
			oom[i].done = done;
			oom[i].arg = arg;
			mirc_defer(oom_cb, &oom[i]);
			return;
		}
	done(arg, -ENOMEM, NULL, 0);
}

static void lookup(struct dns_client *self, const char *name, uint16_t type,
		   mirc_dns_cb done, void *arg)
{
	struct query *q = calloc(1, sizeof(*q));
	size_t n;
	int err;

	if (!q) {
		fail_oom(done, arg);
		return;
	}
	q->self = self;
	q->done = done;
	q->arg = arg;
	q->type = type;
	q->err = -ETIMEDOUT;
	n = name ? name_to_wire(name, q->q + 12) : 0;
	if (n == 0) {
		q->err = -EINVAL;
		mirc_defer(finish_cb, q);
		return;
	}
	RANDOM_fill(self->rng, &q->id, sizeof(q->id));
	q->q[0] = (unsigned char)(q->id >> 8);
	q->q[1] = (unsigned char)q->id;
	q->q[2] = 0x01;		/* RD: the server recurses for us */
	q->q[5] = 1;		/* QDCOUNT */
	q->q[12 + n] = 0;
	q->q[12 + n + 1] = (unsigned char)type;
	q->q[12 + n + 3] = DNS_CLASS_IN;
	q->qlen = 12 + n + 4;
	if ((err = listen_port(q))) {
		q->err = err;
		mirc_defer(finish_cb, q);
		return;
	}
	q->listening = true;
	ask(q);
}

void dns_client_gethostbyname(struct dns_client *self, const char *name,
			      mirc_dns_cb done, void *arg)
{
	lookup(self, name, DNS_TYPE_A, done, arg);
}

void dns_client_gethostbyname6(struct dns_client *self, const char *name,
			       mirc_dns_cb done, void *arg)
{
	lookup(self, name, DNS_TYPE_AAAA, done, arg);
}

/* ---- servers ---------------------------------------------------------------------- */

/* "IP", "IP:PORT" (IPv4), "[IPv6]:PORT", after an optional "udp:". */
static const char *parse_server(const char *text, struct dns_client_server *s)
{
	char buf[64];
	const char *port = NULL, *colon;
	size_t len;

	if (!strncmp(text, "udp:", 4))
		text += 4;
	else if (!strncmp(text, "tcp:", 4) || !strncmp(text, "tls:", 4))
		return "a UDP server (tcp: and tls: are not spoken)";
	len = strlen(text);
	if (len >= sizeof(buf))
		return "an address, IP:PORT or [IPv6]:PORT";
	memcpy(buf, text, len + 1);
	colon = strchr(buf, ':');
	if (buf[0] == '[') {
		char *end = strchr(buf, ']');
		if (!end || (end[1] && end[1] != ':'))
			return "an address, IP:PORT or [IPv6]:PORT";
		*end = '\0';
		port = end[1] ? end + 2 : NULL;
		memmove(buf, buf + 1, (size_t)(end - buf));
	} else if (colon && !strchr(colon + 1, ':')) {
		buf[colon - buf] = '\0';
		port = buf + (colon - buf) + 1;
	}
	if (mirc_arg_parse_ip(NULL, buf, &s->ip))
		return "an address, IP:PORT or [IPv6]:PORT";
	s->port = DNS_PORT;
	if (port) {
		char *end;
		long p = strtol(port, &end, 10);

		if (*port < '0' || *port > '9' || *end || p < 1 || p > 65535)
			return "a port from 1 to 65535 after the address";
		s->port = (uint16_t)p;
	}
	return NULL;
}

int dns_client_connect(struct dns_client *self, struct STACK stack,
		       struct RANDOM rng, mirc_list_string dns_servers)
{
	self->stack = stack;
	self->rng = rng;
	self->nservers = 0;
	self->warned = false;
	if (dns_servers.len > DNS_CLIENT_MAX_SERVERS) {
		mirc_log_err("--dns-servers: at most %d servers",
			     DNS_CLIENT_MAX_SERVERS);
		return -EINVAL;
	}
	for (size_t i = 0; i < dns_servers.len; i++) {
		const char *why = parse_server(dns_servers.items[i],
					       &self->servers[i]);
		if (why) {
			mirc_log_err("--dns-servers: '%s' is not %s",
				     dns_servers.items[i], why);
			return -EINVAL;
		}
	}
	self->nservers = dns_servers.len;
	return 0;
}
