/* SPDX-License-Identifier: MIT */
/*
 * probe.c - the job of tests/lwip/inputs/init: lwIP, as mirc builds it,
 * started on a network interface whose frames go nowhere but here.  It
 * proves that the options, the port (arch/cc.h, sys_arch.c) and the
 * sources fit: lwip_init()'s checks pass, TCP listens, UDP binds, and the
 * timers (sys_now) drive DHCP and IPv6 until their first frames leave:
 * a DHCP DISCOVER (IPv4 UDP to port 67, sent at dhcp_start) and an IPv6
 * frame (neighbour discovery or MLD, sent from nd6_tmr/mld6_tmr).
 *
 * Its log, which the test compares: "tcp listening on 7", "udp bound to
 * 7", "dhcp discover sent", "ipv6 frame sent", or a line saying which
 * step failed; it ends on its own within 5 s of virtual time.
 */
#include <string.h>

/* mirc.h first: lwIP's tcp.h makes tcp_listen a function-like macro,
 * which would rewrite the STACK signature's tcp_listen op in mirc.h. */
#include "mirc.h"

#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "lwip/ethip6.h"
#include "netif/ethernet.h"

#define TICK_MS 100
#define MAX_TICKS 50

static struct probe {
	struct TIME time;
	struct netif nif;
	struct tcp_pcb *listener;
	struct udp_pcb *udp;
	int ticks;
	bool dhcp_seen, ipv6_seen;
	uint32_t seed;
} probe;

/* The stack's randomness: a test needs none better (the direct stack
 * draws it from a RANDOM device). */
uint32_t mirc_lwip_rand(void)
{
	probe.seed ^= probe.seed << 13;
	probe.seed ^= probe.seed >> 17;
	probe.seed ^= probe.seed << 5;
	return probe.seed;
}

/* lwipopts.h's next-hop hook (the direct stack's --ipv6-gateway): the
 * probe has no static gateway, so the advertised routers decide. */
const struct ip6_addr *mirc_lwip_ip6_gateway(struct netif *nif,
					     const struct ip6_addr *dest)
{
	(void)nif;
	(void)dest;
	return NULL;
}

/* lwipopts.h's DHCP option hook (the direct stack's DNS servers): the
 * probe keeps none. */
void mirc_lwip_dhcp_option(unsigned char msg_type, unsigned char option,
			   unsigned char len, struct pbuf *p,
			   unsigned short offset)
{
	(void)msg_type;
	(void)option;
	(void)len;
	(void)p;
	(void)offset;
}

/* Every frame lwIP sends: look at its first bytes, drop it. */
static err_t linkoutput(struct netif *nif, struct pbuf *p)
{
	unsigned char h[14 + 40 + 8];
	u16_t n = pbuf_copy_partial(p, h, sizeof(h), 0);
	unsigned type = n >= 14 ? (unsigned)h[12] << 8 | h[13] : 0;

	(void)nif;
	if (type == 0x0800 && n >= 14 + 20 + 4 && h[14 + 9] == 17 &&
	    ((unsigned)h[14 + 20 + 2] << 8 | h[14 + 20 + 3]) == 67 &&
	    !probe.dhcp_seen) {
		probe.dhcp_seen = true;
		mirc_log_info("dhcp discover sent");
	}
	if (type == 0x86dd && !probe.ipv6_seen) {
		probe.ipv6_seen = true;
		mirc_log_info("ipv6 frame sent");
	}
	return ERR_OK;
}

static err_t nif_init(struct netif *nif)
{
	static const u8_t mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

	memcpy(nif->hwaddr, mac, sizeof(mac));
	nif->hwaddr_len = sizeof(mac);
	nif->mtu = 1500;
	nif->name[0] = 'p';
	nif->name[1] = 'r';
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		     NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
	nif->output = etharp_output;
	nif->output_ip6 = ethip6_output;
	nif->linkoutput = linkoutput;
	return ERR_OK;
}

static err_t accept_none(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	(void)err;
	tcp_abort(pcb);
	return ERR_ABRT;
}

static void tick(void *arg)
{
	struct probe *pr = arg;

	sys_check_timeouts();
	if ((pr->dhcp_seen && pr->ipv6_seen) || ++pr->ticks == MAX_TICKS) {
		if (!pr->dhcp_seen || !pr->ipv6_seen)
			mirc_log_err("no %s frame after %d ms",
				     pr->dhcp_seen ? "ipv6" : "dhcp",
				     MAX_TICKS * TICK_MS);
		dhcp_stop(&pr->nif);
		netif_remove(&pr->nif);
		tcp_close(pr->listener);
		udp_remove(pr->udp);
		mirc_exit(pr->dhcp_seen && pr->ipv6_seen ? 0 : 1);
		return;
	}
	TIME_sleep_ns(pr->time, MIRC_MS(TICK_MS), tick, pr);
}

int lwip_probe_start(struct TIME time)
{
	struct tcp_pcb *pcb;

	probe.time = time;
	probe.seed = 0x9e3779b9u;
	lwip_init();
	pcb = tcp_new_ip_type(IPADDR_TYPE_ANY);
	if (!pcb || tcp_bind(pcb, IP_ANY_TYPE, 7) != ERR_OK ||
	    !(probe.listener = tcp_listen(pcb))) {
		mirc_log_err("tcp listen failed");
		return 1;
	}
	tcp_accept(probe.listener, accept_none);
	mirc_log_info("tcp listening on 7");
	probe.udp = udp_new_ip_type(IPADDR_TYPE_ANY);
	if (!probe.udp || udp_bind(probe.udp, IP_ANY_TYPE, 7) != ERR_OK) {
		mirc_log_err("udp bind failed");
		return 1;
	}
	mirc_log_info("udp bound to 7");
	if (!netif_add(&probe.nif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4,
		       NULL, nif_init, ethernet_input)) {
		mirc_log_err("netif_add failed");
		return 1;
	}
	netif_set_hostname(&probe.nif, "probe");
	netif_create_ip6_linklocal_address(&probe.nif, 1);
	netif_set_ip6_autoconfig_enabled(&probe.nif, 1);
	netif_set_default(&probe.nif);
	netif_set_up(&probe.nif);
	netif_set_link_up(&probe.nif);
	if (dhcp_start(&probe.nif) != ERR_OK) {
		mirc_log_err("dhcp_start failed");
		return 1;
	}
	TIME_sleep_ns(time, MIRC_MS(TICK_MS), tick, &probe);
	return 0;
}
