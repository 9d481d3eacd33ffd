/* SPDX-License-Identifier: MIT */
/* dev.c - DEV impls that log their connect; `second` may fail it. */
#include <errno.h>

#include "mirc.h"

int first_connect(struct first *self)
{
	self->id = 1;
	mirc_log_info("connected");
	return 0;
}

int first_id(struct first *self)
{
	return self->id;
}

int second_connect(struct second *self, struct DEV below, int fail_at)
{
	if (fail_at == FAIL_AT_CONNECT) {
		mirc_log_info("failing on purpose");
		return -ENOENT;
	}
	self->below = below;
	self->id = DEV_id(below) + 1;
	mirc_log_info("connected above device %d", DEV_id(below));
	return 0;
}

int second_id(struct second *self)
{
	return self->id;
}

int third_connect(struct third *self, struct DEV below)
{
	self->below = below;
	self->id = DEV_id(below) + 1;
	mirc_log_info("connected above device %d", DEV_id(below));
	return 0;
}

int third_id(struct third *self)
{
	return self->id;
}
