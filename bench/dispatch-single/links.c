/* SPDX-License-Identifier: MIT */
/* The links of the single-impl chain: each calls the one below. */
#include "mirc.h"

uint64_t leaf_step(uint64_t x)
{
	return x + 1;
}

int fwd1_connect(struct fwd1 *self, struct C0 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd1_step(struct fwd1 *self, uint64_t x)
{
	return C0_step(self->below, x) + 1;
}

int fwd2_connect(struct fwd2 *self, struct C1 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd2_step(struct fwd2 *self, uint64_t x)
{
	return C1_step(self->below, x) + 1;
}

int fwd3_connect(struct fwd3 *self, struct C2 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd3_step(struct fwd3 *self, uint64_t x)
{
	return C2_step(self->below, x) + 1;
}

int fwd4_connect(struct fwd4 *self, struct C3 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd4_step(struct fwd4 *self, uint64_t x)
{
	return C3_step(self->below, x) + 1;
}

int fwd5_connect(struct fwd5 *self, struct C4 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd5_step(struct fwd5 *self, uint64_t x)
{
	return C4_step(self->below, x) + 1;
}

int fwd6_connect(struct fwd6 *self, struct C5 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd6_step(struct fwd6 *self, uint64_t x)
{
	return C5_step(self->below, x) + 1;
}

int fwd7_connect(struct fwd7 *self, struct C6 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd7_step(struct fwd7 *self, uint64_t x)
{
	return C6_step(self->below, x) + 1;
}

int fwd8_connect(struct fwd8 *self, struct C7 below)
{
	self->below = below;
	return 0;
}

uint64_t fwd8_step(struct fwd8 *self, uint64_t x)
{
	return C7_step(self->below, x) + 1;
}
