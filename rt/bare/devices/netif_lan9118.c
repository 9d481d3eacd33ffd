/* SPDX-License-Identifier: MIT */
/*
 * netif_lan9118.c - NETWORK on the SMSC LAN9118 (see netif_lan9118.h),
 * after the register map of its datasheet (SMSC LAN9118, rev. 1.5) and
 * what qemu's model (hw/net/lan9118.c) does with it.
 *
 * The controller is driven through its FIFOs in 32-bit PIO, no DMA:
 *
 *   receive   each frame leaves a status word in the RX status FIFO
 *             (length with CRC in bits 29:16, error summary bit 15) and
 *             its bytes, little-endian, in the RX data FIFO, padded to
 *             whole words; the driver reads the status, then exactly
 *             that many words, so the FIFOs stay in step even for a frame
 *             it drops;
 *   transmit  command A (first and last segment, buffer length),
 *             command B (frame length), then the frame's words into the
 *             TX data FIFO; the controller sends when the last word is
 *             in.  Transmit statuses may overrun (TX_CFG TXSAO): nothing
 *             reads them.
 *
 * Interrupts: RSFL (RX status FIFO level, threshold 0: a frame is
 * waiting) only, active high (IRQ_CFG), and only while a receiver is
 * set.  The event source's ready() acknowledges RSFL before it looks at
 * the FIFO, so a frame that arrives after the look raises it again.
 */
#include <errno.h>
#include <string.h>

#include "mirc/rt.h"
#include "platform.h"
#include "bare/event.h"
#include "netif_lan9118.h"

/* Where the AN385 puts the controller, and its interrupt. */
#define LAN_BASE 0x40200000u
#define LAN_IRQ 13u

/* Registers (byte offsets). */
#define RX_DATA_FIFO 0x00
#define TX_DATA_FIFO 0x20
#define RX_STATUS_FIFO 0x40
#define ID_REV 0x50
#define IRQ_CFG 0x54
#define INT_STS 0x58
#define INT_EN 0x5c
#define BYTE_TEST 0x64
#define FIFO_INT 0x68
#define RX_CFG 0x6c
#define TX_CFG 0x70
#define HW_CFG 0x74
#define RX_FIFO_INF 0x7c
#define TX_FIFO_INF 0x80
#define PMT_CTRL 0x84
#define MAC_CSR_CMD 0xa4
#define MAC_CSR_DATA 0xa8

#define BYTE_TEST_VALUE 0x87654321u
#define ID_LAN9118 0x0118u		/* ID_REV bits 31:16 */
#define IRQ_CFG_ACTIVE_HIGH 0x111u	/* IRQ_EN | IRQ_POL | IRQ_TYPE (push-pull) */
#define INT_RSFL 0x8u
#define HW_CFG_SRST 0x1u
#define PMT_CTRL_READY 0x1u
#define TX_CFG_TX_ON 0x2u
#define TX_CFG_TXSAO 0x4u
#define FIFO_INT_DEFAULT 0x48000000u	/* TX levels as at reset, RSFL at 0 */
#define TX_CMD_A_FIRST (1u << 13)
#define TX_CMD_A_LAST (1u << 12)
#define RX_STS_ERROR (1u << 15)

/* MAC control and status registers, reached through MAC_CSR_CMD/DATA. */
#define CSR_BUSY (1u << 31)
#define CSR_READ (1u << 30)
#define MAC_CR 1u
#define MAC_ADDRH 2u
#define MAC_ADDRL 3u
#define MAC_CR_FDPX (1u << 20)
#define MAC_CR_MCPAS (1u << 19)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_RXEN (1u << 2)

/* Register polls give up after this many reads: the datasheet's
 * reset takes microseconds; a controller still busy after a million
 * reads is not coming back. */
#define SPIN_MAX 1000000u

/* Frames taken per wake-up, so that a flooding peer cannot keep the
 * loop from its timers: the rest wait for the next poll. */
#define BATCH 16

static uint32_t rd(const struct netif_lan9118 *self, uint32_t off)
{
	return *(volatile const uint32_t *)(self->base + off);
}

static void wr(const struct netif_lan9118 *self, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(self->base + off) = v;
}

/* Wait until (register & mask) == want: true, or false after SPIN_MAX. */
static bool spin(const struct netif_lan9118 *self, uint32_t off,
		 uint32_t mask, uint32_t want)
{
	for (uint32_t i = 0; i < SPIN_MAX; i++)
		if ((rd(self, off) & mask) == want)
			return true;
	return false;
}

/* One MAC CSR access; false when the controller stays busy. */
static bool mac_read(const struct netif_lan9118 *self, uint32_t reg,
		     uint32_t *v)
{
	wr(self, MAC_CSR_CMD, CSR_BUSY | CSR_READ | reg);
	if (!spin(self, MAC_CSR_CMD, CSR_BUSY, 0))
		return false;
	*v = rd(self, MAC_CSR_DATA);
	return true;
}

static bool mac_write(const struct netif_lan9118 *self, uint32_t reg,
		      uint32_t v)
{
	wr(self, MAC_CSR_DATA, v);
	wr(self, MAC_CSR_CMD, CSR_BUSY | reg);
	return spin(self, MAC_CSR_CMD, CSR_BUSY, 0);
}

/* RX status FIFO entries waiting (RX_FIFO_INF bits 23:16). */
static uint32_t rx_pending(const struct netif_lan9118 *self)
{
	return (rd(self, RX_FIFO_INF) >> 16) & 0xffu;
}

/* The event source (rt/bare/event.h): acknowledge, then look. */
static bool ready(void *ctx)
{
	struct netif_lan9118 *self = ctx;

	wr(self, INT_STS, INT_RSFL);
	return rx_pending(self) != 0;
}

int netif_lan9118_connect(struct netif_lan9118 *self)
{
	uint32_t v, lo, hi, id;
	int fd, rc;

	memset(self, 0, sizeof *self);
	self->base = LAN_BASE;
	self->fd = -1;
	v = rd(self, BYTE_TEST);
	if (v != BYTE_TEST_VALUE) {
		mirc_log_err("netif_lan9118: no LAN9118 at 0x%08x (BYTE_TEST "
			     "reads 0x%08lx, not 0x%08lx)", LAN_BASE,
			     (unsigned long)v, (unsigned long)BYTE_TEST_VALUE);
		return -ENODEV;
	}
	id = rd(self, ID_REV);
	if (id >> 16 != ID_LAN9118) {
		mirc_log_err("netif_lan9118: the controller at 0x%08x is not a "
			     "LAN9118 (ID_REV 0x%08lx)", LAN_BASE,
			     (unsigned long)id);
		return -ENODEV;
	}
	/* Start from the controller's own reset, whatever ran before (a
	 * program loaded by a debugger finds the last one's settings). */
	wr(self, HW_CFG, HW_CFG_SRST);
	if (!spin(self, HW_CFG, HW_CFG_SRST, 0) ||
	    !spin(self, PMT_CTRL, PMT_CTRL_READY, PMT_CTRL_READY)) {
		mirc_log_err("netif_lan9118: the controller does not come out "
			     "of reset");
		return -EIO;
	}
	if (!mac_read(self, MAC_ADDRL, &lo) || !mac_read(self, MAC_ADDRH, &hi)) {
		mirc_log_err("netif_lan9118: the MAC registers stay busy");
		return -EIO;
	}
	for (int i = 0; i < 4; i++)
		self->info.mac[i] = (uint8_t)(lo >> (8 * i));
	self->info.mac[4] = (uint8_t)hi;
	self->info.mac[5] = (uint8_t)(hi >> 8);
	if ((self->info.mac[0] & 1) ||
	    !(self->info.mac[0] | self->info.mac[1] | self->info.mac[2] |
	      self->info.mac[3] | self->info.mac[4] | self->info.mac[5])) {
		mirc_log_err("netif_lan9118: no MAC address (the controller's "
			     "EEPROM gave %02x:%02x:%02x:%02x:%02x:%02x)",
			     self->info.mac[0], self->info.mac[1],
			     self->info.mac[2], self->info.mac[3],
			     self->info.mac[4], self->info.mac[5]);
		return -EADDRNOTAVAIL;
	}
	self->info.mtu = NETIF_LAN9118_MTU;

	/* Interrupts off and acknowledged until a receiver is set. */
	wr(self, INT_EN, 0);
	wr(self, INT_STS, 0xffffffffu);
	wr(self, IRQ_CFG, IRQ_CFG_ACTIVE_HIGH);
	wr(self, FIFO_INT, FIFO_INT_DEFAULT);
	wr(self, RX_CFG, 0);	/* no offset, no end padding */
	wr(self, TX_CFG, TX_CFG_TX_ON | TX_CFG_TXSAO);
	if (!mac_write(self, MAC_CR, MAC_CR_FDPX | MAC_CR_MCPAS | MAC_CR_TXEN |
				     MAC_CR_RXEN)) {
		mirc_log_err("netif_lan9118: the MAC registers stay busy");
		return -EIO;
	}

	fd = event_add(ready, self);
	if (fd < 0) {
		mirc_log_err("netif_lan9118: no event source left: %s",
			     platform_strerror(-fd));
		return fd;
	}
	rc = netif_lan9118_board_irq(LAN_IRQ);
	if (rc < 0) {
		mirc_log_err("netif_lan9118: cannot enable interrupt %u: %s",
			     LAN_IRQ, platform_strerror(-rc));
		return rc;
	}
	self->fd = fd;
	mirc_log_info("LAN9118 at 0x%08x, MAC %02x:%02x:%02x:%02x:%02x:%02x, "
		      "MTU %u", LAN_BASE, self->info.mac[0], self->info.mac[1],
		      self->info.mac[2], self->info.mac[3], self->info.mac[4],
		      self->info.mac[5], (unsigned)self->info.mtu);
	return 0;
}

void netif_lan9118_info(struct netif_lan9118 *self, mirc_net_info *info)
{
	*info = self->info;
}

static void on_readable(void *arg);

/* Watch for frames (the interrupt on) while there is a receiver, and
 * only then: the watch keeps the program alive. */
static void rewatch(struct netif_lan9118 *self)
{
	if (self->frame && !self->watching && self->fd >= 0) {
		int rc = mirc_fd_watch(self->fd, MIRC_FD_READ, on_readable, self);
		if (rc < 0) {
			mirc_log_err("netif_lan9118: cannot watch the "
				     "controller: %s", platform_strerror(-rc));
			return;
		}
		self->watching = true;
		wr(self, INT_EN, INT_RSFL);
	} else if (!self->frame && self->fd >= 0) {
		wr(self, INT_EN, 0);
		if (self->watching)
			mirc_fd_unwatch(self->fd, MIRC_FD_READ);
		self->watching = false;
	}
}

/* Take one frame off the FIFOs; false when there was none. */
static bool take_frame(struct netif_lan9118 *self)
{
	uint32_t sts, len, words;

	if (rx_pending(self) == 0)
		return false;
	sts = rd(self, RX_STATUS_FIFO);
	len = (sts >> 16) & 0x3fffu;	/* with the CRC */
	words = (len + 3) / 4;
	if ((sts & RX_STS_ERROR) || len < 14 + 4 ||
	    words > NETIF_LAN9118_RX_WORDS) {
		/* Read it all the same: the data FIFO holds its words. */
		for (uint32_t i = 0; i < words; i++)
			(void)rd(self, RX_DATA_FIFO);
		if (self->dropped_rx++ == 0)
			mirc_log_warn("netif_lan9118: dropped a %lu-byte frame "
				      "(status 0x%08lx; further drops are not "
				      "logged)", (unsigned long)len,
				      (unsigned long)sts);
		return true;
	}
	for (uint32_t i = 0; i < words; i++)
		self->rx[i] = rd(self, RX_DATA_FIFO);
	self->frame(self->frame_arg, self->rx, len - 4);
	return true;
}

static void on_readable(void *arg)
{
	struct netif_lan9118 *self = arg;

	self->watching = false;		/* watches are one-shot */
	for (int i = 0; i < BATCH && self->frame; i++)
		if (!take_frame(self))
			break;
	rewatch(self);
}

int netif_lan9118_listen(struct netif_lan9118 *self, mirc_net_frame_cb frame,
			 void *arg)
{
	if (frame && self->frame)
		return -EBUSY;
	self->frame = frame;
	self->frame_arg = frame ? arg : NULL;
	rewatch(self);
	return 0;
}

int netif_lan9118_write(struct netif_lan9118 *self, size_t len,
			mirc_net_fill_cb fill, void *arg)
{
	size_t n, words;

	if (len > NETIF_LAN9118_FRAME_MAX)
		return -EMSGSIZE;
	if (self->fd < 0)
		return -ENETDOWN;
	n = fill(arg, self->tx, len);
	if (n == 0)
		return 0;
	if (n > len)
		n = len;	/* a fill that overstates: send what fits */
	words = (n + 3) / 4;
	/* TDFREE (bits 15:0): bytes free, for the two commands too. */
	if ((rd(self, TX_FIFO_INF) & 0xffffu) < 4 * words + 8)
		return -ENOBUFS;
	wr(self, TX_DATA_FIFO, TX_CMD_A_FIRST | TX_CMD_A_LAST | (uint32_t)n);
	wr(self, TX_DATA_FIFO, (uint32_t)n);
	for (size_t i = 0; i < words; i++)
		wr(self, TX_DATA_FIFO, self->tx[i]);
	return 0;
}
