/* SPDX-License-Identifier: MIT */
#ifndef CHAIN_H
#define CHAIN_H

struct fwd {
	struct COUNTER below;
};

#endif
