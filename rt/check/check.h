/* SPDX-License-Identifier: MIT */
/*
 * check.h - what mirc calls of the runtime core at configure time: the
 * core (rt/src) linked with the platform of this directory, which runs
 * nothing and keeps what the core prints.
 */
#ifndef MIRC_CHECK_H
#define MIRC_CHECK_H

#include "mirc/args.h"
#include "mirc/rt.h"
#include "../src/core.h"	/* mirc_rt_check_args() */

/* Everything the core printed since the last call, NUL-terminated (cut
 * at 1 KiB); the buffer is static and valid until the next call. */
const char *mirc_check_console_take(void);

#endif
