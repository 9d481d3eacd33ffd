/* SPDX-License-Identifier: MIT */
/*
 * lwipopts.h - how mirc builds lwIP 2.1.3 (the direct stack, network.md 2):
 * NO_SYS=1 and the raw API, driven from the runtime's event loop and
 * timers by rt/net/direct_stack.c over one NETWORK device.
 *
 * Protocols: Ethernet, ARP, IPv4 with fragmentation and reassembly (UDP
 * datagrams of 4000 bytes), ICMP, UDP, TCP, DHCP, and IPv6 with SLAAC,
 * MLD and fragmentation.  Everything lwIP does not need in a single-threaded
 * raw-API program (sockets, netconn, the tcpip thread, locks, stats) is off.
 *
 * Memory: two profiles.  The default is a hosted server (1000 TCP
 * connections at once with room to spare, 64 KiB windows, a few MiB of
 * static buffers); -DMIRC_LWIP_SMALL in a board's cflags selects the
 * profile measured on cortex_m3 (a 8 KiB heap, 6 pool buffers, windows of
 * two segments; the server profile does not fit cortex_m3's 64 KiB of
 * RAM, so a board adds the flag to its backend.json when it gets a NIC).
 * Each size is #ifndef so one can be tuned from cflags.
 * lwIP's own sanity checks (core/init.c) reject inconsistent sizes at
 * compile time.
 *
 * Known limits of 2.1.3 that this file avoids or that stay (fixed in
 * 2.2.x, not in Debian): more than one DNS server taken from DHCP corrupts
 * memory (hence LWIP_DHCP_MAX_DNS_SERVERS 1); IPv6 reassembly does not
 * detect every overlapping fragment and ND6 does not check the length of
 * every router-advertisement option (mir(5), BUGS).
 */
#ifndef MIRC_LWIPOPTS_H
#define MIRC_LWIPOPTS_H

/* ---- the platform: no threads, no OS ----------------------------------------- */

#define NO_SYS 1
#define NO_SYS_NO_TIMERS 0		/* timeouts.c, polled by the adapter */
#define SYS_LIGHTWEIGHT_PROT 0		/* one thread: nothing to protect */
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_NETIF_API 0
#define LWIP_TCPIP_CORE_LOCKING 0
#define LWIP_CALLBACK_API 1
#define LWIP_RAW 0
#define LWIP_STATS 0
#define LWIP_PERF 0

/* ---- the protocols ------------------------------------------------------------- */

#define LWIP_ETHERNET 1
#define LWIP_ARP 1
/* Datagrams sent to a neighbour not resolved yet wait for the ARP reply
 * (ARP_QUEUE_LEN per neighbour, MEMP_NUM_ARP_QUEUE in all); lwIP's
 * default keeps only the last one per neighbour, so a burst of datagrams (syslog_udp's
 * first log lines) would arrive as its last datagram alone. */
#define ARP_QUEUEING 1
#ifndef ARP_QUEUE_LEN
#define ARP_QUEUE_LEN 16		/* per neighbour; lwIP's default is 3 */
#endif
#define LWIP_IPV4 1
#define LWIP_ICMP 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_IGMP 0
#define LWIP_AUTOIP 0
#define IP_FORWARD 0
#define IP_FRAG 1
#define IP_REASSEMBLY 1
#define LWIP_BROADCAST_PING 0
#define LWIP_MULTICAST_PING 0

/*
 * DHCP binds at once: lwIP's default ARPs for the offered address first
 * and binds a full second later (measured: 1 s against 3-6 ms).
 */
#define LWIP_DHCP 1
#define DHCP_DOES_ARP_CHECK 0

/* lwIP's resolver stays off: dns_client speaks DNS over the STACK itself,
 * on both stacks (mir(5), NETWORK SERVICES), and DHCP's servers come
 * through the hooks above.  Should they be taken from lwIP one day, it
 * must keep one only: see the note at the top. */
#define LWIP_DNS 0
#define LWIP_DHCP_MAX_DNS_SERVERS 1

#define LWIP_IPV6 1
#define LWIP_IPV6_AUTOCONFIG 1		/* SLAAC, --accept-router-advertisements */
#define LWIP_IPV6_MLD 1			/* solicited-node groups, needed by ND */
#define LWIP_IPV6_FRAG 1
#define LWIP_IPV6_REASS 1
/* Reassembly keeps its bookkeeping in the 8-byte fragment header, which
 * a 64-bit pointer does not leave room for: lwIP then copies the header
 * aside (its assertion in ip6_frag.c says so at run time). */
#if __SIZEOF_POINTER__ > 4
#define IPV6_FRAG_COPYHEADER 1
#endif
#define LWIP_IPV6_SEND_ROUTER_SOLICIT 1
#define LWIP_IPV6_DHCP6 0
#define LWIP_ICMP6 1

/* ---- the network interface ------------------------------------------------------- */

/* One NETWORK device per stack: netif_default only, no netif list walks. */
#define LWIP_SINGLE_NETIF 1
#define LWIP_NETIF_HOSTNAME 1		/* DHCP sends --name */
#define LWIP_NETIF_STATUS_CALLBACK 1	/* "IPv4 a.b.c.d/n gw g" once configured */
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_NETIF_EXT_STATUS_CALLBACK 1	/* IPv6 addresses as SLAAC adds them */
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define ETH_PAD_SIZE 0
#define TCP_MSS 1460
#define TCP_LISTEN_BACKLOG 1		/* a flood of SYNs cannot take every pcb */
/* Initial sequence numbers from the stack's RANDOM device (network.md 1):
 * lwIP's own are a counter advanced by its tick count, which an off-path
 * attacker can guess. */
#define LWIP_HOOK_TCP_ISN(local_ip, local_port, remote_ip, remote_port) \
	LWIP_RAND()
/* --ipv6-gateway: lwIP 2.1.3 takes IPv6 routers from advertisements
 * only; this hook (rt/net/direct_stack.c) names the static one. */
struct netif;
struct ip6_addr;
const struct ip6_addr *mirc_lwip_ip6_gateway(struct netif *netif,
					     const struct ip6_addr *dest);
#define LWIP_HOOK_ND6_GET_GW(netif, dest) mirc_lwip_ip6_gateway(netif, dest)
/* The DNS servers of a DHCP lease (STACK dns_servers) without lwIP's
 * resolver (LWIP_DNS 0, below): option 6 is asked for in every DISCOVER
 * and REQUEST (a second parameter request list, which servers join to
 * lwIP's as RFC 3396 says), and taken from each ACK by the parse hook
 * (rt/net/direct_stack.c).  The append hook expands inside dhcp.c, whose
 * static option writers it uses. */
struct pbuf;
void mirc_lwip_dhcp_option(unsigned char msg_type, unsigned char option,
			   unsigned char len, struct pbuf *p,
			   unsigned short offset);
#define LWIP_HOOK_DHCP_PARSE_OPTION(netif, dhcp, state, msg, msg_type, \
				    option, len, pbuf, offset) \
	do { \
		(void)(msg); \
		mirc_lwip_dhcp_option((msg_type), (option), (len), (pbuf), \
				      (offset)); \
	} while (0)
#define LWIP_HOOK_DHCP_APPEND_OPTIONS(netif, dhcp, state, msg, msg_type, \
				      options_len_ptr) \
	do { \
		if ((msg_type) == DHCP_DISCOVER || (msg_type) == DHCP_REQUEST) { \
			*(options_len_ptr) = dhcp_option(*(options_len_ptr), \
				(msg)->options, \
				DHCP_OPTION_PARAMETER_REQUEST_LIST, 1); \
			*(options_len_ptr) = dhcp_option_byte( \
				*(options_len_ptr), (msg)->options, \
				DHCP_OPTION_DNS_SERVER); \
		} \
	} while (0)

/* 8 on every target: a pool object may hold a 64-bit field, which 32-bit
 * ARM aligns to 8 too. */
#define MEM_ALIGNMENT 8

/* ---- memory -------------------------------------------------------------------- */

#ifdef MIRC_LWIP_SMALL

#ifndef MEM_SIZE
#define MEM_SIZE (8 * 1024)		/* one 4000-byte datagram + a window */
#endif
#ifndef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE 6
#endif
#ifndef TCP_WND
#define TCP_WND (2 * TCP_MSS)
#endif
#ifndef TCP_SND_BUF
#define TCP_SND_BUF (2 * TCP_MSS)
#endif
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB 8
#endif
#ifndef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN 4
#endif
#ifndef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB 4
#endif
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG 16
#endif
#ifndef MEMP_NUM_PBUF
#define MEMP_NUM_PBUF 16
#endif
#ifndef MEMP_NUM_REASSDATA
#define MEMP_NUM_REASSDATA 2
#endif
#ifndef IP_REASS_MAX_PBUFS
#define IP_REASS_MAX_PBUFS 4		/* 4000 bytes are 3 fragments */
#endif
#ifndef MEMP_NUM_FRAG_PBUF
#define MEMP_NUM_FRAG_PBUF 6
#endif
#ifndef ARP_TABLE_SIZE
#define ARP_TABLE_SIZE 4
#endif
#ifndef MEMP_NUM_ARP_QUEUE
#define MEMP_NUM_ARP_QUEUE 16		/* 8 bytes each: a program's first log lines */
#endif
#ifndef LWIP_ND6_NUM_NEIGHBORS
#define LWIP_ND6_NUM_NEIGHBORS 4
#endif
#ifndef LWIP_ND6_NUM_DESTINATIONS
#define LWIP_ND6_NUM_DESTINATIONS 4
#endif
#ifndef MEMP_NUM_ND6_QUEUE
#define MEMP_NUM_ND6_QUEUE 4
#endif

#else /* the hosted server */

#ifndef MEM_SIZE
#define MEM_SIZE (4 * 1024 * 1024)	/* what writes have not sent yet */
#endif
#ifndef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE 2048		/* 3 MiB of received frames */
#endif
/* 44 segments: the largest multiple of the MSS a window without window
 * scaling holds (64240 bytes). */
#ifndef TCP_WND
#define TCP_WND (44 * TCP_MSS)
#endif
#ifndef TCP_SND_BUF
#define TCP_SND_BUF (44 * TCP_MSS)
#endif
/* 1000 connections and the ones closing (TIME_WAIT) or just accepted. */
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB 1100
#endif
#ifndef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN 32
#endif
#ifndef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB 32
#endif
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG 8192
#endif
#ifndef MEMP_NUM_PBUF
#define MEMP_NUM_PBUF 1024
#endif
#ifndef MEMP_NUM_REASSDATA
#define MEMP_NUM_REASSDATA 32
#endif
#ifndef IP_REASS_MAX_PBUFS
#define IP_REASS_MAX_PBUFS 128
#endif
#ifndef MEMP_NUM_FRAG_PBUF
#define MEMP_NUM_FRAG_PBUF 64
#endif
#ifndef ARP_TABLE_SIZE
#define ARP_TABLE_SIZE 64
#endif
#ifndef MEMP_NUM_ARP_QUEUE
#define MEMP_NUM_ARP_QUEUE 128
#endif
#ifndef LWIP_ND6_NUM_NEIGHBORS
#define LWIP_ND6_NUM_NEIGHBORS 64
#endif
#ifndef LWIP_ND6_NUM_DESTINATIONS
#define LWIP_ND6_NUM_DESTINATIONS 64
#endif
#ifndef MEMP_NUM_ND6_QUEUE
#define MEMP_NUM_ND6_QUEUE 64
#endif
/* One peer that never reads cannot take the pool with out-of-order data. */
#ifndef TCP_OOSEQ_MAX_PBUFS
#define TCP_OOSEQ_MAX_PBUFS 48
#endif

#endif /* MIRC_LWIP_SMALL */

/* lwIP's rule, 2 * TCP_SND_BUF / TCP_MSS at least; 4x keeps small writes
 * from running out of segments before bytes. */
#ifndef TCP_SND_QUEUELEN
#define TCP_SND_QUEUELEN ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#endif

#endif /* MIRC_LWIPOPTS_H */
