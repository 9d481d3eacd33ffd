/* SPDX-License-Identifier: MIT */
/*
 * direct_stack.c - lwIP on a NETWORK device, on the runtime's event loop
 * (see direct_stack.h): the interface, configuration, timers, liveness,
 * addresses and the completion queue.  TCP is in direct_tcp.c, UDP in
 * direct_udp.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/dhcp.h"
#include "lwip/prot/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"
#if LWIP_IPV6
#include "lwip/ethip6.h"
#include "lwip/ip6_addr.h"
#endif

#include "mirc.h"
#include "direct_tcp.h"

/* One queued completion (direct_done and friends). */
struct cpl {
	int kind;		/* CPL_DONE, CPL_READ, CPL_CONNECT */
	int err;
	void *arg;
	union {			/* the callback, as kind says */
		mirc_net_done_cb done;
		mirc_tcp_read_cb read;
		mirc_tcp_connect_cb connect;
	} fn;
	mirc_flow *flow;
	const char *src;	/* the log source it runs under */
};
enum { CPL_DONE, CPL_READ, CPL_CONNECT };

/* DNS servers kept from a DHCP lease. */
#define DIRECT_STACK_DNS_MAX 4

/* lwIP is one stack per program: so is this state. */
static struct {
	struct direct_stack *self;	/* the connected instance, or NULL */
	const char *src;		/* its log source */
	struct netif netif;
	mirc_net_info info;
	bool accept_ra;
#if LWIP_IPV6
	bool has_gw6;			/* --ipv6-gateway */
	ip6_addr_t gw6;
#endif
	long users;			/* things the program holds open */
	bool alive;			/* receiving, timer running */
	uint64_t timer, deadline;	/* runtime timer id, its deadline */
	uint32_t logged_ip4, logged_gw4;	/* last "IPv4" line */
	bool logged_v4;
#if LWIP_IPV6
	bool logged_v6[LWIP_IPV6_NUM_ADDRESSES];
#endif
	uint64_t rx_dropped;
	/* DNS servers of the DHCP lease: option 6 of the last ACK with one */
	unsigned char dns4[DIRECT_STACK_DNS_MAX][4];
	size_t ndns4;
	/* A datagram waiting in lwIP's ARP queue (the last one sent to a
	 * next hop not resolved yet): see direct_arp_wait(). */
	bool arp_wait;
	ip4_addr_t arp_hop;
	uint64_t arp_timer;
	struct cpl *q;			/* ring of completions */
	size_t qcap, qhead, qlen;
	bool q_scheduled;
} S;

/* ---- lwIP's needs --------------------------------------------------------- */

/* LWIP_RAND (arch/cc.h): ephemeral ports, DHCP transaction ids, IPv6
 * interface identifiers, TCP initial sequence numbers, all from the
 * stack's RANDOM device.  lwip_init() draws before connect returns, so
 * the device is set first. */
uint32_t mirc_lwip_rand(void)
{
	uint32_t v = 0;

	if (S.self)
		RANDOM_fill(S.self->rng, &v, sizeof v);
	return v;
}

int direct_errno(err_t e)
{
	switch (e) {
	case ERR_OK: return 0;
	case ERR_MEM: return -ENOMEM;
	case ERR_BUF: return -ENOBUFS;
	case ERR_TIMEOUT: return -ETIMEDOUT;
	case ERR_RTE: return -ENETUNREACH;
	case ERR_INPROGRESS: return -EINPROGRESS;
	case ERR_VAL: return -EINVAL;
	case ERR_WOULDBLOCK: return -EWOULDBLOCK;
	case ERR_USE: return -EADDRINUSE;
	case ERR_ALREADY: return -EALREADY;
	case ERR_ISCONN: return -EISCONN;
	case ERR_CONN: return -ENOTCONN;
	case ERR_IF: return -ENETDOWN;
	case ERR_ABRT: return -ECONNABORTED;
	case ERR_RST: return -ECONNRESET;
	case ERR_CLSD: return -ENOTCONN;
	default: return -EIO;
	}
}

void direct_ip_from(struct mirc_ip *out, const ip_addr_t *in)
{
	memset(out, 0, sizeof *out);
#if LWIP_IPV6
	if (IP_IS_V6(in)) {
		out->family = 6;
		memcpy(out->u.v6.b, ip_2_ip6(in)->addr, 16);
		return;
	}
#endif
#if LWIP_IPV4
	out->family = 4;
	memcpy(out->u.v4.b, &ip_2_ip4(in)->addr, 4);
#endif
}

int direct_ip_to(ip_addr_t *out, const struct mirc_ip *in)
{
	memset(out, 0, sizeof *out);
#if LWIP_IPV4
	if (in->family == 4) {
		IP_SET_TYPE(out, IPADDR_TYPE_V4);
		memcpy(&ip_2_ip4(out)->addr, in->u.v4.b, 4);
		return 1;
	}
#endif
#if LWIP_IPV6
	if (in->family == 6) {
		IP_SET_TYPE(out, IPADDR_TYPE_V6);
		memcpy(ip_2_ip6(out)->addr, in->u.v6.b, 16);
		/* A link-local destination is on our one interface. */
		ip6_addr_assign_zone(ip_2_ip6(out), IP6_UNICAST, &S.netif);
		return 1;
	}
#endif
	return 0;
}

int direct_ready(void)
{
	return S.self != NULL;
}

struct direct_stack *direct_self(void)
{
	return S.self;
}

void direct_dropped(void)
{
	S.rx_dropped++;
}

/* ---- completions ---------------------------------------------------------- */

static void run_completions(void *unused)
{
	size_t n = S.qlen;	/* those queued meanwhile wait for next time */

	(void)unused;
	S.q_scheduled = false;
	while (n-- > 0 && S.qlen > 0) {
		struct cpl c = S.q[S.qhead];
		const char *prev;

		S.qhead = (S.qhead + 1) % S.qcap;
		S.qlen--;
		prev = mirc_log_set_source(c.src);
		if (c.kind == CPL_DONE)
			c.fn.done(c.arg, c.err);
		else if (c.kind == CPL_READ)
			c.fn.read(c.arg, c.err, NULL, 0);
		else
			c.fn.connect(c.arg, c.err, c.flow);
		mirc_log_set_source(prev);
	}
	if (S.qlen > 0 && !S.q_scheduled) {
		S.q_scheduled = true;
		mirc_defer(run_completions, NULL);
	}
}

static void push(struct cpl c)
{
	if (S.qlen == S.qcap) {
		size_t ncap = S.qcap ? S.qcap * 2 : 64;
		struct cpl *n = malloc(ncap * sizeof *n);
		if (!n) {	/* a done that cannot run breaks the contract */
			mirc_log_err("out of memory for completions");
			abort();
		}
		for (size_t i = 0; i < S.qlen; i++)
			n[i] = S.q[(S.qhead + i) % S.qcap];
		free(S.q);
		S.q = n;
		S.qcap = ncap;
		S.qhead = 0;
	}
	S.q[(S.qhead + S.qlen) % S.qcap] = c;
	S.qlen++;
	if (!S.q_scheduled) {
		S.q_scheduled = true;
		mirc_defer(run_completions, NULL);
	}
}

const char *direct_source(void)
{
	const char *src = mirc_log_set_source(NULL);

	mirc_log_set_source(src);
	return src;
}

void direct_done_as(mirc_net_done_cb done, void *arg, int err,
		    const char *src)
{
	push((struct cpl){ .kind = CPL_DONE, .err = err, .arg = arg,
			   .fn.done = done, .src = src });
}

void direct_done(mirc_net_done_cb done, void *arg, int err)
{
	direct_done_as(done, arg, err, direct_source());
}

void direct_read_failed(mirc_tcp_read_cb read, void *arg, int err)
{
	push((struct cpl){ .kind = CPL_READ, .err = err, .arg = arg,
			   .fn.read = read, .src = direct_source() });
}

void direct_connect_done_as(mirc_tcp_connect_cb done, void *arg, int err,
			    mirc_flow *flow, const char *src)
{
	push((struct cpl){ .kind = CPL_CONNECT, .err = err, .arg = arg,
			   .fn.connect = done, .flow = flow, .src = src });
}

void direct_connect_done(mirc_tcp_connect_cb done, void *arg, int err,
			 mirc_flow *flow)
{
	direct_connect_done_as(done, arg, err, flow, direct_source());
}

/* ---- frames in and out ----------------------------------------------------- */

static size_t fill_frame(void *arg, void *buf, size_t len)
{
	struct pbuf *p = arg;

	return pbuf_copy_partial(p, buf, (u16_t)len, 0);
}

/* lwIP's linkoutput: one frame, copied once into the NIC's buffer. */
static err_t link_out(struct netif *netif, struct pbuf *p)
{
	int rc;

	(void)netif;
	rc = NETWORK_write(S.self->net, p->tot_len, fill_frame, p);
	if (rc == -ENOBUFS)
		return ERR_MEM;	/* TCP retries from its timer */
	return rc < 0 ? ERR_IF : ERR_OK;
}

/*
 * A router advertisement (ICMPv6 type 134 right after a bare IPv6
 * header)?  lwIP has no switch to ignore them, so with
 * --no-accept-router-advertisements they are dropped before it sees them.
 */
static bool is_router_adv(const unsigned char *f, size_t len)
{
	return len >= 14 + 40 + 1 && f[12] == 0x86 && f[13] == 0xdd &&
	       f[14 + 6] == 58 && f[14 + 40] == 134;
}

static void on_frame(void *arg, const void *frame, size_t len)
{
	struct pbuf *p;

	(void)arg;
	if (len > 0xffff || (!S.accept_ra && is_router_adv(frame, len)))
		return;
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p) {
		if (S.rx_dropped++ == 0)
			mirc_log_warn("out of pbufs: dropping frames (further "
				      "drops are not logged)");
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (S.netif.input(p, &S.netif) != ERR_OK)
		pbuf_free(p);
	direct_after();
}

static err_t netif_setup(struct netif *n)
{
	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = 6;
	memcpy(n->hwaddr, S.info.mac, 6);
	n->mtu = S.info.mtu;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		   NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP;
#if LWIP_IPV4
	n->output = etharp_output;
#endif
#if LWIP_IPV6
	n->output_ip6 = ethip6_output;
	n->flags |= NETIF_FLAG_MLD6;
#endif
	n->linkoutput = link_out;
#if LWIP_NETIF_HOSTNAME
	n->hostname = mirc_name();
#endif
	return ERR_OK;
}

/* ---- timers and liveness ---------------------------------------------------- */

static void on_timer(void *arg)
{
	(void)arg;
	S.timer = 0;
	sys_check_timeouts();
	direct_after();
}

static void fmt4(char *buf, uint32_t a)
{
	const unsigned char *b = (const unsigned char *)&a;

	snprintf(buf, 16, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

static int prefix_len(uint32_t mask)
{
	const unsigned char *b = (const unsigned char *)&mask;
	int n = 0;

	for (int i = 0; i < 4; i++)
		for (int k = 7; k >= 0 && (b[i] >> k & 1); k--)
			n++;
	return n;
}

/* "IPv4 A/LEN gw G" and "IPv6 A" lines, once per address. */
static void log_addresses(void)
{
#if LWIP_IPV4
	uint32_t a = ip4_addr_get_u32(netif_ip4_addr(&S.netif));
	uint32_t g = ip4_addr_get_u32(netif_ip4_gw(&S.netif));

	if (a != 0 && (!S.logged_v4 || a != S.logged_ip4 || g != S.logged_gw4)) {
		char as[16], gs[16];
		fmt4(as, a);
		fmt4(gs, g);
		mirc_log(MIRC_LOG_INFO, S.src, "IPv4 %s/%d gw %s", as, prefix_len(
			ip4_addr_get_u32(netif_ip4_netmask(&S.netif))),
			g ? gs : "none");
		S.logged_v4 = true;
		S.logged_ip4 = a;
		S.logged_gw4 = g;
	}
#endif
#if LWIP_IPV6
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		bool ok = ip6_addr_ispreferred(netif_ip6_addr_state(&S.netif, i));
		if (ok && !S.logged_v6[i]) {
			char buf[IP6ADDR_STRLEN_MAX];
			ip6addr_ntoa_r(netif_ip6_addr(&S.netif, i), buf, sizeof buf);
			/* lwIP writes the hex digits in upper case; RFC 5952
			 * and the socket stack (inet_ntop) in lower. */
			for (char *c = buf; *c; c++)
				if (*c >= 'A' && *c <= 'F')
					*c = (char)(*c - 'A' + 'a');
			mirc_log(MIRC_LOG_INFO, S.src, "IPv6 %s", buf);
		}
		S.logged_v6[i] = ok;
	}
#endif
}

/*
 * A datagram sent to a neighbour lwIP has no ARP entry for yet waits in
 * its ARP queue for the reply.  A program that only sends (syslog_udp's
 * reporter) holds nothing open, so without this the stack would stop
 * receiving frames and the program end before the reply came: the stack
 * stays alive until the hop is resolved, or lwIP gives up on it (after
 * 5 ticks of ARP_TMR_INTERVAL: etharp.c's private ARP_MAXPENDING).  Only the last such hop
 * is followed, which covers sends to one collector or server; IPv6's
 * neighbour discovery is not followed (lwIP has no public look-up).
 */
#if LWIP_IPV4
static bool arp_resolved(void)
{
	struct eth_addr *eth;
	const ip4_addr_t *ip;

	return etharp_find_addr(&S.netif, &S.arp_hop, &eth, &ip) >= 0;
}

static void arp_wait_end(void *arg)
{
	(void)arg;
	S.arp_timer = 0;
	S.arp_wait = false;
	direct_after();
}

void direct_arp_wait(const ip_addr_t *dst)
{
	const ip4_addr_t *d, *hop;

	if (!IP_IS_V4(dst))
		return;
	d = ip_2_ip4(dst);
	if (ip4_addr_isbroadcast(d, &S.netif) || ip4_addr_ismulticast(d))
		return;
	hop = ip4_addr_netcmp(d, netif_ip4_addr(&S.netif),
			      netif_ip4_netmask(&S.netif))
		      ? d : netif_ip4_gw(&S.netif);
	if (ip4_addr_isany(hop))
		return;
	ip4_addr_copy(S.arp_hop, *hop);
	if (arp_resolved())
		return;
	S.arp_wait = true;
	if (S.arp_timer)
		mirc_timer_cancel(S.arp_timer);
	S.arp_timer = mirc_timer_after(MIRC_MS(5 * ARP_TMR_INTERVAL),
				       arp_wait_end, NULL);
}
#else
static bool arp_resolved(void)
{
	return true;
}

void direct_arp_wait(const ip_addr_t *dst)
{
	(void)dst;
}
#endif

void direct_hold(int delta)
{
	S.users += delta;
}

void direct_after(void)
{
	/* A closed connection still sending its FIN or last data stays on
	 * lwIP's active list until it is done (bounded by lwIP's
	 * retransmission and FIN-WAIT timeouts). */
	bool want = S.users > 0 || tcp_active_pcbs != NULL;
	uint64_t now, deadline;
	u32_t ms;

	if (!S.self)
		return;
	log_addresses();
	if (S.arp_wait && arp_resolved()) {
		S.arp_wait = false;
		if (S.arp_timer)
			mirc_timer_cancel(S.arp_timer);
		S.arp_timer = 0;
	}
	want = want || S.arp_wait;
	if (want && !S.alive) {
		int rc = NETWORK_listen(S.self->net, on_frame, NULL);
		if (rc < 0)
			mirc_log_err("cannot receive frames: %s", strerror(-rc));
		S.alive = true;
		sys_check_timeouts();	/* catch up after a pause */
	} else if (!want && S.alive) {
		NETWORK_listen(S.self->net, NULL, NULL);
		S.alive = false;
	}
	ms = S.alive ? sys_timeouts_sleeptime() : SYS_TIMEOUTS_SLEEPTIME_INFINITE;
	if (ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE) {
		if (S.timer)
			mirc_timer_cancel(S.timer);
		S.timer = 0;
		return;
	}
	now = mirc_now_ns();
	deadline = now + MIRC_MS(ms);
	if (S.timer && S.deadline <= deadline)
		return;		/* it fires early enough */
	if (S.timer)
		mirc_timer_cancel(S.timer);
	S.timer = mirc_timer_after(MIRC_MS(ms), on_timer, NULL);
	S.deadline = deadline;
	if (!S.timer)
		mirc_log_err("no timer left for lwIP's timeouts");
}

/* ---- connect ----------------------------------------------------------------- */

#if LWIP_IPV6
/*
 * LWIP_HOOK_ND6_GET_GW (lwipopts.h): the next hop of an off-link IPv6
 * destination.  lwIP 2.1.3 has no call that adds a default router (it
 * learns routers from advertisements only), so --ipv6-gateway is this
 * hook; it is asked before the advertised routers, so a static gateway
 * wins over them, as a static route would.
 */
const struct ip6_addr *mirc_lwip_ip6_gateway(struct netif *netif,
					     const struct ip6_addr *dest)
{
	(void)dest;
	return S.has_gw6 && netif == &S.netif ? &S.gw6 : NULL;
}
#endif

/*
 * LWIP_HOOK_DHCP_PARSE_OPTION (lwipopts.h), for each option lwIP does not
 * decode itself: the DNS servers (option 6) of an ACK become the stack's
 * (STACK dns_servers), logged when they change.  lwIP has checked the
 * message's transaction id; the value is read from the pbuf with bounds.
 */
void mirc_lwip_dhcp_option(unsigned char msg_type, unsigned char option,
			   unsigned char len, struct pbuf *p,
			   unsigned short offset)
{
	unsigned char got[DIRECT_STACK_DNS_MAX][4];
	size_t n = 0;

	if (msg_type != DHCP_ACK || option != DHCP_OPTION_DNS_SERVER)
		return;
	for (size_t i = 0; i + 4 <= len && n < DIRECT_STACK_DNS_MAX; i += 4) {
		if (pbuf_copy_partial(p, got[n], 4, (u16_t)(offset + i)) != 4)
			break;
		n++;
	}
	if (n == S.ndns4 && memcmp(got, S.dns4, n * 4) == 0)
		return;
	memcpy(S.dns4, got, n * 4);
	S.ndns4 = n;
	for (size_t i = 0; i < n; i++)
		mirc_log(MIRC_LOG_INFO, S.src, "DNS server %u.%u.%u.%u (DHCP)",
			 got[i][0], got[i][1], got[i][2], got[i][3]);
}

static uint32_t mask_of(int len)
{
	uint32_t m = len <= 0 ? 0 : len >= 32 ? 0xffffffffu :
		     ~((1u << (32 - len)) - 1);

	return lwip_htonl(m);
}

/* The configuration the args ask for, or -EINVAL after saying why. */
static int check_args(bool dhcp, const mirc_opt_ipv4_prefix *ipv4,
		      const mirc_opt_ipv4 *gw4, const mirc_opt_ipv6_prefix *ipv6,
		      const mirc_opt_ipv6 *gw6, bool v4only, bool v6only)
{
	if (v4only && v6only) {
		mirc_log_err("--ipv4-only and --ipv6-only exclude each other");
		return -EINVAL;
	}
	if (dhcp && !v6only && (ipv4->present || gw4->present)) {
		mirc_log_err("--ipv4 and --ipv4-gateway need a program configured "
			     "without DHCP (mirc configure --no-dhcp)");
		return -EINVAL;
	}
	if (gw6->present && v4only) {
		mirc_log_err("--ipv6-gateway and --ipv4-only exclude each other");
		return -EINVAL;
	}
#if !LWIP_IPV6
	if (ipv6->present || gw6->present || v6only) {
		mirc_log_err("this build of lwIP has no IPv6");
		return -ENOTSUP;
	}
#endif
#if !LWIP_DHCP
	if (dhcp && !v6only) {
		mirc_log_err("this build of lwIP has no DHCP: configure with "
			     "--no-dhcp");
		return -ENOTSUP;
	}
#endif
	if (ipv6->present && v4only) {
		mirc_log_err("--ipv6 and --ipv4-only exclude each other");
		return -EINVAL;
	}
	if (ipv6->present && ipv6->value.len != 64)
		mirc_log_warn("--ipv6: lwIP takes the prefix of a static address "
			      "as /64, not /%u", (unsigned)ipv6->value.len);
	return 0;
}

int direct_stack_connect(struct direct_stack *self, struct NETWORK net,
			 struct RANDOM rng, bool dhcp,
			 mirc_opt_ipv4_prefix ipv4,
			 mirc_opt_ipv4 ipv4_gateway,
			 mirc_opt_ipv6_prefix ipv6,
			 mirc_opt_ipv6 ipv6_gateway,
			 bool accept_router_advertisements, bool ipv4_only,
			 bool ipv6_only)
{
	ip4_addr_t a, m, g;
	int rc;

	if (S.self) {
		mirc_log_err("lwIP is one stack per program: a second "
			     "direct_stack cannot be connected");
		return -EBUSY;
	}
	rc = check_args(dhcp, &ipv4, &ipv4_gateway, &ipv6, &ipv6_gateway,
			ipv4_only, ipv6_only);
	if (rc < 0)
		return rc;
	self->net = net;
	self->rng = rng;
	/* The address lines come from whatever callback runs lwIP; they
	 * are logged under the stack's own name. */
	S.src = mirc_log_set_source(NULL);
	mirc_log_set_source(S.src);
	S.self = self;		/* mirc_lwip_rand() draws from here */
	NETWORK_info(net, &S.info);
	S.accept_ra = accept_router_advertisements;
	lwip_init();

	ip4_addr_set_zero(&a);
	ip4_addr_set_zero(&m);
	ip4_addr_set_zero(&g);
	if (!dhcp && !ipv6_only) {
		struct mirc_ipv4_prefix p = { { { 10, 0, 0, 2 } }, 24 };
		if (ipv4.present)
			p = ipv4.value;
		memcpy(&a.addr, p.addr.b, 4);
		m.addr = mask_of(p.len);
		if (ipv4_gateway.present)
			memcpy(&g.addr, ipv4_gateway.value.b, 4);
	}
	if (!netif_add(&S.netif, &a, &m, &g, NULL, netif_setup,
		       ethernet_input)) {
		S.self = NULL;
		mirc_log_err("lwIP refused the interface");
		return -EIO;
	}
	netif_set_default(&S.netif);
	netif_set_up(&S.netif);
	netif_set_link_up(&S.netif);
#if LWIP_IPV6
	if (!ipv4_only) {
		netif_create_ip6_linklocal_address(&S.netif, 1);
		netif_set_ip6_autoconfig_enabled(&S.netif,
						 accept_router_advertisements);
		if (ipv6.present) {
			ip6_addr_t v6;
			s8_t idx;
			memcpy(v6.addr, ipv6.value.addr.b, 16);
			ip6_addr_assign_zone(&v6, IP6_UNICAST, &S.netif);
			if (netif_add_ip6_address(&S.netif, &v6, &idx) != ERR_OK)
				mirc_log_err("--ipv6: no room for the address");
		}
		if (ipv6_gateway.present) {
			memcpy(S.gw6.addr, ipv6_gateway.value.b, 16);
			/* fe80::1 and the like name a link: this one */
			ip6_addr_assign_zone(&S.gw6, IP6_UNICAST, &S.netif);
			S.has_gw6 = true;
		}
	}
#endif
#if LWIP_DHCP
	if (dhcp && !ipv6_only) {
		err_t e = dhcp_start(&S.netif);
		if (e != ERR_OK) {
			mirc_log_err("cannot start DHCP: %s",
				     strerror(-direct_errno(e)));
			return direct_errno(e);
		}
		mirc_log_info("DHCP as %s", mirc_name());
	}
#endif
	direct_after();
	return 0;
}

/* ---- addresses ------------------------------------------------------------------ */

size_t direct_stack_dns_servers(struct direct_stack *self, struct mirc_ip *out,
				size_t max)
{
	if (self != S.self)
		return 0;
#if LWIP_IPV4
	/* A lease that ended took its servers with it. */
	if (ip4_addr_isany_val(*netif_ip4_addr(&S.netif)))
		return 0;
#endif
	for (size_t i = 0; i < S.ndns4 && i < max; i++) {
		out[i].family = 4;
		memcpy(out[i].u.v4.b, S.dns4[i], 4);
	}
	return S.ndns4;
}

size_t direct_stack_addresses(struct direct_stack *self, struct mirc_ip *out,
			      size_t max)
{
	size_t n = 0;

	if (self != S.self)
		return 0;
#if LWIP_IPV4
	if (!ip4_addr_isany_val(*netif_ip4_addr(&S.netif))) {
		if (n < max) {
			out[n].family = 4;
			memcpy(out[n].u.v4.b, &netif_ip4_addr(&S.netif)->addr, 4);
		}
		n++;
	}
#endif
#if LWIP_IPV6
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		if (!ip6_addr_isvalid(netif_ip6_addr_state(&S.netif, i)))
			continue;
		if (n < max) {
			out[n].family = 6;
			memcpy(out[n].u.v6.b, netif_ip6_addr(&S.netif, i)->addr, 16);
		}
		n++;
	}
#endif
	return n;
}
