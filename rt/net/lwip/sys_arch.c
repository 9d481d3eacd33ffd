/* SPDX-License-Identifier: MIT */
/*
 * sys_arch.c - what lwIP (NO_SYS=1) asks of its platform, from mirc's
 * runtime: the millisecond clock of its timeouts and the log behind
 * LWIP_PLATFORM_DIAG and LWIP_PLATFORM_ASSERT (arch/cc.h).  The random
 * numbers come from the direct stack's RANDOM device (direct_stack.c).
 *
 * Compiled with lwIP's include path (the Makefile adds it with any
 * "@lwip/" source), so it is listed in the direct stack's sources.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/opt.h"
#include "lwip/sys.h"
#include "mirc/rt.h"

/* The compiler's byte order is lwIP's (arch/cc.h); a C library that
 * defined BYTE_ORDER otherwise would break every header field. */
_Static_assert((BYTE_ORDER == BIG_ENDIAN) ==
	       (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__),
	       "lwIP's BYTE_ORDER is not the compiler's");

/*
 * lwIP's clock: milliseconds, from the runtime's monotonic clock.  It
 * wraps after 49 days; lwIP compares times by difference, which the wrap
 * does not disturb.
 */
u32_t sys_now(void)
{
	return (u32_t)(mirc_now_ns() / 1000000u);
}

void mirc_lwip_diag(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	if (!mirc_log_enabled(MIRC_LOG_DEBUG, "lwip"))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	mirc_log(MIRC_LOG_DEBUG, "lwip", "%s", line);
}

_Noreturn void mirc_lwip_assert(const char *msg, const char *file, int line)
{
	mirc_log(MIRC_LOG_ERROR, "lwip", "assertion failed: %s (%s:%d)", msg,
		 file, line);
	abort();
}
