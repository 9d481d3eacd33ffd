/* SPDX-License-Identifier: MIT */
/*
 * netif_lan9118.h - NETWORK on the SMSC LAN9118 Ethernet controller of
 * the MPS2 AN385 board (cortex_m3; qemu -M mps2-an385 always has it, and
 * -nic user,model=lan9118 or -netdev ... -net nic,model=lan9118 connects
 * it to a network).
 *
 * The controller sits at 0x40200000 and raises external interrupt 13.
 * connect checks that it is there (BYTE_TEST, ID_REV), resets it, takes
 * the MAC address it loaded from its EEPROM (qemu's -nic macaddr=,
 * default 52:54:00:12:34:56) and turns the MAC on, full duplex, taking
 * its own unicast frames, broadcast and every multicast (IPv6's
 * neighbour discovery needs them).  The MTU is 1500.
 *
 * Frames arrive in the controller's receive FIFO; the "RX status FIFO
 * level" interrupt (INT_EN RSFL) wakes the event loop, whose poll
 * (rt/bare/event.h) acknowledges it and finds the frames waiting: the
 * driver never polls from a timer.  Frames are read, at most a batch per
 * wake-up, while a receiver is set (listen); listen(NULL, NULL) removes
 * it, turns the interrupt off, and the device no longer keeps the event
 * loop alive.  A frame with an error (bad CRC, too long) is dropped
 * and counted.  write copies the frame once, into the device's buffer,
 * then into the transmit FIFO, which sends it at once; with no room in
 * the FIFO the frame is dropped with -ENOBUFS, as a NIC with a full
 * ring would.
 */
#ifndef MIRC_BARE_DEV_NETIF_LAN9118_H
#define MIRC_BARE_DEV_NETIF_LAN9118_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/net.h"

#define NETIF_LAN9118_MTU 1500
/* Ethernet header and payload; frames are sent and taken without FCS. */
#define NETIF_LAN9118_FRAME_MAX (14 + NETIF_LAN9118_MTU)
/* The received frame with its 4-byte CRC, in whole FIFO words. */
#define NETIF_LAN9118_RX_WORDS ((NETIF_LAN9118_FRAME_MAX + 4 + 3) / 4)

struct netif_lan9118 {
	uintptr_t base;			/* the registers */
	int fd;				/* the event source (rt/bare/event.h) */
	mirc_net_info info;
	mirc_net_frame_cb frame;	/* the receiver, or NULL */
	void *frame_arg;
	bool watching;			/* a read watch is set on fd */
	uint32_t dropped_rx;		/* frames with errors, or too long */
	uint32_t rx[NETIF_LAN9118_RX_WORDS];
	uint32_t tx[(NETIF_LAN9118_FRAME_MAX + 3) / 4];
};

/*
 * What the board gives the driver: let external interrupt irq end the
 * sleep of platform_wait() (the board masks it from its handler until
 * its next poll).  0, or -errno.  Implemented by each board that
 * provides netif_lan9118 (backends/cortex_m3/platform/).
 */
int netif_lan9118_board_irq(unsigned irq);

/* Find, reset and start the controller: 0, or -ENODEV (no LAN9118 at
 * its address), -EIO (it does not come out of reset), -EADDRNOTAVAIL
 * (no MAC address), -ENOSPC (no event source left), each logged. */
int netif_lan9118_connect(struct netif_lan9118 *self);
void netif_lan9118_info(struct netif_lan9118 *self, mirc_net_info *info);
/* 0, or -EBUSY when a receiver is already set; frame NULL removes it. */
int netif_lan9118_listen(struct netif_lan9118 *self, mirc_net_frame_cb frame,
			 void *arg);
/* 0, -EMSGSIZE (len > 1514), -ENOBUFS (FIFO full: dropped), -ENETDOWN. */
int netif_lan9118_write(struct netif_lan9118 *self, size_t len,
			mirc_net_fill_cb fill, void *arg);

#endif
