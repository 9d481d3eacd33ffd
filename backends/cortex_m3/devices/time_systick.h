/* SPDX-License-Identifier: MIT */
/*
 * time_systick.h - TIME on the runtime's event loop, which runs on
 * SysTick (1 kHz interrupts at the 25 MHz core clock) and sleeps in wfi.
 * Stateless: the timers belong to the runtime.
 */
#ifndef MIRC_DEV_TIME_SYSTICK_H
#define MIRC_DEV_TIME_SYSTICK_H

#include <stdint.h>

#include "mirc/rt.h"

/* Call done(arg) from the event loop once ns nanoseconds have passed. */
void time_systick_sleep_ns(uint64_t ns, mirc_cb done, void *arg);

#endif
