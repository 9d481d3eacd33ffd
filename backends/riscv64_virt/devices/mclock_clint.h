/* SPDX-License-Identifier: MIT */
/*
 * mclock_clint.h - MCLOCK: the CLINT's mtime (10 MHz, from reset), the
 * clock of the runtime's timers.  Stateless.
 */
#ifndef MIRC_DEV_MCLOCK_CLINT_H
#define MIRC_DEV_MCLOCK_CLINT_H

#include <stdint.h>

/* Nanoseconds since reset, in steps of 100 ns. */
uint64_t mclock_clint_elapsed_ns(void);

#endif
