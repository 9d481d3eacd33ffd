/* SPDX-License-Identifier: MIT */
/*
 * net_load.c - the load client of bench/net.sh, against any TCP echo
 * server:
 *
 *   net_load HOST PORT IDLE ROUNDS BYTES
 *
 * opens IDLE connections and has each echo one byte (so the server has
 * accepted it and waits on it), leaves them idle, then on one more
 * connection (TCP_NODELAY) times ROUNDS round trips of a 64-byte message
 * (after ROUNDS/10 unmeasured ones) and echoes BYTES of patterned data as
 * fast as the server takes them, writing and reading at once, checking
 * every byte that comes back.  Prints one line:
 *
 *   rtt_median_us=4.81 rtt_p99_us=6.02 mbps=1520.3
 *
 * (MB = 10^6 bytes) and exits 0, or says what went wrong and exits 1.
 * Not a test, and not part of mirc: only bench/net.sh runs it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MSG 64
#define CHUNK 65536

static const char *host, *port;

static void die(const char *what)
{
	fprintf(stderr, "net_load: %s: %s\n", what, errno ? strerror(errno) : "failed");
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A connected blocking socket; retries for a few seconds while the
 * server starts. */
static int dial(void)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
	int rc = getaddrinfo(host, port, &hints, &ai);

	if (rc) {
		fprintf(stderr, "net_load: %s: %s\n", host, gai_strerror(rc));
		exit(1);
	}
	for (int tries = 0;; tries++) {
		int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("socket");
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			freeaddrinfo(ai);
			return fd;
		}
		if (tries == 100)
			die("connect");
		close(fd);
		usleep(50000);
	}
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write");
		p += n;
		len -= (size_t)n;
	}
}

static void read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = 0;
		if (n <= 0)
			die("read (the server closed or failed)");
		p += n;
		len -= (size_t)n;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The data of the bulk echo: byte i is pat[i % PERIOD], a period prime
 * to every power of two, so a chunk lost, doubled or reordered shows;
 * pat[] is long enough to copy or compare a whole chunk from any phase. */
#define PERIOD 251
static unsigned char pat[CHUNK + PERIOD];

/* Echo `total` bytes: nonblocking, writing while reading, so neither
 * side's buffers ever stall the other. */
static double bulk(int fd, uint64_t total)
{
	static unsigned char in[CHUNK];
	uint64_t sent = 0, got = 0, t0;

	for (size_t i = 0; i < sizeof(pat); i++)
		pat[i] = (unsigned char)(i % PERIOD * 7);
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		die("fcntl");
	t0 = now_ns();
	while (got < total) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (sent < total)
			p.events |= POLLOUT;
		if (poll(&p, 1, 10000) <= 0)
			die("poll (no progress for 10 s)");
		if ((p.revents & POLLOUT) && sent < total) {
			size_t len = total - sent < CHUNK ? (size_t)(total - sent) : CHUNK;
			ssize_t n = write(fd, pat + sent % PERIOD, len);
			if (n > 0)
				sent += (uint64_t)n;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				die("write");
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = read(fd, in, sizeof(in));
			if (n == 0) {
				errno = 0;
				die("read (the server closed early)");
			}
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				die("read");
			if (n > 0 && memcmp(in, pat + got % PERIOD, (size_t)n) != 0) {
				errno = 0;
				die("the echo differs from what was sent");
			}
			if (n > 0)
				got += (uint64_t)n;
		}
	}
	return (double)total / ((double)(now_ns() - t0) / 1e9) / 1e6;
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	unsigned char msg[MSG], back[MSG];
	long idle, rounds;
	uint64_t bytes, *rtt;
	int *idle_fd, fd, one = 1;
	double mbps;

	if (argc != 6) {
		fprintf(stderr, "usage: net_load HOST PORT IDLE ROUNDS BYTES\n");
		return 2;
	}
	host = argv[1];
	port = argv[2];
	idle = atol(argv[3]);
	rounds = atol(argv[4]);
	bytes = strtoull(argv[5], NULL, 10);
	if (idle < 0 || rounds < 10 || bytes == 0) {
		fprintf(stderr, "net_load: bad arguments\n");
		return 2;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	idle_fd = calloc((size_t)idle + 1, sizeof(*idle_fd));
	rtt = calloc((size_t)rounds, sizeof(*rtt));
	if (!idle_fd || !rtt)
		die("calloc");
	for (long i = 0; i < idle; i++) {
		char c = 'i';
		idle_fd[i] = dial();
		write_all(idle_fd[i], &c, 1);
		read_all(idle_fd[i], &c, 1);
	}

	fd = dial();
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	memset(msg, 'x', sizeof(msg));
	for (long i = -rounds / 10; i < rounds; i++) {
		uint64_t t0 = now_ns();
		msg[0] = (unsigned char)i;
		write_all(fd, msg, sizeof(msg));
		read_all(fd, back, sizeof(back));
		if (memcmp(msg, back, sizeof(msg)) != 0) {
			errno = 0;
			die("the echo differs from what was sent");
		}
		if (i >= 0)
			rtt[i] = now_ns() - t0;
	}
	qsort(rtt, (size_t)rounds, sizeof(*rtt), cmp_u64);
	mbps = bulk(fd, bytes);
	printf("rtt_median_us=%.2f rtt_p99_us=%.2f mbps=%.1f\n",
	       (double)rtt[rounds / 2] / 1000, (double)rtt[rounds * 99 / 100] / 1000,
	       mbps);
	close(fd);
	for (long i = 0; i < idle; i++)
		close(idle_fd[i]);
	free(idle_fd);
	free(rtt);
	return 0;
}
