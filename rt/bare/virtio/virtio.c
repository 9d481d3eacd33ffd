/* SPDX-License-Identifier: MIT */
/*
 * virtio.c - what every virtio transport shares (see virtio.h; register
 * layouts and the order of initialisation from the virtio 1.2
 * specification, sections 2.6-2.7 and 3.1, including their "legacy
 * interface" parts): the table of devices the board found, the driver's
 * side of initialisation, split virtqueues, and the device's interrupt
 * as an event source of the loop (rt/bare/event.h).
 *
 * The board is asked for its devices once, at the first virtio_claim()
 * (virtio_board_probe()); a program without a virtio driver never
 * probes, and never links this file (-Wl,--gc-sections).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bare/event.h"
#include "bare/print.h"
#include "bare/virtio/virtio.h"
#include "bare/virtio/virtio_board.h"

#define MAX_DEVICES 32
static struct virtio_dev devices[MAX_DEVICES];
static int ndevices;
static bool probed;

/* ---- the devices found ----------------------------------------------------------------- */

char *virtio_put_hex(char *p, uint64_t v, int digits)
{
	while (digits-- > 0)
		*p++ = "0123456789abcdef"[(v >> (4 * digits)) & 15];
	return p;
}

char *virtio_put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

struct virtio_dev *virtio_dev_add(const struct virtio_transport *t,
				  uintptr_t base, uint32_t version,
				  uint32_t type, unsigned irq,
				  const char *where)
{
	struct virtio_dev *d;

	if (ndevices == MAX_DEVICES) {
		print_str("virtio: more than 32 virtio devices: ignoring the "
			  "rest\n");
		return NULL;
	}
	d = &devices[ndevices++];
	*d = (struct virtio_dev){ .t = t, .base = base, .version = version,
				  .type = type, .irq = irq };
	strncpy(d->where, where, sizeof(d->where) - 1);
	return d;
}

struct virtio_dev *virtio_claim(uint32_t type)
{
	if (!probed) {
		probed = true;
		virtio_board_probe();
	}
	for (int i = 0; i < ndevices; i++) {
		if (devices[i].type == type && !devices[i].claimed) {
			devices[i].claimed = true;
			return &devices[i];
		}
	}
	return NULL;
}

const char *virtio_where(const struct virtio_dev *d)
{
	return d->where;
}

/* ---- initialisation --------------------------------------------------------------------- */

static void add_status(struct virtio_dev *d, uint8_t bits)
{
	d->status = (uint8_t)(d->status | bits);
	d->t->set_status(d, d->status);
}

void virtio_fail(struct virtio_dev *d)
{
	add_status(d, VIRTIO_S_FAILED);
}

int virtio_negotiate(struct virtio_dev *d, uint64_t wanted, uint64_t *got)
{
	/* Reset; a modern device says when it is done. */
	d->status = 0;
	d->t->set_status(d, 0);
	for (int n = 0; n < 1000000 && d->t->get_status(d) != 0; n++)
		;
	add_status(d, VIRTIO_S_ACKNOWLEDGE);
	add_status(d, VIRTIO_S_DRIVER);
	return d->t->features(d, wanted, got);
}

uint32_t virtio_config32(struct virtio_dev *d, unsigned off)
{
	return d->t->config32(d, off);
}

uint64_t virtio_config64(struct virtio_dev *d, unsigned off)
{
	uint32_t gen, lo, hi;

	/* Two reads: a modern device's generation counter says whether
	 * the field changed in between; a legacy one cannot say (its
	 * generation is always 0). */
	do {
		gen = d->t->generation(d);
		lo = d->t->config32(d, off);
		hi = d->t->config32(d, off + 4);
	} while (gen != d->t->generation(d));
	return (uint64_t)hi << 32 | lo;
}

int virtio_queue_init(struct virtio_dev *d, struct virtq *q, unsigned index,
		      unsigned max)
{
	return d->t->queue_init(d, q, index, max);
}

void virtio_driver_ok(struct virtio_dev *d)
{
	add_status(d, VIRTIO_S_DRIVER_OK);
}

/* ---- virtqueues ------------------------------------------------------------------------- */

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) / a * a;
}

uint64_t virtio_phys(const volatile void *p)
{
	return virtio_board_phys(p);
}

/* The memory is never freed: devices live as long as the program. */
int virtio_ring_alloc(struct virtq *q, unsigned index, uint16_t size)
{
	size_t used_off = align_up(16u * size + 6u + 2u * size, VIRTIO_PAGE);
	size_t total = used_off + align_up(6u + 8u * size, VIRTIO_PAGE);
	unsigned char *mem = malloc(total + VIRTIO_PAGE - 1);

	if (!mem)
		return -ENOMEM;
	mem = (unsigned char *)align_up((uintptr_t)mem, VIRTIO_PAGE);
	memset(mem, 0, total);
	*q = (struct virtq){
		.index = index,
		.size = size,
		.desc = (struct vring_desc *)mem,
		.avail = (struct vring_avail *)(mem + 16u * size),
		.used = (struct vring_used *)(mem + used_off),
	};
	return 0;
}

void virtq_push(struct virtq *q, uint16_t head)
{
	uint16_t idx = q->avail->idx;

	q->avail->ring[idx & (q->size - 1)] = head;
	/* The entry before the index that publishes it. */
	__atomic_store_n(&q->avail->idx, (uint16_t)(idx + 1), __ATOMIC_RELEASE);
}

void virtio_notify(struct virtio_dev *d, const struct virtq *q)
{
	/* The new index is visible before the device is told. */
	virtio_board_barrier();
	d->t->notify(d, q->index);
}

bool virtq_has_used(const struct virtq *q)
{
	return __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE) != q->last_used;
}

bool virtq_pop(struct virtq *q, uint16_t *head, uint32_t *len)
{
	const struct vring_used_elem *e;

	/* The acquire load orders the entry's reads after the index's. */
	if (!virtq_has_used(q))
		return false;
	e = &q->used->ring[q->last_used & (q->size - 1)];
	*head = (uint16_t)e->id;
	*len = e->len;
	q->last_used++;
	return true;
}

/* ---- interrupts ------------------------------------------------------------------------- */

/* Acknowledge the interrupt (lowering a level-triggered line), then ask
 * the driver: work that arrives after this raises the line again.  The
 * barrier orders the acknowledgement before the reads of the rings. */
static bool device_ready(void *p)
{
	struct virtio_dev *d = p;

	d->t->ack(d);
	virtio_board_barrier();
	return d->ready(d->ctx);
}

int virtio_event_fd(struct virtio_dev *d, bool (*ready)(void *ctx), void *ctx)
{
	int rc = virtio_board_irq(d->irq);

	if (rc < 0) {
		print_str("virtio: ");
		print_str(d->where);
		print_str(": cannot route its interrupt (");
		print_dec(d->irq);
		print_str(")\n");
		return rc;
	}
	d->ready = ready;
	d->ctx = ctx;
	return event_add(device_ready, d);
}

bool virtio_name_ok(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return n >= 1 && n <= VIRTIO_NAME_MAX;
}
