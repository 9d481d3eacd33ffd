/* SPDX-License-Identifier: MIT */
/*
 * mclock_systick.h - MCLOCK: time since boot from SysTick (milliseconds
 * counted by its interrupt plus its counter: 40 ns steps).  Stateless.
 */
#ifndef MIRC_DEV_MCLOCK_SYSTICK_H
#define MIRC_DEV_MCLOCK_SYSTICK_H

#include <stdint.h>

/* Nanoseconds since reset; never goes backwards. */
uint64_t mclock_systick_elapsed_ns(void);

#endif
