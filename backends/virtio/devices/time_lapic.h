/* SPDX-License-Identifier: MIT */
/*
 * time_lapic.h - TIME on the runtime's event loop, which sleeps in hlt
 * until the local APIC's one-shot timer fires (calibrated against the PIT
 * at boot).  Stateless: the timers belong to the runtime.
 */
#ifndef MIRC_DEV_TIME_LAPIC_H
#define MIRC_DEV_TIME_LAPIC_H

#include <stdint.h>

#include "mirc/rt.h"

/* Call done(arg) from the event loop once ns nanoseconds have passed. */
void time_lapic_sleep_ns(uint64_t ns, mirc_cb done, void *arg);

#endif
