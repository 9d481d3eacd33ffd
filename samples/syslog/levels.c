/* SPDX-License-Identifier: MIT */
/*
 * levels.c - the job of samples/syslog: one log line at each level, and
 * one longer than a syslog datagram carries (the reporter cuts it), then
 * the program ends once the reporter's datagrams are sent.
 */
#include <string.h>

#include "mirc.h"

int levels_start(void)
{
	char big[1500];

	mirc_log_err("an error line");
	mirc_log_warn("a warning line");
	mirc_log_info("an info line: %d + %d = %d", 2, 2, 4);
	mirc_log_debug("a debug line");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	mirc_log_info("%s", big);
	return 0;
}
