/* SPDX-License-Identifier: MIT */
/*
 * time_clint.h - TIME on the runtime's event loop, which sleeps in wfi
 * until the CLINT timer interrupt (mtimecmp).  Stateless: the timers
 * belong to the runtime.
 */
#ifndef MIRC_DEV_TIME_CLINT_H
#define MIRC_DEV_TIME_CLINT_H

#include <stdint.h>

#include "mirc/rt.h"

/* Call done(arg) from the event loop once ns nanoseconds have passed. */
void time_clint_sleep_ns(uint64_t ns, mirc_cb done, void *arg);

#endif
