/* SPDX-License-Identifier: MIT */
/*
 * net_echo.c - the baseline of bench/net.sh: a plain, hand-written TCP
 * echo server on Linux epoll, what a careful C programmer would write
 * without a runtime.  Level-triggered, nonblocking, one buffer per
 * connection; while a connection's echo does not fit in the kernel's
 * send buffer it stops reading it (backpressure) and waits for EPOLLOUT.
 *
 *   net_echo PORT        serve 127.0.0.1:PORT until killed
 *
 * Not a test, and not part of mirc: only bench/net.sh runs it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 65536

struct conn {
	int fd;
	size_t len, off;	/* buf[off..len) still to be written back */
	char buf[BUF_SIZE];
};

static int epfd;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void set_events(struct conn *c, int op, unsigned events)
{
	struct epoll_event e = { .events = events, .data.ptr = c };

	if (epoll_ctl(epfd, op, c->fd, &e) < 0)
		die("epoll_ctl");
}

static void drop(struct conn *c)
{
	close(c->fd);	/* also leaves the epoll set */
	free(c);
}

/* Write back what is pending; 0 when all of it went, 1 when the kernel
 * is full (then wait for EPOLLOUT), -1 when the connection is gone. */
static int flush(struct conn *c)
{
	while (c->off < c->len) {
		ssize_t n = write(c->fd, c->buf + c->off, c->len - c->off);
		if (n > 0)
			c->off += (size_t)n;
		else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 1;
		else if (n < 0 && errno == EINTR)
			continue;
		else
			return -1;
	}
	c->off = c->len = 0;
	return 0;
}

static void on_conn(struct conn *c, unsigned events)
{
	if (c->len > 0) {	/* waiting for room: EPOLLOUT */
		int rc = flush(c);
		if (rc < 0) {
			drop(c);
		} else if (rc == 0) {
			set_events(c, EPOLL_CTL_MOD, EPOLLIN);
		}
		return;
	}
	if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		return;
	ssize_t n = read(c->fd, c->buf, sizeof(c->buf));
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		drop(c);
		return;
	}
	if (n < 0)
		return;
	c->len = (size_t)n;
	c->off = 0;
	int rc = flush(c);
	if (rc < 0)
		drop(c);
	else if (rc > 0)
		set_events(c, EPOLL_CTL_MOD, EPOLLOUT);
}

static void on_accept(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
			    errno != ECONNABORTED)
				perror("accept4");
			return;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		struct conn *c = malloc(sizeof(*c));
		if (!c)
			die("malloc");
		c->fd = fd;
		c->len = c->off = 0;
		set_events(c, EPOLL_CTL_ADD, EPOLLIN);
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct epoll_event ev[64];
	struct rlimit rl;
	int lfd, one = 1;
	static int listen_tag;	/* data.ptr of the listening socket */

	if (argc != 2) {
		fprintf(stderr, "usage: net_echo PORT\n");
		return 2;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind");
	if (listen(lfd, 4096) < 0)
		die("listen");
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		die("epoll_create1");
	struct epoll_event le = { .events = EPOLLIN, .data.ptr = &listen_tag };
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &le) < 0)
		die("epoll_ctl");
	for (;;) {
		int n = epoll_wait(epfd, ev, 64, -1);
		if (n < 0 && errno != EINTR)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			if (ev[i].data.ptr == &listen_tag)
				on_accept(lfd);
			else
				on_conn(ev[i].data.ptr, ev[i].events);
		}
	}
}
