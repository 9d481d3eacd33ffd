/* SPDX-License-Identifier: MIT */
/*
 * random_rdrand.h - RANDOM: the CPU's RDRAND instruction.  Stateless;
 * connect fails with -ENODEV on a CPU without it (CPUID.01H:ECX bit 30;
 * qemu: use -cpu max).
 */
#ifndef MIRC_DEV_RANDOM_RDRAND_H
#define MIRC_DEV_RANDOM_RDRAND_H

#include <stddef.h>

int random_rdrand_connect(void);
/* Fill buf with len bytes from RDRAND; never returns without having
 * done so (the program aborts, with a log line, if RDRAND keeps
 * failing). */
void random_rdrand_fill(void *buf, size_t len);

#endif
