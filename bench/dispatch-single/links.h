/* SPDX-License-Identifier: MIT */
#ifndef LINKS_H
#define LINKS_H

struct fwd1 {
	struct C0 below;
};

struct fwd2 {
	struct C1 below;
};

struct fwd3 {
	struct C2 below;
};

struct fwd4 {
	struct C3 below;
};

struct fwd5 {
	struct C4 below;
};

struct fwd6 {
	struct C5 below;
};

struct fwd7 {
	struct C6 below;
};

struct fwd8 {
	struct C7 below;
};

#endif
