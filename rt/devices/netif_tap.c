/* SPDX-License-Identifier: MIT */
/*
 * netif_tap.c - NETWORK on a Linux TAP interface (see netif_tap.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>
#endif

#include "mirc.h"

/* Frames taken per wake-up, so that a flooding peer cannot keep the
 * loop from its timers and other fds: the next batch waits for the next
 * poll. */
#define BATCH 64

/* Why opening failed, in words a user can act on. */
static void open_failed(const char *name, const char *step, int err)
{
	const char *why = "";

	if (err == EPERM || err == EACCES)
		why = " (needs root or CAP_NET_ADMIN, or a TAP made persistent "
		      "for this user: ip tuntap add dev NAME mode tap user USER)";
	else if (err == ENOENT || err == ENODEV || err == ENXIO)
		why = " (no TUN/TAP support: load the tun module)";
	else if (err == EBUSY)
		why = " (another program has it open)";
	else if (err == EINVAL)
		why = " (is it a TAP interface? TUN and other interfaces are not)";
	mirc_log_err("cannot open TAP interface %s: %s: %s%s", name, step,
		     strerror(err), why);
}

#ifdef __linux__

int netif_tap_connect(struct netif_tap *self, struct RANDOM rng,
		      const char *interface)
{
	struct ifreq ifr;
	size_t n = strlen(interface);
	bool existed;
	int fd, err;

	memset(self, 0, sizeof *self);
	self->fd = -1;
	if (n == 0 || n >= sizeof ifr.ifr_name || strchr(interface, '/')) {
		mirc_log_err("--interface: '%s' is not an interface name "
			     "(1 to %zu bytes, no '/')", interface,
			     sizeof ifr.ifr_name - 1);
		return -EINVAL;
	}
	memcpy(self->name, interface, n + 1);
	existed = if_nametoindex(interface) != 0;
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		open_failed(interface, "/dev/net/tun", err);
		return -err;
	}
	memset(&ifr, 0, sizeof ifr);
	memcpy(ifr.ifr_name, interface, n);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		err = errno;
		close(fd);
		open_failed(interface, "TUNSETIFF", err);
		return -err;
	}
	if (!existed)
		mirc_log_warn("TAP interface %s did not exist: the kernel made "
			      "it, down and without addresses, for this run "
			      "only", interface);
	self->fd = fd;
	/* Locally administered (bit 1) unicast (bit 0 clear). */
	RANDOM_fill(rng, self->info.mac, sizeof self->info.mac);
	self->info.mac[0] = (uint8_t)((self->info.mac[0] & 0xfe) | 0x02);
	self->info.mtu = NETIF_TAP_MTU;
	mirc_log_info("TAP %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, MTU %u",
		      interface, self->info.mac[0], self->info.mac[1],
		      self->info.mac[2], self->info.mac[3], self->info.mac[4],
		      self->info.mac[5], (unsigned)self->info.mtu);
	return 0;
}

#else

int netif_tap_connect(struct netif_tap *self, struct RANDOM rng,
		      const char *interface)
{
	(void)rng;
	memset(self, 0, sizeof *self);
	self->fd = -1;
	open_failed(interface, "TUN/TAP", ENOTSUP);
	mirc_log_err("netif_tap is Linux's TUN/TAP driver: this system has none");
	return -ENOTSUP;
}

#endif

void netif_tap_info(struct netif_tap *self, mirc_net_info *info)
{
	*info = self->info;
}

static void on_readable(void *arg);

/* Watch fd for frames while there is a receiver (and only then: the
 * watch keeps the program alive). */
static void rewatch(struct netif_tap *self)
{
	if (self->frame && !self->watching && self->fd >= 0) {
		int rc = mirc_fd_watch(self->fd, MIRC_FD_READ, on_readable, self);
		if (rc < 0)
			mirc_log_err("%s: cannot watch the TAP: %s", self->name,
				     strerror(-rc));
		else
			self->watching = true;
	} else if (!self->frame && self->watching) {
		mirc_fd_unwatch(self->fd, MIRC_FD_READ);
		self->watching = false;
	}
}

static void on_readable(void *arg)
{
	struct netif_tap *self = arg;

	self->watching = false;		/* watches are one-shot */
	for (int i = 0; i < BATCH && self->frame; i++) {
		ssize_t n = read(self->fd, self->rx, sizeof self->rx);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			/* The interface went away (EBADFD, EIO): nothing
			 * more will come, and watching again would spin. */
			mirc_log_err("%s: read: %s; no more frames are received",
				     self->name, strerror(errno));
			self->frame = NULL;
			return;
		}
		if (n < 14)
			continue;	/* a runt: not even a header */
		if ((size_t)n > NETIF_TAP_FRAME_MAX) {
			if (self->dropped_rx++ == 0)
				mirc_log_warn("%s: dropped a %zd-byte frame (MTU "
					      "%d; further drops are not "
					      "logged)", self->name, n,
					      NETIF_TAP_MTU);
			continue;
		}
		self->frame(self->frame_arg, self->rx, (size_t)n);
	}
	rewatch(self);
}

int netif_tap_listen(struct netif_tap *self, mirc_net_frame_cb frame,
		     void *arg)
{
	if (frame && self->frame)
		return -EBUSY;
	self->frame = frame;
	self->frame_arg = frame ? arg : NULL;
	rewatch(self);
	return 0;
}

int netif_tap_write(struct netif_tap *self, size_t len, mirc_net_fill_cb fill,
		    void *arg)
{
	size_t n;
	ssize_t w;

	if (len > sizeof self->tx)
		return -EMSGSIZE;
	if (self->fd < 0)
		return -ENETDOWN;
	n = fill(arg, self->tx, len);
	if (n == 0)
		return 0;
	if (n > len)
		n = len;	/* a fill that overstates: send what fits */
	do
		w = write(self->fd, self->tx, n);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? -ENOBUFS : -errno;
	return 0;
}
