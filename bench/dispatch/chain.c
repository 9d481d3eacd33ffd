/* SPDX-License-Identifier: MIT */
/* The chain's links: each call goes through the handle of the one below. */
#include "mirc.h"

uint64_t leaf_step(uint64_t x)
{
	return x + 1;
}

int fwd_connect(struct fwd *self, struct COUNTER below)
{
	self->below = below;
	return 0;
}

uint64_t fwd_step(struct fwd *self, uint64_t x)
{
	return COUNTER_step(self->below, x) + 1;
}
