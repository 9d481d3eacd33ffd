/* SPDX-License-Identifier: MIT */
/*
 * http_server.h - http_static, the prelude's HTTP_SERVER: the files of a
 * KV_RO served over HTTP/1.1 on a STACK (mir(5), HTTP SERVER).  serve
 * returns at once; connections are then accepted and answered from the
 * event loop until exit_after of them were served (0: forever).
 */
#ifndef MIRC_NET_HTTP_SERVER_H
#define MIRC_NET_HTTP_SERVER_H

#include <stdbool.h>
#include <stdint.h>

struct http_static {
	struct STACK stack;
	struct KV_RO kv;
	struct PCLOCK clock;
	const char *src;	/* the device's log source */
	uint16_t port;
	bool serving;		/* serve succeeded: once per device */
	uint64_t idle;		/* ns */
	uint64_t exit_after;	/* 0: serve forever */
	uint64_t accepted, freed;
};

int http_static_connect(struct http_static *self, struct STACK stack,
			struct KV_RO kv, struct PCLOCK clock);
/* 0 once listening on port; -EBUSY when already serving, -EINVAL for
 * port or idle_timeout_ns 0, or the stack's tcp_listen error
 * (-EADDRINUSE, -EACCES, ...). */
int http_static_serve(struct http_static *self, uint16_t port,
		      uint64_t exit_after, uint64_t idle_timeout_ns);

#endif
