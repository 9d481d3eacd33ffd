/* SPDX-License-Identifier: MIT */
/* sink.c - SINK: log lines with a prefix; connect logs its runtime args. */
#include <inttypes.h>

#include "mirc.h"

int sink_connect(struct sink *self, const char *prefix, int64_t port,
		 mirc_opt_ipv4 gateway, int mode)
{
	self->prefix = prefix;
	if (gateway.present)
		mirc_log_info("connect: port %" PRId64 ", gateway %u.%u.%u.%u, mode %d",
			      port, gateway.value.b[0], gateway.value.b[1],
			      gateway.value.b[2], gateway.value.b[3], mode);
	else
		mirc_log_info("connect: port %" PRId64 ", no gateway, mode %d",
			      port, mode);
	return 0;
}

void sink_put(struct sink *self, const char *s)
{
	mirc_log_info("%s%s", self->prefix, s);
}
