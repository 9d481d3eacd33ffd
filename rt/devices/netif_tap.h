/* SPDX-License-Identifier: MIT */
/*
 * netif_tap.h - NETWORK on a Linux TAP interface (unix target).
 *
 * connect opens /dev/net/tun and attaches to the TAP interface named by
 * the runtime arg --interface (default tap0) with IFF_TAP | IFF_NO_PI,
 * so every read is one whole Ethernet frame and every write sends one.
 * Opening a TAP needs CAP_NET_ADMIN (root) unless the interface was made
 * persistent for the program's user (`ip tuntap add dev tap0 mode tap
 * user NAME`); connect says which when it fails.  An interface that does
 * not exist is created by the kernel (down and unconfigured; it goes away
 * with the program), which connect reports as a warning.
 *
 * The MAC address is a fresh locally administered unicast one drawn from
 * the RANDOM device at every start (as MirageOS's mirage-net-unix does):
 * the TAP's own MAC is the host's side of the link, not the program's.
 * The MTU is 1500.
 *
 * Frames are read from the event loop while a receiver is set (listen);
 * listen(NULL, NULL) removes it, and then the device no longer keeps the
 * event loop alive (a stack that has nothing left to do lets the program
 * end).  write copies the frame once, into the device's buffer, and sends
 * it at once; a full TAP queue (EAGAIN) drops it with -ENOBUFS, as a NIC
 * with a full ring would.
 */
#ifndef MIRC_DEV_NETIF_TAP_H
#define MIRC_DEV_NETIF_TAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"

#define NETIF_TAP_MTU 1500
/* Ethernet header and payload; frames are sent and taken without FCS. */
#define NETIF_TAP_FRAME_MAX (14 + NETIF_TAP_MTU)

struct netif_tap {
	int fd;				/* /dev/net/tun attached to the TAP */
	char name[16];			/* the interface (IFNAMSIZ) */
	mirc_net_info info;
	mirc_net_frame_cb frame;	/* the receiver, or NULL */
	void *frame_arg;
	bool watching;			/* a read watch is set on fd */
	uint64_t dropped_rx;		/* frames longer than the MTU */
	/* Reads take up to 64 KiB so that an oversized frame (from a host
	 * interface with a larger MTU) is seen whole and dropped, never
	 * passed on cut short. */
	unsigned char rx[65536];
	unsigned char tx[NETIF_TAP_FRAME_MAX];
};

/* Open the TAP `interface` (1 to 15 bytes); -errno with a logged reason
 * when it cannot be opened. */
int netif_tap_connect(struct netif_tap *self, struct RANDOM rng,
		      const char *interface);
void netif_tap_info(struct netif_tap *self, mirc_net_info *info);
/* 0, or -EBUSY when a receiver is already set; frame NULL removes it. */
int netif_tap_listen(struct netif_tap *self, mirc_net_frame_cb frame,
		     void *arg);
/* 0, -EMSGSIZE (len > 1514), -ENOBUFS (queue full: dropped), -errno. */
int netif_tap_write(struct netif_tap *self, size_t len, mirc_net_fill_cb fill,
		    void *arg);

#endif
