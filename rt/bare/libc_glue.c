/* SPDX-License-Identifier: MIT */
/*
 * libc_glue.c - the rt/src/platform.h functions a bare-metal board with a
 * full malloc and strerror gets from its C library (riscv64_virt and
 * virtio link rt/libc): the runtime's memory and its error texts.  A
 * board whose C library is too large for that (cortex_m3, with
 * newlib-nano: a bump allocator over the break and a table of its own)
 * leaves this file out and writes the two itself.
 */
#include <stdlib.h>
#include <string.h>

#include "platform.h"

void *platform_realloc(void *p, size_t old, size_t size)
{
	(void)old;		/* the C library's heap keeps block sizes */
	if (size == 0) {
		free(p);
		return NULL;
	}
	return realloc(p, size);
}

const char *platform_strerror(int err)
{
	return strerror(err);
}
