/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int fast_ticker_connect(struct fast_ticker *self)
{
	self->ticks = 100;
	return 0;
}

int fast_ticker_tick(struct fast_ticker *self)
{
	return ++self->ticks;
}
