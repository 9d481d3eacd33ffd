/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int slow_ticker_connect(struct slow_ticker *self, struct CLOCK clock)
{
	self->clock = clock;
	self->ticks = 0;
	return 0;
}

int slow_ticker_tick(struct slow_ticker *self)
{
	self->ticks += (int)CLOCK_now(self->clock);
	return self->ticks;
}
