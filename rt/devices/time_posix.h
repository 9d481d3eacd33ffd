/* SPDX-License-Identifier: MIT */
/*
 * time_posix.h - TIME on the runtime's event loop (CLOCK_MONOTONIC and
 * poll(2) on posix).  Stateless: the timers belong to the runtime.
 */
#ifndef MIRC_DEV_TIME_POSIX_H
#define MIRC_DEV_TIME_POSIX_H

#include <stdint.h>

#include "mirc/rt.h"

/* Call done(arg) from the event loop once ns nanoseconds have passed. */
void time_posix_sleep_ns(uint64_t ns, mirc_cb done, void *arg);

#endif
