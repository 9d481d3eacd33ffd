/* SPDX-License-Identifier: MIT */
/* dev.h - the states of the DEV impls of tests/configure/inputs/broken. */
#ifndef BROKEN_DEV_H
#define BROKEN_DEV_H

struct first { int id; };
struct second { struct DEV below; int id; };
struct third { struct DEV below; int id; };

#endif
