/* SPDX-License-Identifier: MIT */
/*
 * netif_virtio.c - NETWORK: a virtio network card (virtio 1.2, section
 * 5.1), through the shared virtio layer (rt/bare/virtio/: virtio-mmio on
 * microvm and on the virt machines, legacy virtio-pci on pc).
 *
 * Two queues: 0 receives, 1 transmits.  Every descriptor owns one buffer
 * of `slot` bytes (the virtio-net header, then a whole Ethernet frame),
 * so a chain is one descriptor and its head is the buffer's number.  The
 * driver accepts MAC and nothing else of the card's features: without
 * MRG_RXBUF every receive buffer must hold a whole frame, which the
 * 1514-byte buffers do (no GSO, no checksum offload is asked for, so
 * none arrives).  The header is 10 bytes in the legacy layout and 12
 * with VERSION_1 (its num_buffers field), which the transport decides.
 *
 * Receiving: every receive buffer is with the card from connect on; the
 * card's interrupt wakes the event loop (rt/bare/event.h), on_event()
 * hands each frame to the receiver and gives its buffer straight back.
 * The fd is watched exactly while a receiver is set: the watch is what
 * keeps the loop running, and a NIC must not keep a program alive that
 * has stopped listening (direct_stack removes its receiver at the end).
 *
 * Transmitting: write has fill put the frame in a free transmit buffer
 * and hands it to the card at once.  Buffers the card is done with are
 * taken back at the next write (no interrupt is asked for them while a
 * receiver keeps the loop running: the queue's NO_INTERRUPT flag), so
 * that sending costs no wake-up; when none is free the frame is dropped
 * with -ENOBUFS, which is the NETWORK contract's backpressure (lwIP's
 * TCP retransmits).
 *
 * Draining: qemu sends a frame some time after the notify (from its main
 * loop), and a program that ends right after its last write would take
 * that frame with it (the last echo of samples/udp was lost that way).
 * So once the receiver is gone, frames still with the card keep the fd
 * watched, with the card's transmit interrupt on, until the card has
 * given every buffer back; only then may the loop end.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/rt.h"
#include "bare/virtio/virtio.h"
#include "netif_virtio.h"

#define RX_MAX 128		/* receive descriptors asked for (MMIO) */
#define TX_MAX 64		/* transmit descriptors asked for (MMIO) */
/* Frames handed over per wake-up, so that a flooding peer cannot keep
 * the loop from its timers; the rest wait for the next poll, which
 * finds them at once. */
#define BATCH 64

#define NET_F_MAC (UINT64_C(1) << 5)
#define CFG_MAC 0		/* six bytes */
#define VRING_AVAIL_F_NO_INTERRUPT 1

/* Cards claimed so far, for the message when none is left. */
static unsigned claimed;

/* The card's event source: frames have arrived for the receiver, or,
 * while draining, the card has given transmit buffers back. */
static bool has_work(void *ctx)
{
	struct netif_virtio *self = ctx;

	return (self->frame && virtq_has_used(self->rxq)) ||
	       (self->draining && virtq_has_used(self->txq));
}

static unsigned char *rx_buf(struct netif_virtio *self, unsigned k)
{
	return self->rx + (size_t)k * self->slot;
}

static unsigned char *tx_buf(struct netif_virtio *self, unsigned k)
{
	return self->tx + (size_t)k * self->slot;
}

/* Give receive buffer k (back) to the card; it learns of it at the
 * next notify. */
static void rx_give(struct netif_virtio *self, uint16_t k)
{
	self->rxq->desc[k] = (struct vring_desc){
		virtio_phys(rx_buf(self, k)), (uint32_t)self->slot,
		VRING_DESC_F_WRITE, 0 };
	virtq_push(self->rxq, k);
}

static int queue(struct netif_virtio *self, struct virtq **qp,
		 unsigned index, unsigned max, const char *what)
{
	int rc;

	if (!(*qp = calloc(1, sizeof(**qp))))
		return -ENOMEM;
	rc = virtio_queue_init(self->dev, *qp, index, max);
	if (rc != 0 && rc != -ENOMEM)
		mirc_log_err("network device '%s': the card at %s has no %s "
			     "queue", self->name, virtio_where(self->dev),
			     what);
	return rc;
}

static int setup(struct netif_virtio *self, uint64_t feat)
{
	uint32_t lo, hi;
	int rc;

	if (!(feat & NET_F_MAC)) {
		mirc_log_err("network device '%s': the card at %s has no MAC "
			     "address (qemu gives every card one: -device "
			     "...,mac=52:54:00:12:34:56)", self->name,
			     virtio_where(self->dev));
		return -ENOTSUP;
	}
	lo = virtio_config32(self->dev, CFG_MAC);
	hi = virtio_config32(self->dev, CFG_MAC + 4);
	for (int i = 0; i < 4; i++)
		self->info.mac[i] = (uint8_t)(lo >> (8 * i));
	self->info.mac[4] = (uint8_t)hi;
	self->info.mac[5] = (uint8_t)(hi >> 8);
	self->info.mtu = NETIF_VIRTIO_MTU;
	self->hdr = (feat & VIRTIO_F_VERSION_1) ? 12 : 10;
	self->slot = self->hdr + NETIF_VIRTIO_FRAME_MAX;
	if ((rc = queue(self, &self->rxq, 0, RX_MAX, "receive")) != 0 ||
	    (rc = queue(self, &self->txq, 1, TX_MAX, "transmit")) != 0)
		goto out;
	/* Legacy PCI imposes its own queue sizes: the buffers follow. */
	self->rx = malloc((size_t)self->rxq->size * self->slot);
	self->tx = malloc((size_t)self->txq->size * self->slot);
	self->tx_free = calloc(self->txq->size, sizeof(*self->tx_free));
	rc = -ENOMEM;
	if (!self->rx || !self->tx || !self->tx_free)
		goto out;
	for (unsigned k = 0; k < self->txq->size; k++)
		self->tx_free[k] = (uint16_t)(self->txq->size - 1 - k);
	self->ntx_free = self->txq->size;
	/* Taken back at the next write, not by an interrupt. */
	self->txq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	for (unsigned k = 0; k < self->rxq->size; k++)
		rx_give(self, (uint16_t)k);
	self->fd = virtio_event_fd(self->dev, has_work, self);
	if (self->fd < 0) {
		mirc_log_err("network device '%s': cannot take the interrupt "
			     "of the card at %s", self->name,
			     virtio_where(self->dev));
		return self->fd;
	}
	virtio_driver_ok(self->dev);
	/* The card may look at the receive ring only after DRIVER_OK. */
	virtio_notify(self->dev, self->rxq);
	return 0;
out:
	if (rc == -ENOMEM)
		mirc_log_err("network device '%s': no memory for the queues "
			     "of the card at %s", self->name,
			     virtio_where(self->dev));
	return rc;
}

int netif_virtio_connect(struct netif_virtio *self, const char *name)
{
	uint64_t feat;
	int rc;

	if (!virtio_name_ok(name)) {
		mirc_log_err("'%s' is not a network device name: Solo5 device "
			     "names are 1 to %d letters and digits", name,
			     VIRTIO_NAME_MAX);
		return -EINVAL;
	}
	*self = (struct netif_virtio){ .name = name, .fd = -1 };
	if (!(self->dev = virtio_claim(VIRTIO_ID_NET))) {
		if (claimed == 0)
			mirc_log_err("no virtio network card for network device "
				     "'%s': the machine has none (make run "
				     "attaches one for each network device; "
				     "qemu: -netdev user,id=%s -device "
				     "virtio-net-device,netdev=%s on microvm, "
				     "virtio-net-pci on pc)", name, name, name);
		else
			mirc_log_err("no virtio network card for network device "
				     "'%s': the machine has %u, taken by the "
				     "network devices connected before it", name,
				     claimed);
		return -ENODEV;
	}
	claimed++;
	rc = virtio_negotiate(self->dev, NET_F_MAC, &feat);
	if (rc != 0)
		mirc_log_err("network device '%s': the card at %s refused the "
			     "driver", name, virtio_where(self->dev));
	else
		rc = setup(self, feat);
	if (rc != 0) {
		virtio_fail(self->dev);
		return rc;
	}
	mirc_log_info("network device '%s' is the card at %s, MAC "
		      "%02x:%02x:%02x:%02x:%02x:%02x, MTU %u", name,
		      virtio_where(self->dev), self->info.mac[0],
		      self->info.mac[1], self->info.mac[2], self->info.mac[3],
		      self->info.mac[4], self->info.mac[5],
		      (unsigned)self->info.mtu);
	return 0;
}

void netif_virtio_info(struct netif_virtio *self, mirc_net_info *info)
{
	*info = self->info;
}

/* ---- frames ------------------------------------------------------------------------------ */

static void on_event(void *arg);

/* Take back the transmit buffers the card is done with: 0, or -EIO
 * (and the program ends) when it returns one it was not given. */
static int tx_reclaim(struct netif_virtio *self)
{
	uint16_t k;
	uint32_t used;

	while (virtq_pop(self->txq, &k, &used)) {
		if (k >= self->txq->size ||
		    self->ntx_free == self->txq->size) {
			mirc_log(MIRC_LOG_ERROR, "netif_virtio",
				 "network device '%s': the card returned a "
				 "buffer it was not given (%u)", self->name,
				 (unsigned)k);
			mirc_exit(1);
			return -EIO;
		}
		self->tx_free[self->ntx_free++] = k;
	}
	return 0;
}

/* Watch the card while there is a receiver, or while frames written
 * after the receiver left are still with the card (draining, with the
 * transmit interrupt on): the watch is what keeps the loop running, and
 * a NIC must not keep a program alive that has stopped listening, but
 * must not let it end before the card has sent what it was given. */
static void rewatch(struct netif_virtio *self)
{
	bool want;

	self->draining = !self->frame && self->ntx_free < self->txq->size;
	/* A buffer given back before this store is seen by has_work()
	 * before the loop sleeps: no wake-up is lost. */
	self->txq->avail->flags = self->draining ? 0 : VRING_AVAIL_F_NO_INTERRUPT;
	want = self->frame || self->draining;
	if (want && !self->watching) {
		int rc = mirc_fd_watch(self->fd, MIRC_FD_READ, on_event, self);
		if (rc < 0) {
			mirc_log(MIRC_LOG_ERROR, "netif_virtio",
				 "network device '%s': cannot wait for the "
				 "card (%d)", self->name, rc);
			mirc_exit(1);
			return;
		}
		self->watching = true;
	} else if (!want && self->watching) {
		mirc_fd_unwatch(self->fd, MIRC_FD_READ);
		self->watching = false;
	}
}

/* Frames arrived: hand each to the receiver, give its buffer back. */
static void on_event(void *arg)
{
	struct netif_virtio *self = arg;
	bool given = false;
	uint16_t k;
	uint32_t len;

	self->watching = false;		/* watches are one-shot */
	if (tx_reclaim(self) < 0)
		return;
	for (int i = 0; i < BATCH && self->frame &&
			virtq_pop(self->rxq, &k, &len); i++) {
		if (k >= self->rxq->size) {
			mirc_log(MIRC_LOG_ERROR, "netif_virtio",
				 "network device '%s': the card returned a "
				 "buffer it was not given (%u)", self->name,
				 (unsigned)k);
			mirc_exit(1);
			return;
		}
		/* A runt or a frame over the MTU (the card wrote past
		 * what fits only if it ignores the buffer's length). */
		if (len < self->hdr + 14 || len > self->slot) {
			if (self->dropped_rx++ == 0)
				mirc_log_warn("network device '%s': dropped a "
					      "%" PRIu32 "-byte frame (further "
					      "drops are not logged)",
					      self->name, len);
		} else {
			self->frame(self->frame_arg, rx_buf(self, k) + self->hdr,
				    len - self->hdr);
		}
		rx_give(self, k);
		given = true;
	}
	if (given)
		virtio_notify(self->dev, self->rxq);
	rewatch(self);
}

int netif_virtio_listen(struct netif_virtio *self, mirc_net_frame_cb frame,
			void *arg)
{
	if (frame && self->frame)
		return -EBUSY;
	self->frame = frame;
	self->frame_arg = frame ? arg : NULL;
	rewatch(self);
	return 0;
}

int netif_virtio_write(struct netif_virtio *self, size_t len,
		       mirc_net_fill_cb fill, void *arg)
{
	unsigned char *buf;
	uint16_t k;
	size_t n;

	if (len > NETIF_VIRTIO_FRAME_MAX)
		return -EMSGSIZE;
	/* Take back what the card has sent. */
	if (tx_reclaim(self) < 0)
		return -EIO;
	if (self->ntx_free == 0) {
		if (self->dropped_tx++ == 0)
			mirc_log_warn("network device '%s': every transmit "
				      "buffer is with the card: dropped a frame "
				      "(further drops are not logged)",
				      self->name);
		return -ENOBUFS;
	}
	k = self->tx_free[self->ntx_free - 1];
	buf = tx_buf(self, k);
	n = fill(arg, buf + self->hdr, len);
	if (n == 0)
		return 0;
	if (n > len)
		n = len;	/* a fill that overstates: send what fits */
	self->ntx_free--;
	/* No checksum offload, no GSO: an all-zero header. */
	memset(buf, 0, self->hdr);
	self->txq->desc[k] = (struct vring_desc){
		virtio_phys(buf), (uint32_t)(self->hdr + n), 0, 0 };
	virtq_push(self->txq, k);
	virtio_notify(self->dev, self->txq);
	if (!self->frame)
		rewatch(self);	/* written after the receiver left: drain */
	return 0;
}
