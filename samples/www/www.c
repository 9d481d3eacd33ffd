/* SPDX-License-Identifier: MIT */
/*
 * www.c - the job of samples/www: the prelude's HTTP server device
 * (http_static, an HTTP_SERVER) started on the program's own runtime
 * args --port, --exit-after and --idle-timeout.  Everything HTTP is in
 * the device (rt/net/http_server.c); this file checks the args, which
 * only it can name in its errors, and says what to do when the port is
 * refused.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "mirc.h"

int www_start(struct HTTP_SERVER http, int64_t port, int64_t exit_after,
	      uint64_t idle_timeout)
{
	int err;

	if (port < 1 || port > 65535) {
		mirc_log_err("--port=%" PRId64 ": not a port (1 to 65535)",
			     port);
		return 1;
	}
	if (exit_after < 0) {
		mirc_log_err("--exit-after=%" PRId64 ": not a number of "
			     "connections", exit_after);
		return 1;
	}
	if (idle_timeout == 0) {
		mirc_log_err("--idle-timeout must be more than 0");
		return 1;
	}
	/* serve returns at once: the device answers from the event loop,
	 * which ends (status 0) after the last of exit_after connections. */
	err = HTTP_SERVER_serve(http, (uint16_t)port, (uint64_t)exit_after,
				idle_timeout);
	if (err) {
		mirc_log_err("cannot serve HTTP on port %" PRId64 ": %s", port,
			     strerror(-err));
		/* The default, 80, needs privileges most users lack. */
		if (err == -EACCES && port < 1024)
			mirc_log_err("ports below 1024 need root or "
				     "CAP_NET_BIND_SERVICE: try --port=%" PRId64,
				     port + 8000);
		return 1;
	}
	return 0;
}
