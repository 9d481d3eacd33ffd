/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int boot_log_connect(struct boot_log *self, const char *tag)
{
	self->tag = tag;
	mirc_log_info("up: %s", tag);
	mirc_log_debug("details of %s", tag);
	return 0;
}

void boot_log_note(struct boot_log *self, const char *what)
{
	mirc_log_info("%s: %s", self->tag, what);
}
