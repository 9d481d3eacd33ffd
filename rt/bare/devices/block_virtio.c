/* SPDX-License-Identifier: MIT */
/*
 * block_virtio.c - BLOCK: a virtio-blk disk (virtio 1.2, section 5.2),
 * through the shared virtio layer (rt/bare/virtio/: virtio-mmio on
 * microvm and on the virt machines, legacy virtio-pci on pc).
 *
 * One virtqueue.  Its descriptors are grouped in fixed triples, "slots":
 * the request header, the data, the status byte; a slot carries one
 * virtio request.  A BLOCK read or write is cut into requests of at
 * most `chunk` sectors, which take slots as they free up (requests
 * beyond the queue's capacity wait in a list, in order), and is done
 * when its last request has.
 *
 * Completions are delivered in the order the operations were started
 * (mir(5)), although the device returns requests in any order and a
 * request refused at once (a bad range, a read-only disk) or empty has
 * nothing to wait for: every operation joins the `first`..`last` list
 * when it is started and leaves it, from its head only, when its done
 * runs.  Each delivery is a deferred call of its own (deliver()), so
 * that a callback that starts the next operation never runs inside the
 * driver's own bookkeeping and mirc_exit() stops the rest.
 *
 * The device's fd is watched exactly while slots are in use (start()
 * decides, after every change): the watch is what keeps the event loop
 * running under a request in flight, and a watch left behind once the
 * last request is back would keep it running for ever (qemu never
 * exits).  Operations finished but not delivered are kept alive by the
 * deferred call instead.
 *
 * The driver accepts neither VIRTIO_BLK_F_FLUSH nor CONFIG_WCE, so the
 * device writes through (qemu then disables its write cache): BLOCK has
 * no flush, and a write reported done is on the disk.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mirc/rt.h"
#include "bare/virtio/virtio.h"
#include "block_virtio.h"

#define SECTOR 512u
#define QUEUE_MAX 256		/* descriptors asked for (MMIO) */
#define CHUNK_MAX 256u		/* sectors in one request: 128 KiB */

/* Features, configuration fields, request types and statuses. */
#define BLK_F_SIZE_MAX (UINT64_C(1) << 1)
#define BLK_F_RO (UINT64_C(1) << 5)
#define BLK_F_BLK_SIZE (UINT64_C(1) << 6)
#define CFG_CAPACITY 0		/* u64, in 512-byte sectors */
#define CFG_SIZE_MAX 8		/* u32, bytes in one buffer */
#define CFG_BLK_SIZE 20		/* u32, the logical block */
#define T_IN 0
#define T_OUT 1
#define S_OK 0
#define S_NONE 0xff		/* not written by the device */

struct blk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* One BLOCK operation. */
struct block_virtio_req {
	struct block_virtio_req *next;	/* in the waiting list */
	struct block_virtio_req *later;	/* started after it */
	mirc_block_cb done;
	void *arg;
	uint32_t type;
	uint64_t sector;	/* of the next piece to submit */
	uint64_t addr;		/* its data */
	size_t left;		/* sectors not submitted yet */
	unsigned pieces;	/* submitted, not completed */
	int err;		/* the first error */
};

/* Descriptors 3k (header), 3k + 1 (data), 3k + 2 (status) of slot k;
 * the header and the status byte the device reads and writes. */
struct block_virtio_slot {
	struct blk_hdr hdr;
	struct block_virtio_req *req;
	volatile uint8_t status;
};

/* Disks claimed so far, for the message when none is left. */
static unsigned claimed;

/* The device's event source: the queue has completed requests. */
static bool has_work(void *ctx)
{
	struct block_virtio *self = ctx;

	return virtq_has_used(self->q);
}

static int setup(struct block_virtio *self, uint64_t feat)
{
	struct virtq *q;
	int rc;

	self->read_write = !(feat & BLK_F_RO);
	self->sectors = virtio_config64(self->dev, CFG_CAPACITY);
	if (feat & BLK_F_BLK_SIZE) {
		uint32_t bs = virtio_config32(self->dev, CFG_BLK_SIZE);
		if (bs != SECTOR) {
			mirc_log_err("block device '%s': the disk at %s has "
				     "%" PRIu32 "-byte logical blocks; "
				     "block_virtio needs 512", self->name,
				     virtio_where(self->dev), bs);
			return -ENOTSUP;
		}
	}
	self->chunk = CHUNK_MAX;
	if (feat & BLK_F_SIZE_MAX) {
		uint32_t max = virtio_config32(self->dev, CFG_SIZE_MAX);
		if (max < SECTOR) {
			mirc_log_err("block device '%s': the disk at %s takes "
				     "buffers of %" PRIu32 " bytes at most, "
				     "less than a sector", self->name,
				     virtio_where(self->dev), max);
			return -ENOTSUP;
		}
		if (max / SECTOR < self->chunk)
			self->chunk = max / SECTOR;
	}
	if (!(self->q = q = calloc(1, sizeof(*q))))
		goto nomem;
	if ((rc = virtio_queue_init(self->dev, q, 0, QUEUE_MAX)) != 0) {
		if (rc == -ENOMEM)
			goto nomem;
		mirc_log_err("block device '%s': the disk at %s has no "
			     "request queue", self->name,
			     virtio_where(self->dev));
		return rc;
	}
	self->nslots = q->size / 3;
	if (self->nslots == 0) {
		mirc_log_err("block device '%s': the disk at %s has a queue "
			     "of %u descriptors, too few for a request",
			     self->name, virtio_where(self->dev), q->size);
		return -ENOTSUP;
	}
	self->slots = calloc(self->nslots, sizeof(*self->slots));
	self->free = calloc(self->nslots, sizeof(*self->free));
	if (!self->slots || !self->free)
		goto nomem;
	for (unsigned k = 0; k < self->nslots; k++) {
		struct vring_desc *d = &q->desc[3 * k];

		d[0] = (struct vring_desc){ virtio_phys(&self->slots[k].hdr),
					    sizeof(struct blk_hdr),
					    VRING_DESC_F_NEXT,
					    (uint16_t)(3 * k + 1) };
		d[1] = (struct vring_desc){ 0, 0, VRING_DESC_F_NEXT,
					    (uint16_t)(3 * k + 2) };
		d[2] = (struct vring_desc){ virtio_phys(&self->slots[k].status),
					    1, VRING_DESC_F_WRITE, 0 };
		/* Taken from the end: slot 0 first. */
		self->free[k] = (uint16_t)(self->nslots - 1 - k);
	}
	self->nfree = self->nslots;
	self->fd = virtio_event_fd(self->dev, has_work, self);
	if (self->fd < 0) {
		mirc_log_err("block device '%s': cannot take the interrupt of "
			     "the disk at %s", self->name,
			     virtio_where(self->dev));
		return self->fd;
	}
	virtio_driver_ok(self->dev);
	return 0;
nomem:
	mirc_log_err("block device '%s': no memory for the queue of the "
		     "disk at %s", self->name, virtio_where(self->dev));
	return -ENOMEM;
}

int block_virtio_connect(struct block_virtio *self, const char *name)
{
	uint64_t feat;
	int rc;

	if (!virtio_name_ok(name)) {
		mirc_log_err("'%s' is not a block device name: Solo5 device "
			     "names are 1 to %d letters and digits", name,
			     VIRTIO_NAME_MAX);
		return -EINVAL;
	}
	*self = (struct block_virtio){ .name = name, .fd = -1 };
	if (!(self->dev = virtio_claim(VIRTIO_ID_BLOCK))) {
		if (claimed == 0)
			mirc_log_err("no virtio disk for block device '%s': "
				     "the machine has none (make run attaches "
				     "%s.img; qemu: -drive file=%s.img,if=none,"
				     "format=raw,id=%s -device "
				     "virtio-blk-device,drive=%s on microvm, "
				     "virtio-blk-pci on pc)", name, name, name,
				     name, name);
		else
			mirc_log_err("no virtio disk for block device '%s': "
				     "the machine has %u, taken by the block "
				     "devices connected before it", name,
				     claimed);
		return -ENODEV;
	}
	claimed++;
	rc = virtio_negotiate(self->dev,
			      BLK_F_RO | BLK_F_BLK_SIZE | BLK_F_SIZE_MAX, &feat);
	if (rc != 0)
		mirc_log_err("block device '%s': the disk at %s refused the "
			     "driver", name, virtio_where(self->dev));
	else
		rc = setup(self, feat);
	if (rc != 0) {
		virtio_fail(self->dev);
		return rc;
	}
	mirc_log_debug("block device '%s' is the disk at %s: %" PRIu64
		       " sectors (%" PRIu64 " KiB), %s", name,
		       virtio_where(self->dev), self->sectors,
		       self->sectors / 2, self->read_write ? "read-write"
							   : "read-only");
	return 0;
}

void block_virtio_info(struct block_virtio *self, mirc_block_info *info)
{
	*info = (mirc_block_info){ SECTOR, self->sectors, self->read_write };
}

/* ---- requests ---------------------------------------------------------------------------- */

static void on_event(void *arg);
static void deliver(void *arg);

/* Every sector submitted and every piece back (or nothing to submit). */
static bool finished(const struct block_virtio_req *r)
{
	return r->left == 0 && r->pieces == 0;
}

/* Deliver the oldest operation once it is finished, from the loop. */
static void schedule(struct block_virtio *self)
{
	if (!self->delivering && self->first && finished(self->first)) {
		self->delivering = true;
		mirc_defer(deliver, self);
	}
}

/* Watch the device exactly while a request is in flight. */
static void watch(struct block_virtio *self)
{
	int rc;

	if (self->nfree == self->nslots) {
		mirc_fd_unwatch(self->fd, MIRC_FD_READ);
		return;
	}
	rc = mirc_fd_watch(self->fd, MIRC_FD_READ, on_event, self);
	if (rc < 0) {
		mirc_log(MIRC_LOG_ERROR, "block_virtio",
			 "block device '%s': cannot wait for the disk (%d)",
			 self->name, rc);
		mirc_exit(1);
	}
}

/* Give waiting requests the free slots, then watch the disk or stop
 * watching it, as what is in flight now says. */
static void start(struct block_virtio *self)
{
	bool pushed = false;

	while (self->head && self->nfree > 0) {
		struct block_virtio_req *r = self->head;
		size_t n = r->left < self->chunk ? r->left : self->chunk;
		uint16_t k = self->free[--self->nfree];
		struct block_virtio_slot *s = &self->slots[k];
		struct vring_desc *data = &self->q->desc[3 * k + 1];

		s->hdr = (struct blk_hdr){ r->type, 0, r->sector };
		s->status = S_NONE;
		s->req = r;
		data->addr = r->addr;
		data->len = (uint32_t)(n * SECTOR);
		data->flags = VRING_DESC_F_NEXT |
			      (r->type == T_IN ? VRING_DESC_F_WRITE : 0);
		virtq_push(self->q, (uint16_t)(3 * k));
		pushed = true;
		r->sector += n;
		r->addr += n * SECTOR;
		r->left -= n;
		r->pieces++;
		if (r->left == 0) {
			self->head = r->next;
			if (!self->head)
				self->tail = NULL;
		}
	}
	if (pushed)
		virtio_notify(self->dev, self->q);
	watch(self);
}

/* The device returned requests: free their slots, note which
 * operations are finished, start what was waiting.  No callback runs
 * here: the oldest operation, once finished, is delivered by deliver(). */
static void on_event(void *arg)
{
	struct block_virtio *self = arg;
	uint16_t head;
	uint32_t len;

	while (virtq_pop(self->q, &head, &len)) {
		unsigned k = head / 3u;
		struct block_virtio_slot *s;
		struct block_virtio_req *r;

		if (head % 3 != 0 || k >= self->nslots ||
		    !(r = (s = &self->slots[k])->req)) {
			mirc_log(MIRC_LOG_ERROR, "block_virtio",
				 "block device '%s': the disk returned a "
				 "request it was not given (%u)", self->name,
				 (unsigned)head);
			mirc_exit(1);
			return;
		}
		s->req = NULL;
		self->free[self->nfree++] = (uint16_t)k;
		if (s->status != S_OK && r->err == 0)
			r->err = -EIO;
		r->pieces--;
	}
	start(self);
	schedule(self);
}

/* Call done of the oldest operation (finished: schedule() said so); the
 * next one, if finished too, gets a deferred call of its own. */
static void deliver(void *arg)
{
	struct block_virtio *self = arg;
	struct block_virtio_req *r = self->first;
	mirc_block_cb done = r->done;
	void *darg = r->arg;
	int err = r->err;

	self->delivering = false;
	self->first = r->later;
	if (!self->first)
		self->last = NULL;
	free(r);
	done(darg, err);
	schedule(self);
}

static void submit(struct block_virtio *self, uint32_t type, uint64_t sector,
		   uint64_t addr, size_t n, mirc_block_cb done, void *arg)
{
	struct block_virtio_req *r = malloc(sizeof(*r));
	int err = 0;

	if (!r) {
		/* done can run neither now (the contract) nor later. */
		mirc_log(MIRC_LOG_ERROR, "block_virtio",
			 "out of memory for a request");
		mirc_exit(1);
		return;
	}
	if (type == T_OUT && !self->read_write)
		err = -EROFS;
	else if (sector > self->sectors || n > self->sectors - sector ||
		 n > SIZE_MAX / SECTOR)
		err = -EINVAL;
	*r = (struct block_virtio_req){ .done = done, .arg = arg,
		.type = type, .sector = sector, .addr = addr,
		.left = err ? 0 : n, .err = err };
	/* In line behind every operation started before it, refused or
	 * empty ones included: they wait for their turn like the rest. */
	if (self->last)
		self->last->later = r;
	else
		self->first = r;
	self->last = r;
	if (r->left == 0) {
		schedule(self);
		return;
	}
	if (self->tail)
		self->tail->next = r;
	else
		self->head = r;
	self->tail = r;
	start(self);
}

void block_virtio_read(struct block_virtio *self, uint64_t sector, void *buf,
		       size_t nsectors, mirc_block_cb done, void *arg)
{
	submit(self, T_IN, sector, virtio_phys(buf), nsectors, done, arg);
}

void block_virtio_write(struct block_virtio *self, uint64_t sector,
			const void *buf, size_t nsectors, mirc_block_cb done,
			void *arg)
{
	submit(self, T_OUT, sector, virtio_phys(buf), nsectors, done, arg);
}
