/* SPDX-License-Identifier: MIT */
/*
 * errno.c - errno and strerror() of mirc's freestanding C library.
 *
 * The messages are errtext.c's, the one table every bare-metal board
 * prints from (platform_strerror() on the boards that link picolibc).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "errtext.h"

int mirc_libc_errno;

char *strerror(int err)
{
	/* The standard's type is char *; the text is never written
	 * through it. */
	return (char *)(uintptr_t)errtext(err);
}
